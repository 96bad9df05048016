// End-to-end preparedness: the coordinator sees what is overdue in the region this month (list
// and month calendar), records a backup test as done, downloads the iCalendar file, and prints a
// practice's calamity card as PDF. Real `vangnet serve` on 127.0.0.1, headless Chromium;
// screenshots in web/test-artifacts/paraatheid-*.png.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { artifacts, demoSession } from "./support.mjs";

let session, page, baseUrl;

before(async () => {
  session = await demoSession({ prefix: "vangnet-paraat-", password: "paraat-wachtwoord-123", accounts: [["paraat-coordinator", "coordinator"]] });
  ({ page, baseUrl } = session);
});

after(async () => {
  await session?.close();
});

test("the coordinator sees what is overdue this month and records a backup test", async () => {
  await session.login("paraat-coordinator");
  await page.getByRole("link", { name: "Paraatheid" }).click();
  await page.getByRole("heading", { name: /Paraatheid: wat houdt/ }).waitFor();
  const counts = await page.locator("[data-testid=prep-counts]").innerText();
  const overdue = Number(counts.match(/Te laat: (\d+)/)[1]);
  assert.ok(overdue > 0, counts);
  // Figures shown twice agree: the table's total is the badge, its columns add up to it.
  const total = await page.locator("[data-testid=prep-overdue] tfoot tr").innerText();
  assert.equal(Number(total.match(/Totaal te laat: (\d+)/)[1]), overdue, total);
  const [never, late] = (await page.locator("[data-testid=prep-overdue] tfoot td.num").allInnerTexts()).map(Number);
  assert.equal(never + late, overdue);
  assert.match(counts, new RegExp(`\\(${never} daarvan nog nooit gedaan\\)`));
  // The list opens on the overdue items.
  const rows = page.locator("[data-testid=prep-items] tbody tr");
  assert.ok((await rows.count()) > 0);
  for (const status of await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.status).filter(Boolean))) assert.equal(status, "overdue");
  assert.ok((await page.locator("table.month-calendar td").count()) >= 28, "a month grid");
  await page.screenshot({ path: join(artifacts, "paraatheid-overzicht.png"), fullPage: false });

  // Record the backup test of Kastanjeplein as done.
  await page.getByLabel("Zoeken").fill("Kastanjeplein (Maastricht)");
  await page.getByLabel("Verplichting").selectOption("backup_test");
  const row = rows.filter({ hasText: "Back-up controleren" }).first();
  await row.getByText("Gedaan…").click();
  await row.getByLabel("Door wie").fill("Praktijkmanager");
  await row.getByLabel(/Bewijs/).fill("Terugzettest met de ICT-partner gelukt");
  await row.getByRole("button", { name: "Vastleggen" }).click();
  await page.getByText("Vastgelegd").first().waitFor();
  const after = await page.locator("[data-testid=prep-counts]").innerText();
  assert.equal(Number(after.match(/Te laat: (\d+)/)[1]), overdue - 1, after);

  const ical = await page.evaluate(async () => {
    const r = await fetch("/api/v1/preparedness.ics");
    return { type: r.headers.get("content-type"), text: await r.text() };
  });
  assert.match(ical.type, /text\/calendar/);
  assert.match(ical.text, /BEGIN:VCALENDAR/);
  assert.match(ical.text, /SUMMARY:Back-up controleren · Huisartsenpraktijk Kastanjeplein/);
});

test("a secret calendar address serves the items without a session, until it is revoked", async () => {
  await page.goto(baseUrl + "/#/paraatheid");
  await page.getByText("Abonneren in je agenda-app").click();
  await page.getByRole("button", { name: "Maak een agenda-adres" }).click();
  const address = page.getByLabel("Agenda-adres");
  await address.waitFor();
  const first = await address.inputValue();
  assert.match(first, new RegExp(`^${baseUrl}/api/v1/preparedness/feed/[0-9a-f]{64}\\.ics$`));
  await page.screenshot({ path: join(artifacts, "paraatheid-agenda-adres.png"), fullPage: false });
  // An agenda app has no cookie: plain fetch from node.
  const feed = await fetch(first);
  assert.equal(feed.status, 200);
  assert.match(feed.headers.get("content-type"), /text\/calendar/);
  const text = await feed.text();
  assert.match(text, /SUMMARY:Crisisplan herzien/);
  assert.match(text, /SUMMARY:Back-up controleren · Huisartsenpraktijk Kastanjeplein/);
  // A new address replaces the old one; revoking ends it.
  await page.getByRole("button", { name: "Maak een agenda-adres" }).click();
  await page.waitForFunction((old) => document.querySelector(".feed-address").value !== old, first);
  const second = await address.inputValue();
  assert.equal((await fetch(first)).status, 404);
  assert.equal((await fetch(second)).status, 200);
  await page.getByRole("button", { name: "Adres intrekken" }).click();
  await page.getByText("Agenda-adres ingetrokken").waitFor();
  assert.equal((await fetch(second)).status, 404);
});

