// Shared by the browser and alarm tests: the vangnet binary, a `vangnet serve` on 127.0.0.1 with
// its address, and headless Chromium set up as the project requires (fresh profile, Dutch,
// Europe/Amsterdam, nothing fetched from outside 127.0.0.1).
import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, "..", "..");
export const binary = process.env.VANGNET_BINARY ?? join(root, "build", "vangnet");
export const artifacts = join(here, "..", "test-artifacts");
export const env = { ...process.env, VANGNET_PASSWORD_COST: "minimum" };

export function vangnet(args, input) {
  return execFileSync(binary, args, { env, input, encoding: "utf8" });
}

// Starts `vangnet serve` on a free port; resolves with the child process and its base URL.
export function startServer(db, extraArgs = []) {
  const server = spawn(binary, ["serve", "--db", db, "--listen", "127.0.0.1:0", "--web", join(root, "web", "dist"), ...extraArgs], { env });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("server did not start: " + out)), 15000);
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const match = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (match) {
        clearTimeout(timer);
        resolve({ server, baseUrl: `http://127.0.0.1:${match[1]}` });
      }
    });
    server.on("exit", (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

// Headless Chromium with a fresh profile in `profileDir`; every request that would leave
// 127.0.0.1 is aborted and reported to `onBlocked`.
export async function launchBrowser(profileDir, viewport, onBlocked = () => {}) {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
    viewport,
    locale: "nl-NL",
    timezoneId: "Europe/Amsterdam",
  });
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1" || url.protocol === "data:") return route.continue();
    onBlocked(url.href);
    return route.abort();
  });
  return context;
}

// Logs in through the login page, as a user would, and waits for the app's navigation.
export async function logIn(page, baseUrl, username, password) {
  await page.goto(baseUrl + "/");
  await page.getByLabel("Gebruikersnaam").fill(username);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.getByRole("navigation").waitFor();
}

// The usual set-up of a page test: the demo region in a fresh folder, the given accounts
// ([username, role, extra arguments]), `prepare(db)` for anything else the test needs, then
// `vangnet serve` and a browser page. `close()` stops both and removes the folder; `blocked`
// lists every request that tried to leave 127.0.0.1.
export async function demoSession({ prefix, password, accounts, prepare = () => {}, viewport = { width: 1280, height: 900 } }) {
  mkdirSync(artifacts, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), prefix));
  const db = join(work, "v.db");
  vangnet(["demo", "--db", db]);
  for (const [username, role, extra = []] of accounts) {
    vangnet(["user", "add", username, "--db", db, "--role", role, ...extra, "--password-stdin"], password + "\n");
  }
  prepare(db);
  const { server, baseUrl } = await startServer(db);
  const blocked = [];
  const context = await launchBrowser(join(work, "profile"), viewport, (url) => blocked.push(url));
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    db,
    baseUrl,
    page,
    blocked,
    login: (username) => logIn(page, baseUrl, username, password),
    async close() {
      await context.close();
      server.kill("SIGTERM");
      rmSync(work, { recursive: true, force: true });
    },
  };
}
