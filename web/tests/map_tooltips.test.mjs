// Regression (issue 17, item 4): HTML in a practice name must never be rendered in a map tooltip.
// A practice is renamed to markup through the API; on the overview map its tooltip shows the
// name as text and no element from it reaches the page. Real `vangnet serve` on 127.0.0.1,
// headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { demoSession } from "./support.mjs";

const MARKUP = '<b id="injected">Vette</b> praktijk';
let session, page, baseUrl;

before(async () => {
  session = await demoSession({
    prefix: "vangnet-tooltips-",
    password: "tooltip-wachtwoord-123",
    accounts: [["tooltip-coordinator", "coordinator"]],
  });
  ({ page, baseUrl } = session);
});

after(async () => {
  await session?.close();
});

test("a practice name with HTML shows as text in the map tooltip", async () => {
  await session.login("tooltip-coordinator");
  const renamed = await page.evaluate(async (name) => {
    const csrf = (await (await fetch("/api/v1/session")).json()).csrf_token;
    const found = await (await fetch("/api/v1/practices?agb=01051037")).json();
    const one = await fetch(`/api/v1/practices/${found.items[0].id}`);
    const put = await fetch(`/api/v1/practices/${found.items[0].id}`, {
      method: "PUT",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf, "If-Match": one.headers.get("ETag") },
      body: JSON.stringify({ name }),
    });
    return put.status;
  }, MARKUP);
  assert.equal(renamed, 200);
  await page.goto(baseUrl + "/#/");
  await page.locator("#map path.leaflet-interactive").first().waitFor();
  // Point at each marker (markers may overlap, so the event goes to the marker itself) until
  // the renamed practice's tooltip opens.
  const markers = page.locator("#map path.leaflet-interactive");
  let shown = "";
  for (let i = 0; i < (await markers.count()) && !shown.includes("Vette"); i++) {
    await markers.nth(i).dispatchEvent("mouseover");
    shown = (await page.locator(".leaflet-tooltip").allInnerTexts()).join(" ");
    await markers.nth(i).dispatchEvent("mouseout");
  }
  assert.ok(shown.includes(MARKUP), `the tooltip shows the name as typed: ${shown}`);
  assert.equal(await page.locator("#injected").count(), 0, "no element from the name reached the page");
});
