// Issue 22: the region's long programmes in the browser. The coordinator finds a practice whose
// holder is 60+ without a trajectory, starts one from the list and sees it come back with its
// next step (also on the preparedness calendar); filters to what is late; records a mutual backup
// for a solo practice without cover on "Van solo naar samen" and sees the regional figure move;
// sees the trajectory on the practice's own page. The insurer liaison gets the collaboration
// programme but no trajectories. Screenshots: web/test-artifacts/programmas-*.png.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { artifacts, demoSession } from "./support.mjs";

let session, page, baseUrl;

before(async () => {
  session = await demoSession({
    prefix: "vangnet-programma-",
    password: "programma-wachtwoord-123",
    accounts: [
      ["programma-coordinator", "coordinator"],
      ["programma-verzekeraar", "insurer_liaison"],
    ],
  });
  ({ page, baseUrl } = session);
});

after(async () => {
  await session?.close();
});

const field = (name) => page.getByLabel(new RegExp(`^${name}( \\*)?$`));
const counts = async () => page.locator("[data-testid=succession-counts]").innerText();
const number = (text, label) => Number(text.match(new RegExp(`(\\d+)\\s+${label}`))[1]);

test("the coordinator starts a succession trajectory and finds it on the calendar", async () => {
  await session.login("programma-coordinator");
  await page.getByRole("link", { name: "Programma's" }).click();
  await page.getByRole("heading", { name: "Programma's" }).waitFor();
  const before = await counts();
  const running = number(before, "lopende trajecten");
  const without = number(before, "praktijken met een houder");
  assert.ok(running > 0 && without > 0, before);
  const rows = page.locator("[data-testid=succession-table] tbody tr");
  // Late steps first, and the filter shows only those.
  assert.equal(await rows.first().getAttribute("data-overdue"), "true");
  await page.getByLabel("alleen te laat").check();
  const late = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.overdue));
  assert.ok(late.length > 0);
  assert.ok(late.every((x) => x === "true"), late.join());
  assert.equal(late.length, number(before, "te laat"));
  await page.getByLabel("alleen te laat").uncheck();
  await page.screenshot({ path: join(artifacts, "programmas-opvolging.png"), fullPage: true });

  // Start a trajectory for the first practice without one.
  await page.getByLabel("Fase").selectOption("none");
  const first = rows.first();
  const agb = await first.getAttribute("data-agb");
  await first.getByRole("link", { name: "Traject starten" }).click();
  await field("Trekker").waitFor();
  assert.equal(await field("Praktijk").inputValue(), agb);
  // A running trajectory needs its next step and date: refused at the field first.
  await field("Trekker").fill("consulent praktijkmanagement RHO");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await page.getByText("een lopend traject heeft een volgende stap").waitFor();
  await field("Volgende stap").fill("Eerste gesprek over stoppen en opvolging");
  await field("Volgende stap klaar vóór").fill("2026-12-15");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await page.waitForURL(/#\/programmas$/);
  const row = page.locator(`[data-testid=succession-table] tbody tr[data-agb="${agb}"]`);
  await row.getByText("Gesprek met de praktijkhouder").waitFor();
  await row.getByText("Eerste gesprek over stoppen en opvolging").waitFor();
  const after = await counts();
  assert.equal(number(after, "lopende trajecten"), running + 1, after);
  assert.equal(number(after, "praktijken met een houder"), without - 1, after);

  // The next step is on the preparedness calendar, kept in the trajectory.
  const calendar = await page.evaluate(async () => (await (await fetch("/api/v1/preparedness")).json()).items);
  const item = calendar.find((i) => i.rule_id === "succession_trajectory_step" && i.practice_agb === agb);
  assert.ok(item, "calendar item for the new trajectory");
  assert.equal(item.due, "2026-12-15");
  assert.equal(item.subject, "Eerste gesprek over stoppen en opvolging");

  // The step plan says where each step comes from, and which are ours.
  const plan = await page.locator("[data-testid=step-plan]").innerText();
  assert.match(plan, /6 bijeenkomsten in 9 maanden/);
  // Sources read as the documents' titles, not their file names.
  assert.match(plan, /Praktijkopvolging en de rol van de zorggroep/);
  assert.doesNotMatch(plan, /\.txt/);
  assert.match(plan, /Afgeleid, niet uit de bron/);

  // The practice's own page shows the trajectory.
  await row.getByRole("link").first().click();
  const section = page.locator("[data-testid=practice-programmes]");
  await section.getByText("Gesprek met de praktijkhouder").waitFor();
  assert.match(await section.innerText(), /Eerste gesprek over stoppen en opvolging/);
  await section.screenshot({ path: join(artifacts, "programmas-praktijkpagina.png") });
});

