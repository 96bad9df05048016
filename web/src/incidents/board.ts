// The incident board: what now, and who. Overdue and next tasks first, the stage and who decides
// at this stage and time of day, the logbook with BOB entries. Refreshes live.
import { ApiError } from "../api/client";
import type { PageContext } from "../ui/page_context";
import { fmt, t } from "../i18n";
import { foldedText, formatLocalDate, formatTimestamp, h, localToUtc, replaceKeepingPlace } from "../ui/dom";
import { toast } from "../ui/toast";
import { seesPeople } from "../api/session";
import { practicesApi } from "../practices/api";
import { cancelOwnChange, expectOwnChange } from "../live";
import { Alarm, AlarmOverview, Draft, Incident, incidentsApi, logKinds, OutboxMessage, Task } from "./api";
import { alarmOverviewSection } from "./alarm_overview";
import { mayStart } from "./list";
import { paperSection } from "./paper";
import { matchPerson } from "./people_match";

// An action on the board: what it did is confirmed in words (`done`), optionally with an undo.
type Act = (action: () => Promise<unknown>, done: string, undo?: (result: unknown) => Promise<unknown>) => Promise<void>;


const logLabel = (kind: string): string =>
  ({ ...Object.fromEntries(logKinds()), stage: t("logStage"), task: t("logTask"), status: t("logStatus") })[kind] ?? kind;

// "Anna van Proefveld (HA-1012)" or a bare code -> the person's code.
function codeOf(value: string, names: Map<string, string>): string {
  const match = value.match(/\(([^()]+)\)\s*$/);
  const code = match ? match[1] : value.trim();
  return names.has(code) ? code : "";
}

function addTaskForm(incident: Incident, act: Act, names: Map<string, string>): HTMLElement {
  const text = h("input", { name: "task-text", placeholder: t("newTask"), "aria-label": t("newTask") }) as HTMLInputElement;
  const owner = h("input", { name: "task-owner", list: names.size ? "people" : null, placeholder: t("owner"), "aria-label": t("owner") }) as HTMLInputElement;
  const deadline = h("input", { name: "task-deadline", type: "datetime-local", "aria-label": t("deadline") }) as HTMLInputElement;
  return h(
    "form",
    {
      class: "add-task",
      onsubmit: (e: Event) => {
        e.preventDefault();
        const code = codeOf(owner.value, names);
        const due = localToUtc(deadline.value);
        act(() => incidentsApi.addTask(incident.id, text.value, code ? "" : owner.value, code, due), `${t("taskAdded")}: ${text.value}`);
      },
    },
    text,
    owner,
    deadline,
    h("button", { type: "submit" }, t("addTask")),
  );
}

// seed 002 §6.1: the five parts of the shared picture.
const pictureFields = (): [string, string][] => [
  ["situation", t("pictureSituation")],
  ["casualties", t("pictureCasualties")],
  ["hazardous_substances", t("pictureHazardous")],
  ["communication", t("pictureCommunication")],
  ["weather", t("pictureWeather")],
];

function pictureSection(incident: Incident, canWork: boolean, act: Act): HTMLElement {
  const picture = incident.picture;
  const inputs = new Map<string, HTMLTextAreaElement>();
  const fields = pictureFields().map(([key, label]) => {
    const area = h("textarea", { id: `picture-${key}`, rows: 2, readonly: !canWork }, picture ? String(picture[key as keyof typeof picture] ?? "") : "") as HTMLTextAreaElement;
    inputs.set(key, area);
    return h("div", { class: "field" }, h("label", { for: `picture-${key}` }, label), area);
  });
  return h(
    "section",
    { class: "card" },
    h("h2", {}, t("sharedPicture")),
    h("p", { class: "muted" }, picture ? `${t("version")} ${picture.version} · ${t("confirmed")} ${formatTimestamp(picture.confirmed_at)} · ${picture.confirmed_by}` : t("noPicture")),
    h("div", { class: "picture" }, fields),
    canWork
      ? h(
          "button",
          {
            class: "primary",
            onclick: () => {
              const values: Record<string, string> = {};
              for (const [key, area] of inputs) values[key] = area.value;
              return act(() => incidentsApi.picture(incident.id, picture?.version ?? 0, values), t("pictureConfirmed"));
            },
          },
          t("confirmPicture"),
        )
      : null,
    picture ? h("details", {}, h("summary", {}, t("pictureText")), h("pre", { class: "picture-text" }, picture.text)) : null,
  );
}

