// Paraatheid: what keeps the crisis plan alive. The coordinator sees at a glance what is overdue
// in the region and what falls due this month, as a list and as a month calendar; whoever did an
// obligation records it with the date, who and the evidence. Contract reviews and calamity cards
// are kept on their own records and link there.
import { ApiError } from "../api/client";
import { LatestRender } from "../ui/latest_render";
import type { PageContext } from "../ui/page_context";
import { t } from "../i18n";
import { formatDate, h } from "../ui/dom";
import { toast } from "../ui/toast";
import { incidentsApi } from "../incidents/api";
import { PreparednessItem, PreparednessOverview, preparednessApi } from "./api";
import { cancelOwnBurst, expectOwnBurst } from "../live";

const STATUS_CLASS: Record<PreparednessItem["status"], string> = { overdue: "stop", due_this_month: "warn", upcoming: "ok" };

function statusLabel(item: PreparednessItem): string {
  if (item.status === "overdue") return item.last_done ? t("prepOverdue") : t("prepNever");
  return item.status === "due_this_month" ? t("prepThisMonth") : t("prepLater");
}

function doneForm(item: PreparednessItem, today: string, rerender: () => void): HTMLElement {
  const date = h("input", { type: "date", value: today, max: today, "aria-label": t("prepDoneOn"), required: true }) as HTMLInputElement;
  const who = h("input", { type: "text", "aria-label": t("prepDoneBy"), placeholder: t("prepDoneBy"), required: true }) as HTMLInputElement;
  const evidence = h("input", { type: "text", "aria-label": t("prepEvidence"), placeholder: t("prepEvidence") }) as HTMLInputElement;
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      await preparednessApi.done({ rule_id: item.rule_id, practice_agb: item.practice_agb, done_on: date.value, done_by: who.value, evidence: evidence.value });
      toast(t("prepSaved"));
      rerender();
    } catch (err) {
      error.hidden = false;
      error.textContent = err instanceof ApiError ? err.errors.map((x) => x.message).join(" ") : String(err);
    }
  };
  return h("form", { class: "done-form", onsubmit: submit }, date, who, evidence, h("button", { type: "submit", class: "primary" }, t("prepSave")), error);
}

function itemRow(item: PreparednessItem, canRecord: boolean, today: string, rerender: () => void): HTMLElement {
  const action = item.kept_in_registry
    ? h("a", { href: item.rule_id === "succession_trajectory_step" ? "#/programmas" : `#/praktijken?q=${item.practice_agb}` }, t("prepOnRecord"))
    : canRecord
      ? h("details", {}, h("summary", {}, t("prepMarkDone")), doneForm(item, today, rerender))
      : null;
  // An exercise (OTO): run it as an exercise incident of its playbook; closing it after the
  // evaluation marks the item done.
  const exercise =
    item.exercise_playbook && canRecord && item.practice_agb
      ? h(
          "button",
          {
            type: "button",
            onclick: async () => {
              expectOwnBurst();
              try {
                const incident = await incidentsApi.start(item.exercise_playbook!, [item.practice_agb], true);
                location.hash = `#/incidenten/${incident.id}`;
              } catch (err) {
                cancelOwnBurst();
                toast(err instanceof ApiError ? err.message : String(err));
              }
            },
          },
          t("prepStartExercise"),
        )
      : null;
  return h(
    "tr",
    { "data-status": item.status },
    h("td", {}, h("span", { class: `badge ${STATUS_CLASS[item.status]}` }, statusLabel(item))),
    h("td", {}, h("strong", {}, item.label), item.subject ? h("div", { class: "muted" }, item.subject) : null, h("details", { class: "why" }, h("summary", {}, t("prepWhy")), h("p", {}, item.explanation), h("p", { class: "muted" }, `${t("prepSource")}: ${item.source}`))),
    h("td", {}, item.practice_name || t("prepRegion")),
    h(
      "td",
      {},
      item.last_done ? `${formatDate(item.last_done)}${item.last_done_by ? ` · ${item.last_done_by}` : ""}` : "–",
      item.evidence ? h("div", { class: "muted" }, item.evidence) : null,
      item.exercise_incident_id ? h("a", { href: `#/incidenten/${item.exercise_incident_id}` }, t("prepSeeExercise")) : null,
    ),
    h("td", {}, item.due ? formatDate(item.due) : t("prepNow")),
    h("td", {}, item.owner),
    h("td", {}, action, exercise),
  );
}

