// Issue 20: the registry kept in the browser, without the command line. A coordinator builds a
// new practice, its holder, the team link, a continuity contract and a crisis role with the
// register forms; a wrong value is refused at its field; removing the practice is refused with
// what still depends on it. A practice user adds to their own team only.
// Screenshots: web/test-artifacts/register-*.png.
import { test, before, after } from "node:test";
import { amsterdamDisplayDate } from "../src/ui/amsterdam_time.js";
import assert from "node:assert/strict";
import { join } from "node:path";
import { artifacts, demoSession } from "./support.mjs";

const PASSWORD = "register-wachtwoord-123";
let session, page, baseUrl;

before(async () => {
  session = await demoSession({
    prefix: "vangnet-register-",
    password: PASSWORD,
    accounts: [
      ["register-coordinator", "coordinator"],
      ["register-praktijk", "practice_user", ["--practice", "01051037"]],
    ],
  });
  ({ page, baseUrl } = session);
});

after(async () => {
  await session?.close();
});

const save = () => page.getByRole("button", { name: "Opslaan" }).click();
const field = (name) => page.getByLabel(new RegExp(`^${name}( \\*)?$`));

test("a coordinator builds a practice with its team, a contract and a crisis role", async () => {
  await session.login("register-coordinator");
  await page.getByRole("link", { name: "Praktijken" }).click();
  await page.getByRole("link", { name: "Register bijhouden" }).click();
  await page.getByRole("heading", { name: "Register bijhouden" }).waitFor();
  await page.getByRole("link", { name: "Praktijken", exact: true }).last().click();
  await page.getByRole("link", { name: "Nieuw: praktijk" }).click();

  await field("AGB-code").fill("01059999");
  await field("Naam").fill("Huisartsenpraktijk Proefweg");
  await field("Postcode").fill("6211");
  await field("Ingeschreven patiënten").fill("70000");
  // The hagro is picked from the list by its code; the list shows the names.
  const groups = await page.locator("#field-gp_group_code-list option").evaluateAll((all) => all.map((o) => [o.value, o.textContent]));
  assert.ok(groups.length > 0 && groups.every(([code, text]) => code && text), JSON.stringify(groups));
  await field("Hagro").fill(groups[0][0]);
  await save();
  // Refused at the field, in Dutch; nothing saved.
  await page.locator("#field-registered_patients-error").getByText(/60000/).waitFor();
  await page.screenshot({ path: join(artifacts, "register-refused.png"), fullPage: true });
  await field("Ingeschreven patiënten").fill("2100");
  await save();
  await page.waitForURL(/#\/register\/practices\/\d+$/);
  await page.locator("#toast").getByText("Opgeslagen.").waitFor();

  // Its holder: a new person, then the team link from the practice's own page.
  await page.goto(baseUrl + "/#/register/people/nieuw");
  await field("Code").fill("HA-PROEF");
  await field("Naam").fill("Petra Proefarts");
  await field("Geboortejaar").fill("1979");
  await save();
  await page.waitForURL(/#\/register\/people\/\d+$/);

  await page.goto(baseUrl + "/#/praktijken?q=01059999");
  await page.locator("table.list tbody tr a").first().click();
  await page.getByRole("link", { name: "Team bijhouden" }).click();
  await page.getByRole("link", { name: "Nieuw: werkrelatie" }).click();
  assert.equal(await field("Praktijk").inputValue(), "01059999", "the practice is filled in");
  await field("Persoon").fill("HA-PROEF");
  await field("Rol").selectOption("holder");
  await field("Fte").fill("1");
  await save();
  await page.waitForURL(/#\/register\/affiliations\/\d+$/);

  await page.goto(baseUrl + "/#/register/contracts/nieuw");
  await field("Praktijk A").fill("01059999");
  await field("Praktijk B").fill("01051037");
  await field("Sinds").fill("2026-11-01");
  await save();
  await page.waitForURL(/#\/register\/contracts\/\d+$/);

  await page.goto(baseUrl + "/#/register/crisis-roles/nieuw");
  await field("Code").fill("CR-PROEF");
  await field("Soort").selectOption({ index: 1 });
  await field("Primair").fill("HA-PROEF");
  await save();
  await page.waitForURL(/#\/register\/crisis-roles\/\d+$/);

  // The practice page shows the new team and contract.
  await page.goto(baseUrl + "/#/praktijken?q=01059999");
  await page.locator("table.list tbody tr a").first().click();
  await page.getByRole("cell", { name: "Petra Proefarts" }).waitFor();
  await page.locator("section.card").filter({ hasText: "Continuïteitscontract" }).getByRole("link", { name: /Kastanjeplein/ }).waitFor();
  // The yearly review is recorded in place (seed 000 §4), and the date shows at once.
  const contracts = page.locator("section.card").filter({ hasText: "Laatst geëvalueerd" });
  assert.match(await contracts.innerText(), /Laatst geëvalueerd: nooit/);
  await contracts.getByRole("button", { name: "Vandaag geëvalueerd" }).click();
  await page.locator("#toast").getByText("Evaluatie van het contract vastgelegd (vandaag)").waitFor();
  const today = amsterdamDisplayDate();
  await contracts.getByText(`Laatst geëvalueerd: ${today}`).waitFor();
  assert.equal(await contracts.getByRole("button", { name: "Vandaag geëvalueerd" }).count(), 0);
  await page.screenshot({ path: join(artifacts, "register-practice.png"), fullPage: true });

  // Removing the person is refused with what depends on them; the person stays.
  await page.goto(baseUrl + "/#/register/people?q=HA-PROEF");
  await page.locator("table.list tbody tr a").first().click();
  await page.getByRole("button", { name: "Verwijderen" }).click();
  await page.getByRole("button", { name: /Zeker weten\?/ }).click();
  await page.locator("#toast").getByText(/is nog in gebruik/).waitFor();
  const refusal = await page.locator("#toast").innerText();
  assert.match(refusal, /HA-PROEF is nog in gebruik: 1 werkrelatie .*1 crisisrol/);
  await page.goto(baseUrl + "/#/register/people?q=HA-PROEF");
  await page.locator("table.list tbody tr").first().getByText("HA-PROEF").waitFor();

  // From the person's side: their practices, through what refers to them.
  await page.locator("table.list tbody tr a").first().click();
  await page.getByRole("link", { name: "Werkrelaties (persoon)" }).click();
  await page.waitForURL(/#\/register\/affiliations\?person_code=HA-PROEF$/);
  await page.locator("table.list tbody tr").filter({ hasText: "01059999" }).waitFor();
  assert.equal(await page.locator("table.list tbody tr").count(), 1);
});

test("a practice user adds a team member to their own practice only", async () => {
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await session.login("register-praktijk");
  await page.goto(baseUrl + "/#/register/people/nieuw");
  await field("Code").fill("DA-EIGEN");
  await field("Naam").fill("Dirk Eigenassistent");
  await save();
  await page.waitForURL(/#\/register\/people\/\d+$/);
  await page.goto(baseUrl + "/#/register/affiliations/nieuw?practice_agb=01051037");
  await field("Persoon").fill("DA-EIGEN");
  await field("Rol").selectOption("assistant");
  await save();
  await page.waitForURL(/#\/register\/affiliations\/\d+$/);
  // Another practice's team is not theirs to change.
  await page.goto(baseUrl + "/#/register/affiliations/nieuw?practice_agb=01051074");
  await field("Persoon").fill("DA-EIGEN");
  await field("Rol").selectOption("assistant");
  await save();
  await page.locator(".banner, .field-error").filter({ hasText: /praktijk/ }).first().waitFor();
  assert.match(page.url(), /nieuw/);
  await page.screenshot({ path: join(artifacts, "register-practice-user.png"), fullPage: true });
});
