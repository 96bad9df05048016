// Alarming end to end: `vangnet serve` with a real SMTP sink (npm smtp-server) on 127.0.0.1.
// Starting an incident e-mails the crisis coordinators; one who does not acknowledge in time is
// passed over to the substitute; the link in the e-mail acknowledges in headless Chromium
// without logging in. Timeouts are shortened (2 s, clock every 1 s) so this runs in seconds.
// The same clock sends the month's preparedness reminders (from hour 0, so at once).
import { amsterdamIsoDate } from "../src/ui/amsterdam_time.js";
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import { apiLogin, artifacts, launchBrowser, logIn, startServer, vangnet } from "./support.mjs";

const PASSWORD = "alarm-wachtwoord-123";

let work, sink, server, baseUrl;
const mails = [];

// One received message: envelope recipients, decoded subject and body.
function parseMail(raw, envelope) {
  const [head, ...rest] = raw.split("\r\n\r\n");
  const unfolded = head.replace(/\r\n[ \t]+/g, " ");
  const header = (name) => (unfolded.match(new RegExp(`^${name}: (.*)$`, "mi")) ?? [])[1] ?? "";
  const subject = header("Subject")
    .split(" ")
    .map((word) => {
      const m = word.match(/^=\?UTF-8\?B\?(.*)\?=$/i);
      return m ? Buffer.from(m[1], "base64").toString("utf8") : word;
    })
    .join(/=\?/.test(header("Subject")) ? "" : " ");
  const body = Buffer.from(rest.join("\r\n\r\n").replace(/\s+/g, ""), "base64").toString("utf8");
  return { to: envelope.rcptTo.map((r) => r.address), subject, body, date: header("Date"), messageId: header("Message-ID"), contentType: header("Content-Type") };
}

async function waitFor(what, predicate, timeoutMs = 15000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    const found = predicate();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out waiting for ${what}; received: ${JSON.stringify(mails.map((m) => [m.to, m.subject]))}`);
}

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  work = mkdtempSync(join(tmpdir(), "vangnet-alarm-"));
  const db = join(work, "v.db");
  vangnet(["demo", "--db", db]);
  vangnet(["user", "add", "alarm-coordinator", "--db", db, "--role", "coordinator", "--password-stdin"], PASSWORD + "\n");

  sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk) => (raw += chunk));
      stream.on("end", () => {
        mails.push(parseMail(raw, session.envelope));
        callback();
      });
    },
  });
  await new Promise((resolve) => sink.listen(0, "127.0.0.1", resolve));
  const smtpPort = sink.server.address().port;

  ({ server, baseUrl } = await startServer(db, [
    "--smtp-url", `smtp://127.0.0.1:${smtpPort}`, "--smtp-from", "vangnet@rho-test.example.nl",
    "--public-url", "http://127.0.0.1:1", "--alarm-timeout", "2s", "--tick", "1s",
    "--reminder-hour", "0"]));
});

after(async () => {
  server?.kill("SIGTERM");
  await new Promise((resolve) => (sink ? sink.close(resolve) : resolve()));
  if (work) rmSync(work, { recursive: true, force: true });
});

