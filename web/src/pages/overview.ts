// The region at a glance: key figures and a map of the practices. The map needs no internet:
// without a configured tile server its background is the region's postcode areas.
import L from "leaflet";
import { api } from "../api/client";
import type { PageContext } from "../ui/page_context";
import { addBackground, plainText, STATUS_COLOURS } from "../ui/map";
import { Practice, practicesApi } from "../practices/api";
import { label, t } from "../i18n";
import { formatNumber, h } from "../ui/dom";
import { openIncidentsCard } from "../incidents/list";

interface Summary {
  practices: number;
  registered_patients: number;
  gps: number;
  gp_fte: number;
  holders_60_plus_without_known_successor: number;
  contracts: number;
  contracts_not_reviewed_12_months: number;
  calamity_cards: number;
  calamity_cards_complete: number;
  crisis_roles_without_substitute: number;
  practices_by_form: Record<string, number>;
}

interface Config {
  tile_url: string | null;
}

// Bigger practices, bigger dots: solo smallest.
const FORM_RADIUS: Record<string, number> = { solo: 6, duo: 8, hoed: 8, group: 10, health_centre: 12 };

export async function renderOverview(ctx: PageContext): Promise<void> {
  const [summary, practices, config, incidents] = await Promise.all([
    api.get<Summary>("/region/summary"),
    practicesApi.list(),
    api.get<Config>("/config"),
    openIncidentsCard(),
  ]);
  const figure = (value: string, text: string, warn = false) =>
    h("div", { class: warn ? "figure warn" : "figure" }, h("strong", {}, value), h("span", {}, text));
  const figures = h(
    "section",
    { class: "figures", "aria-label": t("overview") },
    figure(formatNumber(summary.practices), t("summaryPractices")),
    figure(formatNumber(summary.registered_patients), t("summaryPatients")),
    figure(`${formatNumber(summary.gps)} (${formatNumber(summary.gp_fte, 1)} fte)`, t("summaryGps")),
    figure(formatNumber(summary.holders_60_plus_without_known_successor), t("summaryHolders60"), summary.holders_60_plus_without_known_successor > 0),
    figure(`${summary.contracts_not_reviewed_12_months} / ${summary.contracts}`, t("summaryStale"), summary.contracts_not_reviewed_12_months > 0),
    figure(`${summary.calamity_cards_complete} / ${summary.calamity_cards}`, t("summaryCards")),
    figure(formatNumber(summary.crisis_roles_without_substitute), t("summaryNoSubstitute"), summary.crisis_roles_without_substitute > 0),
  );
  const mapEl = h("div", { id: "map", role: "region", "aria-label": t("overviewMapLabel") });
  const legend = h(
    "div",
    { class: "legend" },
    h("strong", {}, t("legend") + ": "),
    Object.entries(STATUS_COLOURS).map(([status, colour]) =>
      h("span", {}, h("i", { class: "dot", style: `background:${colour}` }), label(status)),
    ),
    h("span", {}, h("i", { class: "dot ring" }), t("patientStopMark")),
    config.tile_url ? null : h("span", { class: "muted" }, t("mapOffline")),
  );
  // Open incidents, and alarms nobody acknowledged, before anything else.
  ctx.main.append(h("h1", {}, t("overview")), incidents ?? "", figures, mapEl, legend);
  await drawMap(mapEl, practices.items, config.tile_url);
}

async function drawMap(el: HTMLElement, practices: Practice[], tileUrl: string | null): Promise<void> {
  const map = L.map(el, { renderer: L.svg(), zoomSnap: 0.25 });
  await addBackground(map, tileUrl);
  const bounds: L.LatLngExpression[] = [];
  for (const p of practices) {
    if (p.latitude === null || p.longitude === null) continue;
    bounds.push([p.latitude, p.longitude]);
    const marker = L.circleMarker([p.latitude, p.longitude], {
      radius: FORM_RADIUS[p.form] ?? 7,
      color: p.patient_stop ? "#c62828" : "#ffffff",
      weight: p.patient_stop ? 3 : 1.5,
      fillColor: STATUS_COLOURS[p.status] ?? "#1565c0",
      fillOpacity: 0.9,
    }).addTo(map);
    const card = h(
      "div",
      { class: "popup" },
      h("strong", {}, p.name),
      h("div", {}, `${label(p.form)} · ${formatNumber(p.registered_patients)} ${t("patients").toLowerCase()}`),
      h("div", {}, `${label(p.status)}${p.patient_stop ? ` · ${t("patientStopMark")}` : ""}`),
      h("a", { href: `#/praktijken/${p.id}` }, t("openPracticeCard")),
    );
    marker.bindPopup(card);
    marker.bindTooltip(plainText(p.name));
  }
  if (bounds.length) map.fitBounds(L.latLngBounds(bounds), { padding: [20, 20] });
  else map.setView([50.85, 5.75], 11);
  // The container may get its size only after layout; Leaflet must be told.
  setTimeout(() => map.invalidateSize(), 0);
}
