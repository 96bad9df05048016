// The continuity monitor: which practices need a conversation first and why, the region map
// coloured by risk, the ranked list with filters, each practice's signal card with the source,
// the wijk and hagro figures, the succession radar and the trend per signal.
import L from "leaflet";
import { api } from "../api/client";
import type { PageContext } from "../ui/page_context";
import { addBackground, plainText } from "../ui/map";
import { fmt, t } from "../i18n";
import { formatDate, formatNumber, h } from "../ui/dom";
import { MonitorReport, PracticeRisk, SignalHit, SuccessionYear, monitorApi } from "./api";

const SEVERITY_LABEL: Record<SignalHit["severity"], string> = { high: "hoog", medium: "middel", low: "laag" };

// Risk score to a colour: calm green to alarming red, with text as well (never colour alone).
function riskColour(score: number): string {
  if (score >= 10) return "#b71c1c";
  if (score >= 7) return "#e65100";
  if (score >= 4) return "#f9a825";
  if (score >= 1) return "#9e9d24";
  return "#2e7d32";
}
function riskLabel(score: number): string {
  if (score >= 10) return t("riskVeryHigh");
  if (score >= 7) return t("riskHigh");
  if (score >= 4) return t("riskMedium");
  if (score >= 1) return t("riskLow");
  return t("riskNone");
}

function signalCard(p: PracticeRisk, rules: Map<string, MonitorReport["signals"][number]>): HTMLElement {
  return h(
    "ul",
    { class: "signal-card" },
    p.signals.map((s) =>
      h(
        "li",
        { class: `severity-${s.severity}` },
        h("strong", {}, s.label),
        h("span", { class: `badge sev-${s.severity}` }, SEVERITY_LABEL[s.severity]),
        h("div", {}, s.detail),
        h("small", { class: "muted" }, `${rules.get(s.id)?.explanation ?? ""} Bron: ${s.source}`),
      ),
    ),
  );
}

// The signal card for one practice, for its own page: what fires, the numbers, why it matters
// and the source.
export function practiceSignalsSection(report: MonitorReport, agb: string): HTMLElement | null {
  const practice = report.practices.find((p) => p.agb === agb);
  if (!practice) return null;
  const rules = new Map(report.signals.map((s) => [s.id, s]));
  return h(
    "section",
    { class: "card" },
    h("h2", {}, `${t("monitorSignals")} · score ${practice.score} (${riskLabel(practice.score)})`),
    practice.signals.length ? signalCard(practice, rules) : h("p", {}, t("monitorNoSignals")),
    h("a", { href: "#/monitor" }, `${t("monitor")} →`),
  );
}

// A bar per year: patients in practices left without holder and successor (seed 003).
function successionChart(years: SuccessionYear[]): SVGElement {
  const width = 640, height = 220, left = 56, bottom = 28, top = 16;
  const max = Math.max(1, ...years.map((y) => y.patients_affected));
  const barWidth = (width - left - 10) / years.length;
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", t("monitorChartLabel"));
  svg.classList.add("succession-chart");
  const add = (tag: string, attrs: Record<string, string | number>, text?: string) => {
    const el = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    if (text !== undefined) el.textContent = text;
    svg.append(el);
    return el;
  };
  add("line", { x1: left, y1: height - bottom, x2: width - 4, y2: height - bottom, stroke: "#90a4ae" });
  add("text", { x: left - 6, y: top + 4, "text-anchor": "end", "font-size": 11 }, formatNumber(max));
  add("text", { x: left - 6, y: height - bottom, "text-anchor": "end", "font-size": 11 }, "0");
  years.forEach((y, i) => {
    const barHeight = ((height - bottom - top) * y.patients_affected) / max;
    const x = left + i * barWidth + 4;
    const rect = add("rect", { x, y: height - bottom - barHeight, width: barWidth - 8, height: barHeight, fill: "#c62828", rx: 2 });
    const title = document.createElementNS(ns, "title");
    title.textContent = `${y.year}: ${formatNumber(y.patients_affected)} patiënten, ${y.practices_without_successor} praktijken, ${y.holders_stopped} houders gestopt`;
    rect.append(title);
    add("text", { x: x + (barWidth - 8) / 2, y: height - 10, "text-anchor": "middle", "font-size": 11 }, String(y.year));
    if (y.practices_without_successor) {
      add("text", { x: x + (barWidth - 8) / 2, y: height - bottom - barHeight - 4, "text-anchor": "middle", "font-size": 10 }, String(y.practices_without_successor));
    }
  });
  return svg;
}