test("an incident e-mails the crisis roles, passes an unanswered alarm on, and the link acknowledges", async () => {
  const { cookie, csrf_token } = await apiLogin(baseUrl, "alarm-coordinator", PASSWORD);
  const api = (method, path, body) =>
    fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { Cookie: cookie, "X-CSRF-Token": csrf_token, "Content-Type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    }).then((r) => r.json());

  const incident = await api("POST", "/incidents", { playbook_id: "practice-unusable", practice_agbs: ["01051037"] });
  assert.ok(incident.alarms.length >= 2, "the crisis coordinators are alarmed");
  const people = (await api("GET", "/people?limit=1000")).items;
  const emailOf = (code) => people.find((p) => p.code === code)?.email;

  // The first coordinator's primary gets an e-mail with a correct UTF-8 subject and body.
  const first = incident.alarms.find((a) => a.role_code === "CC-1");
  const primaryMail = await waitFor("the alarm e-mail", () => mails.find((m) => m.to.includes(emailOf(first.person_code))));
  assert.match(primaryMail.subject, new RegExp(`^ALARM ${incident.number}: `));
  assert.match(primaryMail.body, /U bent gealarmeerd als Crisiscoördinator RHO voor incident/);
  assert.match(primaryMail.body, /Bevestigen: http:\/\/127\.0\.0\.1:1\/bevestig#[0-9a-f]{48}/);
  assert.match(primaryMail.date, /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
  assert.match(primaryMail.messageId, /^<vangnet-\d+-[0-9a-f]+@rho-test\.example\.nl>$/);
  assert.match(primaryMail.contentType, /charset=UTF-8/);

  // Nobody acknowledges: after 2 s the substitute is alarmed, by e-mail too.
  let after, chain;
  const started = Date.now();
  while (Date.now() - started < 15000) {
    after = await api("GET", `/incidents/${incident.id}`);
    chain = after.alarms.filter((a) => a.role_code === "CC-1");
    if (chain.length >= 2) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.ok(chain.length >= 2, "CC-1 was passed on");
  const substitute = await waitFor("the substitute's alarm e-mail", () =>
    mails.find((m) => m.to.includes(emailOf(chain[1].person_code)) && /\(Vervanger\) voor incident/.test(m.body)),
  );
  assert.equal(chain[0].status, "passed_on");
  assert.equal(chain[1].level, "substitute");
  assert.ok(after.log.some((e) => e.text.startsWith("Geen bevestiging van")), "the log says who did not answer");

  // The substitute opens the link on a phone and presses the button, without logging in.
  const token = substitute.body.match(/bevestig#([0-9a-f]{48})/)[1];
  const context = await launchBrowser(join(work, "profile"), { width: 390, height: 780 });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${baseUrl}/bevestig#${token}`);
    await page.getByRole("heading", { name: "Alarm bevestigen" }).waitFor();
    await page.getByRole("button", { name: "Ik pak het op" }).click();
    await page.getByText(`voor incident ${incident.number}`).waitFor();
    await page.screenshot({ path: join(artifacts, "alarm-acknowledge-phone.png"), fullPage: true });
  } finally {
    await context.close();
  }
  const acknowledged = (await api("GET", `/incidents/${incident.id}`)).alarms.filter((a) => a.role_code === "CC-1");
  assert.equal(acknowledged[1].status, "acknowledged");
  assert.ok(acknowledged[1].acknowledged_at);

  // The board's message list shows what went out, and that it was delivered.
  const messages = (await api("GET", `/incidents/${incident.id}/messages`)).items;
  assert.ok(messages.some((m) => m.channel === "email" && m.status === "sent"));
});

// The process that queues an alarm does not decide how it goes out: an incident started on the
// command line (no SMTP there) is e-mailed by the running server that has SMTP, and the board's
// alarm overview shows per person each channel with its state and a number to call.
test("an incident started on the command line is e-mailed by the server, and the overview shows it", async () => {
  const db = join(work, "v.db");
  const started = vangnet(["incident", "start", "--db", db, "--playbook", "power-outage", "--practice", "01051037"]);
  const number = started.match(/\d{4}-\d{3}/)[0];
  await waitFor("the e-mail of the incident started on the command line", () => mails.find((m) => m.subject.startsWith(`ALARM ${number}: `)));

  const context = await launchBrowser(join(work, "profile-board"), { width: 1366, height: 900 });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await logIn(page, baseUrl, "alarm-coordinator", PASSWORD);
    await page.getByRole("link", { name: /Incidenten/ }).first().click();
    await page.getByRole("link", { name: new RegExp(number) }).click();
    const overview = page.locator("#alarm-overview");
    await overview.getByText(/e-mail verzonden \d{2}:\d{2}/).first().waitFor();
    // Mail is configured: no red warning; SMS is not, and that is said.
    assert.equal(await page.locator(".channel-warning").count(), 0);
    await overview.getByText(/verstuurt geen sms/).waitFor();
    const calls = await overview.locator("a.call").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    assert.ok(calls.length >= 2 && calls.every((href) => /^tel:\+?\d{9,}$/.test(href)), JSON.stringify(calls));
    await page.screenshot({ path: join(artifacts, "alarm-overview-email.png"), fullPage: false });
  } finally {
    await context.close();
  }
});

test("the month's preparedness reminders reach a practice's holders and the crisis coordinator", async () => {
  // The month in Dutch, spelled here rather than by the machine's ICU data.
  const [year, monthNumber] = amsterdamIsoDate().split("-");
  const dutchMonths = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
  const month = `${dutchMonths[Number(monthNumber) - 1]} ${year}`;
  const practiceMail = await waitFor("a practice's reminder", () =>
    mails.find((m) => m.subject.startsWith(`Paraatheid ${month} · Huisartsenpraktijk Kastanjeplein (Maastricht): `)),
  );
  assert.match(practiceMail.subject, /: \d+ te laat/);
  practiceMail.body = practiceMail.body.replace(/\r\n/g, "\n");
  assert.match(practiceMail.body, /^Beste .+,\n\nDit is de maandelijkse herinnering van vangnet over de paraatheid van Huisartsenpraktijk Kastanjeplein \(Maastricht\) \(AGB 01051037\)/);
  assert.match(practiceMail.body, /- Back-up controleren: nog nooit vastgelegd\. Wie: praktijkmanager met ICT-partner\./);
  assert.match(practiceMail.body, /Vastleggen wat gedaan is: http:\/\/127\.0\.0\.1:1\/#\/paraatheid/);
  assert.match(practiceMail.contentType, /charset=UTF-8/);
  const coordinatorMail = await waitFor("the coordinator's reminder", () => mails.find((m) => m.subject.startsWith(`Paraatheid ${month} · regio: `)));
  assert.match(coordinatorMail.body, /- Crisisplan herzien: nog nooit vastgelegd\. Wie: crisiscoördinator RHO\./);
  assert.match(coordinatorMail.body, /In de regio staan \d+ verplichtingen van praktijken te laat, bij \d+ praktijken\./);
  // Once per month and person: no one gets the same month's reminder twice.
  await new Promise((r) => setTimeout(r, 2500));
  const reminders = mails.filter((m) => m.subject.startsWith(`Paraatheid ${month}`));
  const keys = reminders.map((m) => m.to.join(",") + "|" + m.subject);
  assert.equal(new Set(keys).size, keys.length);
});
