// The resilience stress test: for today or a chosen year, which failures the region can absorb.
// The coordinator (or the insurer) picks the year, how far the neighbours may stretch and the
// scenarios; the page shows the weak points in words, a map coloured by absorbability and the
// ranked tables, with the reason behind every row.
import L from "leaflet";
import { api, ApiError } from "../api/client";
import type { PageContext } from "../ui/page_context";
import { addBackground, plainText } from "../ui/map";
import { t } from "../i18n";
import { formatDate, formatNumber, h } from "../ui/dom";
import { StressOutcome, StressQuery, StressReport, StressScenario, stressApi } from "./api";

// What the form asked last: kept while the user moves around the app.
let lastQuery: StressQuery = {};
// The choices of the form come from the first full report (municipalities, shipped areas).
let choices: { municipalities: string[]; zones: StressReport["zones"] } | null = null;

const STRETCH = [2300, 2500, 3000];

// Share placed to a colour, always with the number as text too.
function shareColour(o: StressOutcome): string {
  if (o.unplaced === 0) return "#2e7d32";
  if (o.share_placed >= 0.9) return "#9e9d24";
  if (o.share_placed >= 0.5) return "#e65100";
  return "#b71c1c";
}

function percent(share: number): string {
  if (share > 0.99 && share < 1) return `${formatNumber(Math.floor(share * 1000) / 10, 1)}%`;
  return `${formatNumber(Math.round(share * 100))}%`;
}

function shareCell(o: StressOutcome): HTMLElement {
  return h(
    "td",
    { class: "num share" },
    h("span", { class: "share-bar", "aria-hidden": "true" }, h("span", { style: `width:${Math.round(o.share_placed * 100)}%;background:${shareColour(o)}` })),
    percent(o.share_placed),
  );
}

// The neighbours that are full after absorbing: by name when few, else a count that unfolds.
function neighboursCell(o: StressOutcome): HTMLElement {
  const names = o.receivers.filter((r) => r.binding || r.saturated).map((r) => r.name);
  if (names.length <= 2) return h("td", {}, names.join(", ") || "–");
  return h("td", {}, h("details", { class: "why" }, h("summary", {}, `${names.length} ${t("practices").toLowerCase()}`), h("ul", {}, names.map((n) => h("li", {}, n)))));
}

function loadCell(report: StressReport, o: StressOutcome): HTMLElement {
  return h(
    "td",
    { class: "num" },
    o.max_patients_per_fte_after !== null ? formatNumber(o.max_patients_per_fte_after) : "–",
    o.receivers_above_signal > 0 ? h("span", { class: "badge stop" }, `${t("stressAboveSignal")} ${formatNumber(report.signal_patients_per_fte)}`) : null,
  );
}

// The verdict, unfolding into the planner's explanation.
function outcomeCell(s: StressScenario): HTMLElement {
  if (!s.outcome.explanation.length) return h("td", {}, s.verdict);
  return h("td", {}, h("details", { class: "why" }, h("summary", {}, s.verdict), h("ul", {}, s.outcome.explanation.map((line) => h("li", {}, line)))));
}

function singleTable(report: StressReport): HTMLElement {
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "table stress-table", "data-testid": "stress-single" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          [t("stressRank"), t("stressPractice"), t("patients"), t("stressAbsorbable"), t("stressUnplaced"), t("stressVulnerableUnplaced"), t("stressFullNeighbours"), t("stressLoadAfter"), t("stressOutcome")].map((c) => h("th", { scope: "col" }, c)),
        ),
      ),
      h(
        "tbody",
        {},
        report.single_ranked.map((index, rank) => {
          const s = report.scenarios[index];
          const o = s.outcome;
          return h(
            "tr",
            {},
            h("td", { class: "num" }, String(rank + 1)),
            h("td", {}, h("strong", {}, s.name)),
            h("td", { class: "num" }, formatNumber(o.patients)),
            shareCell(o),
            h("td", { class: "num" }, formatNumber(o.unplaced)),
            h("td", { class: "num" }, formatNumber(o.vulnerable_patients - o.vulnerable_placed)),
            neighboursCell(o),
            loadCell(report, o),
            outcomeCell(s),
          );
        }),
      ),
    ),
  );
}

function areaTable(report: StressReport): HTMLElement {
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "table stress-table", "data-testid": "stress-areas" },
      h("thead", {}, h("tr", {}, [t("stressRank"), t("stressAreaName"), t("practices"), t("patients"), t("stressAbsorbable"), t("stressUnplaced"), t("stressLoadAfter"), t("stressOutcome")].map((c) => h("th", { scope: "col" }, c)))),
      h(
        "tbody",
        {},
        report.areas_ranked.map((index, rank) => {
          const s = report.scenarios[index];
          return h(
            "tr",
            {},
            h("td", { class: "num" }, String(rank + 1)),
            h("td", {}, h("strong", {}, s.name)),
            h("td", { class: "num" }, String(s.closed.length)),
            h("td", { class: "num" }, formatNumber(s.outcome.patients)),
            shareCell(s.outcome),
            h("td", { class: "num" }, formatNumber(s.outcome.unplaced)),
            loadCell(report, s.outcome),
            outcomeCell(s),
          );
        }),
      ),
    ),
  );
}