// The playbook's communication table as texts with the incident's facts, to copy and adapt.
function draftsSection(drafts: Draft[]): HTMLElement {
  return h(
    "section",
    { class: "card" },
    h("h2", {}, t("drafts")),
    drafts.length === 0
      ? h("p", { class: "muted" }, t("noDrafts"))
      : drafts.map((d) => {
          const area = h("textarea", { rows: 8, "aria-label": `${t("drafts")}: ${d.audience}` }, d.text) as HTMLTextAreaElement;
          return h(
            "details",
            {},
            h("summary", {}, `${d.audience} · ${d.channel} · ${d.responsible}`),
            area,
            h(
              "button",
              {
                type: "button",
                onclick: async () => {
                  await navigator.clipboard?.writeText(area.value).catch(() => undefined);
                  area.select();
                  toast(t("copied"));
                },
              },
              t("copy"),
            ),
          );
        }),
  );
}

// "Rol overdragen": hands a crisis role to another person for the rest of the incident.
function handOverForm(incident: Incident, act: Act, names: Map<string, string>): HTMLElement | null {
  const alarms = incident.alarms ?? [];
  const roles = new Map<string, Alarm[]>();
  for (const alarm of alarms) roles.set(alarm.role_code, [...(roles.get(alarm.role_code) ?? []), alarm]);
  if (!roles.size || !names.size) return null;
  const roleSelect = h(
    "select",
    { name: "handover-role", "aria-label": t("role") },
    [...roles.entries()].map(([code, chain]) => h("option", { value: code }, chain[0].role_label)),
  ) as HTMLSelectElement;
  const person = h("input", { name: "handover-person", list: "people", placeholder: t("newHolder"), "aria-label": t("newHolder") }) as HTMLInputElement;
  const reason = h("input", { name: "handover-reason", placeholder: t("handOverReason"), "aria-label": t("handOverReason") }) as HTMLInputElement;
  const problem = h("p", { class: "field-error", role: "alert", hidden: true });
  const form = h(
    "form",
    {
      class: "stage-form",
      onsubmit: (e: Event) => {
        e.preventDefault();
        const found = matchPerson(person.value, names);
        problem.hidden = !("problem" in found);
        if ("problem" in found) {
          problem.textContent = found.problem;
          return;
        }
        act(() => incidentsApi.handOver(incident.id, roleSelect.value, found.code, reason.value), `${t("handedOverDone")} ${names.get(found.code)}`);
      },
    },
    roleSelect,
    person,
    reason,
    problem,
    h("button", { type: "submit" }, t("handOver")),
  );
  return h("details", {}, h("summary", {}, t("handOver")), form);
}

// seed 002 §4.8: the playbook's evaluation points, each with a finding and an action.
function evaluationSection(incident: Incident, canWork: boolean, act: Act): HTMLElement {
  const points = incident.evaluation ?? [];
  return h(
    "section",
    { class: "card" },
    h("h2", {}, t("evaluation")),
    points.map((p, index) => {
      const finding = h("textarea", { id: `finding-${index}`, rows: 2, readonly: !canWork }, p.finding) as HTMLTextAreaElement;
      const action = h("textarea", { id: `action-${index}`, rows: 2, readonly: !canWork }, p.action) as HTMLTextAreaElement;
      return h(
        "div",
        { class: "evaluation-point" },
        h("p", {}, h("strong", {}, p.point), " ", h("small", { class: "muted" }, p.source)),
        h("div", { class: "field" }, h("label", { for: `finding-${index}` }, t("finding")), finding),
        h("div", { class: "field" }, h("label", { for: `action-${index}` }, t("actionPoint")), action),
        canWork ? h("button", { type: "button", onclick: () => act(() => incidentsApi.evaluate(incident.id, p.point, finding.value, action.value), t("saved")) }, t("save")) : null,
      );
    }),
  );
}

const channelLabel = (channel: OutboxMessage["channel"]): string =>
  ({ app: t("channelApp"), email: t("channelEmail"), sms: t("channelSms") })[channel];

function messagesSummary(messages: OutboxMessage[]): string {
  const outside = messages.filter((m) => m.channel !== "app");
  const count = (status: OutboxMessage["status"]) => outside.filter((m) => m.status === status).length;
  return fmt("messagesSummary", { sent: count("sent"), failed: count("failed"), waiting: outside.length - count("sent") - count("failed") });
}

