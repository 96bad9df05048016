// The practice list: search and filter, then open a practice. Filters live in the URL
// (#/praktijken?q=...&form=solo) so a list can be shared and survives a reload.
import { api, Page } from "../api/client";
import type { PageContext } from "../ui/page_context";
import { label, t } from "../i18n";
import { clear, distinctLabels, formatNumber, h } from "../ui/dom";
import { STATUS_COLOURS } from "../ui/map";
import { practicesApi } from "./api";

interface GpGroup {
  code: string;
  name: string;
}

function queryFromHash(): URLSearchParams {
  const hash = location.hash;
  const q = hash.indexOf("?");
  return new URLSearchParams(q >= 0 ? hash.slice(q + 1) : "");
}

export async function renderPracticeList(ctx: PageContext): Promise<void> {
  const params = queryFromHash();
  const groups = await api.get<Page<GpGroup>>("/gp-groups?limit=10000");
  const select = (name: string, all: string, options: [string, string][]) =>
    h(
      "select",
      { name, "aria-label": all },
      h("option", { value: "" }, all),
      options.map(([value, text]) => h("option", { value, selected: params.get(name) === value }, text)),
    ) as HTMLSelectElement;
  const search = h("input", {
    type: "search",
    name: "q",
    placeholder: t("searchPlaceholder"),
    "aria-label": t("search"),
    value: params.get("q") ?? "",
  }) as HTMLInputElement;
  const form = select("form", t("allForms"), ["solo", "duo", "group", "health_centre", "hoed"].map((c) => [c, label(c)]));
  const status = select("status", t("allStatuses"), ["active", "temporary_takeover", "closed"].map((c) => [c, label(c)]));
  const group = select("gp_group_code", t("allGroups"), groups.items.map((g) => [g.code, g.name]));
  const stop = h("input", { type: "checkbox", name: "patient_stop", checked: params.get("patient_stop") === "1" }) as HTMLInputElement;
  const results = h("div", { class: "results" });
  // A page of the list at a time: a national registry has thousands of practices.
  const pageSize = 100;
  let offset = Number(params.get("offset") ?? 0) || 0;

  const load = async () => {
    const query = new URLSearchParams();
    if (search.value.trim()) query.set("q", search.value.trim());
    for (const s of [form, status, group]) if (s.value) query.set(s.name, s.value);
    if (stop.checked) query.set("patient_stop", "1");
    const filters = query.toString();
    if (offset > 0) query.set("offset", String(offset));
    history.replaceState(null, "", `#/praktijken${query.toString() ? "?" + query : ""}`);
    const page = await practicesApi.page(filters ? "&" + filters : "", pageSize, offset);
    // The whole filtered list (not only this page) as a workbook.
    const download = h("a", { class: "download", href: `/api/v1/practices/export?format=xlsx${filters ? "&" + filters : ""}`, download: "" }, t("downloadXlsx"));
    clear(results);
    // Practices of the same name on this page get their AGB, so they can be told apart.
    const names = distinctLabels(page.items, (p) => p.agb, (p) => p.name, (p) => `AGB ${p.agb}`);
    if (page.items.length === 0) {
      results.append(h("p", { class: "empty" }, t("noResults")));
      return;
    }
    const turn = (to: number) => {
      offset = to;
      void load().then(() => results.scrollIntoView({ block: "start" }));
    };
    const pager =
      page.total > pageSize
        ? h(
            "div",
            { class: "pager" },
            h("button", { type: "button", disabled: offset === 0, onclick: () => turn(Math.max(0, offset - pageSize)) }, t("previousPage")),
            h("button", { type: "button", disabled: offset + pageSize >= page.total, onclick: () => turn(offset + pageSize) }, t("nextPage")),
          )
        : null;
    results.append(
      h(
        "div",
        { class: "list-meta" },
        h(
          "p",
          { class: "muted" },
          page.total > pageSize
            ? t("shownOf")
                .replace("{from}", formatNumber(offset + 1))
                .replace("{to}", formatNumber(offset + page.items.length))
                .replace("{total}", formatNumber(page.total))
            : `${page.total} ${t("summaryPractices")}`,
        ),
        download,
      ),
      h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          { class: "list" },
          h("thead", {}, h("tr", {}, h("th", {}, t("name")), h("th", {}, t("place")), h("th", { class: "hide-phone" }, t("form")), h("th", { class: "num" }, t("patients")), h("th", {}, t("status")))),
          h(
            "tbody",
            {},
            page.items.map((p) =>
              h(
                "tr",
                { onclick: () => (location.hash = `#/praktijken/${p.id}`) },
                h("td", {}, h("a", { href: `#/praktijken/${p.id}` }, names.get(p.agb) ?? p.name)),
                h("td", {}, p.place ?? ""),
                h("td", { class: "hide-phone" }, label(p.form)),
                h("td", { class: "num" }, formatNumber(p.registered_patients)),
                h(
                  "td",
                  {},
                  h("span", { class: "badge", style: `background:${STATUS_COLOURS[p.status]}` }, label(p.status)),
                  p.patient_stop ? h("span", { class: "badge stop" }, "patiëntenstop") : null,
                ),
              ),
            ),
          ),
        ),
      ),
      pager ?? "",
    );
  };
  let timer = 0;
  // A new search or filter starts at the first page.
  const reload = () => {
    offset = 0;
    return load();
  };
  search.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(reload, 250);
  });
  for (const el of [form, status, group, stop]) el.addEventListener("change", reload);

  ctx.main.append(
    h("div", { class: "title-row" }, h("h1", {}, t("practices")), ctx.user.role === "insurer_liaison" ? null : h("a", { class: "button", href: "#/register" }, t("registerLink"))),
    h("div", { class: "filters" }, search, form, status, group, h("label", { class: "check" }, stop, t("patientStopOnly"))),
    results,
  );
  ctx.watch(["practice"], load);
  await load();
  search.focus();
}
