// Opvang: every household of the closed practice a place nearby. The coordinator loads the list,
// makes a plan and sees on the map and in the table who goes where, what binds and where extra
// capacity helps most; a receiving practice sees the households proposed to it and accepts or
// declines; the funnel shows how far every patient is.
import L from "leaflet";
import { api, ApiError } from "../api/client";
import { LatestRender } from "../ui/latest_render";
import { seesPeople } from "../api/session";
import type { PageContext } from "../ui/page_context";
import { addBackground, plainText } from "../ui/map";
import { fmt, t } from "../i18n";
import { distinctLabels, formatNumber, formatTimestamp, h } from "../ui/dom";
import { toast } from "../ui/toast";
import { Overview, Receiver, TrackedPatient, redistributionApi } from "./api";

// Functions, not constants: the language may change while the app runs.
const STAGES = (): [string, string][] => [
  ["unplaced", t("opvangStageUnplaced")],
  ["proposed", t("opvangStageProposed")],
  ["accepted", t("opvangStageAccepted")],
  ["informed", t("opvangStageInformed")],
  ["registered", t("opvangStageRegistered")],
  ["transferred", t("opvangStageTransferred")],
];
const kindLabel = (kind: string): string =>
  ({
    practice: t("opvangKindPractice"),
    new_practice: t("opvangKindNewPractice"),
    out_of_hours_post: t("opvangKindOutOfHours"),
    locum_hours: t("opvangKindLocumHours"),
  })[kind] ?? kind;