function baseCard(report: StressReport): HTMLElement | null {
  if (!report.base || report.year === null) return null;
  const closed = report.practices.filter((p) => p.closed_in_base);
  const o = report.base.outcome;
  return h(
    "section",
    { class: "card" },
    h("h2", {}, `${t("stressBase")} ${report.year}: ${closed.length} ${t("practices").toLowerCase()}, ${formatNumber(o.patients)} ${t("patients").toLowerCase()}`),
    h("p", { class: "muted" }, t("stressBaseExplain")),
    h("ul", {}, closed.map((p) => h("li", {}, `${p.name} · ${formatNumber(p.patients)} ${t("patients").toLowerCase()}`))),
    h("p", {}, `${t("stressAbsorbable")}: ${percent(o.share_placed)} · ${t("stressUnplaced").toLowerCase()}: ${formatNumber(o.unplaced)}`),
  );
}

async function drawMap(el: HTMLElement, report: StressReport, tileUrl: string | null): Promise<void> {
  const map = L.map(el, { renderer: L.svg(), zoomSnap: 0.25 });
  await addBackground(map, tileUrl);
  const single = new Map<string, StressScenario>();
  for (const i of report.single_ranked) single.set(report.scenarios[i].closed[0], report.scenarios[i]);
  // With areas only, the closed practices of those areas are marked.
  const inArea = new Set(report.areas_ranked.flatMap((i) => report.scenarios[i].closed));
  const bounds: L.LatLngExpression[] = [];
  for (const p of report.practices) {
    bounds.push([p.latitude, p.longitude]);
    const s = single.get(p.agb);
    const fill = p.closed_in_base ? "#616161" : s ? shareColour(s.outcome) : inArea.has(p.agb) ? "#000000" : "#90a4ae";
    const text = p.closed_in_base
      ? `${p.name}: ${t("stressLegendClosed")} (${report.year})`
      : s
        ? `${p.name}: ${percent(s.outcome.share_placed)} ${t("stressAbsorbable").toLowerCase()} · ${s.verdict}`
        : `${p.name}`;
    L.circleMarker([p.latitude, p.longitude], {
      radius: 5 + Math.sqrt(p.patients) / 14,
      color: p.closed_in_base ? "#212121" : "#ffffff",
      weight: p.closed_in_base ? 3 : 1.5,
      fillColor: fill,
      fillOpacity: 0.9,
    })
      .addTo(map)
      .bindTooltip(plainText(text));
  }
  if (bounds.length) map.fitBounds(L.latLngBounds(bounds), { padding: [20, 20] });
  else map.setView([50.85, 5.75], 11);
  setTimeout(() => map.invalidateSize(), 0);
}

// The legend says what the map's colours mean in this run: absorbability per practice when every
// practice was tried on its own, else which practices the area closes.
function legend(report: StressReport): HTMLElement {
  const items: [string, string][] = report.single_ranked.length
    ? [
        ["#2e7d32", t("stressLegendFull")],
        ["#9e9d24", t("stressLegendMost")],
        ["#e65100", t("stressLegendHalf")],
        ["#b71c1c", t("stressLegendLess")],
      ]
    : [
        ["#000000", t("stressLegendInArea")],
        ["#90a4ae", t("stressLegendOpen")],
      ];
  if (report.base) items.push(["#616161", t("stressLegendClosed")]);
  const title = report.single_ranked.length ? `${t("stressAbsorbable")}: ` : "";
  return h("div", { class: "legend" }, title ? h("strong", {}, title) : null, items.map(([colour, label]) => h("span", {}, h("i", { class: "dot", style: `background:${colour}` }), label)));
}

async function showResults(box: HTMLElement, report: StressReport, tileUrl: string | null): Promise<void> {
  const notFull = report.single_ranked.filter((i) => report.scenarios[i].outcome.unplaced > 0).length;
  const mapEl = h("div", { class: "monitor-map", role: "region", "aria-label": t("stressMap") });
  box.replaceChildren(
    h(
      "p",
      { class: "muted", "data-testid": "stress-summary" },
      `${report.year ?? formatDate(report.date)} · ${report.scenarios.length} ${t("stressComputed")} ${formatNumber(report.seconds, 2)} s` +
        (report.single_ranked.length ? ` · ${notFull} ${t("monitorOf")} ${report.single_ranked.length} ${t("practices").toLowerCase()} ${t("stressNotFull")}` : ""),
      " · ",
      h("a", { href: stressApi.downloadUrl(lastQuery, "csv"), download: "" }, t("stressCsv")),
      " · ",
      h("a", { href: stressApi.downloadUrl(lastQuery, "xlsx"), download: "" }, t("downloadXlsx")),
    ),
    h("section", { class: "card weak-points" }, h("h2", {}, t("stressWeakPoints")), h("ul", { "data-testid": "weak-points" }, report.weak_points.map((line) => h("li", {}, line)))),
    baseCard(report) ?? "",
    mapEl,
    legend(report),
    report.single_ranked.length ? h("section", { class: "card" }, h("h2", {}, t("stressSingle")), singleTable(report)) : "",
    report.areas_ranked.length ? h("section", { class: "card" }, h("h2", {}, t("stressAreas")), areaTable(report)) : "",
  );
  await drawMap(mapEl, report, tileUrl);
}

