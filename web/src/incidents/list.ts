// The incidents, newest first, and the way to start one.
import type { PageContext } from "../ui/page_context";
import { t } from "../i18n";
import { clear, formatTimestamp, h } from "../ui/dom";
import { incidentsApi } from "./api";

export function mayStart(role: string): boolean {
  return role === "admin" || role === "coordinator" || role === "crisis_team" || role === "practice_user";
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
    body.append(
      h(
        "ul",
        { class: "incident-list" },
        incidents.items.map((i) =>
          h(
            "li",
            { class: i.overdue_tasks > 0 ? "card overdue" : "card" },
            h("a", { href: `#/incidenten/${i.id}` }, h("strong", {}, `${i.number} · ${i.title}`)),
            h(
              "div",
              { class: "muted" },
              `${t("stage")} ${i.stage} · ${formatTimestamp(i.activated_at)} · ${i.open_tasks} ${t("openTasks")}`,
              i.overdue_tasks > 0 ? h("span", { class: "badge stop" }, `${i.overdue_tasks} ${t("overdue")}`) : null,
              i.exercise ? h("span", { class: "badge", style: "background:#6a1b9a" }, t("exercise")) : null,
            ),
          ),
        ),
      ),
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