export async function renderMonitor(ctx: PageContext): Promise<void> {
  const [report, config] = await Promise.all([monitorApi.report(), api.get<{ tile_url: string | null }>("/config")]);
  const rules = new Map(report.signals.map((s) => [s.id, s]));
  const withSignals = report.practices.filter((p) => p.signals.length);

  // The five conversations to have first: highest score, most patients.
  const firstFive = withSignals.slice(0, 5).map((p, i) =>
    h(
      "li",
      { class: "first-five" },
      h("div", { class: "rank", "aria-hidden": "true" }, String(i + 1)),
      h(
        "div",
        {},
        h("a", { href: `#/praktijken/${p.id}` }, h("strong", {}, p.name)),
        h("span", { class: "muted" }, ` · ${formatNumber(p.patients)} ${t("patients").toLowerCase()} · score ${p.score} (${riskLabel(p.score)})`),
        h("div", { class: "why" }, p.signals.filter((s) => s.severity !== "low").map((s) => s.label).join(" · ") || p.signals.map((s) => s.label).join(" · ")),
      ),
    ),
  );

  // Filters for the ranked list.
  const signalFilter = h("select", { "aria-label": t("monitorSignal") }, h("option", { value: "" }, t("monitorAllSignals")), report.signals.filter((s) => s.practices).map((s) => h("option", { value: s.id }, `${s.label} (${s.practices})`))) as HTMLSelectElement;
  const districts = report.areas.filter((a) => a.kind === "district");
  const groups = report.areas.filter((a) => a.kind === "gp_group");
  const districtFilter = h("select", { "aria-label": t("monitorDistrict") }, h("option", { value: "" }, t("monitorAllDistricts")), districts.map((a) => h("option", { value: a.code }, a.name || a.code))) as HTMLSelectElement;
  const groupFilter = h("select", { "aria-label": t("allGroups") }, h("option", { value: "" }, t("allGroups")), groups.map((a) => h("option", { value: a.code }, a.name || a.code))) as HTMLSelectElement;
  const list = h("ol", { class: "risk-list" });
  const drawList = () => {
    const shown = report.practices.filter(
      (p) =>
        (!signalFilter.value || p.signals.some((s) => s.id === signalFilter.value)) &&
        (!districtFilter.value || p.district_code === districtFilter.value) &&
        (!groupFilter.value || p.gp_group_code === groupFilter.value),
    );
    list.replaceChildren(
      ...shown.map((p) =>
        h(
          "li",
          {},
          h(
            "details",
            {},
            h(
              "summary",
              {},
              h("span", { class: "score", style: `background:${riskColour(p.score)}` }, String(p.score)),
              h("strong", {}, p.name),
              h("span", { class: "muted" }, ` ${p.place} · ${p.signals.length} ${t("monitorSignals").toLowerCase()}`),
            ),
            h("p", { class: "muted" }, fmt("monitorPracticeFacts", { agb: p.agb, patients: formatNumber(p.patients), fte: formatNumber(p.gp_fte, 1), perFte: p.patients_per_fte ? fmt("monitorFactsPerFte", { n: formatNumber(p.patients_per_fte) }) : "", headroom: formatNumber(p.headroom) })),
            p.signals.length ? signalCard(p, rules) : h("p", {}, t("monitorNoSignals")),
            h("a", { href: `#/praktijken/${p.id}` }, t("monitorOpenPractice")),
          ),
        ),
      ),
    );
  };
  for (const select of [signalFilter, districtFilter, groupFilter]) select.addEventListener("change", drawList);
  drawList();

  const areaTable = (kind: "district" | "gp_group", caption: string) =>
    h(
      "table",
      { class: "table" },
      h("caption", {}, caption),
      h("thead", {}, h("tr", {}, [t("name"), t("practices"), t("monitorWithSignals"), t("monitorHeadroom"), "Solo", t("monitorHolders60")].map((c) => h("th", { scope: "col" }, c)))),
      h(
        "tbody",
        {},
        report.areas
          .filter((a) => a.kind === kind)
          .map((a) =>
            h(
              "tr",
              {},
              h("td", {}, a.name || a.code),
              h("td", { class: "num" }, String(a.practices)),
              h("td", { class: "num" }, String(a.practices_with_signals)),
              h("td", { class: "num" }, formatNumber(a.headroom)),
              h("td", { class: "num" }, String(a.solo)),
              h("td", { class: "num" }, String(a.holders_60_plus)),
            ),
          ),
      ),
    );

  // The trend: per signal, the count per recorded month.
  const months = [...new Set(report.history.map((p) => p.month))];
  const trend =
    months.length < 2
      ? h("p", { class: "muted" }, months.length ? `${t("monitorTrendOne")} ${months[0]}.` : t("monitorTrendNone"))
      : h(
          "table",
          { class: "table" },
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("monitorSignal")), months.map((m) => h("th", { scope: "col" }, m)))),
          h(
            "tbody",
            {},
            report.signals.map((s) =>
              h(
                "tr",
                {},
                h("td", {}, s.label),
                months.map((m) => h("td", { class: "num" }, String(report.history.find((p) => p.month === m && p.measure === s.id)?.value ?? 0))),
              ),
            ),
          ),
        );

  const mapEl = h("div", { id: "map", class: "monitor-map", role: "region", "aria-label": t("monitorMap") });
  const legend = h(
    "div",
    { class: "legend" },
    h("strong", {}, `${t("legend")}: `),
    [0, 1, 4, 7, 10].map((score) => h("span", {}, h("i", { class: "dot", style: `background:${riskColour(score)}` }), riskLabel(score))),
  );

  ctx.main.append(
    h("h1", {}, t("monitor")),
    h("p", { class: "muted" }, `${withSignals.length} ${t("monitorOf")} ${report.practices.length} ${t("monitorPracticesWithSignals")} · ${formatDate(report.date)} · ${t("monitorNorm")} ${formatNumber(report.norm_patients_per_fte)} ${t("monitorPerFte")} · `, h("a", { href: "/api/v1/monitor/export?format=xlsx", download: "" }, t("downloadXlsx"))),
    h("section", { class: "card" }, h("h2", {}, t("monitorFirstFive")), h("ol", { class: "first-five-list" }, firstFive)),
    mapEl,
    legend,
    h("section", { class: "card" }, h("h2", {}, t("monitorRanked")), h("div", { class: "filters" }, signalFilter, districtFilter, groupFilter), list),
    h("section", { class: "card" }, h("h2", {}, t("monitorAreas")), areaTable("district", t("monitorPerDistrict")), areaTable("gp_group", t("monitorPerGroup"))),
    h(
      "section",
      { class: "card" },
      h("h2", {}, t("monitorSuccession")),
      h("p", { class: "muted" }, t("monitorSuccessionExplain")),
      successionChart(report.succession),
      report.conversations.length
        ? h(
            "details",
            {},
            h("summary", {}, `${t("monitorConversations")} (${report.conversations.length})`),
            h(
              "ul",
              {},
              report.conversations.map((c) =>
                h("li", {}, fmt("monitorConversation", { name: c.name, agb: c.practice_agb, age: c.age, stop: c.expected_stop_year, assumed: c.stop_year_assumed ? t("monitorAssumed") : "", successor: c.successor === "known" ? t("successorKnown") : c.successor === "none" ? t("successorNone") : t("successorUnknown") })),
              ),
            ),
          )
        : null,
    ),
    h("section", { class: "card" }, h("h2", {}, t("monitorTrend")), trend),
  );

  const map = L.map(mapEl, { renderer: L.svg(), zoomSnap: 0.25 });
  await addBackground(map, config.tile_url);
  const bounds: L.LatLngExpression[] = [];
  for (const p of report.practices) {
    if (p.latitude === null || p.longitude === null) continue;
    bounds.push([p.latitude, p.longitude]);
    L.circleMarker([p.latitude, p.longitude], { radius: 6 + Math.min(p.score, 12) / 2, color: "#ffffff", weight: 1.5, fillColor: riskColour(p.score), fillOpacity: 0.9 })
      .addTo(map)
      .bindTooltip(plainText(`${p.name}: score ${p.score} (${riskLabel(p.score)})`))
      .bindPopup(h("div", { class: "popup" }, h("strong", {}, p.name), h("div", {}, p.signals.map((s) => s.label).join(", ") || t("monitorNoSignals")), h("a", { href: `#/praktijken/${p.id}` }, t("monitorOpenPractice"))));
  }
  if (bounds.length) map.fitBounds(L.latLngBounds(bounds), { padding: [20, 20] });
  else map.setView([50.85, 5.75], 11);
  setTimeout(() => map.invalidateSize(), 0);
}
