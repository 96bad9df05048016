// Back online after a power cut: the coordinator starts the incident with its real start time
// and types in what was done on paper (ticked tasks, log sheet rows with their real times). A
// bad row is named and nothing is stored; the good record lands in the logbook in time order,
// marked as entered afterwards. Real `vangnet serve` on 127.0.0.1, headless Chromium;
// screenshot web/test-artifacts/paper-entered.png.
import { amsterdamWallClock } from "../src/ui/amsterdam_time.js";
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { artifacts, demoSession } from "./support.mjs";

let session, page, baseUrl;

before(async () => {
  session = await demoSession({ prefix: "vangnet-papier-", password: "papier-wachtwoord-123", accounts: [["papier-coordinator", "coordinator"]] });
  ({ page, baseUrl } = session);
});

after(async () => {
  await session?.close();
});

// A datetime-local value for `minutesAgo` before now: the wall clock in the Netherlands, the zone
// the pages take times in.
const localInput = async (minutesAgo) => amsterdamWallClock(new Date(Date.now() - minutesAgo * 60000));

test("what was done on paper is entered afterwards with its real times", async () => {
  await session.login("papier-coordinator");
  // Start the power-outage playbook as it began three hours ago, through the start page.
  await page.goto(baseUrl + "/#/incidenten/nieuw");
  await page.getByRole("radio", { name: /Langdurige stroomuitval/ }).check();
  await page.getByRole("searchbox").fill("Kastanjeplein (Maastricht)");
  await page.getByRole("checkbox", { name: /Kastanjeplein \(Maastricht\)/ }).check();
  await page.getByLabel(/Al eerder begonnen/).fill(await localInput(180));
  await page.getByRole("button", { name: "Start het draaiboek" }).click();
  await page.getByRole("heading", { name: /stroomuitval/i }).first().waitFor();
  const incidentId = Number(page.url().match(/incidenten\/(\d+)/)[1]);
  const before = await page.evaluate(async (id) => (await fetch(`/api/v1/incidents/${id}`)).json(), incidentId);
  assert.ok(Date.now() - Date.parse(before.activated_at) > 170 * 60000, "the real start time");
  const openTask = before.tasks.find((t) => t.status === "open");

  await page.getByText("Op papier gedaan? Achteraf invoeren").click();
  const form = page.locator("[data-testid=paper-form]");
  await form.getByRole("checkbox", { name: `Gedaan: ${openTask.text}` }).check();
  await form.getByLabel(`Echte tijd: ${openTask.text}`).fill(await localInput(170));
  await form.getByLabel(`Door wie: ${openTask.text}`).fill("Anna de Wit");
  await form.getByLabel("Soort 1").selectOption("decision");
  await form.getByLabel("Echte tijd 1").fill(await localInput(160));
  await form.getByLabel("Wat is er waargenomen, besloten of gemeld? 1").fill("Telefoon naar de partnerpraktijk Lindenlaan");
  // Forgot who decided: the row is named, nothing stored.
  await form.getByRole("button", { name: "Alles vastleggen" }).click();
  await form.getByText("Regel 1: noteer wie het besluit nam").waitFor();
  await form.screenshot({ path: join(artifacts, "paper-form-error.png") });
  const unchanged = await page.evaluate(async (id) => (await fetch(`/api/v1/incidents/${id}`)).json(), incidentId);
  assert.equal(unchanged.log.length, before.log.length);

  await form.getByLabel("Besloten door 1").fill("Voorzitter crisisteam");
  await form.getByLabel("Echte tijd 2").fill(await localInput(150));
  await form.getByLabel("Wat is er waargenomen, besloten of gemeld? 2").fill("Aggregaat bij de buren geleend");
  await form.getByLabel(/Waar ligt het papier/).fill("logblad BOB, map crisisteam");
  await form.getByRole("button", { name: "Alles vastleggen" }).click();
  await page.getByText("Ingevoerd en gemarkeerd als achteraf ingevoerd").waitFor();

  const after = await page.evaluate(async (id) => (await fetch(`/api/v1/incidents/${id}`)).json(), incidentId);
  const task = after.tasks.find((t) => t.id === openTask.id);
  assert.equal(task.status, "done");
  assert.equal(task.closed_by, "Anna de Wit");
  assert.ok(task.entered_at);
  assert.ok(Date.parse(task.closed_at) < Date.parse(task.entered_at) - 160 * 60000, "closed at the real time");
  const marked = after.log.filter((e) => e.entered_at);
  assert.equal(marked.length, 3);
  const decision = after.log.find((e) => e.kind === "decision");
  assert.equal(decision.decided_by, "Voorzitter crisisteam");
  for (let i = 1; i < after.log.length; i++) assert.ok(after.log[i - 1].at <= after.log[i].at, "time order");
  assert.match(after.log.at(-1).text, /achteraf ingevoerd: 1 taak, 2 logregels \(bron: logblad BOB, map crisisteam\)/);
  // The board's logbook marks them.
  assert.equal(await page.locator(".log .badge.entered").count(), 3);
  await page.locator(".log").scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(artifacts, "paper-entered.png"), fullPage: false });
});

test("the board prints the incident report and the forms; the opvang page the vulnerable list", async () => {
  const id = Number(page.url().match(/incidenten\/(\d+)/)[1]);
  const fetchPdf = async (href, name) => {
    const pdf = await page.evaluate(async (url) => {
      const r = await fetch(url);
      const bytes = new Uint8Array(await r.arrayBuffer());
      return { status: r.status, type: r.headers.get("content-type"), base64: btoa(String.fromCharCode(...bytes)) };
    }, href);
    assert.equal(pdf.status, 200, href);
    assert.equal(pdf.type, "application/pdf");
    const file = join(artifacts, `${name}.pdf`);
    writeFileSync(file, Buffer.from(pdf.base64, "base64"));
    // The first page as an image to look at, and the text layer to check.
    execFileSync("pdftoppm", ["-r", "60", "-png", "-f", "1", "-l", "1", "-singlefile", file, join(artifacts, name)]);
    return execFileSync("pdftotext", [file, "-"]).toString();
  };
  const links = ["Incidentrapport (PDF)", "Triageformulieren (PDF)", "Receptenlijst telefoon (PDF)"];
  const hrefs = [];
  for (const name of links) hrefs.push(await page.getByRole("link", { name }).getAttribute("href"));
  assert.match(await fetchPdf(hrefs[0], "pdf-incidentrapport"), /Aggregaat bij de buren geleend[\s\S]*achteraf ingevoerd/);
  assert.match(await fetchPdf(hrefs[1], "pdf-triageformulier"), /U2 spoed: binnen 1 uur/);
  assert.match(await fetchPdf(hrefs[2], "pdf-receptenlijst"), /Telefonische recepten aan de apotheek/);

  // A demo patient list for the practice, then its vulnerable patients from the opvang page.
  await page.goto(`${baseUrl}/#/incidenten/${id}/opvang`);
  await page.getByRole("button", { name: "Demolijst maken" }).click();
  const link = page.getByRole("link", { name: "Kwetsbare patiënten (PDF)" });
  await link.waitFor();
  const text = await fetchPdf(await link.getAttribute("href"), "pdf-kwetsbare-patienten");
  assert.match(text, /Afhankelijk van[\s\S]*zuurstof of pomp/);
  assert.match(text, /VERTROUWELIJK: na gebruik vernietigen/);
});

test("nothing was fetched from outside 127.0.0.1", () => {
  assert.deepEqual(session.blocked, []);
});