test("an exercise starts from the calendar, counts as done once closed, and leaves its lesson", async () => {
  await page.goto(baseUrl + "/#/paraatheid");
  await page.getByLabel("Zoeken").fill("Kastanjeplein (Maastricht)");
  await page.getByLabel("Verplichting").selectOption("power_outage_exercise");
  const row = page.locator("[data-testid=prep-items] tbody tr").filter({ hasText: "Oefening stroomstoring" }).first();
  await row.getByRole("button", { name: "Oefening starten" }).click();
  await page.getByRole("heading", { name: /stroomuitval/i }).first().waitFor();
  await page.locator(".board-facts").getByText("oefening", { exact: false }).first().waitFor();
  const id = Number(page.url().match(/incidenten\/(\d+)/)[1]);
  // Scale down, evaluate one point with an action, close: through the API the board uses.
  const number = await page.evaluate(async (id) => {
    const csrf = (await (await fetch("/api/v1/session")).json()).csrf_token;
    const call = (method, path, body, version) =>
      fetch(`/api/v1${path}`, {
        method,
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf, ...(version === undefined ? {} : { "If-Match": `"${version}"` }) },
        body: JSON.stringify(body),
      }).then((r) => r.json());
    const shown = await (await fetch(`/api/v1/incidents/${id}`)).json();
    const down = await call("POST", `/incidents/${id}/status`, { status: "scaled_down", reason: "oefening klaar" }, shown.version);
    await call("PUT", `/incidents/${id}/evaluation`, { point: down.evaluation[0].point, finding: "Storingsnummer netbeheerder ontbrak", action: "Netbeheerder toevoegen aan de contacten" });
    const closed = await call("POST", `/incidents/${id}/status`, { status: "closed", reason: "geëvalueerd" }, down.version);
    return closed.number;
  }, id);
  await page.goto(baseUrl + "/#/paraatheid");
  const lessons = page.locator("[data-testid=prep-lessons]");
  await lessons.getByText("Netbeheerder toevoegen aan de contacten").waitFor();
  assert.match(await lessons.innerText(), new RegExp(`${number} \\(oefening\\)`));
  await page.getByLabel("Status").first().selectOption("");
  await page.getByLabel("Zoeken").fill("Kastanjeplein (Maastricht)");
  await page.getByLabel("Verplichting").selectOption("power_outage_exercise");
  const done = page.locator("[data-testid=prep-items] tbody tr").filter({ hasText: "Oefening stroomstoring" }).first();
  assert.equal(await done.getAttribute("data-status"), "upcoming");
  assert.match(await done.innerText(), new RegExp(`oefening ${number}`));
  await lessons.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(artifacts, "paraatheid-lessen.png"), fullPage: false });
});

test("a practice's calamity card prints as PDF from its page", async () => {
  await page.goto(baseUrl + "/#/praktijken?q=01051037");
  await page.getByRole("link", { name: /Kastanjeplein \(Maastricht\)/ }).first().click();
  const print = page.getByRole("link", { name: "Afdrukken (PDF)" });
  await print.waitFor();
  const href = await print.getAttribute("href");
  assert.equal(href, "/api/v1/printouts/calamity-card/01051037");
  const pdf = await page.evaluate(async (url) => {
    const r = await fetch(url);
    const bytes = new Uint8Array(await r.arrayBuffer());
    return { type: r.headers.get("content-type"), head: String.fromCharCode(...bytes.slice(0, 5)), size: bytes.length };
  }, href);
  assert.equal(pdf.type, "application/pdf");
  assert.equal(pdf.head, "%PDF-");
  assert.ok(pdf.size > 5000);
});

test("nothing was fetched from outside 127.0.0.1", () => {
  assert.deepEqual(session.blocked, []);
});
