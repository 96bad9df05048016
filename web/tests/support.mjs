// Shared by the browser and alarm tests: the vangnet binary, a `vangnet serve` on 127.0.0.1 with
// its address, and headless Chromium set up as the project requires (fresh profile, Dutch,
// Europe/Amsterdam, nothing fetched from outside 127.0.0.1).
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, "..", "..");
export const binary = process.env.VANGNET_BINARY ?? join(root, "build", "vangnet");
export const artifacts = join(here, "..", "test-artifacts");
export const env = { ...process.env, VANGNET_PASSWORD_COST: "minimum" };

export function vangnet(args, input) {
  return execFileSync(binary, args, { env, input, encoding: "utf8" });
}

// Starts `vangnet serve` on a free port; resolves with the child process and its base URL.
// `port` 0 lets the system choose.
export function startServer(db, extraArgs = [], port = 0) {
  const server = spawn(binary, ["serve", "--db", db, "--listen", `127.0.0.1:${port}`, "--web", join(root, "web", "dist"), ...extraArgs], { env });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("server did not start: " + out)), 15000);
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const match = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (match) {
        clearTimeout(timer);
        resolve({ server, baseUrl: `http://127.0.0.1:${match[1]}` });
      }
    });
    server.on("exit", (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

// Headless Chromium with a fresh profile in `profileDir`; every request that would leave
// 127.0.0.1 is aborted and reported to `onBlocked`.
export async function launchBrowser(profileDir, viewport, onBlocked = () => {}) {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
    viewport,
    locale: "nl-NL",
    timezoneId: "Europe/Amsterdam",
  });
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1" || url.protocol === "data:") return route.continue();
    onBlocked(url.href);
    return route.abort();
  });
  return context;
}

// Second factors: the TOTP secret of each account (by server and username), learnt at
// enrolment, and the last time step used, since a code is accepted only once.
const secrets = new Map();
const lastStep = new Map();

// A fresh TOTP code for this account, computed by oathtool (RFC 6238, independent of vangnet).
// The server accepts the step before and after the current one; a third login within the same
// half minute waits for the next step.
export async function totpCode(key) {
  const secret = secrets.get(key);
  assert.ok(secret, `no second-factor secret known for ${key}`);
  let now = Math.floor(Date.now() / 1000 / 30);
  const want = Math.max(now, (lastStep.get(key) ?? -1) + 1);
  if (want > now + 1) await new Promise((r) => setTimeout(r, ((want - 1) * 30 - Date.now() / 1000) * 1000 + 200));
  lastStep.set(key, want);
  return execFileSync("oathtool", ["--totp", "-b", secret, "-N", `@${want * 30}`], { encoding: "utf8" }).trim();
}

export function rememberSecret(baseUrl, username, secret) {
  secrets.set(`${baseUrl}|${username}`, secret);
}

// Logs in through the API as a script would: password, then (enrolling the first time) a code.
// Resolves with the session cookie and CSRF token.
export async function apiLogin(baseUrl, username, password) {
  const post = (path, body) =>
    fetch(`${baseUrl}/api/v1${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  let res = await post("/session", { username, password });
  assert.equal(res.status, 200);
  let body = await res.json();
  if (body.pending) {
    const key = `${baseUrl}|${username}`;
    if (body.second_factor === "enrol") {
      const enrolment = await (await post("/session/enrolment", { pending: body.pending })).json();
      secrets.set(key, enrolment.secret);
    }
    res = await post("/session/second-factor", { pending: body.pending, code: await totpCode(key) });
    assert.equal(res.status, 200, await res.clone().text());
    body = await res.json();
  }
  return { cookie: res.headers.get("set-cookie").split(";")[0], csrf_token: body.csrf_token };
}

// Logs in through the login page, as a user would: password, then the code from the app (the
// first time: set the app up from the QR code's key, and pass the recovery codes); waits for
// the app's navigation.
export async function logIn(page, baseUrl, username, password) {
  await page.goto(baseUrl + "/");
  await page.getByLabel("Gebruikersnaam").fill(username);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  const code = page.getByLabel("Code (6 cijfers) of herstelcode");
  const nav = page.getByRole("navigation");
  await Promise.race([nav.waitFor(), code.waitFor()]);
  if (await code.isVisible()) {
    const key = `${baseUrl}|${username}`;
    const shown = page.locator("code.secret");
    if (await shown.count()) secrets.set(key, await shown.getAttribute("data-secret"));
    await code.fill(await totpCode(key));
    await page.getByRole("button", { name: "Bevestigen" }).click();
    const keep = page.getByRole("button", { name: "Ik heb de codes bewaard, verder" });
    await Promise.race([nav.waitFor(), keep.waitFor()]);
    if (await keep.isVisible()) await keep.click();
  }
  await nav.waitFor();
}

// The usual set-up of a page test: the demo region in a fresh folder, the given accounts
// ([username, role, extra arguments]), `prepare(db)` for anything else the test needs, then
// `vangnet serve` and a browser page. `close()` stops both and removes the folder; `blocked`
// lists every request that tried to leave 127.0.0.1.
// `prepare(db, work)` may return arguments for `vangnet serve`; `port` 0 lets the system choose.
// `demoArgs` go to `vangnet demo` (e.g. ["--national"]).
export async function demoSession({ prefix, password, accounts, prepare = () => {}, viewport = { width: 1280, height: 900 }, port = 0, demoArgs = [] }) {
  mkdirSync(artifacts, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), prefix));
  const db = join(work, "v.db");
  vangnet(["demo", "--db", db, ...demoArgs]);
  for (const [username, role, extra = []] of accounts) {
    vangnet(["user", "add", username, "--db", db, "--role", role, ...extra, "--password-stdin"], password + "\n");
  }
  const serverArgs = prepare(db, work) ?? [];
  const { server, baseUrl } = await startServer(db, serverArgs, port);
  const blocked = [];
  const context = await launchBrowser(join(work, "profile"), viewport, (url) => blocked.push(url));
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    db,
    baseUrl,
    page,
    context,
    blocked,
    login: (username) => logIn(page, baseUrl, username, password),
    async close() {
      await context.close();
      server.kill("SIGTERM");
      rmSync(work, { recursive: true, force: true });
    },
  };
}