const PALETTE = ["#1565c0", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#ad1457", "#4e342e", "#558b2f", "#283593", "#00695c"];

function isRho(role: string): boolean {
  return role === "admin" || role === "coordinator" || role === "crisis_team";
}

async function act(fn: () => Promise<unknown>, done: string, rerender: () => void): Promise<void> {
  try {
    await fn();
    toast(done);
    rerender();
  } catch (e) {
    toast(e instanceof ApiError ? e.message : String(e));
  }
}

// Each receiver that takes patients has its colour on the map and next to its name in the table:
// the table is the map's legend.
function receiverColours(data: Overview): Map<string, string> {
  const colour = new Map<string, string>();
  data.receivers.filter((r) => r.placed_patients > 0).forEach((r, i) => colour.set(r.id, PALETTE[i % PALETTE.length]));
  return colour;
}

function drawMap(el: HTMLElement, data: Overview, tileUrl: string | null): void {
  const map = L.map(el, { renderer: L.svg(), zoomSnap: 0.25 });
  void addBackground(map, tileUrl);
  const colour = receiverColours(data);
  const bounds: L.LatLngExpression[] = [];
  for (const p of data.postcodes) {
    bounds.push([p.latitude, p.longitude]);
    const fill = p.receiver ? colour.get(p.receiver) ?? "#78909c" : "#c62828";
    const receiver = data.receivers.find((r) => r.id === p.receiver);
    L.circleMarker([p.latitude, p.longitude], { radius: 4 + Math.sqrt(p.households), color: "#fff", weight: 1, fillColor: fill, fillOpacity: 0.75 })
      .bindTooltip(plainText(fmt("opvangPostcodeTip", { postcode: p.postcode, households: p.households, patients: p.patients, receiver: receiver ? receiver.name : t("opvangNoPlaceYet") })))
      .addTo(map);
  }
  const names = receiverLabels(data);
  for (const r of data.receivers) {
    if (r.capacity === 0 && r.placed_patients === 0) continue;
    bounds.push([r.latitude, r.longitude]);
    L.circleMarker([r.latitude, r.longitude], {
      radius: 5 + Math.sqrt(Math.max(r.capacity, r.placed_patients)) / 3,
      color: r.binding && r.placed_patients > 0 ? "#b71c1c" : "#263238",
      weight: r.binding && r.placed_patients > 0 ? 3 : 1.5,
      fillColor: colour.get(r.id) ?? "#eceff1",
      fillOpacity: 0.35,
    })
      .bindTooltip(plainText(fmt("opvangReceiverTip", { name: names.get(r.id) ?? r.name, placed: r.placed_patients, capacity: r.capacity }) + (r.binding && r.placed_patients > 0 ? ` · ${t("opvangBinding")}` : "")))
      .addTo(map);
  }
  for (const c of data.closed_practices) {
    if (c.latitude === undefined || c.longitude === undefined) continue;
    bounds.push([c.latitude, c.longitude]);
    L.circleMarker([c.latitude, c.longitude], { radius: 9, color: "#000", weight: 3, fillColor: "#000", fillOpacity: 0.9 })
      .bindTooltip(plainText(fmt("opvangClosedTip", { name: c.name ?? c.agb })), { permanent: true, direction: "top" })
      .addTo(map);
  }
  if (bounds.length) map.fitBounds(L.latLngBounds(bounds), { padding: [20, 20] });
}

// Receivers by name, with the AGB where names repeat.
const receiverLabels = (data: Overview) => distinctLabels(data.receivers, (r) => r.id, (r) => r.name, (r) => (r.kind === "practice" ? `AGB ${r.id}` : r.id));

function receiverTable(data: Overview, rho: boolean, id: number, rerender: () => void): HTMLElement {
  const names = receiverLabels(data);
  const colour = receiverColours(data);
  const rows = data.receivers
    .filter((r) => r.placed_patients > 0 || r.binding || data.offers.some((o) => o.practice_agb === r.id))
    .sort((a, b) => b.placed_patients - a.placed_patients);
  const offerInput = (r: Receiver) => {
    const input = h("input", { type: "number", min: "0", value: String(r.capacity), "aria-label": fmt("opvangPlacesOf", { name: r.name }), class: "narrow" }) as HTMLInputElement;
    return h("span", {}, input, h("button", { class: "link", onclick: () => act(() => redistributionApi.offer(id, r.id, Number(input.value)), t("opvangOfferSaved"), rerender) }, t("opvangSave")));
  };
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "list receivers" },
      h("thead", {}, h("tr", {}, [t("opvangColReceiver"), t("opvangColPlaces"), t("opvangColPlaced"), t("opvangColVulnerable"), t("opvangColKm"), t("opvangColLoad"), ""].map((c) => h("th", {}, c)))),
      h(
        "tbody",
        {},
        rows.map((r) =>
          h(
            "tr",
            {},
            h("td", {}, colour.has(r.id) ? h("span", { class: "swatch", style: `background:${colour.get(r.id)}`, "aria-hidden": "true" }) : null, names.get(r.id) ?? r.name, r.kind !== "practice" ? h("span", { class: "muted" }, ` (${kindLabel(r.kind)})`) : null, r.contract_partner ? h("span", { class: "badge", style: "background:#2e7d32" }, t("opvangContractPartner")) : null),
            h("td", {}, rho && r.kind === "practice" ? offerInput(r) : formatNumber(r.capacity)),
            h("td", {}, fmt("opvangHouseholdsCount", { patients: formatNumber(r.placed_patients), households: r.placed_households })),
            h("td", {}, formatNumber(r.vulnerable_patients)),
            h("td", {}, r.mean_km !== undefined && r.placed_patients > 0 ? `${formatNumber(r.mean_km, 1)} / ${formatNumber(r.max_km, 1)}` : "–"),
            h("td", {}, r.patients_per_fte_after !== undefined ? formatNumber(r.patients_per_fte_after) : "–", r.above_signal ? h("span", { class: "badge stop" }, t("opvangAboveSignal")) : null),
            // Binding only where it took patients: a neighbour with no places (patient stop, full) is
            // said to have none, not to decide the plan.
            h("td", {}, r.binding && r.placed_patients > 0 ? h("span", { class: "badge stop" }, t("opvangBinding")) : r.capacity === 0 ? h("span", { class: "badge", style: "background:#546e7a" }, t("opvangNoPlaces")) : r.saturated ? h("span", { class: "badge", style: "background:#ef6c00" }, t("opvangFull")) : null, rho ? h("span", { class: "downloads" }, h("a", { href: redistributionApi.lettersUrl(id, r.id) }, t("opvangLetters")), " ", h("a", { href: redistributionApi.lettersUrl(id, r.id, "xlsx") }, t("opvangLettersXlsx"))) : null),
          ),
        ),
      ),
    ),
  );
}

function funnel(data: Overview): HTMLElement {
  const total = Math.max(1, data.patients_total);
  return h(
    "section",
    { class: "card" },
    h("h2", {}, t("opvangProgress")),
    h(
      "ul",
      { class: "funnel" },
      STAGES().map(([code, label]) =>
        h("li", {}, h("span", { class: "funnel-label" }, label), h("span", { class: "funnel-bar", style: `width:${(100 * (data.funnel[code] ?? 0)) / total}%` }), h("strong", {}, formatNumber(data.funnel[code] ?? 0))),
      ),
    ),
    h("p", { class: "muted" }, fmt("opvangConsent", { given: formatNumber(data.consent.given ?? 0), objected: formatNumber(data.consent.objected ?? 0), pending: formatNumber(data.consent.pending ?? 0) })),
  );
}

let showAll = false;

