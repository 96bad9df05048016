// The board as a coordinator relies on it at 03:00, on the README's own start (no e-mail, no
// SMS): the alarm overview says in red that alarms reach nobody outside the app and gives a
// number to call; "Gedaan" is confirmed and can be undone; a closed task reopens with a reason;
// "Toewijzen aan" takes a typed name and says when nobody or several fit; an action keeps the
// user's place on the page and is confirmed instead of announced as someone else's change.
// Screenshots: web/test-artifacts/board-no-channel.png, board-phone.png.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { apiLogin, artifacts, demoSession } from "./support.mjs";

const PASSWORD = "bord-wachtwoord-123";
let session, page, baseUrl, incident;

before(async () => {
  session = await demoSession({ prefix: "vangnet-bord-", password: PASSWORD, accounts: [["bord-coordinator", "coordinator"]], prepare: () => ["--tick", "1s"] });
  ({ page, baseUrl } = session);
  const { cookie, csrf_token } = await apiLogin(baseUrl, "bord-coordinator", PASSWORD);
  const started = await fetch(`${baseUrl}/api/v1/incidents`, {
    method: "POST",
    headers: { Cookie: cookie, "X-CSRF-Token": csrf_token, "Content-Type": "application/json" },
    body: JSON.stringify({ playbook_id: "practice-unusable", practice_agbs: ["01051037"] }),
  });
  incident = await started.json();
  await session.login("bord-coordinator");
});

after(async () => {
  await session?.close();
});

const toastText = () => page.locator("#toast").innerText();

test("without e-mail or SMS the board says so in red, and gives numbers to call", async () => {
  // The overview page lists the open incident with its unacknowledged alarms first.
  await page.goto(baseUrl + "/#/");
  const open = page.locator("section.open-incidents");
  await open.getByText(new RegExp(`${incident.number}`)).waitFor();
  await open.getByText(/alarmen niet bevestigd/).waitFor();
  await open.locator(".channel-warning").waitFor();

  await page.goto(`${baseUrl}/#/incidenten/${incident.id}`);
  const overview = page.locator("#alarm-overview");
  await overview.getByText("Alarmen bereiken niemand buiten vangnet.").waitFor();
  assert.equal(await overview.locator(".channel-warning").getAttribute("role"), "alert");
  // Alarms come before "Wat nu", first on the board.
  const order = await page.evaluate(() => [...document.querySelectorAll("main section.card")].slice(0, 2).map((s) => s.id || s.className));
  assert.deepEqual(order, ["alarm-overview", "card now"]);
  const rows = overview.locator("li.alarm-row");
  assert.ok((await rows.count()) >= 2);
  for (const row of await rows.all()) {
    assert.match(await row.locator(".alarm-state").innerText(), /nog niet bevestigd · gealarmeerd \d{2}:\d{2}/);
    assert.match(await row.locator("a.call").getAttribute("href"), /^tel:\+?\d{9,}$/);
    await row.getByText("e-mail niet ingesteld op de server").waitFor();
  }
  // Deadlines from an hour on read in hours ("over 1 uur 59 min"), never "over 119 min".
  for (const when of await page.locator("section.now li.task .when span").allInnerTexts()) {
    const minutes = when.match(/(\d+) min/)?.[1];
    if (minutes && !/uur/.test(when)) assert.ok(Number(minutes) < 60, when);
  }
  // The role name never covers the state (they overlapped before).
  const first = rows.first();
  const role = await first.locator(".alarm-role").boundingBox();
  const state = await first.locator(".alarm-state").boundingBox();
  assert.ok(role.y + role.height <= state.y + 1, `role ${JSON.stringify(role)} over state ${JSON.stringify(state)}`);
  await page.screenshot({ path: join(artifacts, "board-no-channel.png") });
});

test("an action keeps the place on the board, is confirmed, and 'Gedaan' can be undone", async () => {
  const task = page.locator("section.now li.task").nth(2);
  const text = await task.locator(".what > span").first().innerText();
  await task.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 120));
  const before = await page.evaluate(() => window.scrollY);
  assert.ok(before > 300, `scrolled down (${before})`);
  await task.getByRole("button", { name: "Gedaan" }).click();
  await page.locator("#toast").getByText(`Gedaan: ${text}`).waitFor();
  await page.locator("ol.log").getByText(`Taak gedaan: ${text}`).waitFor();
  const after = await page.evaluate(() => window.scrollY);
  assert.ok(Math.abs(after - before) < 40, `the board kept its place: ${before} -> ${after}`);
  // Our own change is ours: not announced as "bijgewerkt" when its event arrives.
  await page.waitForTimeout(700);
  assert.doesNotMatch(await toastText(), /Bijgewerkt met de laatste wijzigingen/);
  // Undo from the confirmation: the task is open again, and the log says who and why.
  await page.locator("#toast").getByRole("button", { name: "Ongedaan maken" }).click();
  await page.locator("ol.log").getByText(new RegExp(`Taak weer open \\(stond op gedaan\\): ${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`)).waitFor();
  await page.locator("section.now li.task").filter({ hasText: text }).first().waitFor();
});

