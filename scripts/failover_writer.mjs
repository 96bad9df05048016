// The writer of scripts/failover-test.sh: writes through two vangnet servers in turn (logbook
// entries, task completions, registry edits), runs FAILOVER_KILL (which kills the database's
// primary) after a number of acknowledged writes, keeps writing through the switch, and then
// checks that every write answered with 2xx is in the database.
//
// Four readers read alongside, through both servers, all the time.
//
// Usage: FAILOVER_KILL='shell command' [FAILOVER_MODE=freeze] node failover_writer.mjs URL_A URL_B USER PASSWORD
// Prints one line of JSON with the counts, the time from the kill until writes succeed again
// and the slowest answer after it; exits 1 when an acknowledged write is missing, an action was
// answered other than 2xx or 503, or writes did not come back in time. Frozen (FAILOVER_MODE=
// freeze) the primary hangs instead of dying: then every request must also be answered within
// answerLimitMs, and writes must be back within frozenRecoveryLimitMs.
import { execSync } from "node:child_process";
import { apiLogin } from "../web/tests/support.mjs";

const [urlA, urlB, username, password] = process.argv.slice(2);
const servers = [urlA, urlB];
const ackedBeforeKill = 20;
const ackedAfterRecovery = 30;
const frozen = process.env.FAILOVER_MODE === "freeze";
const recoveryLimitMs = 90_000;
const frozenRecoveryLimitMs = 15_000;
const answerLimitMs = 1_000;
const readers = 4;

const session = await apiLogin(urlA, username, password); // a session holds on every server
let turn = 0;

let killAt = null; // when FAILOVER_KILL ran
// The slowest answer (any status) to a request sent after the kill, and how many there were.
const afterKill = { requests: 0, slowestMs: 0, slowest: "" };

// One API call on the next server in turn; a network failure is status 0.
async function call(method, path, body, version) {
  const base = servers[turn++ % servers.length];
  const sentAt = Date.now();
  const sentAfterKill = killAt !== null;
  const timed = (res) => {
    if (sentAfterKill) {
      afterKill.requests++;
      const ms = Date.now() - sentAt;
      if (ms > afterKill.slowestMs) {
        const at = ((sentAt - killAt) / 1000).toFixed(1);
        Object.assign(afterKill, { slowestMs: ms, slowest: `${method} ${path} ${res.status}, sent ${at} s after the kill` });
      }
    }
    return res;
  };
  const headers = { Cookie: session.cookie, Accept: "application/json" };
  if (method !== "GET") headers["X-CSRF-Token"] = session.csrf_token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (version !== undefined) headers["If-Match"] = `"${version}"`;
  try {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const data = await res.json().catch(() => ({}));
    return timed({ status: res.status, data, retryAfter: res.headers.get("retry-after") });
  } catch {
    return timed({ status: 0, data: {} });
  }
}

// A read that must succeed (set-up and checks): tried again for up to 30 s.
async function read(path) {
  for (const started = Date.now(); Date.now() - started < 30_000; ) {
    const res = await call("GET", path);
    if (res.status === 200) return res.data;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`GET ${path} did not succeed within 30 s`);
}

const playbooks = (await read("/playbooks")).items;
const practices = (await read("/practices?limit=3")).items;
const started = await call("POST", "/incidents", {
  playbook_id: playbooks[0].id,
  practice_agbs: [practices[0].agb],
  exercise: true,
});
if (started.status !== 201) throw new Error(`incident not started: ${JSON.stringify(started)}`);
const incidentId = started.data.id;

// What was acknowledged, and what was tried without an answer (its outcome is unknown: the
// connection may have dropped while COMMIT was under way).
const acked = { log: new Set(), tasks: new Set(), practice: new Map() };
const unknown = { log: new Set(), tasks: new Set(), practice: new Map() };
const counts = { acknowledged: 0, unavailable: 0, no_answer: 0, conflict: 0, wrong: [] };

let recoveredAfterMs = null;
let ackedSinceRecovery = 0;
let openTasks = [];

function outcome(res, onAck, onUnknown) {
  if (res.status >= 200 && res.status < 300) {
    counts.acknowledged++;
    onAck();
    if (killAt !== null) {
      if (recoveredAfterMs === null) recoveredAfterMs = Date.now() - killAt;
      ackedSinceRecovery++;
    }
    return true;
  }
  if (res.status === 503) {
    counts.unavailable++;
    if (res.retryAfter === null) counts.wrong.push("503 without Retry-After");
  } else if (res.status === 0) {
    counts.no_answer++;
  } else if (res.status === 409 || res.status === 412) {
    counts.conflict++; // a version that moved on meanwhile: refused whole, nothing written
    return false;
  } else {
    counts.wrong.push(`${res.status} ${JSON.stringify(res.data).slice(0, 200)}`);
  }
  onUnknown();
  return false;
}