test("a mutual backup covers a solo practice and the regional figure follows", async () => {
  await page.goto(baseUrl + "/#/programmas/samenwerking");
  const figures = page.locator("[data-testid=collaboration-figures]");
  await figures.waitFor();
  const text = await figures.innerText();
  const [, covered, solo] = text.match(/(\d+) van de (\d+) solopraktijken/).map(Number);
  assert.ok(covered < solo && covered * 2 > solo, text);
  // Four phases from seed 000 §2, each with its activities and a status.
  assert.equal(await page.locator("[data-testid=programme-phases] .phase").count(), 4);
  assert.match(await page.locator("[data-testid=programme-phases]").innerText(), /Regionaal continuïteitsplan Maastricht-Heuvelland §2/);

  await page.getByLabel("alleen solopraktijken zonder waarneming").check();
  const rows = page.locator("[data-testid=collaboration-table] tbody tr");
  assert.ok((await rows.count()) > 0);
  for (const backup of await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.backup))) assert.equal(backup, "false");
  await page.screenshot({ path: join(artifacts, "programmas-samenwerking.png"), fullPage: true });
  const first = rows.first();
  const agb = await first.getAttribute("data-agb");
  await first.getByRole("link", { name: /Vastleggen|Bijwerken/ }).click();
  await field("Onderlinge waarneming afgesproken").waitFor();
  await field("Onderlinge waarneming afgesproken").check();
  await page.getByRole("button", { name: "Opslaan" }).click();
  await page.waitForURL(/#\/programmas\/samenwerking$/);
  await page.locator("[data-testid=collaboration-figures]").getByText(`${covered + 1} van de ${solo} solopraktijken`).waitFor();
  // The monitor no longer calls it a solo practice without backup.
  const monitor = await page.evaluate(async (a) => (await (await fetch(`/api/v1/monitor?practice=${a}`)).json()), agb);
  const practice = monitor.practices.find((p) => p.agb === agb);
  assert.ok(!practice.signals.some((s) => s.id === "solo_without_backup"), JSON.stringify(practice.signals));
});

test("the insurer liaison sees the collaboration programme but no trajectories", async () => {
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await session.login("programma-verzekeraar");
  // The menu leads straight to what the insurer may read: no refused "Opvolging" tab.
  await page.getByRole("link", { name: "Programma's" }).click();
  await page.locator("[data-testid=collaboration-figures]").waitFor();
  await page.screenshot({ path: join(artifacts, "programmas-verzekeraar.png") });
  assert.equal(await page.locator("[data-testid=succession-table]").count(), 0);
  assert.equal(await page.locator("nav.tabs").getByRole("link", { name: "Opvolging" }).count(), 0);
  assert.equal(await page.getByText(/mag opvolgingstrajecten niet inzien/).count(), 0);
  // The server refuses the trajectories all the same.
  const refused = await page.evaluate(async () => (await fetch("/api/v1/programmes/succession")).status);
  assert.equal(refused, 403);
  // Read only: no links to keep anything.
  assert.equal(await page.locator("[data-testid=collaboration-table]").getByRole("link", { name: /Vastleggen|Bijwerken/ }).count(), 0);
});
