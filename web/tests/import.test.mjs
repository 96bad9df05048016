// Issue 20: the region's own Excel in the browser. A workbook written by openpyxl (Debian's
// python3-openpyxl, a spreadsheet library nobody here wrote; it writes inline strings) with a mistake is refused with the
// file, sheet, row and column named and nothing saved; corrected, the preview shows what would be
// added and changed, and one click applies it. The template and the whole registry download as
// Excel workbooks that openpyxl opens.
// A workbook written by exceljs (npm), which writes shared strings and rich text as Excel does,
// imports too, and exceljs reads our own export.
// Screenshots: web/test-artifacts/import-*.png.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { artifacts, demoSession, vangnet } from "./support.mjs";

const PASSWORD = "import-wachtwoord-123";
let session, page, baseUrl, work;

before(async () => {
  work = mkdtempSync(join(tmpdir(), "vangnet-import-files-"));
  session = await demoSession({
    prefix: "vangnet-import-",
    password: PASSWORD,
    accounts: [
      ["import-coordinator", "coordinator"],
      ["import-praktijk", "practice_user", ["--practice", "01051037"]],
    ],
  });
  ({ page, baseUrl } = session);
});

after(async () => {
  await session?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

// Runs a Python script with openpyxl; `OUT` and `IN` are paths in the work folder.
function python(script, file) {
  const path = join(work, "script.py");
  writeFileSync(path, `import datetime, openpyxl\nOUT = IN = ${JSON.stringify(join(work, file))}\n${script}`);
  return execFileSync("/usr/bin/python3", [path], { encoding: "utf8" });
}

// Two new practices and a new GP, as a coordinator would keep them in Excel (Dutch sheet names).
function regionWorkbook(patients) {
  python(
    `wb = openpyxl.Workbook()
ws = wb.active
ws.title = 'praktijken'
ws.append(['agb', 'name', 'form', 'postcode', 'registered_patients', 'patient_stop'])
ws.append(['01058880', 'Huisartsen Maasboulevard', 'duo', '6211', 3900, False])
ws.append(['01058881', 'Praktijk Nieuwe Wijk', 'solo', '6221', ${patients}, True])
people = wb.create_sheet('personen')
people.append(['code', 'name', 'birth_year', 'unavailable_until'])
people.append(['HA-XL1', 'Noor Excelsior', 1984, datetime.date(2027, 1, 15)])
wb.save(OUT)
`,
    "regio.xlsx",
  );
  return join(work, "regio.xlsx");
}

test("an Excel file with a mistake is refused where it is, then corrected and applied", async () => {
  await session.login("import-coordinator");
  await page.goto(baseUrl + "/#/register");
  await page.getByRole("link", { name: "Gegevens inlezen (CSV, Excel of FHIR)" }).click();
  await page.getByRole("heading", { name: "Gegevens inlezen" }).waitFor();

  await page.locator("#import-files").setInputFiles(regionWorkbook("'2.100'"));
  const refusal = page.locator(".import-errors");
  await refusal.getByText("Er is niets opgeslagen").waitFor();
  const problems = await refusal.locator("li").allTextContents();
  assert.ok(
    problems.some((p) => p.startsWith("regio.xlsx, blad praktijken, regel 3, kolom registered_patients: ")),
    JSON.stringify(problems),
  );
  await page.screenshot({ path: join(artifacts, "import-refused.png"), fullPage: true });
  const none = await page.evaluate(() => fetch("/api/v1/practices?agb=01058880").then((r) => r.json()));
  assert.equal(none.total, 0, "a refused import saved nothing");

  // Corrected: the preview says what would happen, still without saving.
  await page.locator("#import-files").setInputFiles(regionWorkbook(2100));
  await page.getByText("Gecontroleerd, er is nog niets opgeslagen. Bij inlezen veranderen 3 gegevens:").waitFor();
  const sections = page.locator(".import-file");
  assert.equal(await sections.count(), 2);
  await page.screenshot({ path: join(artifacts, "import-preview.png"), fullPage: true });
  // In reference order: the people first, since practices may refer to them.
  assert.equal(await sections.nth(0).locator("h2").textContent(), "regio.xlsx, blad personen · personen");
  assert.equal(await sections.nth(1).locator("h2").textContent(), "regio.xlsx, blad praktijken · praktijken");
  assert.equal(await sections.nth(1).locator(".import-counts").textContent(), "2 nieuw, 0 gewijzigd, 0 ongewijzigd");
  assert.equal((await page.evaluate(() => fetch("/api/v1/practices?agb=01058880").then((r) => r.json()))).total, 0);

  await page.getByRole("button", { name: "Inlezen (3 wijzigingen)" }).click();
  await page.locator(".import-done").getByText("3 nieuw, 0 gewijzigd").waitFor();
  const practice = await page.evaluate(() => fetch("/api/v1/practices?agb=01058881").then((r) => r.json()));
  assert.equal(practice.items[0].registered_patients, 2100);
  assert.equal(practice.items[0].patient_stop, true);
  const person = await page.evaluate(() => fetch("/api/v1/people?code=HA-XL1").then((r) => r.json()));
  assert.equal(person.items[0].unavailable_until, "2027-01-15");

  // The same file once more changes nothing, and says so.
  await page.locator("#import-files").setInputFiles(regionWorkbook(2100));
  await page.getByText("Gecontroleerd: alles staat al zo in vangnet; er verandert niets.").waitFor();
  assert.ok(await page.getByRole("button", { name: "Niets te doen" }).isDisabled());

  // A change shows old -> new by its Dutch field name.
  await page.locator("#import-files").setInputFiles(regionWorkbook(2450));
  await page.locator(".import-file").nth(1).getByText("Ingeschreven patiënten: 2100 → 2450").waitFor();
  await page.screenshot({ path: join(artifacts, "import-change.png"), fullPage: true });
});

test("the template and the registry download as workbooks a spreadsheet program opens", async () => {
  const download = async (path, file) => {
    const bytes = await page.evaluate(async (p) => Array.from(new Uint8Array(await (await fetch(p)).arrayBuffer())), path);
    writeFileSync(join(work, file), Buffer.from(bytes));
  };
  await download("/api/v1/registry/template.xlsx", "sjabloon.xlsx");
  const template = JSON.parse(
    python(
      `import json
wb = openpyxl.load_workbook(IN)
ws = wb['practices']
print(json.dumps({'sheets': wb.sheetnames, 'header': [c.value for c in ws[1]], 'explain': ws['A2'].value, 'example': ws['C3'].value, 'frozen': ws.freeze_panes}))`,
      "sjabloon.xlsx",
    ),
  );
  assert.deepEqual(template.sheets, ["gp_groups", "districts", "organisations", "people", "practices", "affiliations", "contracts", "contacts", "crisis_roles", "calamity_cards", "governance_checks", "succession_trajectories", "collaborations", "programme_activities"]);
  assert.equal(template.header[0], "agb");
  assert.match(template.explain, /^Toelichting: AGB-code van de praktijk: 8 cijfers\. Verplicht\./);
  assert.ok(template.example, "an example row from the demo");
  assert.equal(template.frozen, "A3");

  await download("/api/v1/registry/export.xlsx", "register.xlsx");
  const registry = JSON.parse(
    python(
      `import json
wb = openpyxl.load_workbook(IN)
ws = wb['practices']
col = [c.value for c in ws[1]].index('registered_patients') + 1
print(json.dumps({'rows': ws.max_row - 1, 'patients': ws.cell(2, col).value, 'filter': ws.auto_filter.ref}))`,
      "register.xlsx",
    ),
  );
  assert.ok(registry.rows >= 60, JSON.stringify(registry)); // the demo's 58 and the two read in above
  assert.equal(typeof registry.patients, "number", "numbers are number cells");
  assert.match(registry.filter, /^A1:/);
});

test("a workbook exceljs wrote, with shared strings, rich text and a formula, imports; exceljs reads our export", async () => {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("personen");
  sheet.addRow(["code", "name", "birth_year", "unavailable_until"]);
  sheet.addRow(["HA-EJ1", { richText: [{ text: "Lotte " }, { font: { bold: true }, text: "Exceljs" }] }, 1979, new Date(Date.UTC(2027, 4, 1))]);
  sheet.addRow(["HA-EJ2", "Sam Gedeeld", { formula: "1970+10", result: 1980 }, null]);
  sheet.addRow(["HA-EJ3", "Sam Gedeeld", 1990, null]); // the same text twice: one shared string
  const buffer = Buffer.from(await book.xlsx.writeBuffer());
  await page.goto(baseUrl + "/#/register/inlezen");
  await page.locator("#import-files").setInputFiles({ name: "exceljs.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer });
  await page.getByText("Bij inlezen veranderen 3 gegevens").waitFor();
  await page.getByRole("button", { name: "Inlezen (3 wijzigingen)" }).click();
  await page.locator(".import-done").waitFor();
  const people = await page.evaluate(() => fetch("/api/v1/people?q=HA-EJ&limit=10").then((r) => r.json()));
  const byCode = Object.fromEntries(people.items.map((p) => [p.code, p]));
  assert.equal(byCode["HA-EJ1"].name, "Lotte Exceljs");
  assert.equal(byCode["HA-EJ1"].birth_year, 1979);
  assert.equal(byCode["HA-EJ1"].unavailable_until, "2027-05-01");
  assert.equal(byCode["HA-EJ2"].birth_year, 1980, "a formula's computed value");
  assert.equal(byCode["HA-EJ3"].name, "Sam Gedeeld");

  const exported = await page.evaluate(async () => Array.from(new Uint8Array(await (await fetch("/api/v1/registry/export.xlsx")).arrayBuffer())));
  const ours = new ExcelJS.Workbook();
  await ours.xlsx.load(Buffer.from(exported));
  const people2 = ours.getWorksheet("people");
  const header = people2.getRow(1).values;
  const codeColumn = header.indexOf("code"), yearColumn = header.indexOf("birth_year");
  let found = null;
  people2.eachRow((row) => {
    if (row.getCell(codeColumn).value === "HA-EJ1") found = row.getCell(yearColumn).value;
  });
  assert.equal(found, 1979, "birth years are number cells in our export");
});

test("a CSV file named after nothing asks what it holds, then imports as Dutch Excel saved it", async () => {
  await page.goto(baseUrl + "/#/register/inlezen");
  // Dutch Excel's "CSV": semicolons; the name says nothing about the kind.
  const csv = "agb;name;registered_patients\n01058880;Huisartsen Maasboulevard;4100\n";
  await page.locator("#import-files").setInputFiles({ name: "Lijst van de regio 2026.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("heading", { name: "Wat staat er in deze bestanden?" }).waitFor();
  await page.getByRole("button", { name: "Controleren" }).click();
  await page.locator("#toast").getByText("Kies voor elk bestand wat erin staat.").waitFor();
  await page.getByLabel("Soort gegevens in Lijst van de regio 2026.csv").selectOption("practices");
  await page.getByRole("button", { name: "Controleren" }).click();
  await page.locator(".import-file").getByText("Ingeschreven patiënten: 3900 → 4100").waitFor();
  await page.screenshot({ path: join(artifacts, "import-kind.png"), fullPage: true });
});

// Issue 21: a FHIR Bundle from another directory (here our own export, one practice renamed, one
// element vangnet does not keep) is refused by element path, then previews and imports.
test("a FHIR Bundle is refused by element, then previews the change and imports", async () => {
  const path = join(work, "adresboek.json");
  vangnet(["export", "--format", "fhir", "--db", session.db, path]);
  const bundle = JSON.parse(readFileSync(path, "utf8"));
  const entry = bundle.entry.findIndex((e) => e.resource.id.startsWith("practice-") && e.resource.resourceType === "Organization");
  const org = bundle.entry[entry].resource;
  const oldName = org.name;
  org.name = `${oldName} (FHIR)`;
  org.alias = ["bijnaam"];
  await page.goto(baseUrl + "/#/register/inlezen");
  await page.locator("#import-files").setInputFiles({ name: "adresboek.json", mimeType: "application/fhir+json", buffer: Buffer.from(JSON.stringify(bundle)) });
  await page.getByText(`entry[${entry}].resource.alias`).waitFor();
  delete org.alias;
  await page.locator("#import-files").setInputFiles({ name: "adresboek.json", mimeType: "application/fhir+json", buffer: Buffer.from(JSON.stringify(bundle)) });
  await page.locator(".import-file").getByText(`${oldName} → ${oldName} (FHIR)`).waitFor();
  // The changed record is named by its place in the Bundle, not by a line number.
  await page.locator(".import-file td", { hasText: `entry[${entry}]` }).first().waitFor();
  await page.screenshot({ path: join(artifacts, "import-fhir.png"), fullPage: true });
  await page.getByRole("button", { name: "Inlezen (1 wijziging)" }).click();
  await page.locator(".import-done").getByText("0 nieuw, 1 gewijzigd").waitFor();
  const renamed = await page.evaluate((name) => fetch(`/api/v1/practices?name=${encodeURIComponent(name)}`).then((r) => r.json()), `${oldName} (FHIR)`);
  assert.equal(renamed.total, 1);
});

test("a practice user has no import page", async () => {
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await session.login("import-praktijk");
  await page.goto(baseUrl + "/#/register");
  await page.getByRole("heading", { name: "Register bijhouden" }).waitFor();
  assert.equal(await page.getByRole("link", { name: "Gegevens inlezen (CSV, Excel of FHIR)" }).count(), 0);
  await page.goto(baseUrl + "/#/register/inlezen");
  await page.getByText("Deze pagina is niet beschikbaar voor uw rol").waitFor();
});