// Lessons learned (seed 002 §4.8): the evaluation actions of incidents and exercises, per playbook
// they should change, so the next review of the plan starts from them.
async function lessonsSection(): Promise<HTMLElement> {
  const playbooks = (await preparednessApi.playbooks()).items;
  const all = await Promise.all(playbooks.map(async (p) => ({ playbook: p, lessons: (await preparednessApi.lessons(p.id)).items })));
  const rows = all.flatMap(({ playbook, lessons }) =>
    lessons.map((l) =>
      h(
        "tr",
        {},
        h("td", {}, h("a", { href: `/api/v1/printouts/playbook/${playbook.id}`, target: "_blank", rel: "noopener" }, playbook.title), h("div", { class: "muted" }, `${t("prepRunVersion")} ${l.playbook_version} · ${t("prepNowVersion")} ${playbook.version}`)),
        h("td", {}, h("a", { href: `#/incidenten/${l.incident_id}` }, `${l.incident_number}${l.exercise ? ` (${t("exercise").toLowerCase()})` : ""}`), h("div", { class: "muted" }, formatDate(l.activated_at.slice(0, 10)))),
        h("td", {}, l.point),
        h("td", {}, l.finding),
        h("td", {}, h("strong", {}, l.action)),
      ),
    ),
  );
  return h(
    "section",
    { class: "card", "data-testid": "prep-lessons" },
    h("h2", {}, t("prepLessons")),
    h("p", { class: "muted" }, t("prepLessonsIntro")),
    rows.length
      ? h("div", { class: "table-wrap" }, h("table", { class: "table" }, h("thead", {}, h("tr", {}, [t("prepPlaybook"), t("prepIncident"), t("prepPoint"), t("prepFinding"), t("prepAction")].map((c) => h("th", { scope: "col" }, c)))), h("tbody", {}, rows)))
      : h("p", { class: "muted" }, t("prepNoLessons")),
  );
}

// The current month as a grid of weeks (Monday first), with the items due on each day.
function monthCalendar(data: PreparednessOverview): HTMLElement {
  const [y, m] = data.date.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 1, 1));
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const offset = (first.getUTCDay() + 6) % 7;
  const byDay = new Map<number, PreparednessItem[]>();
  for (const item of data.items) {
    if (!item.due) continue;
    const [iy, im, id] = item.due.split("-").map(Number);
    if (iy === y && im === m) byDay.set(id, [...(byDay.get(id) ?? []), item]);
  }
  const cells: HTMLElement[] = [];
  for (let i = 0; i < offset; i++) cells.push(h("td", { class: "empty" }));
  for (let d = 1; d <= days; d++) {
    const items = byDay.get(d) ?? [];
    const isToday = d === Number(data.date.slice(8, 10));
    cells.push(
      h(
        "td",
        { class: isToday ? "today" : "" },
        h("div", { class: "day" }, String(d)),
        items.slice(0, 3).map((i) => h("div", { class: `cal-item ${STATUS_CLASS[i.status]}` }, `${i.label}${i.practice_name ? ` · ${i.practice_name}` : ""}`)),
        items.length > 3 ? h("div", { class: "muted" }, `+${items.length - 3}`) : null,
      ),
    );
  }
  while (cells.length % 7) cells.push(h("td", { class: "empty" }));
  const rows: HTMLElement[] = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(h("tr", {}, cells.slice(i, i + 7)));
  const monthName = first.toLocaleDateString("nl-NL", { month: "long", year: "numeric", timeZone: "UTC" });
  return h(
    "table",
    { class: "month-calendar", "aria-label": `${t("prepCalendar")} ${monthName}` },
    h("caption", {}, monthName),
    h("thead", {}, h("tr", {}, ["ma", "di", "wo", "do", "vr", "za", "zo"].map((d) => h("th", { scope: "col" }, d)))),
    h("tbody", {}, rows),
  );
}

