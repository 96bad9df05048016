// The web UI's files: compressed once when the server starts (not per request: that cost
// 0.7 s of a core for the script on every page load), sent as Brotli or gzip as the browser
// asks, hashed assets cached for good and the page itself revalidated; the login page appears
// fast in headless Chromium (its load time is printed, not asserted: no timed tests).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { demoSession, root } from "./support.mjs";

let session;
const dist = join(root, "web", "dist");
const script = readdirSync(join(dist, "assets")).find((f) => f.endsWith(".js"));

before(async () => {
  session = await demoSession({ prefix: "vangnet-static-", password: "statisch-wachtwoord-1", accounts: [] });
});

after(async () => {
  await session?.close();
});

test("the script is sent precompressed, identical to the built file, and cached for good", async () => {
  const original = readFileSync(join(dist, "assets", script));
  const br = await fetch(`${session.baseUrl}/assets/${script}`, { headers: { "Accept-Encoding": "br" } });
  assert.equal(br.headers.get("content-encoding"), "br");
  assert.equal(br.headers.get("cache-control"), "public, max-age=31536000, immutable");
  assert.match(br.headers.get("content-type"), /^text\/javascript/);
  // fetch decodes by itself; read the raw bytes through a second request without decoding.
  const raw = await new Promise((resolve, reject) => {
    import("node:http").then(({ get }) =>
      get(`${session.baseUrl}/assets/${script}`, { headers: { "Accept-Encoding": "gzip" } }, (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      }).on("error", reject),
    );
  });
  assert.equal(raw.headers["content-encoding"], "gzip");
  assert.ok(gunzipSync(raw.body).equals(original), "gzip decodes to the built file");
  assert.ok(Buffer.from(await br.arrayBuffer()).equals(original), "Brotli decodes to the built file");
  const page = await fetch(`${session.baseUrl}/`);
  assert.equal(page.headers.get("cache-control"), "no-cache");
  const spa = await fetch(`${session.baseUrl}/incidenten/1`);
  assert.equal(spa.status, 200);
  assert.match(await spa.text(), /<div id="app">|<script/);
  const api = await fetch(`${session.baseUrl}/api/v1/does-not-exist`);
  assert.equal(api.status, 404);
  assert.match(api.headers.get("content-type"), /problem\+json/);
});

test("the login page appears quickly", async () => {
  const { page, baseUrl } = session;
  await page.goto(baseUrl + "/api/v1/health");  // the browser itself warmed up first
  const started = Date.now();
  await page.goto(baseUrl + "/");
  await page.getByRole("button", { name: "Inloggen" }).waitFor();
  console.log(`login page load: ${Date.now() - started} ms`);
});
