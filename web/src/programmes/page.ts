// Programma's: the slow work that prevents crises. "Opvolging" lists every succession trajectory
// next to the practices whose holder is 60 or older without one (seed 003), with filters, the
// step plan per stage and what is overdue; "Van solo naar samen" shows the regional programme's
// phases and activities, the figures per year and per practice what is arranged (seed 000 §2).
// Records are kept in the register form and come back here after saving.
import { ApiError } from "../api/client";
import type { PageContext } from "../ui/page_context";
import { fmt, label, t } from "../i18n";
import { formatDate, h } from "../ui/dom";
import { CollaborationOverview, CollaborationRow, Stage, SuccessionOverview, SuccessionRow, programmesApi } from "./api";

// Colours with enough contrast for small white text (WCAG AA, checked by axe in the tests).
const STAGE_CLASS: Record<Stage, string> = { conversation: "progress", search: "progress", mentoring: "ok", transfer: "ok", done: "ok", stopped: "stop" };
const STATUS_CLASS: Record<string, string> = { planned: "plan", running: "progress", done: "ok", dropped: "dropped" };

function canKeep(ctx: PageContext): boolean {
  return ctx.user.role === "admin" || ctx.user.role === "coordinator";
}

function tabs(current: "opvolging" | "samenwerking", withSuccession: boolean): HTMLElement {
  const link = (href: string, text: string, active: boolean) => h("a", { href, class: active ? "active" : "", "aria-current": active ? "page" : null }, text);
  return h("nav", { class: "tabs", "aria-label": t("progTitle") }, withSuccession ? link("#/programmas", t("progSuccession"), current === "opvolging") : null, link("#/programmas/samenwerking", t("progCollaboration"), current === "samenwerking"));
}

// The insurer liaison may not read succession trajectories (they name successors and mentors):
// its programme page is the collaboration programme alone, not a refused tab.
function seesSuccession(ctx: PageContext): boolean {
  return ctx.user.role !== "insurer_liaison";
}

function downloads(href: (f: "csv" | "xlsx") => string): HTMLElement {
  return h("p", { class: "downloads" }, h("a", { href: href("xlsx"), download: "" }, t("downloadXlsx")), " · ", h("a", { href: href("csv"), download: "" }, t("progCsv")));
}

function registerLink(resource: string, id: number | null, prefill: Record<string, string>, text: string, back: string): HTMLElement {
  const params = new URLSearchParams({ ...(id === null ? prefill : {}), terug: back });
  return h("a", { class: "button", href: `#/register/${resource}/${id ?? "nieuw"}?${params}` }, text);
}

function stageBadge(row: SuccessionRow): HTMLElement {
  if (!row.trajectory) return h("span", { class: "badge stop" }, t("progNoTrajectory"));
  return h("span", { class: `badge ${STAGE_CLASS[row.trajectory.stage]}` }, label(row.trajectory.stage));
}

function successionRow(ctx: PageContext, row: SuccessionRow): HTMLElement {
  const tr = row.trajectory;
  const next = tr && row.running ? h("div", {}, tr.next_step ?? "", h("div", { class: row.overdue ? "error" : "muted" }, `${t("progBefore")} ${formatDate(tr.next_due)}${row.overdue ? ` · ${t("progLate")}` : ""}`)) : "–";
  const details: (HTMLElement | string)[] = [];
  if (tr?.successor_name) details.push(h("div", {}, `${t("progSuccessor")}: ${tr.successor_name}${tr.successor_signed ? ` (${t("progSigned")})` : ""}`));
  if (tr?.stage === "mentoring") details.push(h("div", { class: "muted" }, fmt("progMeetings", { n: tr.mentoring_meetings, of: 6 })));
  return h(
    "tr",
    { "data-agb": row.practice_agb, "data-stage": tr?.stage ?? "none", "data-overdue": String(row.overdue) },
    h("td", {}, h("a", { href: `#/praktijken/${row.practice_id}` }, row.practice_name), h("div", { class: "muted" }, `${row.practice_agb} · ${row.place}`)),
    h("td", {}, row.district_code || "–"),
    h("td", { class: "num" }, row.holders_60_plus ? String(row.holders_60_plus) : "–", row.first_stop_year ? h("div", { class: "muted" }, `${t("progStops")} ${row.first_stop_year}${row.stop_year_assumed ? "*" : ""}`) : null),
    h("td", {}, stageBadge(row), details),
    h("td", {}, next),
    h("td", {}, tr?.owner ?? "–"),
    h("td", {}, row.takeovers.map((o) => h("a", { href: `#/incidenten/${o.id}` }, `${t("progTakeover")} ${o.number}`))),
    h("td", {}, canKeep(ctx) ? registerLink("succession-trajectories", tr?.id ?? null, { practice_agb: row.practice_agb, stage: "conversation" }, tr ? t("progUpdate") : t("progStart"), "#/programmas") : null),
  );
}