// What is overdue, per obligation: how many items, never done or late; a click filters the list.
function overdueSummary(data: PreparednessOverview, show: (rule: string) => void): HTMLElement {
  const rules = new Map<string, { label: string; never: number; late: number }>();
  for (const i of data.items) {
    if (i.status !== "overdue") continue;
    const r = rules.get(i.rule_id) ?? { label: i.label, never: 0, late: 0 };
    if (i.last_done) r.late++;
    else r.never++;
    rules.set(i.rule_id, r);
  }
  return h(
    "section",
    { class: "card" },
    h("h2", {}, `${t("prepOverdue")} ${t("prepPerObligation")}`),
    rules.size
      ? h(
          "table",
          { class: "table", "data-testid": "prep-overdue" },
          h("thead", {}, h("tr", {}, [t("prepObligation"), t("prepNever"), t("prepLateAgain"), ""].map((c) => h("th", { scope: "col" }, c)))),
          h(
            "tbody",
            {},
            [...rules.entries()].map(([id, r]) =>
              h("tr", {}, h("td", {}, r.label), h("td", { class: "num" }, String(r.never)), h("td", { class: "num" }, String(r.late)), h("td", {}, h("button", { class: "link", onclick: () => show(id) }, t("prepShow")))),
            ),
          ),
          // The totals add up to the badge above: never done and late, both overdue.
          h(
            "tfoot",
            {},
            h(
              "tr",
              {},
              h("th", { scope: "row" }, `${t("prepTotal")}: ${[...rules.values()].reduce((n, r) => n + r.never + r.late, 0)}`),
              h("td", { class: "num" }, String([...rules.values()].reduce((n, r) => n + r.never, 0))),
              h("td", { class: "num" }, String([...rules.values()].reduce((n, r) => n + r.late, 0))),
              h("td", {}),
            ),
          ),
        )
      : h("p", {}, t("prepNothingOverdue")),
  );
}

// The subscribable calendar: the address is shown once, when made; only its hash is stored.
function feedSection(): HTMLElement {
  const address = h("input", { type: "text", readonly: true, "aria-label": t("prepFeedAddress"), class: "feed-address", hidden: true }) as HTMLInputElement;
  const copy = h("button", { type: "button", hidden: true }, t("prepFeedCopy")) as HTMLButtonElement;
  const create = h("button", { type: "button", class: "primary" }, t("prepFeedCreate")) as HTMLButtonElement;
  const end = h("button", { type: "button" }, t("prepFeedEnd")) as HTMLButtonElement;
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const fail = (err: unknown) => {
    error.hidden = false;
    error.textContent = err instanceof ApiError ? err.errors.map((x) => x.message).join(" ") : String(err);
  };
  create.addEventListener("click", async () => {
    try {
      const { path } = await preparednessApi.newFeed();
      address.value = `${location.origin}${path}`;
      address.hidden = copy.hidden = false;
      error.hidden = true;
      address.select();
    } catch (err) {
      fail(err);
    }
  });
  copy.addEventListener("click", async () => {
    address.select();
    await navigator.clipboard?.writeText(address.value).catch(() => undefined);
    toast(t("prepFeedCopied"));
  });
  end.addEventListener("click", async () => {
    try {
      await preparednessApi.endFeed();
      address.value = "";
      address.hidden = copy.hidden = true;
      toast(t("prepFeedEnded"));
    } catch (err) {
      fail(err);
    }
  });
  return h("details", { class: "card feed", "data-testid": "prep-feed" }, h("summary", {}, t("prepFeed")), h("p", { class: "muted" }, t("prepFeedIntro")), h("div", { class: "filters" }, create, address, copy, end), error);
}

const renders = new LatestRender();

