// Start an incident in at most three steps: what happened, where, start.
import { ApiError } from "../api/client";
import type { PageContext } from "../ui/page_context";
import { practicesApi, Practice } from "../practices/api";
import { t } from "../i18n";
import { h, localToUtc } from "../ui/dom";
import { incidentsApi } from "./api";
import { cancelOwnBurst, expectOwnBurst } from "../live";

export async function renderStartIncident(ctx: PageContext): Promise<void> {
  const [playbooks, practices] = await Promise.all([incidentsApi.playbooks(), practicesApi.list()]);
  const own = ctx.user.role === "practice_user" ? practices.items.filter((p) => ctx.user.practice_agbs.includes(p.agb)) : practices.items;
  let chosenPlaybook = "";
  const chosenPractices = new Set<string>();
  const error = h("p", { class: "error", role: "alert" });
  const startButton = h("button", { class: "primary big", type: "button", disabled: true }, t("startNow")) as HTMLButtonElement;
  const refresh = () => {
    startButton.disabled = !chosenPlaybook || (chosenPractices.size === 0 && !area.value.trim());
  };

  const scenarioList = h(
    "div",
    { class: "choices", role: "radiogroup", "aria-label": t("step1") },
    playbooks.items.map((p) =>
      h(
        "label",
        { class: "choice" },
        h("input", { type: "radio", name: "playbook", value: p.id, onchange: () => { chosenPlaybook = p.id; refresh(); } }),
        h("span", {}, h("strong", {}, p.title), h("small", { class: "muted" }, `${p.steps} ${t("steps")}`)),
      ),
    ),
  );
  // Or an area (a power cut, a flood): every active practice in it; only when none is ticked.
  const area = h("input", { id: "incident-area", name: "area", placeholder: t("areaHint") }) as HTMLInputElement;
  area.addEventListener("input", () => refresh());
  const search = h("input", { type: "search", placeholder: t("searchPlaceholder"), "aria-label": t("step2") }) as HTMLInputElement;
  const practiceList = h("div", { class: "choices practices" });
  const drawPractices = () => {
    const q = search.value.trim().toLowerCase();
    const shown = own.filter((p: Practice) => !q || `${p.name} ${p.agb} ${p.place ?? ""}`.toLowerCase().includes(q)).slice(0, 12);
    practiceList.replaceChildren(
      ...shown.map((p) =>
        h(
          "label",
          { class: "choice" },
          h("input", {
            type: "checkbox",
            value: p.agb,
            checked: chosenPractices.has(p.agb),
            onchange: (e: Event) => {
              if ((e.target as HTMLInputElement).checked) chosenPractices.add(p.agb);
              else chosenPractices.delete(p.agb);
              refresh();
            },
          }),
          h("span", {}, h("strong", {}, p.name), h("small", { class: "muted" }, `AGB ${p.agb}`)),
        ),
      ),
    );
  };
  search.addEventListener("input", drawPractices);
  drawPractices();
  const exercise = h("input", { type: "checkbox", name: "exercise" }) as HTMLInputElement;
  // Began on paper while vangnet was down: the real start keeps deadlines and the logbook right.
  const startedAt = h("input", { id: "incident-started-at", type: "datetime-local", name: "activated_at" }) as HTMLInputElement;
  startButton.addEventListener("click", async () => {
    error.textContent = "";
    startButton.disabled = true;
    // The new incident, its alarms and messages echo back as changes: not someone else's.
    expectOwnBurst();
    try {
      const incident = await incidentsApi.start(chosenPlaybook, [...chosenPractices], exercise.checked, chosenPractices.size ? "" : area.value.trim(), localToUtc(startedAt.value));
      location.hash = `#/incidenten/${incident.id}`;
    } catch (e) {
      cancelOwnBurst();
      error.textContent = e instanceof ApiError ? e.message : String(e);
      refresh();
    }
  });
  ctx.main.append(
    h("h1", {}, t("startIncident")),
    h("section", { class: "card" }, h("h2", {}, `1. ${t("step1")}`), scenarioList),
    h(
      "section",
      { class: "card" },
      h("h2", {}, `2. ${t("step2")}`),
      search,
      practiceList,
      ctx.user.role === "practice_user" ? null : h("div", { class: "field" }, h("label", { for: "incident-area" }, t("orArea")), area),
    ),
    h(
      "section",
      { class: "card" },
      h("h2", {}, `3. ${t("step3")}`),
      h("label", { class: "check" }, exercise, t("markExercise")),
      h("div", { class: "field" }, h("label", { for: "incident-started-at" }, t("startedEarlier")), startedAt),
      error,
      startButton,
    ),
  );
}
