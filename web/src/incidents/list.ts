// The incidents, newest first, and the way to start one.
import type { PageContext } from "../ui/page_context";
import { t } from "../i18n";
import { clear, formatTimestamp, h } from "../ui/dom";
import { channelWarning } from "./alarm_overview";
import { Incident, incidentsApi } from "./api";

export function mayStart(role: string): boolean {
  return role === "admin" || role === "coordinator" || role === "crisis_team" || role === "practice_user";
}

// What needs someone first: open incidents before closed ones; among open ones, those with
// alarms nobody acknowledged, then those with overdue tasks; newest first within each.
export function byUrgency(items: Incident[]): Incident[] {
  const rank = (i: Incident) => (i.status === "closed" ? 3 : i.unacknowledged_alarms > 0 ? 0 : i.overdue_tasks > 0 ? 1 : 2);
  return items.map((i, order) => ({ i, order })).sort((a, b) => rank(a.i) - rank(b.i) || a.order - b.order).map((x) => x.i);
}

function incidentItem(i: Incident): HTMLElement {
  return h(
    "li",
    { class: i.unacknowledged_alarms > 0 || i.overdue_tasks > 0 ? "card overdue" : "card" },
    h("a", { href: `#/incidenten/${i.id}` }, h("strong", {}, `${i.number} · ${i.title}`)),
    h(
      "div",
      { class: "muted" },
      `${i.status === "closed" ? t("statusClosed") : `${t("stage")} ${i.stage}`} · ${formatTimestamp(i.activated_at)} · ${i.open_tasks} ${t("openTasks")}`,
      i.unacknowledged_alarms > 0 ? h("span", { class: "badge stop" }, `${i.unacknowledged_alarms} ${t("alarmsNotAcknowledged")}`) : null,
      i.overdue_tasks > 0 ? h("span", { class: "badge stop" }, `${i.overdue_tasks} ${t("overdue")}`) : null,
      i.exercise ? h("span", { class: "badge", style: "background:#6a1b9a" }, t("exercise")) : null,
    ),
  );
}

// The open incidents for the overview page, or null when none is open.
export async function openIncidentsCard(): Promise<HTMLElement | null> {
  const incidents = await incidentsApi.list().catch(() => null);
  const open = byUrgency(incidents?.items ?? []).filter((i) => i.status !== "closed");
  if (!incidents || !open.length) return null;
  return h(
    "section",
    { class: "card open-incidents" },
    h("h2", {}, `${t("openIncidents")} (${open.length})`),
    channelWarning(incidents.outside_channels),
    h("ul", { class: "incident-list" }, open.map(incidentItem)),
  );
}

export async function renderIncidentList(ctx: PageContext): Promise<void> {
  const body = h("div", {});
  const render = async () => {
    const incidents = await incidentsApi.list();
    clear(body);
    if (incidents.items.length === 0) {
      body.append(h("p", { class: "empty" }, t("noIncidents")));
      return;
    }
    // Several real incidents open at once (a flood): their patients can be planned together.
    const openReal = incidents.items.filter((i) => i.status !== "closed" && !i.exercise).length;
    const rho = ctx.user.role === "admin" || ctx.user.role === "coordinator" || ctx.user.role === "crisis_team";
    body.append(
      channelWarning(incidents.outside_channels) ?? "",
      rho && openReal >= 2 ? h("p", {}, h("a", { class: "button", href: "#/opvang" }, t("regionalLink"))) : "",
      h("ul", { class: "incident-list" }, byUrgency(incidents.items).map(incidentItem)),
    );
  };
  ctx.main.append(
    h(
      "div",
      { class: "title-row" },
      h("h1", {}, t("incidents")),
      mayStart(ctx.user.role) ? h("a", { class: "button primary", href: "#/incidenten/nieuw" }, t("startIncident")) : null,
    ),
    body,
  );
  ctx.watch(["incident"], render);
  await render();
}