function stepPlan(data: SuccessionOverview): HTMLElement {
  return h(
    "section",
    { class: "card", "data-testid": "step-plan" },
    h("h2", {}, t("progStepPlan")),
    h("p", { class: "muted" }, fmt("progMentoringNorm", { meetings: data.mentoring.meetings, months: data.mentoring.months })),
    data.stages
      .filter((s) => data.step_plan.some((p) => p.stage === s.code))
      .map((s) =>
        h(
          "div",
          {},
          h("h3", {}, label(s.code)),
          h(
            "ul",
            {},
            data.step_plan
              .filter((p) => p.stage === s.code)
              .map((p) => h("li", {}, p.text, h("div", { class: "muted" }, p.source ? `${t("prepSource")}: ${p.source}` : `${t("progDerived")}: ${p.derived}`))),
          ),
        ),
      ),
  );
}

async function renderSuccession(ctx: PageContext): Promise<void> {
  let data: SuccessionOverview;
  try {
    data = await programmesApi.succession();
  } catch (err) {
    ctx.main.append(h("p", { class: "empty" }, err instanceof ApiError ? err.message : String(err)));
    return;
  }
  const c = data.counts;
  const stage = h("select", { "aria-label": t("progStage") }, h("option", { value: "" }, t("progAllStages")), h("option", { value: "none" }, t("progNoTrajectory")), data.stages.map((s) => h("option", { value: s.code }, label(s.code)))) as HTMLSelectElement;
  const districts = [...new Set(data.rows.map((r) => r.district_code).filter(Boolean))].sort();
  const district = h("select", { "aria-label": t("progDistrict") }, h("option", { value: "" }, t("progAllDistricts")), districts.map((d) => h("option", { value: d }, d))) as HTMLSelectElement;
  const lateOnly = h("input", { type: "checkbox" }) as HTMLInputElement;
  const search = h("input", { type: "search", placeholder: t("registerSearch"), "aria-label": t("registerSearch") }) as HTMLInputElement;
  const body = h("tbody", {});
  const counter = h("p", { class: "muted", "aria-live": "polite" });
  const draw = () => {
    const q = search.value.trim().toLowerCase();
    const shown = data.rows.filter(
      (r) =>
        (!stage.value || (r.trajectory?.stage ?? "none") === stage.value) &&
        (!district.value || r.district_code === district.value) &&
        (!lateOnly.checked || r.overdue) &&
        (!q || `${r.practice_name} ${r.practice_agb} ${r.place} ${r.trajectory?.owner ?? ""} ${r.trajectory?.next_step ?? ""}`.toLowerCase().includes(q)),
    );
    body.replaceChildren(...shown.map((r) => successionRow(ctx, r)));
    counter.textContent = fmt("registerShown", { shown: shown.length, total: data.rows.length });
  };
  for (const input of [stage, district, lateOnly]) input.addEventListener("change", draw);
  search.addEventListener("input", draw);
  draw();
  ctx.main.append(
    h(
      "section",
      { class: "card", "data-testid": "succession-counts" },
      h(
        "ul",
        { class: "stats" },
        h("li", {}, h("strong", {}, String(c.running)), ` ${t("progRunning")}`),
        h("li", { class: c.overdue ? "error" : "" }, h("strong", {}, String(c.overdue)), ` ${t("progOverdue")}`),
        h("li", {}, h("strong", {}, String(c.without_trajectory)), ` ${t("progWithout")}`),
        h("li", {}, h("strong", {}, String(c.successor_signed)), ` ${t("progSignedCount")}`),
        h("li", {}, h("strong", {}, String(c.done)), ` ${t("progDone")}`),
      ),
      h("p", { class: "muted" }, t("progSuccessionIntro")),
    ),
    h(
      "section",
      { class: "card" },
      h("div", { class: "filters" }, stage, district, h("label", {}, lateOnly, ` ${t("progLateOnly")}`), search),
      counter,
      h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          { class: "table", "data-testid": "succession-table" },
          h("thead", {}, h("tr", {}, [t("progPractice"), t("progDistrict"), t("progHolders60"), t("progStage"), t("progNextStep"), t("progOwner"), t("progTakeoverCol"), ""].map((x) => h("th", { scope: "col" }, x)))),
          body,
        ),
      ),
      h("p", { class: "muted" }, t("progAssumedNote")),
      downloads(programmesApi.successionExport),
    ),
    stepPlan(data),
  );
}

function yes(value: boolean | undefined): string {
  return value ? t("yes") : t("no");
}