function messagesSection(messages: OutboxMessage[], names: Map<string, string>): HTMLElement {
  return h(
    "details",
    { class: "card" },
    // Counted by what became of them: a list of 76 failed messages once read as "76 sent".
    h("summary", {}, messagesSummary(messages)),
    messages.length
      ? h(
          "ul",
          { class: "messages" },
          messages.map((m) =>
            h(
              "li",
              { class: m.status },
              h("small", { class: "muted" }, `${formatTimestamp(m.created_at)} · ${channelLabel(m.channel)} · ${m.channel === "app" ? names.get(m.recipient) ?? m.recipient : m.recipient}`),
              h("div", {}, m.subject),
              m.status === "failed" || m.last_error ? h("small", { class: "missing" }, `${m.status === "failed" ? t("messageFailed") : t("messageNotSentYet")}: ${m.last_error}`) : null,
            ),
          ),
        )
      : h("p", { class: "muted" }, t("noMessages")),
  );
}

// "over 45 min", "over 1 uur 59 min", "3 uur te laat", "over 2 dagen".
export function relative(deadline: string, now: string): string {
  const minutes = Math.round((Date.parse(deadline) - Date.parse(now)) / 60000);
  const m = Math.abs(minutes);
  const hours = Math.floor(m / 60);
  const span =
    m < 60 ? `${m} min` : m < 48 * 60 ? `${hours} uur${m % 60 ? ` ${m % 60} min` : ""}` : `${Math.round(m / 1440)} dagen`;
  return minutes >= 0 ? `over ${span}` : `${span} te laat`;
}

// Set per board: redraws after the user's own action (see draw's `act`).
let renderAfterOwn: () => Promise<void> = async () => {};

export async function renderIncidentBoard(ctx: PageContext, id: number): Promise<void> {
  // Owners by name where the role may see people (the insurer sees role labels only).
  const names = new Map<string, string>();
  if (seesPeople(ctx.user)) {
    const people = await practicesApi.people().catch(() => null);
    for (const p of people?.items ?? []) names.set(p.code, p.name);
  }
  // Drafts depend on the registry, not on the incident's progress: fetched once.
  const drafts = await incidentsApi.drafts(id).catch(() => ({ items: [] as Draft[] }));
  const render = async () => {
    // Fetch everything first, then draw without awaiting: two live updates in quick succession
    // must not interleave their drawing.
    const [incident, messages, alarms] = await Promise.all([
      incidentsApi.get(id).catch((e: ApiError) => e),
      incidentsApi.messages(id).catch(() => ({ items: [] as OutboxMessage[] })),
      incidentsApi.alarms(id).catch(() => null),
    ]);
    if (incident instanceof ApiError) {
      ctx.main.replaceChildren(h("p", { class: "empty" }, incident.message));
      return;
    }
    // Drawn aside, then swapped in keeping the user's place (scroll, focus, open folds).
    const fresh = h("div");
    const overview: AlarmOverview = alarms ?? { outside_channels: { email: true, sms: true }, items: [] };
    draw({ ...ctx, main: fresh }, incident, overview, render, names);
    fresh.append(draftsSection(drafts.items), messagesSection(messages.items, names));
    replaceKeepingPlace(ctx.main, [...fresh.childNodes], !ownAction);
  };
  // While the page redraws after the user's own action, what they typed was sent: not put back.
  let ownAction = false;
  const redrawAfterOwn = async () => {
    ownAction = true;
    try {
      await render();
    } finally {
      ownAction = false;
    }
  };
  ctx.watch(["incident"], render);
  renderAfterOwn = redrawAfterOwn;
  await render();
}

