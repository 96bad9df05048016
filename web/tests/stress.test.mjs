// End-to-end stress test: a coordinator opens the Stresstest page, sees which single failures
// the region cannot absorb today, then asks for 2031 with stretched capacity and for the Geul
// valley flood zone; the insurer sees the same figures; a practice user gets no link and a clear
// refusal. Real `vangnet serve` on 127.0.0.1, headless Chromium; screenshots in
// web/test-artifacts/stress-*.png.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { artifacts, demoSession } from "./support.mjs";

let session, page, baseUrl;

function login(username) {
  return session.login(username);
}

before(async () => {
  session = await demoSession({
    prefix: "vangnet-stress-",
    password: "stress-wachtwoord-123",
    accounts: [
      ["stress-coordinator", "coordinator"],
      ["stress-verzekeraar", "insurer_liaison"],
      ["stress-praktijk", "practice_user", ["--practice", "01051037"]],
    ],
  });
  ({ page, baseUrl } = session);
});

after(async () => {
  await session?.close();
});

async function rowsOf(testid) {
  return page.locator(`[data-testid=${testid}] tbody tr`);
}

test("today: every practice ranked, weak points in words, a map coloured by absorbability", async () => {
  await login("stress-coordinator");
  const opened = Date.now();
  await page.getByRole("link", { name: "Stresstest" }).click();
  await page.getByRole("heading", { name: /Stresstest: welke uitval/ }).waitFor();
  await page.locator("[data-testid=weak-points] li").first().waitFor();
  console.log(`stress test page opened in ${((Date.now() - opened) / 1000).toFixed(2)} s`);
  const weak = await page.locator("[data-testid=weak-points]").innerText();
  assert.match(weak, /praktijken kunnen bij uitval niet volledig worden opgevangen binnen 15 km/);
  assert.match(weak, /Zwakste plek: /);
  const single = await rowsOf("stress-single");
  assert.equal(await single.count(), 58, "every practice of the demo region once");
  // Ranked: the first row is the least absorbable, the last one fully absorbable.
  const first = await single.first().locator("td").nth(3).innerText();
  const last = await single.last().locator("td").nth(3).innerText();
  assert.ok(parseFloat(first.replace(",", ".")) < parseFloat(last.replace(",", ".")), `${first} < ${last}`);
  assert.match(last, /100%/);
  assert.match(await single.last().innerText(), /Volledig op te vangen/);
  // The reason behind a row unfolds.
  const outcome = single.first().locator("td").last();
  await outcome.locator("summary").click();
  assert.match(await outcome.locator("details[open] li").first().innerText(), /huishoudens|plek|vol/);
  // Areas: municipalities and the shipped Geul valley flood zone.
  const areas = await page.locator("[data-testid=stress-areas]").innerText();
  assert.match(areas, /Overstroming Geuldal/);
  assert.match(areas, /gemeente Maastricht/);
  assert.ok((await page.locator(".monitor-map path.leaflet-interactive").count()) >= 58, "a circle per practice");
  await page.screenshot({ path: join(artifacts, "stress-today.png"), fullPage: true });
});

test("2031 with stretched capacity: the practices without successor are closed first", async () => {
  await page.locator("#stress-year").selectOption("2031");
  await page.locator("#stress-capacity").selectOption("2500");
  await page.getByRole("button", { name: "Doorrekenen" }).click();
  await page.getByRole("heading", { name: /Al gesloten in 2031: \d+ praktijken/ }).waitFor();
  const weak = await page.locator("[data-testid=weak-points]").innerText();
  assert.match(weak, /In 2031 zijn naar verwachting \d+ praktijken gestopt zonder bekende opvolger/);
  assert.match(weak, /tot 2\.500 patiënten per fte/);
  assert.match(await page.locator("[data-testid=stress-summary]").innerText(), /^2031 /);
  const single = await rowsOf("stress-single");
  assert.ok((await single.count()) < 58, "the closed practices are not tried again");
  await page.screenshot({ path: join(artifacts, "stress-2031.png"), fullPage: true });
});

test("one area: the Geul valley flood zone", async () => {
  await page.locator("#stress-year").selectOption("");
  await page.locator("#stress-capacity").selectOption("");
  await page.locator("#stress-area").selectOption("zone:geul-overstroming");
  await page.getByRole("button", { name: "Doorrekenen" }).click();
  await page.getByText(/1 scenario's doorgerekend/).waitFor();
  assert.equal(await page.locator("[data-testid=stress-single]").count(), 0);
  const areas = await rowsOf("stress-areas");
  assert.equal(await areas.count(), 1);
  assert.match(await areas.first().innerText(), /Overstroming Geuldal\s+11\s/);
  await page.screenshot({ path: join(artifacts, "stress-geul.png"), fullPage: true });
  // A bad postcode gets the server's message in place.
  await page.locator("#stress-area").selectOption("postcodes");
  await page.locator("#stress-postcodes").fill("63A1");
  await page.getByRole("button", { name: "Doorrekenen" }).click();
  await page.getByRole("alert").filter({ hasText: "geen postcode van vier cijfers" }).waitFor();
});

test("the insurer sees the stress test; a practice user gets no link and a refusal", async () => {
  await page.context().clearCookies();
  await page.goto(baseUrl + "/");
  await login("stress-verzekeraar");
  await page.goto(baseUrl + "/#/stresstest");
  await page.locator("[data-testid=weak-points] li").first().waitFor();
  await page.screenshot({ path: join(artifacts, "stress-insurer.png") });

  await page.context().clearCookies();
  await page.goto(baseUrl + "/");
  await login("stress-praktijk");
  assert.equal(await page.getByRole("link", { name: "Stresstest" }).count(), 0);
  await page.goto(baseUrl + "/#/stresstest");
  await page.getByRole("alert").filter({ hasText: "vergelijkt alle praktijken van de regio" }).waitFor();
});

test("nothing was fetched from outside 127.0.0.1", () => {
  assert.deepEqual(session.blocked, []);
});