// Readers alongside the writer: load on both servers, and answers to time while it fails over.
let writing = true;
const readerCounts = { ok: 0, unavailable: 0, no_answer: 0, wrong: [] };
const readerLoops = Array.from({ length: readers }, async (_, n) => {
  while (writing) {
    const res = await call("GET", n % 2 ? `/incidents/${incidentId}` : "/practices?limit=20");
    if (res.status === 200) readerCounts.ok++;
    else if (res.status === 503) readerCounts.unavailable++;
    else if (res.status === 0) readerCounts.no_answer++;
    else readerCounts.wrong.push(`reader: ${res.status}`);
    await new Promise((r) => setTimeout(r, res.status === 200 ? 50 : 200));
  }
});

for (let i = 0; ; i++) {
  if (killAt === null && counts.acknowledged >= ackedBeforeKill) {
    execSync(process.env.FAILOVER_KILL, { stdio: "inherit" });
    killAt = Date.now();
  }
  if (ackedSinceRecovery >= ackedAfterRecovery) break;
  if (killAt !== null && recoveredAfterMs === null && Date.now() - killAt > recoveryLimitMs) break;

  const kind = i % 3;
  let ok = false;
  if (kind === 0) {
    const text = `failover-test ${i}`;
    const res = await call("POST", `/incidents/${incidentId}/log`, { kind: "observation", text });
    ok = outcome(res, () => acked.log.add(text), () => unknown.log.add(text));
  } else if (kind === 1) {
    if (openTasks.length === 0) {
      const incident = await call("GET", `/incidents/${incidentId}`);
      if (incident.status === 200) openTasks = incident.data.tasks.filter((t) => t.status === "open");
    }
    const task = openTasks.shift();
    if (task) {
      const res = await call("POST", `/incidents/${incidentId}/tasks/${task.id}/done`, { note: `failover-test ${i}` }, task.version);
      ok = outcome(res, () => acked.tasks.add(task.id), () => unknown.tasks.add(task.id));
    }
  } else {
    const practice = practices[i % practices.length];
    const current = await call("GET", `/practices/${practice.id}`);
    if (current.status === 200) {
      const value = `Failoverstraat ${i}`;
      const res = await call("PUT", `/practices/${practice.id}`, { street_address: value }, current.data.version);
      ok = outcome(
        res,
        () => {
          acked.practice.set(practice.id, value);
          unknown.practice.set(practice.id, []); // only later tries can have overwritten it
        },
        () => unknown.practice.set(practice.id, [...(unknown.practice.get(practice.id) ?? []), value]),
      );
    }
  }
  if (!ok) await new Promise((r) => setTimeout(r, 200));
}
writing = false;
await Promise.all(readerLoops);

// Every acknowledged write must be there, read back through the servers.
const missing = [];
const incident = await read(`/incidents/${incidentId}`);
const logTexts = new Set(incident.log.map((e) => e.text));
for (const text of acked.log) if (!logTexts.has(text)) missing.push(`logbook: ${text}`);
const done = new Set(incident.tasks.filter((t) => t.status === "done").map((t) => t.id));
for (const id of acked.tasks) if (!done.has(id)) missing.push(`task ${id} not done`);
for (const [id, value] of acked.practice) {
  const now = (await read(`/practices/${id}`)).street_address;
  if (now !== value && !(unknown.practice.get(id) ?? []).includes(now)) {
    missing.push(`practice ${id}: ${now} instead of ${value}`);
  }
}

const report = {
  acknowledged: counts.acknowledged,
  answered_503: counts.unavailable,
  no_answer: counts.no_answer,
  version_conflicts: counts.conflict,
  not_acknowledged: unknown.log.size + unknown.tasks.size + [...unknown.practice.values()].flat().length,
  wrong_answers: counts.wrong,
  acknowledged_writes_lost: missing,
  seconds_from_kill_to_writes: recoveredAfterMs === null ? null : recoveredAfterMs / 1000,
  requests_after_kill: afterKill.requests,
  slowest_answer_after_kill_ms: afterKill.slowestMs,
  slowest_answer: afterKill.slowest,
  readers: readerCounts,
};
console.log(JSON.stringify(report));
const failures = [];
if (missing.length > 0) failures.push("acknowledged writes lost");
if (counts.wrong.length > 0 || readerCounts.wrong.length > 0) failures.push("wrong answers");
if (recoveredAfterMs === null) failures.push("writes did not come back");
if (frozen) {
  if (counts.no_answer + readerCounts.no_answer > 0) failures.push("requests without an answer");
  if (afterKill.slowestMs > answerLimitMs) failures.push(`an answer took over ${answerLimitMs} ms`);
  if (recoveredAfterMs !== null && recoveredAfterMs > frozenRecoveryLimitMs)
    failures.push(`writes came back after more than ${frozenRecoveryLimitMs / 1000} s`);
}
if (failures.length > 0) console.error(`failover_writer: ${failures.join("; ")}`);
const failed = failures.length > 0;
process.exit(failed ? 1 : 0);