function draw(ctx: PageContext, incident: Incident, overview: AlarmOverview, rerender: () => Promise<void>, names: Map<string, string>): void {
  const canWork = mayStart(ctx.user.role) && incident.status !== "closed";
  const tasks = incident.tasks ?? [];
  const open = tasks.filter((task) => task.status === "open");
  const overdue = open.filter((task) => task.overdue);
  const next = open.filter((task) => !task.overdue).slice(0, 6);

  const act: Act = async (action, done, undo) => {
    expectOwnChange();
    let sent = false;
    try {
      const result = await action();
      sent = true;
      await renderAfterOwn();
      toast(done, undo ? { label: t("undo"), run: () => void act(() => undo(result), t("undone")) } : undefined);
    } catch (e) {
      if (!sent) cancelOwnChange();
      toast(e instanceof ApiError ? e.message : String(e));
      if (e instanceof ApiError && e.status === 412) await rerender();
    }
  };

  // "Gedaan" is confirmed with an undo; a closed task can be opened again with a reason.
  const reopenOf = (result: unknown, taskId: number) => {
    const again = (result as Incident).tasks?.find((x) => x.id === taskId);
    return again ? incidentsApi.reopen(incident.id, again, t("reopenUndoReason")) : Promise.resolve();
  };
  const assignField = (task: Task) => {
    const input = h("input", { list: "people", placeholder: t("assign"), "aria-label": `${t("assign")}: ${task.text}`, class: "assign", name: `assign-${task.id}` }) as HTMLInputElement;
    const problem = h("span", { class: "field-error", role: "alert", hidden: true });
    input.addEventListener("input", () => {
      const picked = input.value.match(/\(([^()]+)\)\s*$/)?.[1];
      if (picked && names.has(picked)) submit();
    });
    const submit = () => {
      const found = matchPerson(input.value, names);
      problem.hidden = !("problem" in found);
      if ("problem" in found) {
        problem.textContent = found.problem;
        return;
      }
      act(() => incidentsApi.assign(incident.id, task, found.code), `${t("assignedTo")} ${names.get(found.code)}: ${task.text}`);
    };
    return h(
      "form",
      {
        class: "assign-form",
        onsubmit: (e: Event) => {
          e.preventDefault();
          submit();
        },
      },
      // A pick from the list goes at once; typed text on Enter.
      input,
      problem,
    ) as HTMLFormElement;
  };
  const taskRow = (task: Task) => {
    const reason = h("input", { type: "text", placeholder: t("reasonNotApplicable"), "aria-label": t("reasonNotApplicable"), hidden: true, name: `na-reason-${task.id}` }) as HTMLInputElement;
    const reopenReason = h("input", { type: "text", placeholder: t("reopenReason"), "aria-label": `${t("reopenReason")}: ${task.text}`, hidden: true, name: `reopen-${task.id}` }) as HTMLInputElement;
    const closedBy = task.status !== "open" && task.closed_at ? ` · ${formatTimestamp(task.closed_at).slice(0, -3)}${task.closed_by ? " " + task.closed_by : ""}` : "";
    return h(
      "li",
      { class: `task ${task.overdue ? "overdue" : ""} ${task.status}` },
      h(
        "div",
        { class: "when" },
        h("strong", {}, formatTimestamp(task.deadline).slice(0, -3)),
        h("span", {}, task.status === "open" ? relative(task.deadline, incident.now) : task.status === "done" ? t("done") : t("notApplicable")),
        task.legal ? h("span", { class: "badge stop" }, t("legal")) : null,
      ),
      h("div", { class: "what" }, h("span", {}, task.text), h("small", { class: "muted" }, `${task.owner_role}${task.owner_person_code ? " · " + (names.get(task.owner_person_code) ?? task.owner_person_code) : ""}${closedBy}`)),
      canWork && task.status === "open"
        ? h(
            "div",
            { class: "actions" },
            h("button", { class: "primary", onclick: () => act(() => incidentsApi.closeTask(incident.id, task, "done", ""), `${t("taskDone")}: ${task.text}`, (r) => reopenOf(r, task.id)) }, t("done")),
            names.size ? assignField(task) : null,
            reason,
            h(
              "button",
              {
                onclick: () => {
                  if (reason.hidden) {
                    reason.hidden = false;
                    reason.focus();
                    return;
                  }
                  act(() => incidentsApi.closeTask(incident.id, task, "not-applicable", reason.value), `${t("taskNotApplicable")}: ${task.text}`, (r) => reopenOf(r, task.id));
                },
              },
              t("notApplicable"),
            ),
          )
        : canWork
          ? h(
              "div",
              { class: "actions" },
              reopenReason,
              h(
                "button",
                {
                  onclick: () => {
                    if (reopenReason.hidden) {
                      reopenReason.hidden = false;
                      reopenReason.focus();
                      return;
                    }
                    act(() => incidentsApi.reopen(incident.id, task, reopenReason.value), `${t("taskReopened")}: ${task.text}`);
                  },
                },
                t("reopen"),
              ),
            )
          : null,
    );
  };

  // Logbook form: BOB entries with who decided and who acts.
  const kind = h("select", { name: "kind", "aria-label": t("kind") }, logKinds().map(([value, text]) => h("option", { value }, text))) as HTMLSelectElement;
  const text = h("textarea", { name: "text", rows: 2, "aria-label": t("logText"), placeholder: t("logText") }) as HTMLTextAreaElement;
  const decidedBy = h("input", { name: "decided_by", placeholder: t("decidedBy"), "aria-label": t("decidedBy") }) as HTMLInputElement;
  const actedBy = h("input", { name: "acted_by", placeholder: t("actedBy"), "aria-label": t("actedBy") }) as HTMLInputElement;
  const logForm = h(
    "form",
    {
      class: "log-form",
      onsubmit: (e: Event) => {
        e.preventDefault();
        act(() => incidentsApi.log(incident.id, { kind: kind.value, text: text.value, decided_by: decidedBy.value, acted_by: actedBy.value }), t("loggedDone"));
      },
    },
    kind,
    text,
    decidedBy,
    actedBy,
    h("button", { type: "submit", class: "primary" }, t("addToLog")),
  );

  const stageSelect = h("select", { name: "stage", "aria-label": t("stage") }, [1, 2, 3, 4].map((s) => h("option", { value: s, selected: s === incident.stage }, `${t("stage")} ${s}`))) as HTMLSelectElement;
  const stageReason = h("input", { name: "reason", placeholder: t("stageReason"), "aria-label": t("stageReason") }) as HTMLInputElement;
  const stageForm = h(
    "form",
    {
      class: "stage-form",
      onsubmit: (e: Event) => {
        e.preventDefault();
        act(() => incidentsApi.stage(incident, Number(stageSelect.value), stageReason.value), `${t("stageChanged")} ${stageSelect.value}`);
      },
    },
    stageSelect,
    stageReason,
    h("button", { type: "submit" }, t("changeStage")),
  );

  // Scale down or close (seed 002 §4.3-4.8), with a reason; a closed incident stays as it is.
  const statusSelect = h(
    "select",
    { name: "status", "aria-label": t("status") },
    [["active", t("statusActive")], ["scaled_down", t("statusScaledDown")], ["closed", t("statusClosed")]].map(([value, text]) =>
      h("option", { value, selected: value === incident.status }, text),
    ),
  ) as HTMLSelectElement;
  const statusReason = h("input", { name: "status-reason", placeholder: t("statusReason"), "aria-label": t("statusReason") }) as HTMLInputElement;
  const statusForm = h(
    "form",
    {
      class: "stage-form",
      onsubmit: (e: Event) => {
        e.preventDefault();
        act(() => incidentsApi.status(incident, statusSelect.value, statusReason.value), `${t("statusChanged")}: ${statusSelect.selectedOptions[0]?.textContent ?? ""}`);
      },
    },
    statusSelect,
    statusReason,
    h("button", { type: "submit" }, t("changeStatus")),
  );
  const open_ = incident.status !== "closed";

  const phases = new Map<string, Task[]>();
  for (const task of tasks) phases.set(task.phase, [...(phases.get(task.phase) ?? []), task]);

  ctx.main.append(
    h("a", { href: "#/incidenten", class: "back" }, `← ${t("incidents")}`),
    h(
      "header",
      { class: "board-head" },
      h("h1", {}, `${incident.number} · ${incident.title}`),
      h(
        "div",
        { class: "board-facts" },
        h("span", { class: "badge stage" }, `${t("stage")} ${incident.stage}`),
        incident.status !== "active" ? h("span", { class: "badge", style: "background:#546e7a" }, incident.status === "closed" ? t("statusClosed") : t("statusScaledDown")) : null,
        h("span", { class: "badge", style: `background:${incident.office_hours ? "#1565c0" : "#37474f"}` }, incident.office_hours ? t("officeHours") : "ANW"),
        incident.exercise ? h("span", { class: "badge", style: "background:#6a1b9a" }, t("exercise")) : null,
        h("span", { class: "muted" }, `${t("activated")} ${formatTimestamp(incident.activated_at)}`),
        incident.ends_at ? h("span", { class: "muted" }, `${t("endsAt")} ${formatLocalDate(incident.ends_at)}`) : null,
        incident.practice_agbs.length ? h("a", { href: `#/incidenten/${incident.id}/opvang`, class: "button-link" }, "Opvang patiënten →") : null,
        // Paper: open on a laptop; folded on a phone, where the board's first screen is for
        // the alarms and what to do now.
        h(
          "details",
          { class: "prints", open: window.innerWidth > 640 },
          h("summary", {}, t("printouts")),
          h("a", { href: `/api/v1/printouts/playbook/${incident.playbook_id}`, target: "_blank", rel: "noopener", class: "button-link" }, t("printPlaybook")),
          h("a", { href: `/api/v1/printouts/incident/${incident.id}`, target: "_blank", rel: "noopener", class: "button-link" }, t("printReport")),
          // Blank forms for working without the HIS, headed with the (first) affected practice.
          h("a", { href: `/api/v1/printouts/triage-form?agb=${incident.practice_agbs[0] ?? ""}`, target: "_blank", rel: "noopener", class: "button-link" }, t("printTriage")),
          h("a", { href: `/api/v1/printouts/prescription-form?agb=${incident.practice_agbs[0] ?? ""}&copies=2`, target: "_blank", rel: "noopener", class: "button-link" }, t("printPrescriptions")),
        ),
      ),
      // seed 002 §4.2, from the server: who decides at this stage and time of day.
      h(
        "p",
        { class: "decides" },
        h("strong", {}, `${t("whoDecides")}: `),
        incident.decides.who,
        h("br"),
        h("span", { class: "muted" }, incident.decides.organisation),
      ),
    ),
    alarmOverviewSection(incident, overview, canWork, act, canWork ? handOverForm(incident, act, names) : null),
    h(
      "section",
      { class: "card now" },
      h("h2", {}, t("whatNow")),
      overdue.length ? h("h3", { class: "missing" }, `${overdue.length} ${t("overdue")}`) : null,
      h("ul", { class: "tasks" }, overdue.map(taskRow)),
      h("h3", {}, t("nextDeadlines")),
      next.length ? h("ul", { class: "tasks" }, next.map(taskRow)) : h("p", { class: "muted" }, t("noOpenTasks")),
    ),
    h(
      "div",
      { class: "board-grid" },
      h(
        "section",
        { class: "card" },
        h("h2", {}, t("logbook")),
        canWork ? logForm : null,
        h(
          "ol",
          { class: "log", reversed: true },
          (incident.log ?? []).slice().reverse().map((entry) =>
            h(
              "li",
              { class: `log-${entry.kind}` },
              h(
                "small",
                { class: "muted" },
                `${formatTimestamp(entry.at)} · ${logLabel(entry.kind)} · ${entry.author}`,
                entry.entered_at ? h("span", { class: "badge entered", title: formatTimestamp(entry.entered_at) }, `${t("enteredAfterwards")} ${formatTimestamp(entry.entered_at)}`) : null,
              ),
              h("div", {}, foldedText(entry.text, t("showAll"))),
              entry.decided_by ? h("small", {}, `${t("decidedBy")}: ${entry.decided_by}${entry.acted_by ? " · " + t("actedBy") + ": " + entry.acted_by : ""}`) : null,
            ),
          ),
        ),
      ),
      h(
        "section",
        { class: "card" },
        h("h2", {}, t("stage")),
        canWork && open_ ? stageForm : h("p", {}, `${t("stage")} ${incident.stage}`),
        h("h2", {}, t("status")),
        canWork && open_ ? statusForm : h("p", {}, incident.status === "closed" ? t("statusClosed") : incident.status === "scaled_down" ? t("statusScaledDown") : t("statusActive")),
      ),
    ),
    ...(canWork ? [paperSection(incident, rerender)] : []),
    pictureSection(incident, canWork, act),
    ...(incident.status !== "active" && (incident.evaluation ?? []).length ? [evaluationSection(incident, canWork, act)] : []),
    h(
      "datalist",
      { id: "people" },
      [...names.entries()].map(([code, name]) => h("option", { value: `${name} (${code})` })),
    ),
    h(
      "section",
      { class: "card" },
      h("h2", {}, t("allTasks")),
      canWork ? addTaskForm(incident, act, names) : null,
      [...phases.entries()].map(([phase, list]) => h("details", {}, h("summary", {}, `${phase} (${list.filter((x) => x.status === "open").length} open)`), h("ul", { class: "tasks" }, list.map(taskRow)))),
    ),
  );
}