// What a receiving practice sees: the households proposed to it, to accept or decline, and the
// patients it accepted, to move on step by step.
async function practiceSection(id: number, agb: string, rerender: () => void): Promise<HTMLElement> {
  const patients = (await redistributionApi.patients(id, agb)).items;
  const households = new Map<string, TrackedPatient[]>();
  for (const p of patients) households.set(`${p.practice_agb}/${p.household_key}`, [...(households.get(`${p.practice_agb}/${p.household_key}`) ?? []), p]);
  const next: Record<string, [string, string] | undefined> = { accepted: ["informed", t("opvangNextInformed")], informed: ["registered", t("opvangNextRegistered")], registered: ["transferred", t("opvangNextTransferred")] };
  // A large practice may get hundreds of households: show the first ones, the rest on request.
  const all = [...households.entries()];
  const shown = showAll ? all : all.slice(0, 25);
  return h(
    "section",
    { class: "card" },
    h("h2", {}, fmt("opvangProposedToYou", { households: households.size, patients: patients.length })),
    h(
      "ul",
      { class: "household-list" },
      shown.map(([key, members]) => {
        const first = members[0];
        const step = next[first.stage];
        return h(
          "li",
          {},
          h("strong", {}, fmt("opvangHousehold", { key: first.household_key })),
          h("span", { class: "muted" }, fmt("opvangHouseholdLine", { postcode: first.postcode, count: members.length, members: members.map((m) => `${m.his_number} (${m.birth_year}${m.vulnerability !== "none" ? t("opvangVulnerableMark") : ""})`).join(", "), stage: STAGES().find((s) => s[0] === first.stage)?.[1] ?? "" })),
          first.stage === "proposed"
            ? h(
                "span",
                { class: "actions" },
                h("button", { class: "primary", onclick: () => act(() => redistributionApi.decide(id, first.practice_agb, first.household_key, true), t("opvangAccepted"), rerender) }, t("opvangAccept")),
                h("button", { onclick: () => act(() => redistributionApi.decide(id, first.practice_agb, first.household_key, false), t("opvangDeclined"), rerender) }, t("opvangDecline")),
              )
            : null,
          step ? h("button", { onclick: () => act(() => redistributionApi.advance(id, members.map((m) => m.id), step[0]), t("opvangUpdated"), rerender) }, fmt("opvangMark", { step: step[1] })) : null,
          first.stage === "informed" || first.stage === "registered"
            ? h("button", { class: "link", onclick: () => act(() => Promise.all(members.map((m) => redistributionApi.consent(id, m.id, "given"))), t("opvangConsentRecorded"), rerender) }, t("opvangConsentGiven"))
            : null,
          h("span", { hidden: true }, key),
        );
      }),
    ),
    shown.length < all.length
      ? h("button", { class: "link", onclick: () => { showAll = true; rerender(); } }, fmt("opvangShowAll", { n: all.length }))
      : null,
  );
}