function collaborationRow(ctx: PageContext, row: CollaborationRow): HTMLElement {
  const c = row.collaboration;
  const mayEdit = canKeep(ctx) || (ctx.user.role === "practice_user" && ctx.user.practice_agbs?.includes(row.practice_agb));
  return h(
    "tr",
    { "data-agb": row.practice_agb, "data-backup": String(row.backup) },
    h("td", {}, h("a", { href: `#/praktijken/${row.practice_id}` }, row.practice_name), h("div", { class: "muted" }, row.practice_agb)),
    h("td", {}, label(row.form)),
    h("td", {}, row.form === "solo" ? (row.backup ? row.backup_by : h("span", { class: "badge stop" }, t("progNoBackup"))) : row.backup_by || "–"),
    h("td", {}, c?.mutual_backup ? `${t("yes")}${c.backup_partner_agb ? ` (${c.backup_partner_agb})` : ""}` : t("no")),
    h("td", {}, yes(c?.his_access_shared)),
    h("td", {}, yes(c?.daytime_out_of_hours)),
    h("td", {}, yes(c?.neighbourhood_team)),
    h("td", {}, c?.intention ? label(c.intention) : "–"),
    h("td", {}, mayEdit ? registerLink("collaborations", c?.id ?? null, { practice_agb: row.practice_agb }, c ? t("progUpdate") : t("progRecord"), "#/programmas/samenwerking") : null),
  );
}

async function renderCollaboration(ctx: PageContext): Promise<void> {
  let data: CollaborationOverview;
  try {
    data = await programmesApi.collaboration();
  } catch (err) {
    ctx.main.append(h("p", { class: "empty" }, err instanceof ApiError ? err.message : String(err)));
    return;
  }
  const figures = [...data.per_year, { ...data.now, period: `${t("progNow")} (${formatDate(data.now.period)})` }];
  const phaseCards = data.phases.map((phase) =>
    h(
      "div",
      { class: "card phase", "data-phase": String(phase.phase), "data-status": phase.status },
      h("h3", {}, phase.label, " ", h("span", { class: `badge ${STATUS_CLASS[phase.status]}` }, label(phase.status))),
      phase.owners.length ? h("p", { class: "muted" }, `${t("progOwners")}: ${phase.owners.join(", ")}`) : null,
      h(
        "ul",
        { class: "plain" },
        data.activities
          .filter((a) => a.phase === phase.phase)
          .map((a) =>
            h(
              "li",
              { "data-activity": a.activity, "data-status": a.status },
              h("span", { class: `badge ${STATUS_CLASS[a.status]}` }, label(a.status)),
              ` ${a.label}`,
              h("div", { class: "muted" }, [a.planned ? `${t("progPlanned")} ${a.planned}` : "", a.record?.owner ?? "", a.record?.due_on ? `${t("progBefore")} ${formatDate(a.record.due_on)}` : "", a.record?.done_on ? `${t("progDoneOn")} ${formatDate(a.record.done_on)}` : ""].filter(Boolean).join(" · ")),
              canKeep(ctx) ? registerLink("programme-activities", a.record?.id ?? null, { activity: a.activity, status: "running" }, a.record ? t("progUpdate") : t("progRecord"), "#/programmas/samenwerking") : null,
            ),
          ),
      ),
    ),
  );
  const form = h("select", { "aria-label": t("progForm") }, h("option", { value: "" }, t("progAllForms")), ["solo", "duo", "group", "health_centre", "hoed"].map((f) => h("option", { value: f }, label(f)))) as HTMLSelectElement;
  const withoutBackup = h("input", { type: "checkbox" }) as HTMLInputElement;
  const body = h("tbody", {});
  const counter = h("p", { class: "muted", "aria-live": "polite" });
  const draw = () => {
    const shown = data.rows.filter((r) => (!form.value || r.form === form.value) && (!withoutBackup.checked || (r.form === "solo" && !r.backup)));
    body.replaceChildren(...shown.map((r) => collaborationRow(ctx, r)));
    counter.textContent = fmt("registerShown", { shown: shown.length, total: data.rows.length });
  };
  form.addEventListener("change", draw);
  withoutBackup.addEventListener("change", draw);
  draw();
  ctx.main.append(
    h(
      "section",
      { class: "card", "data-testid": "collaboration-figures" },
      h("h2", {}, t("progFigures")),
      h("p", {}, h("strong", {}, fmt("progSoloCovered", { covered: data.now.solo_with_backup, solo: data.now.solo }))),
      h(
        "table",
        { class: "table" },
        h("thead", {}, h("tr", {}, [t("progPeriod"), t("progSolo"), t("progSoloWithBackup")].map((x) => h("th", { scope: "col" }, x)))),
        h("tbody", {}, figures.map((f) => h("tr", {}, h("td", {}, f.period), h("td", { class: "num" }, String(f.solo)), h("td", { class: "num" }, String(f.solo_with_backup))))),
      ),
      h("p", { class: "muted" }, t("progFiguresNote")),
      h("p", {}, fmt("progArranged", { backup: data.counts.mutual_backup, his: data.counts.his_access_shared, day: data.counts.daytime_out_of_hours, team: data.counts.neighbourhood_team })),
    ),
    h("section", { "data-testid": "programme-phases" }, h("h2", {}, t("progPhases")), h("p", { class: "muted" }, `${t("prepSource")}: ${data.source}`), h("div", { class: "phase-grid" }, phaseCards)),
    h(
      "section",
      { class: "card" },
      h("h2", {}, t("progPractices")),
      h("div", { class: "filters" }, form, h("label", {}, withoutBackup, ` ${t("progSoloWithoutBackupOnly")}`)),
      counter,
      h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          { class: "table", "data-testid": "collaboration-table" },
          h("thead", {}, h("tr", {}, [t("progPractice"), t("progForm"), t("progBackupBy"), t("progMutual"), t("progHis"), t("progDaytime"), t("progTeam"), t("progIntention"), ""].map((x) => h("th", { scope: "col" }, x)))),
          body,
        ),
      ),
      downloads(programmesApi.collaborationExport),
    ),
  );
}

