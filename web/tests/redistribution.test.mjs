// End-to-end opvang: the holder of a demo practice dies, the coordinator loads a (synthetic)
// patient list and makes a plan in the browser, sees the map and the table per receiver, and the
// receiving practice accepts a proposed household. Real `vangnet serve` on 127.0.0.1, headless
// Chromium; screenshots go to web/test-artifacts/opvang-*.png.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { apiLogin, artifacts, demoSession, vangnet } from "./support.mjs";

const PASSWORD = "opvang-wachtwoord-123";
const CLOSED = "01051037";
let session, db, page, baseUrl;

function login(username) {
  return session.login(username);
}

before(async () => {
  session = await demoSession({
    prefix: "vangnet-opvang-",
    password: PASSWORD,
    accounts: [["opvang-coordinator", "coordinator"]],
    prepare: (path) => vangnet(["incident", "start", "--db", path, "--playbook", "holder-permanently-out", "--practice", CLOSED]),
  });
  ({ db, page, baseUrl } = session);
});

after(async () => {
  await session?.close();
});

let receiver;

test("a coordinator loads the list, plans in seconds and sees what binds", async () => {
  await login("opvang-coordinator");
  await page.goto(baseUrl + "/#/incidenten/1");
  await page.getByRole("link", { name: "Opvang patiënten →" }).click();
  await page.getByRole("heading", { name: /Opvang patiënten/ }).waitFor();
  // "Lijst laden" without a file says which file, and an example file is at hand.
  await page.getByRole("button", { name: "Lijst laden" }).click();
  await page.locator("#toast").getByText(/Kies eerst het CSV-bestand/).waitFor();
  const template = decodeURIComponent((await page.getByRole("link", { name: "Voorbeeldbestand (CSV)" }).getAttribute("href")).split(",")[1]);
  assert.match(template, /^his_patient_number,household_key,postcode,house_number,birth_year/);
  await page.getByRole("button", { name: "Demolijst maken" }).click();
  await page.getByText(/patiënten geladen van/).filter({ hasNotText: " 0 patiënten geladen" }).waitFor();
  await page.getByLabel("Maximale afstand (km)").fill("12");
  // The time to check a tight plan is the coordinator's, under "Meer instellingen".
  await page.locator("details.more-settings summary").click();
  await page.getByLabel("Rekentijd om na te rekenen (seconden)").fill("1");
  await page.screenshot({ path: join(artifacts, "opvang-instellingen.png") });
  const started = Date.now();
  await page.getByRole("button", { name: "Verdeling maken" }).click();
  await page.locator("ul.explanation li").first().waitFor();
  const seconds = (Date.now() - started) / 1000;
  console.log(`plan in the browser: ${seconds.toFixed(2)} s`);
  assert.ok(seconds < 10, "a plan in seconds");
  const explanation = await page.locator("ul.explanation").innerText();
  // The planner's own terms wait behind a fold; the grammar of one practice is singular.
  assert.equal(await page.getByText(/ondergrens/i).count(), 0);
  assert.ok(!(await page.locator("details.plan-quality").evaluate((d) => d.open)));
  assert.doesNotMatch(await page.locator("main").innerText(), /De 1 praktijk|0,0 \/ 0,0/);
  assert.match(explanation, /huishoudens .*een plek/);
  // The closed practice's own (burned) building is never advised as a site.
  assert.doesNotMatch(await page.locator("main").innerText(), /eigen pand/);
  // The map shows the closed practice, receivers and postcode circles; the table lists receivers.
  await page.locator("#opvang-map .leaflet-interactive").first().waitFor();
  assert.ok((await page.locator("#opvang-map path.leaflet-interactive").count()) > 10);
  assert.match(await page.locator("#opvang-map").innerText(), /Gesloten/);
  const rows = page.locator("table.receivers tbody tr");
  assert.ok((await rows.count()) >= 3, "several receiving practices");
  assert.match(await page.locator("ul.funnel").innerText(), /Voorgesteld\s+[1-9]/);
  await page.screenshot({ path: join(artifacts, "opvang-plan.png"), fullPage: true });

  // The receiver with the most patients gets a user of its own.
  const overview = await page.evaluate(async () => (await fetch("/api/v1/incidents/1/redistribution")).json());
  assert.equal(overview.parameters.exact_seconds, 1);
  assert.equal(overview.parameters.max_distance_km, 12);
  receiver = overview.receivers.filter((r) => r.placed_patients > 0).sort((a, b) => b.placed_patients - a.placed_patients)[0];
  assert.ok(receiver.capacity >= receiver.placed_patients, "capacity is never exceeded");
  // "Bepalend" only for receivers that took patients; one without places says so instead.
  const shownBinding = await page.locator("table.receivers .badge.stop", { hasText: "bepalend" }).count();
  assert.equal(shownBinding, overview.receivers.filter((r) => r.binding && r.placed_patients > 0).length);
  // The table is the map's legend: each receiver that took patients has its map colour by its name.
  const swatches = await page.locator("table.receivers .swatch").evaluateAll((all) => all.map((s) => s.style.background));
  assert.equal(swatches.length, overview.receivers.filter((r) => r.placed_patients > 0).length);
  const fills = await page.locator("#opvang-map path.leaflet-interactive").evaluateAll((all) => all.map((p) => p.getAttribute("fill")));
  const rgb = (hex) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(", ")})`;
  assert.ok(swatches.every((colour) => fills.some((fill) => rgb(fill ?? "#000000") === colour)), "every swatch colour is on the map");
  vangnet(["user", "add", "opvang-ontvanger", "--db", db, "--role", "practice_user", "--practice", receiver.id, "--password-stdin"], PASSWORD + "\n");
});

test("the receiving practice sees only its own proposals and accepts one", async () => {
  await page.context().clearCookies();
  await login("opvang-ontvanger");
  await page.goto(baseUrl + "/#/incidenten/1/opvang");
  await page.getByRole("heading", { name: /Voorgesteld aan uw praktijk/ }).waitFor();
  const heading = await page.getByRole("heading", { name: /Voorgesteld aan uw praktijk/ }).innerText();
  assert.match(heading, new RegExp(`${receiver.placed_patients} patiënten`));
  assert.equal(await page.getByRole("button", { name: "Verdeling maken" }).count(), 0, "only the RHO plans");
  await page.getByRole("button", { name: "Accepteren" }).first().click();
  await page.getByText("Geaccepteerd").first().waitFor();
  await page.getByRole("button", { name: "Markeer geïnformeerd" }).first().waitFor();
  await page.screenshot({ path: join(artifacts, "opvang-ontvanger.png"), fullPage: true });
  const others = await page.evaluate(async () => (await fetch("/api/v1/incidents/1/redistribution/patients")).status);
  assert.equal(others, 403, "another practice's patients stay hidden");
});

test("in English the opvang page speaks English throughout", async () => {
  await page.context().clearCookies();
  await login("opvang-coordinator");
  await page.goto(baseUrl + "/#/incidenten/1/opvang");
  await page.getByRole("heading", { name: /Opvang patiënten/ }).waitFor();
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("heading", { name: /Patient placement/ }).waitFor();
  await page.getByRole("heading", { name: "Patient list of the closed practice" }).waitFor();
  await page.getByRole("button", { name: "Plan again" }).waitFor();
  // The planner's explanation comes from the server, in Dutch as all its messages; the rest is ours.
  const text = await page.locator("main").evaluate((el) => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll("ul.explanation, ul.unplaced").forEach((e) => e.remove());
    return copy.innerText ?? copy.textContent;
  });
  for (const dutch of ["Patiëntenlijst", "Verdeling", "Ontvanger", "Voortgang per patiënt", "huishoudens", "Afronden"]) {
    assert.ok(!text.includes(dutch), `no Dutch "${dutch}" on the English page`);
  }
  assert.match(await page.locator("ul.funnel").innerText(), /Accepted/);
  await page.screenshot({ path: join(artifacts, "opvang-english.png"), fullPage: true });
  await page.getByRole("button", { name: "Nederlands" }).click();
  await page.getByRole("heading", { name: /Opvang patiënten/ }).waitFor();
});

test("when a second practice closes, the coordinator plans both incidents together for the region", async () => {
  // The second closure comes in through the API, as another coordinator's would.
  const { cookie, csrf_token } = await apiLogin(baseUrl, "opvang-coordinator", PASSWORD);
  const post = (path, body) =>
    fetch(`${baseUrl}/api/v1${path}`, { method: "POST", headers: { "Content-Type": "application/json", Cookie: cookie, "X-CSRF-Token": csrf_token }, body: JSON.stringify(body) });
  const started = await post("/incidents", { playbook_id: "holder-permanently-out", practice_agbs: ["01051074"], exercise: false, area: "", activated_at: null });
  assert.ok(started.ok, await started.clone().text());
  const second = await started.json();
  const loaded = await post(`/incidents/${second.id}/redistribution/patients`, { practice_agb: "01051074", demo: true });
  assert.ok(loaded.ok, await loaded.clone().text());

  await page.goto(baseUrl + "/#/incidenten");
  await page.getByRole("link", { name: /Regionale opvang/ }).click();
  await page.getByRole("heading", { name: "Regionale opvang" }).waitFor();
  await page.getByRole("button", { name: "Alle open incidenten samen verdelen" }).click();
  await page.getByText(/patiënten hebben een plek/).waitFor();
  assert.equal(await page.locator("table.list tbody tr").count(), 2);
  assert.ok((await page.locator("ul.explanation li").count()) > 0);
  await page.screenshot({ path: join(artifacts, "opvang-regionaal.png"), fullPage: true });
  // Each incident's own opvang page shows its part of the regional plan, and it fits.
  await page.getByRole("link", { name: "Opvang van dit incident →" }).first().click();
  await page.getByText(/Regionaal plan, samen gemaakt/).waitFor();
  assert.equal(await page.getByText("Dit plan past niet meer bij de regio:").count(), 0);
});

test("nothing was fetched from outside 127.0.0.1", () => {
  assert.deepEqual(session.blocked, []);
});
