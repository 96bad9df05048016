// End-to-end: the web UI in real headless Chromium against a real `vangnet serve` on
// 127.0.0.1. Every request that would leave 127.0.0.1 is aborted and counted, proving the UI
// needs no internet. Screenshots of every page go to web/test-artifacts/ for people to look at.
import { test, before, after } from "node:test";
import { amsterdamDisplayDate } from "../src/ui/amsterdam_time.js";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { apiLogin, artifacts, launchBrowser, logIn, startServer, vangnet } from "./support.mjs";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const PASSWORD = "e2e-wachtwoord-123";

let work, server, baseUrl, context, page;
const blocked = [];

// A second user working through the API, as another browser would.
async function apiSession(username) {
  const { cookie, csrf_token } = await apiLogin(baseUrl, username, PASSWORD);
  return {
    get: (path) => fetch(`${baseUrl}/api/v1${path}`, { headers: { Cookie: cookie } }).then((r) => r.json()),
    put: (path, body, version) =>
      fetch(`${baseUrl}/api/v1${path}`, {
        method: "PUT",
        headers: { Cookie: cookie, "X-CSRF-Token": csrf_token, "If-Match": `"${version}"`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      }),
  };
}

// axe-core on the page as it is now; serious and critical findings fail the test. (Evaluated
// through the DevTools protocol, which the page's Content-Security-Policy does not govern.)
async function checkAccessibility(where) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  assert.ok(result.passes.length > 10, "axe ran its rules");
  const minor = result.violations.filter((v) => v.impact !== "serious" && v.impact !== "critical");
  if (minor.length) console.log(`axe (${where}), minor: ${minor.map((v) => v.id).join(", ")}`);
  const serious = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length}x, e.g. ${v.nodes[0].target})`);
  assert.deepEqual(serious, [], `accessibility of ${where}`);
}

async function shot(name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

function login(username) {
  return logIn(page, baseUrl, username, PASSWORD);
}

before(async () => {
  // Only this file's numbered screenshots: other test files leave theirs next to them.
  mkdirSync(artifacts, { recursive: true });
  for (const file of readdirSync(artifacts)) if (/^\d\d-.*\.png$/.test(file)) rmSync(join(artifacts, file));
  work = mkdtempSync(join(tmpdir(), "vangnet-e2e-"));
  const db = join(work, "v.db");
  vangnet(["demo", "--db", db]);
  vangnet(["user", "add", "e2e-coordinator", "--db", db, "--role", "coordinator", "--name", "Coördinator E2E", "--password-stdin"], PASSWORD + "\n");
  vangnet(["user", "add", "e2e-collega", "--db", db, "--role", "coordinator", "--password-stdin"], PASSWORD + "\n");
  vangnet(["user", "add", "e2e-beheerder", "--db", db, "--role", "admin", "--password-stdin"], PASSWORD + "\n");
  vangnet(["user", "add", "e2e-verzekeraar", "--db", db, "--role", "insurer_liaison", "--password-stdin"], PASSWORD + "\n");
  vangnet(["user", "add", "e2e-praktijk", "--db", db, "--role", "practice_user", "--practice", "01051037", "--password-stdin"], PASSWORD + "\n");
  ({ server, baseUrl } = await startServer(db));
  context = await launchBrowser(join(work, "profile"), { width: 1280, height: 860 }, (url) => blocked.push(url));
  page = context.pages()[0] ?? (await context.newPage());
});

after(async () => {
  await context?.close();
  server?.kill("SIGTERM");
  if (work) rmSync(work, { recursive: true, force: true });
});

test("the login page explains itself and refuses a wrong password in Dutch", async () => {
  await page.goto(baseUrl + "/");
  await page.getByRole("button", { name: "Inloggen" }).waitFor();
  await shot("01-login");
  await checkAccessibility("login");
  await page.getByLabel("Gebruikersnaam").fill("e2e-coordinator");
  await page.getByLabel("Wachtwoord").fill("verkeerd wachtwoord");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.getByRole("alert").filter({ hasText: "gebruikersnaam of wachtwoord klopt niet" }).waitFor();
});

test("after login the overview shows the region's figures and every practice on the map", async () => {
  await login("e2e-coordinator");
  await page.getByText("ingeschreven patiënten").waitFor();
  assert.match(await page.locator(".figures").innerText(), /210\.386/);
  // 58 practice markers over the postcode background.
  await page.waitForFunction(() => document.querySelectorAll("path.leaflet-interactive").length >= 58);
  await shot("02-overview");
  await checkAccessibility("overview");
  // A marker opens its card (dispatched: markers may overlap at this zoom).
  await page.locator("path.leaflet-interactive").nth(5).dispatchEvent("click");
  await page.locator(".leaflet-popup").getByText("Open praktijkkaart").waitFor();
});

test("a coordinator finds a practice by searching and opens its page", async () => {
  await page.getByRole("link", { name: "Praktijken" }).click();
  await page.getByRole("searchbox").fill("Vaals");
  await page.waitForFunction(() => document.querySelectorAll("table.list tbody tr").length === 1);
  await shot("03-practice-list");
  await checkAccessibility("practice list");
  await page.locator("table.list tbody tr a").first().click();
  await page.getByRole("heading", { name: "Team" }).waitFor();
  await page.getByRole("heading", { name: "Calamiteitenkaart" }).waitFor();
  await shot("04-practice-page");
  await checkAccessibility("practice page");
});

test("editing shows the server's validation message at the field, then saves", async () => {
  await page.getByRole("link", { name: "Gegevens wijzigen" }).click();
  const patients = page.getByLabel("Ingeschreven patiënten");
  await patients.fill("-5");
  await page.getByLabel("Postcode (4 cijfers)").fill("62AB");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await page.locator("#field-registered_patients-error").filter({ hasText: "-5 ligt niet tussen 0 en 60000" }).waitFor();
  await page.locator("#field-postcode-error").filter({ hasText: "moet uit 4 cijfers bestaan" }).waitFor();
  assert.equal(await patients.getAttribute("aria-invalid"), "true");
  await shot("05-edit-validation");
  await checkAccessibility("edit form with errors");
  await patients.fill("2500");
  await page.getByLabel("Postcode (4 cijfers)").fill("6291");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await page.getByRole("heading", { name: "Team" }).waitFor();
  await page.getByText("2.500").first().waitFor();
});

test("another user's change arrives live, without reloading", async () => {
  const id = Number(page.url().match(/praktijken\/(\d+)/)[1]);
  const colleague = await apiSession("e2e-collega");
  const practice = await colleague.get(`/practices/${id}`);
  const res = await colleague.put(`/practices/${id}`, { registered_patients: 2777 }, practice.version);
  assert.equal(res.status, 200);
  await page.getByText("2.777").first().waitFor({ timeout: 10000 });
  await page.locator("#toast.visible").waitFor();
  await shot("06-live-update");
});

test("a stale edit gets a clear conflict message instead of overwriting", async () => {
  const id = Number(page.url().match(/praktijken\/(\d+)/)[1]);
  await page.getByRole("link", { name: "Gegevens wijzigen" }).click();
  // The form has loaded its copy before the colleague saves theirs.
  await page.getByLabel("Ingeschreven patiënten").waitFor();
  const colleague = await apiSession("e2e-collega");
  const practice = await colleague.get(`/practices/${id}`);
  assert.equal((await colleague.put(`/practices/${id}`, { registered_patients: 2800 }, practice.version)).status, 200);
  await page.getByLabel("Ingeschreven patiënten").fill("2600");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await page.getByRole("alert").filter({ hasText: "Iemand anders heeft deze gegevens intussen gewijzigd" }).waitFor();
  await shot("07-edit-conflict");
});

test("the contact directory and crisis roles show primary and substitute, and print", async () => {
  await page.getByRole("link", { name: "Contacten", exact: true }).click();
  await page.getByRole("heading", { name: "Crisisrollen" }).waitFor();
  // A role without a substitute stands out.
  await page.locator("table.roles tr.gap").first().waitFor();
  assert.ok((await page.locator("table.roles tbody tr").count()) >= 10);
  await shot("08-directory");
  await checkAccessibility("directory");
  await page.emulateMedia({ media: "print" });
  await shot("09-directory-print");
  await page.emulateMedia({ media: "screen" });
});

test("a coordinator starts the fire scenario in three steps, works it, and a second screen follows live", async () => {
  await page.getByRole("link", { name: "Incidenten" }).click();
  await page.getByText("Er zijn geen incidenten").waitFor();
  await page.getByRole("link", { name: "Incident starten" }).click();
  await page.getByLabel(/Praktijkpand onbruikbaar door brand/).check();            // step 1
  await page.getByRole("searchbox").fill("Kastanjeplein");
  await page.getByLabel(/Huisartsenpraktijk Kastanjeplein/).first().check();        // step 2
  await shot("14-incident-start");
  const started = Date.now();
  await page.getByRole("button", { name: "Start het draaiboek" }).click();           // step 3
  await page.getByRole("heading", { name: "Wat nu" }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll("details li.task").length === 16);
  const boardMs = Date.now() - started;
  console.log(`activation to board with all 16 tasks: ${boardMs} ms`);
  await shot("15-incident-board");
  await checkAccessibility("incident board");

  // A second screen (another tab of the crisis team) watches the same board.
  const second = await context.newPage();
  await second.goto(page.url());
  await second.getByRole("heading", { name: "Wat nu" }).waitFor();

  // Complete the first task: call 112 within 15 minutes.
  await page.locator("section.now li.task").first().getByRole("button", { name: "Gedaan" }).click();
  await page.locator("ol.log").getByText("Taak gedaan: Schakel de hulpdiensten in").waitFor();
  // Log a decision (BOB) with who decided.
  await page.getByLabel("Soort").selectOption("decision");
  await page.getByLabel("Wat is er waargenomen, besloten of gemeld?").fill("Spreekuur morgen in de huisartsenpost");
  await page.getByLabel("Besloten door").fill("Voorzitter crisisteam");
  await page.getByRole("button", { name: "In het logboek" }).click();
  await page.locator("ol.log").getByText("Spreekuur morgen in de huisartsenpost").waitFor();
  // Raise the stage, with its reason.
  await page.getByLabel("Stadium", { exact: true }).selectOption("2");
  await page.getByLabel("Reden van op- of afschalen").fill("Tweede praktijk in de wijk dicht");
  await page.getByRole("button", { name: "Stadium wijzigen" }).click();
  await page.locator(".badge.stage").filter({ hasText: "Stadium 2" }).waitFor();
  // Who decides at stage 2 (seed 002 §4.2): the hagro crisis coordinator by day, the RHO crisis
  // team in ANW hours - the server knows which it is now.
  const decides = await page.locator(".decides").innerText();
  assert.match(decides, /Wie besluit nu: (Hagro-crisiscoördinator|Crisisteam RHO)/);
  // The second screen shows it within a second, without reloading.
  await second.locator(".badge.stage").filter({ hasText: "Stadium 2" }).waitFor({ timeout: 1000 });
  await second.locator("ol.log").getByText("Spreekuur morgen in de huisartsenpost").waitFor({ timeout: 1000 });
  await second.close();
  // Headless Chromium does not paint a tab in the background: the board's tab comes to the front.
  await page.bringToFront();
  // The shared picture: five parts, versioned, as text for the GHOR.
  await page.getByLabel("Situatie").fill("Brand in de praktijk; pand ontruimd, niemand gewond");
  await page.getByRole("button", { name: "Beeld vaststellen" }).click();
  await page.getByText(/Versie 1 · bevestigd/).waitFor();
  await page.getByText("Tekst voor de GHOR (LCMS)").click();
  assert.match(await page.locator("pre.picture-text").innerText(), /1 SITUATIE: Brand in de praktijk/);
  // The communication table as drafts with the incident's facts.
  await page.getByText("Patiënten · Website, telefoonbandje, huisartsenpost").click();
  const draft = await page.getByLabel("Berichten (concepten): Patiënten").inputValue();
  assert.match(draft, /Huisartsenpraktijk Kastanjeplein \(Maastricht\)/);
  assert.match(draft, /Huisartsenpost Maastricht \(demo\)/);
  // A task the playbook did not foresee, with a fixed deadline and a named owner.
  await page.getByLabel("Nieuwe taak").fill("Sleutels ophalen bij de brandweer");
  await page.getByLabel("Wie (rol of persoon)").fill("Continuïteitsteam");
  await page.getByLabel("Deadline").fill("2030-01-02T09:30");
  await page.getByRole("button", { name: "Taak toevoegen" }).click();
  await page.locator("ol.log").getByText("Taak toegevoegd: Sleutels ophalen bij de brandweer").waitFor();
  await shot("16-incident-worked");
  // At 03:00 the board may be on a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("heading", { name: "Wat nu" }).waitFor();
  await shot("17-incident-board-phone");
  await page.setViewportSize({ width: 1280, height: 860 });
});

test("the practice list works at phone width", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(baseUrl + "/#/praktijken");
  await page.waitForFunction(() => document.querySelectorAll("table.list tbody tr").length === 58);
  await shot("10-phone-list");
  await page.setViewportSize({ width: 1280, height: 860 });
});

test("the admin sees the audit log with the edits just made", async () => {
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await login("e2e-beheerder");
  await page.getByRole("link", { name: "Auditlog" }).click();
  await page.locator("table.list tbody tr").first().waitFor();
  const text = await page.locator("table.list").innerText();
  assert.match(text, /e2e-collega/);
  assert.match(text, /update/);
  await shot("11-audit");
  await checkAccessibility("audit log");
});

test("a practice user keeps their own calamity card current, and never stores a password", async () => {
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await login("e2e-praktijk");
  await page.goto(baseUrl + "/#/praktijken?q=01051037");
  await page.locator("table.list tbody tr a").first().click();
  await page.getByRole("heading", { name: "Calamiteitenkaart" }).waitFor();
  await page.getByRole("link", { name: "Kaart bijwerken" }).click();
  const where = page.getByLabel("Waar de wachtwoorden liggen");
  await where.fill("Welkom2024!");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await page.locator("#field-password_location-error").filter({ hasText: "lijkt een wachtwoord" }).waitFor();
  await shot("12-calamity-card-refused");
  await where.fill("In de kluis bij de praktijkmanager");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await page.getByText("In de kluis bij de praktijkmanager").waitFor();
  await page.locator("#toast").getByText("Opgeslagen.").waitFor();  // said on the page it returns to
  // Saving the card is checking it: "Laatst gecontroleerd" is today, under the same name as in
  // the form. The hagro and HAP read by name, not by code.
  const today = amsterdamDisplayDate();
  const checked = page.locator(".row").filter({ has: page.locator("dt", { hasText: "Laatst gecontroleerd" }) });
  assert.equal((await checked.locator("dd").innerText()).trim(), today);
  assert.equal(await page.getByText("Laatst bijgewerkt").count(), 0);
  const hagro = page.locator(".row").filter({ has: page.locator("dt", { hasText: /^Hagro$/ }) });
  assert.match(await hagro.locator("dd").innerText(), /^\D.* \(HAG-[A-Z-]+\)$/);
  // Another practice: readable, but no edit buttons.
  await page.goto(baseUrl + "/#/praktijken?q=01051074");
  await page.locator("table.list tbody tr a").first().click();
  await page.getByRole("heading", { name: "Gegevens" }).waitFor();
  assert.equal(await page.getByRole("link", { name: /wijzigen|bijwerken/ }).count(), 0);
  // Its team and contracts are not shown to this role, which the page says instead of calling
  // them missing.
  await page.getByText(/die van deze praktijk worden u niet getoond/).waitFor();
  assert.equal(await page.getByText("Geen continuïteitscontract vastgelegd.").count(), 0);
  await shot("13-practice-user-other-practice");
  // Crisis roles held by people outside the user's practices: not shown, not "ontbreekt".
  await page.goto(baseUrl + "/#/contacten");
  await page.getByRole("heading", { name: "Crisisrollen" }).waitFor();
  await page.locator("table.roles tbody tr").first().waitFor();
  await page.screenshot({ path: join(artifacts, "contacten-practice-user.png"), fullPage: false });
  assert.ok((await page.locator("table.roles").getByText("niet zichtbaar voor uw rol").count()) > 0);
  const missing = await page.locator("table.roles .missing").count();
  const withoutSubstitute = await page.locator("table.roles tr.gap").count();
  assert.ok(missing <= withoutSubstitute, `${missing} shown as missing, ${withoutSubstitute} roles have no substitute`);
});

test("the monitor says which five practices need a conversation first, and why", async () => {
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await login("e2e-coordinator");
  await page.getByRole("link", { name: "Monitor" }).click();
  await page.getByRole("heading", { name: "Eerst in gesprek" }).waitFor();
  assert.equal(await page.locator("li.first-five").count(), 5);
  // Each of the five says why: at least one signal label.
  const first = await page.locator("li.first-five").first().innerText();
  assert.match(first, /score \d+/);
  assert.ok((await page.locator("li.first-five .why").first().innerText()).length > 10);
  assert.ok((await page.locator("#map path.leaflet-interactive").count()) >= 58, "every practice on the risk map");
  // Filter on a signal and open a practice's signal card: the numbers and the source.
  await page.getByLabel("Signaal", { exact: true }).selectOption("owner_not_gp");
  assert.equal(await page.locator(".risk-list > li").count(), 3);
  await page.locator(".risk-list summary").first().click();
  const card = await page.locator(".signal-card").first().innerText();
  assert.match(card, /Eigenaar is geen huisarts/);
  assert.match(card, /Bron: LHV\/NHG Kernwaarden huisartsenzorg §4\.1/);
  assert.doesNotMatch(card, /\.txt/);
  await page.locator("svg.succession-chart rect").first().waitFor({ state: "attached" });
  assert.equal(await page.locator("svg.succession-chart rect").count(), 11);
  assert.match(await page.getByText(/Dit jaar in gesprek/).innerText(), /\(\d+\)/);
  await shot("18-monitor");
  // The practice's own page carries the same signal card.
  await page.locator(".risk-list details[open] a", { hasText: "Open praktijkkaart" }).click();
  await page.getByRole("heading", { name: /^Signalen · score \d+/ }).waitFor();
  assert.match(await page.locator(".signal-card").first().innerText(), /Eigenaar is geen huisarts/);
  await shot("20-practice-signals");
  await page.goto(baseUrl + "/#/monitor");
  await page.getByRole("heading", { name: "Eerst in gesprek" }).waitFor();
  await checkAccessibility("monitor");
});

test("the insurer sees the monitor's figures but no holder's name", async () => {
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await login("e2e-verzekeraar");
  await page.getByRole("link", { name: "Monitor" }).click();
  await page.getByRole("heading", { name: "Eerst in gesprek" }).waitFor();
  assert.equal(await page.getByText(/Dit jaar in gesprek/).count(), 0);
  const people = await (await fetch(`${baseUrl}/api/v1/monitor`)).status;
  assert.equal(people, 401, "the API needs a session");
  await shot("19-monitor-insurer");
  // A page without a menu item for this role, typed in: said in Dutch, no script error.
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(baseUrl + "/#/contacten");
  await page.getByText("Deze pagina is niet beschikbaar voor uw rol.").waitFor();
  assert.deepEqual(errors, []);
  // A printout this role may not make opens as a Dutch page that says why.
  const tab = await page.context().newPage();
  await tab.goto(baseUrl + "/api/v1/printouts/contact-list");
  await tab.getByRole("heading", { name: "Deze afdruk kan niet worden gemaakt" }).waitFor();
  assert.match(await tab.locator("p").first().innerText(), /uw rol/);
  await tab.close();
});

test("the UI speaks English when asked", async () => {
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("link", { name: "Practices" }).waitFor();
  await page.getByRole("button", { name: "Nederlands" }).click();
});

test("nothing was fetched from outside 127.0.0.1", () => {
  assert.deepEqual(blocked, []);
});