function form(report: StressReport | null, thisYear: number, onRun: (q: StressQuery) => void): HTMLElement {
  const year = h(
    "select",
    { id: "stress-year" },
    h("option", { value: "" }, `${t("stressToday")} (${thisYear})`),
    Array.from({ length: 10 }, (_, i) => thisYear + 1 + i).map((y) => h("option", { value: String(y), selected: lastQuery.year === y }, String(y))),
  ) as HTMLSelectElement;
  const norm = report?.norm_patients_per_fte ?? 2095;
  const capacity = h(
    "select",
    { id: "stress-capacity" },
    h("option", { value: "" }, `${t("stressCapacityNorm")} (${formatNumber(norm)} ${t("stressPerFte")})`),
    STRETCH.map((c) => h("option", { value: String(c), selected: lastQuery.capacity_per_fte === c }, `${t("stressCapacityStretch")} ${formatNumber(c)} ${t("stressPerFte")}`)),
  ) as HTMLSelectElement;
  const maxKm = h("input", { id: "stress-km", type: "number", min: "1", max: "50", step: "1", value: String(lastQuery.max_km ?? report?.parameters.max_distance_km ?? 15), class: "narrow" }) as HTMLInputElement;
  const current = lastQuery.areas?.[0] ?? "";
  const area = h(
    "select",
    { id: "stress-area" },
    h("option", { value: "" }, t("stressAllAreas")),
    (choices?.zones ?? []).map((z) => h("option", { value: `zone:${z.id}`, selected: current === `zone:${z.id}` }, z.name)),
    (choices?.municipalities ?? []).map((m) => h("option", { value: `municipality:${m}`, selected: current === `municipality:${m}` }, `gemeente ${m}`)),
    h("option", { value: "postcodes", selected: current.startsWith("postcodes:") }, t("stressOwnPostcodes")),
  ) as HTMLSelectElement;
  const postcodes = h("input", { id: "stress-postcodes", type: "text", placeholder: "6301,6305", value: current.startsWith("postcodes:") ? current.slice(10) : "" }) as HTMLInputElement;
  const postcodeLabel = h("label", { for: "stress-postcodes", hidden: area.value !== "postcodes" }, t("stressPostcodes"), postcodes);
  area.addEventListener("change", () => {
    postcodeLabel.hidden = area.value !== "postcodes";
  });
  const submit = (e: Event) => {
    e.preventDefault();
    const q: StressQuery = {};
    if (year.value) q.year = Number(year.value);
    if (capacity.value) q.capacity_per_fte = Number(capacity.value);
    if (maxKm.value && Number(maxKm.value) !== 15) q.max_km = Number(maxKm.value);
    if (area.value === "postcodes") q.areas = [`postcodes:${postcodes.value.replace(/\s+/g, "")}`];
    else if (area.value) q.areas = [area.value];
    onRun(q);
  };
  return h(
    "form",
    { class: "card stress-form", onsubmit: submit },
    h("label", { for: "stress-year" }, t("stressYear"), year),
    h("label", { for: "stress-capacity" }, t("stressCapacity"), capacity),
    h("label", { for: "stress-km" }, t("stressMaxKm"), maxKm),
    h("label", { for: "stress-area" }, t("stressArea"), area),
    postcodeLabel,
    h("button", { type: "submit", class: "primary" }, t("stressRun")),
    h("p", { class: "muted hint" }, t("stressYearHint")),
  );
}

export async function renderStress(ctx: PageContext): Promise<void> {
  const config = await api.get<{ tile_url: string | null }>("/config");
  const thisYear = new Date().getFullYear();
  const results = h("div", { class: "stress-results", "aria-live": "polite" });
  const formSlot = h("div", {});
  const run = async (q: StressQuery) => {
    lastQuery = q;
    results.replaceChildren(h("p", { class: "muted" }, t("stressRunning")));
    try {
      const report = await stressApi.run(q);
      // The form's choices (municipalities, shipped areas) come with the first full run.
      if (!choices && !q.areas) {
        choices = {
          municipalities: [...new Set(report.practices.map((p) => p.municipality).filter((m) => m))].sort(),
          zones: report.zones,
        };
        formSlot.replaceChildren(form(report, report.this_year, run));
      }
      await showResults(results, report, config.tile_url);
    } catch (e) {
      results.replaceChildren(h("p", { class: "error", role: "alert" }, e instanceof ApiError ? e.message : String(e)));
    }
  };
  formSlot.append(form(null, thisYear, run));
  ctx.main.append(h("h1", {}, t("stressTitle")), h("p", { class: "muted" }, t("stressIntro")), formSlot, results);
  await run(lastQuery);
}
