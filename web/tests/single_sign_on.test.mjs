// Single sign-on (issue 17): a coordinator logs in with the organisation's account at a real
// OpenID provider (npm oidc-provider on 127.0.0.1) in Chromium, through `vangnet serve --sso`.
// A forged token, a token for another application, an expired token, a replayed callback, an
// account without a role and a login without a second factor are each refused, in Dutch.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SignJWT, decodeJwt, generateKeyPair, importJWK } from "jose";
import { artifacts, demoSession, vangnet } from "./support.mjs";
import { startOidcProvider } from "./oidc_provider.mjs";

const CLIENT = "vangnet";
const SECRET = "geheim-van-vangnet-bij-de-zorggroep-0123456789";
const LABEL = "Inloggen met uw Zorggroep-account";
let session, page, baseUrl, provider, practiceAgb;

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

before(async () => {
  const port = await freePort();
  const redirectUri = `http://127.0.0.1:${port}/api/v1/session/sso/callback`;
  provider = await startOidcProvider({ clientId: CLIENT, clientSecret: SECRET, redirectUri });
  session = await demoSession({
    prefix: "vangnet-sso-",
    password: "sso-wachtwoord-123",
    accounts: [],
    port,
    prepare: (db, work) => {
      // A practice of the demo region for the practice group's rule.
      vangnet(["export", "--db", db, join(work, "export")]);
      practiceAgb = readFileSync(join(work, "export", "practices.csv"), "utf8").split("\n")[1].split(",")[0];
      writeFileSync(join(work, "client-secret.txt"), SECRET + "\n");
      writeFileSync(join(work, "sso.yaml"), [
        `issuer: ${provider.issuer}`,
        `client_id: ${CLIENT}`,
        "client_secret_file: client-secret.txt",
        `redirect_uri: ${redirectUri}`,
        "scopes: [openid, profile]",
        `label: ${LABEL}`,
        "roles:",
        "  - {claim: groups, value: vangnet-coordinatoren, role: coordinator}",
        `  - {claim: groups, value: praktijk-01234567, role: practice_user, practices: ["${practiceAgb}"]}`,
        "",
      ].join("\n"));
      return ["--sso", join(work, "sso.yaml")];
    },
  });
  ({ page, baseUrl } = session);
});

after(async () => {
  await session?.close();
  await provider?.close();
});

beforeEach(async () => {
  provider.setTamper(null);
  await session.context.clearCookies();  // vangnet's session and the provider's
});

// Through the login page, the provider's form and back; resolves when vangnet shows either the
// app (its navigation) or the login page again (with its alert).
async function signIn(login) {
  await page.goto(baseUrl + "/");
  await page.getByRole("link", { name: LABEL }).click();
  await page.getByRole("heading", { name: "Zorggroep" }).waitFor();
  await page.getByLabel("Naam").fill(login);
  await page.getByLabel("Wachtwoord").fill("wat-de-zorggroep-ook-vraagt");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL((url) => url.origin === baseUrl);
  await Promise.race([page.getByRole("navigation").waitFor(), page.getByRole("alert").filter({ hasText: /\S/ }).waitFor()]);
}

async function refusal() {
  const alert = page.getByRole("alert").filter({ hasText: /\S/ });
  await alert.waitFor();
  assert.equal(await page.getByRole("navigation").count(), 0, "no session after a refusal");
  return alert.textContent();
}

// The ID token in the provider's answer, re-signed with other claims or another key.
async function resign(token, { claims = {}, key = null }) {
  const signingKey = key ?? (await importJWK(provider.signingJwk, "RS256"));
  return new SignJWT({ ...decodeJwt(token), ...claims })
    .setProtectedHeader({ alg: "RS256", kid: provider.signingJwk.kid, typ: "JWT" })
    .sign(signingKey);
}

test("a coordinator logs in with the organisation's account and lands in vangnet", async () => {
  await page.goto(baseUrl + "/");
  const button = page.getByRole("link", { name: LABEL });
  await button.waitFor();
  await page.screenshot({ path: join(artifacts, "sso-inloggen.png"), fullPage: true });
  const callbacks = [];
  page.on("request", (request) => { if (request.url().includes("/sso/callback")) callbacks.push(request.url()); });
  await signIn("coordinator@zorggroep.test");
  await page.getByText("Carla Coördinator · Coördinator").waitFor();
  await page.screenshot({ path: join(artifacts, "sso-ingelogd.png"), fullPage: true });
  const who = await page.evaluate(async () => (await fetch("/api/v1/session")).json());
  assert.equal(who.user.role, "coordinator");
  // An account of its own: the demo region's local "coordinator" is not taken over.
  assert.equal(who.user.username, "coordinator-2");

  // The same callback again (a replayed state and code): refused, no session.
  assert.equal(callbacks.length, 1);
  const replay = await fetch(callbacks[0], { redirect: "manual" });
  assert.equal(replay.status, 303);
  assert.equal(replay.headers.get("location"), "/?sso_fout=state");
  assert.ok(!(replay.headers.get("set-cookie") ?? "").includes("vangnet_session="));
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await page.goto(callbacks[0]);
  assert.match(await refusal(), /verlopen of al gebruikt/);
});

test("a practice user gets the practice their organisation's group stands for", async () => {
  await signIn("praktijk@zorggroep.test");
  const who = await page.evaluate(async () => (await fetch("/api/v1/session")).json());
  assert.equal(who.user.role, "practice_user");
  assert.deepEqual(who.user.practice_agbs, [practiceAgb]);
});

test("a forged token is refused", async () => {
  const { privateKey } = await generateKeyPair("RS256");
  provider.setTamper((token) => resign(token, { key: privateKey }));
  await signIn("coordinator@zorggroep.test");
  assert.match(await refusal(), /klopte niet en is geweigerd \(reden: signature\)/);
  await page.screenshot({ path: join(artifacts, "sso-geweigerd.png"), fullPage: true });
});

test("a token for another application is refused", async () => {
  provider.setTamper((token) => resign(token, { claims: { aud: "een-andere-app" } }));
  await signIn("coordinator@zorggroep.test");
  assert.match(await refusal(), /reden: aud/);
});

test("an expired token is refused", async () => {
  const now = Math.floor(Date.now() / 1000);
  provider.setTamper((token) => resign(token, { claims: { iat: now - 7200, exp: now - 3600 } }));
  await signIn("coordinator@zorggroep.test");
  assert.match(await refusal(), /reden: exp/);
});

test("an organisation account without a vangnet role, or without a second factor, gets no session", async () => {
  await signIn("zonderrol@zorggroep.test");
  assert.match(await refusal(), /geen rol in vangnet/);
  await session.context.clearCookies();
  await signIn("eenfactor@zorggroep.test");
  assert.match(await refusal(), /zonder tweede factor/);
});