export async function renderProgrammes(ctx: PageContext, asked: "opvolging" | "samenwerking"): Promise<void> {
  const which = seesSuccession(ctx) ? asked : "samenwerking";
  ctx.main.append(h("h1", {}, t("progTitle")), h("p", { class: "muted" }, t("progIntro")), tabs(which, seesSuccession(ctx)));
  if (which === "samenwerking") await renderCollaboration(ctx);
  else await renderSuccession(ctx);
  ctx.watch(["succession_trajectory", "practice_collaboration", "programme_activity", "practice", "affiliation", "incident"], () => {
    ctx.main.replaceChildren();
    void renderProgrammes(ctx, which);
  });
}

// A practice's own page: its trajectory and what it has arranged, with a link to keep them.
export async function practiceProgrammesSection(ctx: PageContext, agb: string): Promise<HTMLElement | null> {
  const [trajectories, collaborations] = await Promise.all([programmesApi.trajectoryOf(agb).catch(() => null), programmesApi.collaborationOf(agb).catch(() => null)]);
  if (!trajectories && !collaborations) return null;
  const tr = trajectories?.items[0];
  const c = collaborations?.items[0];
  const back = location.hash;
  return h(
    "section",
    { class: "card", "data-testid": "practice-programmes" },
    h("h2", {}, t("progOnPractice")),
    trajectories
      ? tr
        ? h(
            "div",
            {},
            h("p", {}, h("strong", {}, `${t("progSuccession")}: `), h("span", { class: `badge ${STAGE_CLASS[tr.stage]}` }, label(tr.stage)), ` · ${tr.owner}`),
            tr.stage !== "done" && tr.stage !== "stopped" ? h("p", {}, `${t("progNextStep")}: ${tr.next_step ?? ""} (${t("progBefore")} ${formatDate(tr.next_due)})`) : null,
            tr.successor_name ? h("p", {}, `${t("progSuccessor")}: ${tr.successor_name}${tr.successor_signed ? ` (${t("progSigned")})` : ""}`) : null,
            canKeep(ctx) ? registerLink("succession-trajectories", tr.id, {}, t("progUpdate"), back) : null,
          )
        : h("p", {}, `${t("progSuccession")}: ${t("progNoTrajectory")} `, canKeep(ctx) ? registerLink("succession-trajectories", null, { practice_agb: agb, stage: "conversation" }, t("progStart"), back) : null)
      : null,
    collaborations
      ? h(
          "p",
          {},
          h("strong", {}, `${t("progCollaboration")}: `),
          c ? [c.mutual_backup ? `${t("progMutual")}${c.backup_partner_agb ? ` (${c.backup_partner_agb})` : ""}` : t("progNoMutual"), c.his_access_shared ? t("progHis") : "", c.neighbourhood_team ? t("progTeam") : ""].filter(Boolean).join(" · ") : t("progNothingRecorded"),
          " ",
          canKeep(ctx) || ctx.user.role === "practice_user" ? registerLink("collaborations", c?.id ?? null, { practice_agb: agb }, c ? t("progUpdate") : t("progRecord"), back) : null,
        )
      : null,
    h("a", { href: "#/programmas" }, `${t("progTitle")} →`),
  );
}