export async function renderPreparedness(ctx: PageContext): Promise<void> {
  const newest = renders.start();
  const data = await preparednessApi.overview();
  const canRecord = ["admin", "coordinator", "crisis_team", "practice_user"].includes(ctx.user.role);
  const rerender = () => {
    ctx.main.replaceChildren();  // at once: what was shown is no longer true
    void renderPreparedness(ctx);
  };
  const statusFilter = h(
    "select",
    { "aria-label": t("status") },
    h("option", { value: "" }, t("prepAll")),
    h("option", { value: "overdue" }, t("prepOverdue")),
    h("option", { value: "due_this_month" }, t("prepThisMonth")),
    h("option", { value: "upcoming" }, t("prepLater")),
  ) as HTMLSelectElement;
  const ruleFilter = h("select", { "aria-label": t("prepObligation") }, h("option", { value: "" }, t("prepAllObligations")), [...new Map(data.items.map((i) => [i.rule_id, i.label])).entries()].map(([id, label]) => h("option", { value: id }, label))) as HTMLSelectElement;
  const search = h("input", { type: "search", placeholder: t("searchPlaceholder"), "aria-label": t("search") }) as HTMLInputElement;
  const body = h("tbody", {});
  const draw = () => {
    const q = search.value.trim().toLowerCase();
    const shown = data.items.filter((i) => (!statusFilter.value || i.status === statusFilter.value) && (!ruleFilter.value || i.rule_id === ruleFilter.value) && (!q || `${i.practice_name} ${i.practice_agb} ${i.subject}`.toLowerCase().includes(q)));
    body.replaceChildren(...shown.slice(0, 200).map((i) => itemRow(i, canRecord, data.date, rerender)));
    if (shown.length > 200) body.append(h("tr", {}, h("td", { colspan: 7, class: "muted" }, `${shown.length - 200} ${t("prepMoreFilter")}`)));
  };
  for (const el of [statusFilter, ruleFilter]) el.addEventListener("change", draw);
  search.addEventListener("input", draw);
  // Open with what needs attention: the overdue items.
  statusFilter.value = data.overdue ? "overdue" : "";
  draw();
  const lessons = await lessonsSection();
  if (!newest()) return;
  ctx.main.replaceChildren(
    h("h1", {}, t("prepTitle")),
    h("p", { class: "muted" }, t("prepIntro")),
    h(
      "div",
      { class: "prep-counts", "data-testid": "prep-counts" },
      h("span", { class: "badge stop" }, `${t("prepOverdue")}: ${data.overdue}`),
      // How many of those were never done, so the figure agrees with the table below.
      h("span", { class: "muted" }, `(${data.items.filter((i) => i.status === "overdue" && !i.last_done).length} ${t("prepNeverOf")})`),
      h("span", { class: "badge warn" }, `${t("prepThisMonth")}: ${data.due_this_month}`),
      h("span", { class: "badge ok" }, `${t("prepLater")}: ${data.upcoming}`),
      h("a", { href: preparednessApi.icalUrl, download: "" }, t("prepIcal")),
      h("a", { href: "/api/v1/preparedness/export?format=xlsx", download: "" }, t("downloadXlsx")),
    ),
    feedSection(),
    overdueSummary(data, (rule) => {
      statusFilter.value = "overdue";
      ruleFilter.value = rule;
      draw();
    }),
    h(
      "section",
      { class: "card" },
      h("h2", {}, t("prepList")),
      h("div", { class: "filters" }, statusFilter, ruleFilter, search),
      h("div", { class: "table-wrap" }, h("table", { class: "table prep-table", "data-testid": "prep-items" }, h("thead", {}, h("tr", {}, [t("status"), t("prepObligation"), t("stressPractice"), t("prepLastDone"), t("prepDue"), t("prepOwner"), ""].map((c) => h("th", { scope: "col" }, c)))), body)),
    ),
    h("section", { class: "card" }, h("h2", {}, t("prepCalendar")), monthCalendar(data)),
    lessons,
  );
}
