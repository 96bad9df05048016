// The regional opvang (#/opvang): when a flood or a power cut closes several practices at once,
// all open incidents' patients are planned together in one solve over the region's one capacity
// (issue 36). Each incident keeps its part as its current plan, shown on its own opvang page.
import type { PageContext } from "../ui/page_context";
import { problemText } from "../api/client";
import { fmt, t } from "../i18n";
import { formatNumber, h } from "../ui/dom";
import { toast } from "../ui/toast";
import { RegionalPlan, redistributionApi } from "./api";

export async function renderRegionalPlan(ctx: PageContext): Promise<void> {
  const rho = ctx.user.role === "admin" || ctx.user.role === "coordinator" || ctx.user.role === "crisis_team";
  const maxKm = h("input", { type: "number", step: "0.5", min: "1", value: "15", id: "regional-max-km" }) as HTMLInputElement;
  const vulnerableKm = h("input", { type: "number", step: "0.5", min: "1", value: "10", id: "regional-vulnerable-km" }) as HTMLInputElement;
  const result = h("div", { "aria-live": "polite" });
  const button = h("button", { class: "primary" }, t("regionalPlanButton")) as HTMLButtonElement;
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const plan = await redistributionApi.planRegion({ max_distance_km: Number(maxKm.value), max_distance_vulnerable_km: Number(vulnerableKm.value) });
      result.replaceChildren(resultView(plan));
      toast(t("regionalPlanMade"));
    } catch (e) {
      toast(problemText(e));
    } finally {
      button.disabled = false;
    }
  });
  ctx.main.append(
    h("h1", {}, t("regionalPlanTitle")),
    h("p", { class: "muted" }, t("regionalPlanIntro")),
    rho
      ? h(
          "section",
          { class: "card" },
          h("div", { class: "plan-form" }, h("label", { for: "regional-max-km" }, t("opvangMaxKm")), maxKm, h("label", { for: "regional-vulnerable-km" }, t("opvangVulnerableKm")), vulnerableKm, button),
        )
      : h("p", { class: "empty" }, t("notForYourRole")),
    result,
  );
}

function resultView(plan: RegionalPlan): HTMLElement {
  return h(
    "section",
    { class: "card" },
    h("h2", {}, fmt("regionalPlanPlaced", { placed: formatNumber(plan.placed), total: formatNumber(plan.patients) })),
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "list" },
        h("thead", {}, h("tr", {}, [t("regionalIncident"), t("regionalPatients"), t("regionalPlaced"), t("regionalVulnerablePlaced"), ""].map((c) => h("th", {}, c)))),
        h(
          "tbody",
          {},
          plan.incidents.map((i) =>
            h(
              "tr",
              {},
              h("td", {}, `${i.number} · ${i.title}`),
              h("td", { class: "num" }, formatNumber(i.patients)),
              h("td", { class: "num" }, formatNumber(i.placed)),
              h("td", { class: "num" }, `${formatNumber(i.vulnerable_placed)} / ${formatNumber(i.vulnerable)}`),
              h("td", {}, h("a", { href: `#/incidenten/${i.id}/opvang` }, t("regionalOpenIncident"))),
            ),
          ),
        ),
      ),
    ),
    h("h3", {}, t("regionalWhere")),
    h("ul", { class: "explanation" }, plan.explanation.map((line) => h("li", {}, line))),
  );
}
