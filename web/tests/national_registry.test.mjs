// A national registry (4,874 practices, tens of thousands of people) in the browser: the list
// pages through every practice, and a practice far down the list shows its team and contract
// partners by name, because the page asks only for what it shows. Real `vangnet serve` on
// 127.0.0.1 with `vangnet demo --national`, headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { artifacts, demoSession } from "./support.mjs";

let session, page, baseUrl;

before(async () => {
  session = await demoSession({
    prefix: "vangnet-national-",
    password: "landelijk-wachtwoord-123",
    accounts: [["landelijk-coordinator", "coordinator"]],
    demoArgs: ["--national"],
  });
  ({ page, baseUrl } = session);
});

after(async () => {
  await session?.close();
});

test("the practice list pages through all 4,874 practices", async () => {
  await session.login("landelijk-coordinator");
  await page.goto(baseUrl + "/#/praktijken");
  await page.getByText("1-100 van 4.874 praktijken").waitFor();
  assert.equal(await page.locator("table.list tbody tr").count(), 100);
  await page.getByRole("button", { name: "Volgende" }).click();
  await page.getByText("101-200 van 4.874 praktijken").waitFor();
  assert.ok(page.url().includes("offset=100"), "the page is kept in the address");
  // A search starts again at the first page and narrows the count.
  await page.getByLabel("Zoeken").fill("Groningen");
  await page.locator("p.muted", { hasText: /praktijken/ }).filter({ hasNotText: "4.874" }).waitFor();
  const shown = await page.locator("p.muted", { hasText: /praktijken/ }).innerText();
  assert.match(shown, /^(\d+ praktijken|1-100 van [\d.]+ praktijken)$/);
  await page.screenshot({ path: join(artifacts, "national-practice-list.png") });
});

test("a practice beyond the first thousand shows its team and partners by name", async () => {
  const target = await page.evaluate(async () => {
    const list = await (await fetch("/api/v1/practices?limit=1&offset=4000")).json();
    return list.items[0];
  });
  await page.goto(`${baseUrl}/#/praktijken/${target.id}`);
  await page.getByRole("heading", { name: target.name }).waitFor();
  const team = page.locator("section", { has: page.getByRole("heading", { name: "Team" }) });
  await team.locator("tbody tr").first().waitFor();
  const teamText = await team.innerText();
  const names = await page.evaluate(async (agb) => {
    const team = await (await fetch(`/api/v1/affiliations?practice_agb=${agb}`)).json();
    const codes = team.items.map((a) => `code=${a.person_code}`).join("&");
    return (await (await fetch(`/api/v1/people?${codes}`)).json()).items.map((p) => p.name);
  }, target.agb);
  assert.ok(names.length > 0);
  for (const name of names) assert.ok(teamText.includes(name), `${name} in the team: ${teamText.slice(0, 300)}`);
  const contracts = page.locator("section", { has: page.getByRole("heading", { name: "Continuïteitscontracten" }) });
  const contractText = await contracts.innerText();
  assert.match(contractText, /Huisartsenpraktijk|Gezondheidscentrum/, `partners by name: ${contractText.slice(0, 300)}`);
  await page.screenshot({ path: join(artifacts, "national-practice-page.png"), fullPage: true });
});
