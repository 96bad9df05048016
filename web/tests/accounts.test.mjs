// Issue 20: the admin keeps the accounts in the browser, as `vangnet user` does: adds a practice
// user with their practice, sees second factor and last login, sets a password, blocks and
// unblocks; a blocked account cannot log in. Screenshot: web/test-artifacts/accounts.png.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { apiLogin, artifacts, demoSession, totpCode } from "./support.mjs";

const PASSWORD = "accounts-wachtwoord-123";
let session, page, baseUrl;

before(async () => {
  session = await demoSession({ prefix: "vangnet-accounts-", password: PASSWORD, accounts: [["accounts-beheerder", "admin"], ["accounts-coordinator", "coordinator"]] });
  ({ page, baseUrl } = session);
});

after(async () => {
  await session?.close();
});

test("an admin adds, blocks and unblocks an account, and sets its password", async () => {
  await session.login("accounts-beheerder");
  await page.getByRole("link", { name: "Accounts" }).click();
  await page.getByRole("heading", { name: "Accounts", exact: true }).waitFor();
  // The admin's own row: second factor set up, logged in just now.
  const own = page.locator("table.accounts tr").filter({ hasText: "accounts-beheerder" });
  assert.match(await own.innerText(), /Beheerder\s+–\s+ja\s+\d/);
  // Their own second factor is not theirs to reset here: no button, a line that says who can.
  assert.equal(await own.getByRole("button", { name: "Tweede factor resetten" }).count(), 0);
  await own.getByText("Uw eigen tweede factor herstelt een andere beheerder").waitFor();

  await page.getByLabel("Gebruikersnaam", { exact: true }).fill("nieuwe-praktijk");
  await page.getByLabel("Naam", { exact: true }).fill("Nina Nieuw");
  await page.getByLabel("Rol", { exact: true }).selectOption("practice_user");
  await page.getByLabel("Praktijken (AGB, met komma's)").fill("01051037");
  await page.getByLabel("Tijdelijk wachtwoord (minstens 10 tekens)").fill("kort");
  await page.getByRole("button", { name: "Account toevoegen" }).click();
  await page.locator("#toast").getByText(/10/).waitFor();  // too short: said, nothing added
  assert.equal(await page.locator("table.accounts tr").filter({ hasText: "nieuwe-praktijk" }).count(), 0);
  await page.getByLabel("Tijdelijk wachtwoord (minstens 10 tekens)").fill("tijdelijk-wachtwoord-1");
  await page.getByRole("button", { name: "Account toevoegen" }).click();
  const row = page.locator("table.accounts tr").filter({ hasText: "nieuwe-praktijk" });
  await row.waitFor();
  assert.match(await row.innerText(), /Praktijkgebruiker\s+01051037\s+nee\s+nooit\s+actief/);

  await row.getByRole("button", { name: "Blokkeren" }).click();
  await row.getByText("geblokkeerd").waitFor();
  const blocked = await fetch(`${baseUrl}/api/v1/session`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ username: "nieuwe-praktijk", password: "tijdelijk-wachtwoord-1" }) });
  assert.ok(blocked.status >= 400, `a blocked account cannot log in (${blocked.status})`);
  await row.getByRole("button", { name: "Deblokkeren" }).click();
  await row.getByText("actief").waitFor();
  await row.locator("summary", { hasText: "Wachtwoord instellen" }).click();
  await row.getByLabel("Nieuw wachtwoord: nieuwe-praktijk").fill("ander-wachtwoord-22");
  // Setting someone's password asks a fresh code of the admin's own second factor: a session
  // alone cannot take an account over.
  await row.getByRole("button", { name: "Wachtwoord instellen" }).click();
  await page.locator("#toast").getByText(/code uit uw authenticator-app/).waitFor();
  const refused = await fetch(`${baseUrl}/api/v1/session`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ username: "nieuwe-praktijk", password: "ander-wachtwoord-22" }) });
  assert.equal(refused.status, 401, "without the code the password was not set");
  await page.getByLabel("Code uit uw authenticator-app").fill(await totpCode(`${baseUrl}|accounts-beheerder`));
  await row.getByRole("button", { name: "Wachtwoord instellen" }).click();
  await page.locator("#toast").getByText("Wachtwoord ingesteld").waitFor();
  const again = await fetch(`${baseUrl}/api/v1/session`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ username: "nieuwe-praktijk", password: "ander-wachtwoord-22" }) });
  assert.equal(again.status, 200, "the new password works (the second factor comes next)");
  await page.screenshot({ path: join(artifacts, "accounts.png"), fullPage: true });
});

test("a coordinator has no accounts page", async () => {
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await session.login("accounts-coordinator");
  assert.equal(await page.getByRole("link", { name: "Accounts" }).count(), 0);
  await page.goto(baseUrl + "/#/accounts");
  await page.getByText("niet beschikbaar voor uw rol", { exact: false }).first().waitFor();
  const { cookie, csrf_token } = await apiLogin(baseUrl, "accounts-coordinator", PASSWORD);
  const refused = await fetch(`${baseUrl}/api/v1/users`, { method: "POST", headers: { Cookie: cookie, "X-CSRF-Token": csrf_token, "Content-Type": "application/json" }, body: JSON.stringify({ username: "x-y", role: "admin", password: "wachtwoord-123456" }) });
  assert.equal(refused.status, 403);
});