// An empty patient list with the columns vangnet reads and one made-up row, to fill from the HIS.
function listTemplateUrl(): string {
  const csv = "his_patient_number,household_key,postcode,house_number,birth_year,frail_elderly,device_dependent,palliative\r\n" + "100001,H1,6229AB,12,1948,ja,nee,nee\r\n";
  return `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;
}

const renders = new LatestRender();

export async function renderRedistribution(ctx: PageContext, id: number): Promise<void> {
  const newest = renders.start();
  const rerender = () => void renderRedistribution({ ...ctx, main: ctx.main }, id).catch(() => undefined);
  const [data, config] = await Promise.all([redistributionApi.overview(id), api.get<{ tile_url: string | null }>("/config")]);
  const rho = isRho(ctx.user.role);
  const plan = data.plan && data.plan.outcome ? data.plan : undefined;

  const lists = h(
    "section",
    { class: "card" },
    h("h2", {}, t("opvangListTitle")),
    h("p", { class: "muted" }, t("opvangListFields"), " ", h("a", { href: listTemplateUrl(), download: "patientenlijst-voorbeeld.csv" }, t("opvangListTemplate"))),
    data.closed_practices.map((c) => {
      const file = h("input", { type: "file", accept: ".csv,text/csv,.json,application/json,application/fhir+json", "aria-label": fmt("opvangCsvOf", { name: c.name ?? c.agb }) }) as HTMLInputElement;
      return h(
        "div",
        { class: "closed-practice" },
        h("strong", {}, c.name ?? c.agb),
        h("span", {}, fmt("opvangLoaded", { n: formatNumber(c.patients_listed) }) + (c.registered_patients ? fmt("opvangOfRegistered", { n: formatNumber(c.registered_patients) }) : "")),
        // The paper list to call or visit the most dependent first (audited when printed).
        c.patients_listed && seesPeople(ctx.user) ? h("a", { href: `/api/v1/printouts/incident/${id}/vulnerable/${c.agb}`, target: "_blank", rel: "noopener", class: "button-link", style: "margin-left:0.8rem" }, t("opvangVulnerablePdf")) : null,
        rho
          ? h(
              "span",
              { class: "actions" },
              file,
              h("button", { onclick: async () => { const f = file.files?.[0]; if (!f) { toast(t("opvangChooseFileFirst")); file.focus(); return; } await act(async () => redistributionApi.importCsv(id, c.agb, await f.text(), f.name), t("opvangListLoaded"), rerender); } }, t("opvangLoadList")),
              h("button", { onclick: () => act(() => redistributionApi.loadDemo(id, c.agb), t("opvangDemoMade"), rerender) }, t("opvangMakeDemo")),
            )
          : null,
      );
    }),
  );

  const maxKm = h("input", { type: "number", step: "0.5", min: "1", value: String(data.parameters.max_distance_km), id: "max-km" }) as HTMLInputElement;
  const vulnerableKm = h("input", { type: "number", step: "0.5", min: "1", value: String(data.parameters.max_distance_vulnerable_km ?? data.parameters.max_distance_km), id: "vulnerable-km" }) as HTMLInputElement;
  const bonusKm = h("input", { type: "number", step: "0.5", min: "0", value: String(data.parameters.contract_bonus_km), id: "bonus-km" }) as HTMLInputElement;
  const exactSeconds = h("input", { type: "number", step: "0.1", min: "0", max: "60", value: String(data.parameters.exact_seconds ?? 0.3), id: "exact-seconds" }) as HTMLInputElement;
  const planCard = h(
    "section",
    { class: "card" },
    h("h2", {}, t("opvangPlanTitle")),
    rho
      ? h(
          "div",
          { class: "plan-form" },
          h("label", { for: "max-km" }, t("opvangMaxKm")), maxKm,
          h("label", { for: "vulnerable-km" }, t("opvangVulnerableKm")), vulnerableKm,
          h("details", { class: "more-settings" }, h("summary", {}, t("opvangMoreSettings")), h("label", { for: "bonus-km" }, t("opvangBonusKm")), bonusKm, h("p", { class: "field-hint" }, t("opvangBonusHint")), h("label", { for: "exact-seconds" }, t("opvangExactSeconds")), exactSeconds, h("p", { class: "field-hint" }, t("opvangExactSecondsHint"))),
          h("button", { class: "primary", onclick: () => act(() => redistributionApi.plan(id, { max_distance_km: Number(maxKm.value), max_distance_vulnerable_km: Number(vulnerableKm.value), contract_bonus_km: Number(bonusKm.value), exact_seconds: Number(exactSeconds.value) }), t("opvangPlanMade"), rerender) }, plan ? t("opvangReplan") : t("opvangMakePlan")),
        )
      : null,
    plan && data.plan_out_of_date.length
      ? h(
          "div",
          { class: "banner", role: "alert" },
          h("strong", {}, t("opvangOutOfDate")),
          h("ul", {}, data.plan_out_of_date.map((line) => h("li", {}, line))),
          rho ? h("p", {}, t("opvangOutOfDateHint")) : null,
        )
      : null,
    plan
      ? h(
          "div",
          {},
          h("ul", { class: "explanation" }, plan.explanation.map((line) => h("li", {}, line))),
          h("p", { class: "muted" }, fmt("opvangPlannedBy", { at: formatTimestamp(plan.planned_at), by: plan.planned_by }), " ", t("opvangCentroids")),
          // How good the plan is, in the planner's own terms: for whoever checks it, not for the
          // coordinator acting on it.
          h("details", { class: "plan-quality" }, h("summary", {}, t("opvangQuality")), h("p", { class: "muted" }, [fmt("opvangBound", { n: formatNumber(plan.lower_bound.patients_placeable) }), (plan.gap.cost_relative !== null ? fmt("opvangGapCost", { pct: formatNumber(plan.gap.cost_relative * 100, 2) }) : fmt("opvangGapPatients", { n: plan.gap.patients })) + "."].join(" "))),
        )
      : h("p", {}, data.patients_total ? t("opvangNoPlan") : t("opvangLoadFirst")),
  );

  const mapEl = h("div", { class: "opvang-map", id: "opvang-map", role: "region", "aria-label": t("opvangMapLabel") });
  const unplaced = plan?.unplaced?.length
    ? h("section", { class: "card" }, h("h2", {}, fmt("opvangUnplacedTitle", { n: plan.unplaced.length })), h("ul", { class: "unplaced" }, plan.unplaced.slice(0, 50).map((u) => h("li", {}, h("strong", {}, `${u.household} (${u.patients})`), ` ${u.explanation}`))))
    : null;
  const candidates = plan?.candidates.length
    ? h("section", { class: "card" }, h("h2", {}, t("opvangCandidatesTitle")), h("ol", {}, plan.candidates.map((c) => h("li", {}, fmt("opvangCandidate", { name: c.name, households: c.unplaced_households_in_reach, patients: c.unplaced_patients_in_reach, vulnerable: c.unplaced_vulnerable_in_reach ?? 0, km: (c.mean_km ?? 0).toLocaleString(document.documentElement.lang === "en" ? "en-GB" : "nl-NL", { maximumFractionDigits: 1 }) })))))
    : null;

  const siteKind = h("select", { "aria-label": t("opvangSiteKind") }, ["new_practice", "out_of_hours_post", "locum_hours"].map((k) => h("option", { value: k }, kindLabel(k)))) as HTMLSelectElement;
  const names = receiverLabels(data);
  const sitePractice = h("select", { "aria-label": t("opvangSiteLocation") }, [...data.receivers.filter((r) => r.kind === "practice").map((r) => h("option", { value: r.id }, names.get(r.id) ?? r.name)), ...data.closed_practices.map((c) => h("option", { value: c.agb }, fmt("opvangClosedBuilding", { name: c.name ?? c.agb })))]) as HTMLSelectElement;
  const siteCapacity = h("input", { type: "number", min: "1", value: "500", "aria-label": t("opvangSitePlaces"), class: "narrow" }) as HTMLInputElement;
  const whatIf = rho
    ? h(
        "section",
        { class: "card" },
        h("h2", {}, t("opvangWhatIf")),
        h("p", { class: "muted" }, t("opvangWhatIfIntro")),
        h("div", { class: "actions" }, siteKind, sitePractice, siteCapacity, h("button", { onclick: () => act(() => redistributionApi.addSite(id, { kind: siteKind.value, name: `${kindLabel(siteKind.value)} ${sitePractice.selectedOptions[0]?.textContent ?? ""}`, capacity: Number(siteCapacity.value), practice_agb: sitePractice.value }), t("opvangSiteAdded"), rerender) }, t("opvangAdd"))),
        h("ul", {}, data.sites.map((s) => h("li", {}, fmt("opvangSitePlacesLine", { name: s.name, n: s.capacity }), h("button", { class: "link", onclick: () => act(() => redistributionApi.removeSite(id, s.id), t("opvangRemoved"), rerender) }, t("opvangRemove"))))),
      )
    : null;

  const confirm = h("input", { type: "checkbox", id: "export-saved" }) as HTMLInputElement;
  const closing = rho && data.patients_total
    ? h(
        "section",
        { class: "card" },
        h("h2", {}, t("opvangClosing")),
        h("p", { class: "muted" }, t("opvangClosingIntro")),
        h("a", { href: redistributionApi.exportUrl(id) }, t("opvangExport")),
        " · ",
        h("a", { href: redistributionApi.exportUrl(id, "xlsx") }, t("opvangExportXlsx")),
        h("div", {}, confirm, h("label", { for: "export-saved" }, t("opvangExportSaved")), h("button", { onclick: () => (confirm.checked ? act(() => redistributionApi.purge(id), t("opvangPurged"), rerender) : toast(t("opvangConfirmFirst"))) }, t("opvangPurge"))),
      )
    : null;

  const own = ctx.user.role === "practice_user" ? await Promise.all(ctx.user.practice_agbs.map((agb) => practiceSection(id, agb, rerender))) : [];

  const parts: (HTMLElement | null)[] = [
    h("a", { href: `#/incidenten/${id}`, class: "back" }, `← ${data.incident.number}`),
    h("h1", {}, fmt("opvangTitle", { title: data.incident.title })),
    ...own,
    lists,
    planCard,
    h("section", { class: "card" }, h("h2", {}, t("opvangMapTitle")), mapEl, h("p", { class: "muted" }, t("opvangMapLegend"))),
    h("section", { class: "card" }, h("h2", {}, t("opvangPerReceiver")), receiverTable(data, rho, id, rerender)),
    funnel(data),
    unplaced,
    candidates,
    whatIf,
    closing,
  ];
  if (!newest()) return;
  ctx.main.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
  drawMap(mapEl, data, config.tile_url);
  ctx.watch(["redistribution"], rerender);
}