test("a closed task reopens from the list of all tasks, with a reason", async () => {
  const first = page.locator("section.now li.task").first();
  const text = await first.locator(".what > span").first().innerText();
  await first.getByRole("button", { name: "Gedaan" }).click();
  await page.locator("ol.log").getByText(`Taak gedaan: ${text}`).waitFor();
  const phase = page.locator("details").filter({ has: page.locator("li.task.done", { hasText: text }) }).first();
  const title = (await phase.locator("summary").innerText()).replace(/\s*\(.*$/, "");
  await phase.locator("summary").click();
  const closed = phase.locator("li.task.done", { hasText: text });
  await closed.getByRole("button", { name: "Weer openen" }).click();
  await closed.getByLabel(/Waarom weer open\?/).fill("112 nog niet bereikt");
  await closed.getByRole("button", { name: "Weer openen" }).click();
  await page.locator("ol.log").getByText(/Taak weer open .* reden: 112 nog niet bereikt/).waitFor();
  // The fold the user opened stays open after the redraw.
  const same = page.locator("details").filter({ has: page.locator("summary", { hasText: title }) }).first();
  assert.equal(await same.evaluate((d) => d.open), true);
});

test("'Toewijzen aan' takes a typed name, and says when nobody or several fit", async () => {
  const task = page.locator("section.now li.task").first();
  const text = await task.locator(".what > span").first().innerText();
  const field = task.getByLabel(`Toewijzen aan…: ${text}`);
  await field.fill("Niemand Bestaatniet");
  await field.press("Enter");
  await task.getByRole("alert").getByText('Niemand gevonden met "Niemand Bestaatniet".').waitFor();
  await field.fill("van");
  await field.press("Enter");
  await task.getByRole("alert").getByText(/Meerdere mensen passen bij "van": .*\(HA-\d+\)/).waitFor();
  await field.fill("ilse demostra");
  await field.press("Enter");
  await page.locator("#toast").getByText(`Toegewezen aan Ilse Demostra: ${text}`).waitFor();
  await page.locator("ol.log").getByText(new RegExp(`Taak toegewezen aan Ilse Demostra \\([^)]+\\)`)).waitFor();
});

test("someone else's change redraws the board without wiping what the user is typing", async () => {
  await page.getByLabel("Wat is er waargenomen, besloten of gemeld?").fill("Half geschreven regel");
  await page.getByLabel("Besloten door").fill("Voorzitter");
  await page.getByLabel("Besloten door").blur();
  const { cookie, csrf_token } = await apiLogin(baseUrl, "bord-coordinator", PASSWORD);
  await fetch(`${baseUrl}/api/v1/incidents/${incident.id}/log`, {
    method: "POST",
    headers: { Cookie: cookie, "X-CSRF-Token": csrf_token, "Content-Type": "application/json" },
    body: JSON.stringify({ kind: "observation", text: "Regel van een collega" }),
  });
  await page.locator("ol.log").getByText("Regel van een collega").waitFor();
  await page.locator("#toast").getByText("Bijgewerkt met de laatste wijzigingen.").waitFor();
  assert.equal(await page.getByLabel("Wat is er waargenomen, besloten of gemeld?").inputValue(), "Half geschreven regel");
  assert.equal(await page.getByLabel("Besloten door").inputValue(), "Voorzitter");
  // Sent by the user: the form is empty again.
  await page.getByRole("button", { name: "In het logboek" }).click();
  await page.locator("ol.log").getByText("Half geschreven regel").waitFor();
  await page.locator("#toast").getByText("Toegevoegd aan het logboek.").waitFor();
  assert.equal(await page.getByLabel("Wat is er waargenomen, besloten of gemeld?").inputValue(), "");
});

test("a half-typed reason for 'n.v.t.' survives someone else's change, also for a task shown twice", async () => {
  // The first task under "Wat nu" is also in the list of all tasks: two fields with one name.
  const row = page.locator("section.now li.task").first();
  const notApplicable = row.getByRole("button", { name: "N.v.t.", exact: true });
  await notApplicable.click();
  const reason = row.getByLabel("Waarom niet van toepassing?");
  await reason.fill("Pand is niet van ons");
  await reason.blur();
  const { cookie, csrf_token } = await apiLogin(baseUrl, "bord-coordinator", PASSWORD);
  await fetch(`${baseUrl}/api/v1/incidents/${incident.id}/log`, {
    method: "POST",
    headers: { Cookie: cookie, "X-CSRF-Token": csrf_token, "Content-Type": "application/json" },
    body: JSON.stringify({ kind: "observation", text: "Nog een regel van een collega" }),
  });
  await page.locator("ol.log").getByText("Nog een regel van een collega").waitFor();
  assert.equal(await page.locator("section.now li.task").first().getByLabel("Waarom niet van toepassing?").inputValue(), "Pand is niet van ons");
});

test("on a laptop the menu is one line", async () => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const links = await page.locator("header.topbar nav a").evaluateAll((all) => all.map((a) => Math.round(a.getBoundingClientRect().top)));
  assert.equal(new Set(links).size, 1, `menu rows at ${links}`);
});

