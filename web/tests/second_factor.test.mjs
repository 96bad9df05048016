// Two factors for every account (issue 17): the first login sets up an authenticator app from a
// QR code and shows ten recovery codes once; later logins ask for the app's code; a wrong or
// reused code is refused in Dutch, a recovery code works once. Codes come from oathtool, not
// from vangnet. Real `vangnet serve` (second factor required, the default), headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { artifacts, demoSession, rememberSecret, totpCode } from "./support.mjs";

const PASSWORD = "tweede-factor-wachtwoord";
let session, page, baseUrl;

before(async () => {
  session = await demoSession({
    prefix: "vangnet-2fa-",
    password: PASSWORD,
    accounts: [["tf-coordinator", "coordinator"]],
  });
  ({ page, baseUrl } = session);
});

after(async () => {
  await session?.close();
});

async function password() {
  await page.goto(baseUrl + "/");
  await page.getByLabel("Gebruikersnaam").fill("tf-coordinator");
  await page.getByLabel("Wachtwoord").fill(PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
}

test("the first login sets up the app from a QR code, then shows the recovery codes once", async () => {
  await password();
  await page.getByRole("heading", { name: "Tweede factor instellen" }).waitFor();
  const qr = page.getByRole("img", { name: "QR-code voor uw authenticator-app" });
  await qr.waitFor();
  assert.equal(await qr.evaluate((el) => el.tagName.toLowerCase()), "svg");
  const secret = await page.locator("code.secret").getAttribute("data-secret");
  assert.match(secret, /^[A-Z2-7]{32}$/);
  await page.screenshot({ path: join(artifacts, "tweede-factor-instellen.png"), fullPage: true });
  // A wrong code is refused, in Dutch, and nothing is set up.
  await page.getByLabel("Code (6 cijfers) of herstelcode").fill("000000");
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await page.getByRole("alert").filter({ hasText: "de code klopt niet" }).waitFor();
  rememberSecret(baseUrl, "tf-coordinator", secret);
  await page.getByLabel("Code (6 cijfers) of herstelcode").fill(await totpCode(`${baseUrl}|tf-coordinator`));
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await page.getByRole("heading", { name: "Bewaar uw herstelcodes" }).waitFor();
  const codes = await page.locator(".recovery-codes li").allTextContents();
  assert.equal(codes.length, 10);
  await page.screenshot({ path: join(artifacts, "tweede-factor-herstelcodes.png"), fullPage: true });
  await page.getByRole("button", { name: "Ik heb de codes bewaard, verder" }).click();
  await page.getByRole("navigation").waitFor();

  // Next time: the code from the app; and a recovery code works exactly once.
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await password();
  await page.getByRole("heading", { name: "Tweede stap: code uit uw app" }).waitFor();
  await page.getByLabel("Code (6 cijfers) of herstelcode").fill(codes[0]);
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await page.getByRole("navigation").waitFor();
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await password();
  await page.getByLabel("Code (6 cijfers) of herstelcode").fill(codes[0]);
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await page.getByRole("alert").filter({ hasText: "de code klopt niet" }).waitFor();
  await page.getByLabel("Code (6 cijfers) of herstelcode").fill(await totpCode(`${baseUrl}|tf-coordinator`));
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await page.getByRole("navigation").waitFor();
});