test("on a phone the alarms are on the first screen, and long texts fold", async () => {
  // A long entry with an unbroken link in it, as pasted from a message.
  const long = "Melding van de gemeente: " + "https://www.example.nl/" + "x".repeat(300) + " " + "Lange uitleg over de situatie ter plaatse. ".repeat(20);
  const { cookie, csrf_token } = await apiLogin(baseUrl, "bord-coordinator", PASSWORD);
  await fetch(`${baseUrl}/api/v1/incidents/${incident.id}/log`, {
    method: "POST",
    headers: { Cookie: cookie, "X-CSRF-Token": csrf_token, "Content-Type": "application/json" },
    body: JSON.stringify({ kind: "observation", text: long }),
  });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();  // as a phone opens it
  await page.locator("#alarm-overview").waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  const heading = await page.locator("#alarm-overview h2").boundingBox();
  assert.ok(heading.y + heading.height < 844, `the alarm overview's heading is at ${heading.y}`);
  const header = await page.locator("header.topbar").boundingBox();
  assert.ok(header.height < 110, `the menu takes ${header.height} px`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling (${width} px)`);
  // The stage control comes before the logbook; the long entry shows its start and opens on a tap.
  const stage = await page.getByRole("heading", { name: "Stadium", exact: true }).first().boundingBox();
  const logbook = await page.getByRole("heading", { name: "Logboek", exact: true }).boundingBox();
  assert.ok(stage.y < logbook.y, `stage at ${stage.y}, logbook at ${logbook.y}`);
  const folded = page.locator("ol.log details.long-text").first();
  const closedHeight = (await folded.boundingBox()).height;
  assert.ok(closedHeight < 200, `a folded entry takes ${closedHeight} px`);
  await folded.locator("summary").click();
  await folded.getByText("Lange uitleg over de situatie ter plaatse.", { exact: false }).last().waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 390);
  await page.screenshot({ path: join(artifacts, "board-phone.png") });
  await page.setViewportSize({ width: 1280, height: 900 });
});

test("one's own new incident is not announced as someone else's change, and messages that cannot leave never read as waiting", async () => {
  await page.goto(baseUrl + "/#/incidenten/nieuw");
  await page.getByLabel(/Praktijkpand onbruikbaar door brand/).check();
  await page.getByRole("searchbox").fill("Kastanjeplein");
  await page.getByLabel(/Huisartsenpraktijk Kastanjeplein/).first().check();
  // Every toast from here on: starting writes the incident, its alarms and messages, whose
  // echoes once each said "Bijgewerkt met de laatste wijzigingen".
  await page.evaluate(() => {
    window.seenToasts = [];
    const el = document.getElementById("toast");
    new MutationObserver(() => window.seenToasts.push(el.innerText)).observe(el, { childList: true, subtree: true });
  });
  await page.getByRole("button", { name: "Start het draaiboek" }).click();
  await page.getByRole("heading", { name: "Wat nu" }).waitFor();
  const overview = page.locator("#alarm-overview");
  await overview.locator("li.alarm-row").first().waitFor();
  // No e-mail or SMS on this server: a message for them will never leave, whether or not the
  // next tick has marked it failed yet.
  assert.equal(await overview.getByText("wacht op verzending").count(), 0);
  await overview.getByText("e-mail niet ingesteld op de server").first().waitFor();
  // The message list counts them by what became of them (the tick marks them failed).
  await page.locator("details summary").getByText(/Berichten per e-mail en sms: 0 verzonden, [1-9]\d* mislukt/).waitFor();
  const toasts = await page.evaluate(() => window.seenToasts);
  assert.ok(!toasts.some((text) => text.includes("Bijgewerkt met de laatste wijzigingen")), toasts.join(" | "));
});
