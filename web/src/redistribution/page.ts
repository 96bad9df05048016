// Opvang: every household of the closed practice a place nearby. The coordinator loads the list,
// makes a plan and sees on the map and in the table who goes where, what binds and where extra
// capacity helps most; a receiving practice sees the households proposed to it and accepts or
// declines; the funnel shows how far every patient is.
import L from "leaflet";
import { api, ApiError } from "../api/client";
import type { PageContext } from "../main";
import { addBackground } from "../pages/overview";
import { formatNumber, formatTimestamp, h } from "../ui/dom";
import { toast } from "../ui/toast";
import { Overview, Receiver, TrackedPatient, redistributionApi } from "./api";

const STAGES: [string, string][] = [
  ["unplaced", "Nog geen plek"],
  ["proposed", "Voorgesteld"],
  ["accepted", "Geaccepteerd"],
  ["informed", "Geïnformeerd"],
  ["registered", "Ingeschreven"],
  ["transferred", "Dossier overgedragen"],
];
const KIND_LABEL: Record<string, string> = {
  practice: "Praktijk",
  new_practice: "Nulpraktijk",
  out_of_hours_post: "Huisartsenpost overdag",
  locum_hours: "Extra uren waarnemer",
};
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

function drawMap(el: HTMLElement, data: Overview, tileUrl: string | null): void {
  const map = L.map(el, { renderer: L.svg(), zoomSnap: 0.25 });
  void addBackground(map, tileUrl);
  const colour = new Map<string, string>();
  data.receivers.filter((r) => r.placed_patients > 0).forEach((r, i) => colour.set(r.id, PALETTE[i % PALETTE.length]));
  const bounds: L.LatLngExpression[] = [];
  for (const p of data.postcodes) {
    bounds.push([p.latitude, p.longitude]);
    const fill = p.receiver ? colour.get(p.receiver) ?? "#78909c" : "#c62828";
    const receiver = data.receivers.find((r) => r.id === p.receiver);
    L.circleMarker([p.latitude, p.longitude], { radius: 4 + Math.sqrt(p.households), color: "#fff", weight: 1, fillColor: fill, fillOpacity: 0.75 })
      .bindTooltip(`${p.postcode}: ${p.households} huishoudens, ${p.patients} patiënten → ${receiver ? receiver.name : "nog geen plek"}`)
      .addTo(map);
  }
  for (const r of data.receivers) {
    if (r.capacity === 0 && r.placed_patients === 0) continue;
    bounds.push([r.latitude, r.longitude]);
    L.circleMarker([r.latitude, r.longitude], {
      radius: 5 + Math.sqrt(Math.max(r.capacity, r.placed_patients)) / 3,
      color: r.binding ? "#b71c1c" : "#263238",
      weight: r.binding ? 3 : 1.5,
      fillColor: colour.get(r.id) ?? "#eceff1",
      fillOpacity: 0.35,
    })
      .bindTooltip(`${r.name}: ${r.placed_patients} van ${r.capacity} plaatsen${r.binding ? " · bepalend" : ""}`)
      .addTo(map);
  }
  for (const c of data.closed_practices) {
    if (c.latitude === undefined || c.longitude === undefined) continue;
    bounds.push([c.latitude, c.longitude]);
    L.circleMarker([c.latitude, c.longitude], { radius: 9, color: "#000", weight: 3, fillColor: "#000", fillOpacity: 0.9 })
      .bindTooltip(`Gesloten: ${c.name ?? c.agb}`, { permanent: true, direction: "top" })
      .addTo(map);
  }
  if (bounds.length) map.fitBounds(L.latLngBounds(bounds), { padding: [20, 20] });
}

function receiverTable(data: Overview, rho: boolean, id: number, rerender: () => void): HTMLElement {
  const rows = data.receivers
    .filter((r) => r.placed_patients > 0 || r.binding || data.offers.some((o) => o.practice_agb === r.id))
    .sort((a, b) => b.placed_patients - a.placed_patients);
  const offerInput = (r: Receiver) => {
    const input = h("input", { type: "number", min: "0", value: String(r.capacity), "aria-label": `Plaatsen ${r.name}`, class: "narrow" }) as HTMLInputElement;
    return h("span", {}, input, h("button", { class: "link", onclick: () => act(() => redistributionApi.offer(id, r.id, Number(input.value)), "Aanbod opgeslagen", rerender) }, "opslaan"));
  };
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "list receivers" },
      h("thead", {}, h("tr", {}, ["Ontvanger", "Plaatsen", "Geplaatst", "Kwetsbaar", "Gem. / max km", "Patiënten per fte na opvang", ""].map((c) => h("th", {}, c)))),
      h(
        "tbody",
        {},
        rows.map((r) =>
          h(
            "tr",
            {},
            h("td", {}, r.name, r.kind !== "practice" ? h("span", { class: "muted" }, ` (${KIND_LABEL[r.kind]})`) : null, r.contract_partner ? h("span", { class: "badge", style: "background:#2e7d32" }, "contractpartner") : null),
            h("td", {}, rho && r.kind === "practice" ? offerInput(r) : formatNumber(r.capacity)),
            h("td", {}, `${formatNumber(r.placed_patients)} (${r.placed_households} huishoudens)`),
            h("td", {}, formatNumber(r.vulnerable_patients)),
            h("td", {}, r.mean_km !== undefined ? `${formatNumber(r.mean_km, 1)} / ${formatNumber(r.max_km, 1)}` : "–"),
            h("td", {}, r.patients_per_fte_after !== undefined ? formatNumber(r.patients_per_fte_after) : "–", r.above_signal ? h("span", { class: "badge stop" }, "boven 4.000") : null),
            h("td", {}, r.binding ? h("span", { class: "badge stop" }, "bepalend") : r.saturated ? h("span", { class: "badge", style: "background:#ef6c00" }, "vol") : null, rho ? h("a", { href: redistributionApi.lettersUrl(id, r.id) }, "brieven (CSV)") : null),
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
    h("h2", {}, "Voortgang per patiënt"),
    h(
      "ul",
      { class: "funnel" },
      STAGES.map(([code, label]) =>
        h("li", {}, h("span", { class: "funnel-label" }, label), h("span", { class: "funnel-bar", style: `width:${(100 * (data.funnel[code] ?? 0)) / total}%` }), h("strong", {}, formatNumber(data.funnel[code] ?? 0))),
      ),
    ),
    h("p", { class: "muted" }, `Toestemming dossieroverdracht: ${formatNumber(data.consent.given ?? 0)} gegeven, ${formatNumber(data.consent.objected ?? 0)} bezwaar, ${formatNumber(data.consent.pending ?? 0)} nog open. Toestemming wordt nooit verondersteld.`),
  );
}

let showAll = false;

// What a receiving practice sees: the households proposed to it, to accept or decline, and the
// patients it accepted, to move on step by step.
async function practiceSection(id: number, agb: string, rerender: () => void): Promise<HTMLElement> {
  const patients = (await redistributionApi.patients(id, agb)).items;
  const households = new Map<string, TrackedPatient[]>();
  for (const p of patients) households.set(`${p.practice_agb}/${p.household_key}`, [...(households.get(`${p.practice_agb}/${p.household_key}`) ?? []), p]);
  const next: Record<string, [string, string] | undefined> = { accepted: ["informed", "geïnformeerd"], informed: ["registered", "ingeschreven"], registered: ["transferred", "dossier overgedragen"] };
  // A large practice may get hundreds of households: show the first ones, the rest on request.
  const all = [...households.entries()];
  const shown = showAll ? all : all.slice(0, 25);
  return h(
    "section",
    { class: "card" },
    h("h2", {}, `Voorgesteld aan uw praktijk: ${households.size} huishoudens, ${patients.length} patiënten`),
    h(
      "ul",
      { class: "household-list" },
      shown.map(([key, members]) => {
        const first = members[0];
        const step = next[first.stage];
        return h(
          "li",
          {},
          h("strong", {}, `Huishouden ${first.household_key}`),
          h("span", { class: "muted" }, ` · postcode ${first.postcode} · ${members.length} patiënt(en): ${members.map((m) => `${m.his_number} (${m.birth_year}${m.vulnerability !== "none" ? ", kwetsbaar" : ""})`).join(", ")} · ${STAGES.find((s) => s[0] === first.stage)?.[1]}`),
          first.stage === "proposed"
            ? h(
                "span",
                { class: "actions" },
                h("button", { class: "primary", onclick: () => act(() => redistributionApi.decide(id, first.practice_agb, first.household_key, true), "Geaccepteerd", rerender) }, "Accepteren"),
                h("button", { onclick: () => act(() => redistributionApi.decide(id, first.practice_agb, first.household_key, false), "Afgewezen; de coördinator zoekt een andere plek", rerender) }, "Afwijzen"),
              )
            : null,
          step ? h("button", { onclick: () => act(() => redistributionApi.advance(id, members.map((m) => m.id), step[0]), "Bijgewerkt", rerender) }, `Markeer ${step[1]}`) : null,
          first.stage === "informed" || first.stage === "registered"
            ? h("button", { class: "link", onclick: () => act(() => Promise.all(members.map((m) => redistributionApi.consent(id, m.id, "given"))), "Toestemming vastgelegd", rerender) }, "toestemming gegeven")
            : null,
          h("span", { hidden: true }, key),
        );
      }),
    ),
    shown.length < all.length
      ? h("button", { class: "link", onclick: () => { showAll = true; rerender(); } }, `Toon alle ${all.length} huishoudens`)
      : null,
  );
}

export async function renderRedistribution(ctx: PageContext, id: number): Promise<void> {
  const rerender = () => void renderRedistribution({ ...ctx, main: ctx.main }, id).catch(() => undefined);
  const [data, config] = await Promise.all([redistributionApi.overview(id), api.get<{ tile_url: string | null }>("/config")]);
  ctx.main.replaceChildren();
  const rho = isRho(ctx.user.role);
  const plan = data.plan && data.plan.outcome ? data.plan : undefined;

  const lists = h(
    "section",
    { class: "card" },
    h("h2", {}, "Patiëntenlijst van de gesloten praktijk"),
    h("p", { class: "muted" }, "Alleen patiëntnummer, huishouden, postcode, huisnummer, geboortejaar en kwetsbaarheid; namen en adressen blijven in het HIS."),
    data.closed_practices.map((c) => {
      const file = h("input", { type: "file", accept: ".csv,text/csv", "aria-label": `CSV-lijst ${c.name ?? c.agb}` }) as HTMLInputElement;
      return h(
        "div",
        { class: "closed-practice" },
        h("strong", {}, c.name ?? c.agb),
        h("span", {}, ` · ${formatNumber(c.patients_listed)} patiënten geladen${c.registered_patients ? ` van ${formatNumber(c.registered_patients)} ingeschreven` : ""}`),
        // The paper list to call or visit the most dependent first (audited when printed).
        c.patients_listed ? h("a", { href: `/api/v1/printouts/incident/${id}/vulnerable/${c.agb}`, target: "_blank", rel: "noopener", class: "button-link", style: "margin-left:0.8rem" }, "Kwetsbare patiënten (PDF)") : null,
        rho
          ? h(
              "span",
              { class: "actions" },
              file,
              h("button", { onclick: async () => { const f = file.files?.[0]; if (f) await act(async () => redistributionApi.importCsv(id, c.agb, await f.text(), f.name), "Lijst geladen", rerender); } }, "Lijst laden"),
              h("button", { onclick: () => act(() => redistributionApi.loadDemo(id, c.agb), "Demolijst gemaakt", rerender) }, "Demolijst maken"),
            )
          : null,
      );
    }),
  );

  const maxKm = h("input", { type: "number", step: "0.5", min: "1", value: String(data.parameters.max_distance_km), id: "max-km" }) as HTMLInputElement;
  const vulnerableKm = h("input", { type: "number", step: "0.5", min: "1", value: String(data.parameters.max_distance_vulnerable_km ?? data.parameters.max_distance_km), id: "vulnerable-km" }) as HTMLInputElement;
  const bonusKm = h("input", { type: "number", step: "0.5", min: "0", value: String(data.parameters.contract_bonus_km), id: "bonus-km" }) as HTMLInputElement;
  const planCard = h(
    "section",
    { class: "card" },
    h("h2", {}, "Verdeling"),
    rho
      ? h(
          "div",
          { class: "plan-form" },
          h("label", { for: "max-km" }, "Maximale afstand (km)"), maxKm,
          h("label", { for: "vulnerable-km" }, "Voor kwetsbare patiënten (km)"), vulnerableKm,
          h("label", { for: "bonus-km" }, "Voorkeur contractpartner (km)"), bonusKm,
          h("button", { class: "primary", onclick: () => act(() => redistributionApi.plan(id, { max_distance_km: Number(maxKm.value), max_distance_vulnerable_km: Number(vulnerableKm.value), contract_bonus_km: Number(bonusKm.value) }), "Verdeling gemaakt", rerender) }, plan ? "Opnieuw verdelen" : "Verdeling maken"),
        )
      : null,
    plan
      ? h(
          "div",
          {},
          h("ul", { class: "explanation" }, plan.explanation.map((line) => h("li", {}, line))),
          h("p", { class: "muted" }, `Gemaakt ${formatTimestamp(plan.planned_at)} door ${plan.planned_by}. Ondergrens (huishoudens gesplitst): ${formatNumber(plan.lower_bound.patients_placeable)} patiënten plaatsbaar; ${plan.gap.cost_relative !== null ? `reisafstand ${formatNumber(plan.gap.cost_relative * 100, 2)}% boven de ondergrens` : `${plan.gap.patients} patiënten minder dan de ondergrens`}. Afstanden tussen postcodemiddelpunten.`),
        )
      : h("p", {}, data.patients_total ? "Nog geen verdeling gemaakt." : "Laad eerst de patiëntenlijst."),
  );

  const mapEl = h("div", { class: "opvang-map", id: "opvang-map", role: "region", "aria-label": "Kaart: gesloten praktijk, ontvangers naar capaciteit, huishoudens per postcode gekleurd naar ontvanger" });
  const unplaced = plan?.unplaced?.length
    ? h("section", { class: "card" }, h("h2", {}, `Nog geen plek: ${plan.unplaced.length} huishoudens`), h("ul", { class: "unplaced" }, plan.unplaced.slice(0, 50).map((u) => h("li", {}, h("strong", {}, `${u.household} (${u.patients})`), ` ${u.explanation}`))))
    : null;
  const candidates = plan?.candidates.length
    ? h("section", { class: "card" }, h("h2", {}, "Waar extra capaciteit het meest helpt"), h("ol", {}, plan.candidates.map((c) => h("li", {}, `${c.name}: ${c.unplaced_households_in_reach} huishoudens (${c.unplaced_patients_in_reach} patiënten) binnen bereik`))))
    : null;

  const siteKind = h("select", { "aria-label": "Soort tijdelijke capaciteit" }, ["new_practice", "out_of_hours_post", "locum_hours"].map((k) => h("option", { value: k }, KIND_LABEL[k]))) as HTMLSelectElement;
  const sitePractice = h("select", { "aria-label": "Locatie" }, [...data.closed_practices.map((c) => h("option", { value: c.agb }, `${c.name ?? c.agb} (pand gesloten praktijk)`)), ...data.receivers.filter((r) => r.kind === "practice").map((r) => h("option", { value: r.id }, r.name))]) as HTMLSelectElement;
  const siteCapacity = h("input", { type: "number", min: "1", value: "500", "aria-label": "Plaatsen tijdelijke capaciteit", class: "narrow" }) as HTMLInputElement;
  const whatIf = rho
    ? h(
        "section",
        { class: "card" },
        h("h2", {}, "Wat als: tijdelijke capaciteit"),
        h("p", { class: "muted" }, "Een nulpraktijk, de huisartsenpost overdag of extra uren van een waarnemer (LHV-handreiking §3.3). Voeg toe en verdeel opnieuw."),
        h("div", { class: "actions" }, siteKind, sitePractice, siteCapacity, h("button", { onclick: () => act(() => redistributionApi.addSite(id, { kind: siteKind.value, name: `${KIND_LABEL[siteKind.value]} ${sitePractice.selectedOptions[0]?.textContent ?? ""}`, capacity: Number(siteCapacity.value), practice_agb: sitePractice.value }), "Toegevoegd; verdeel opnieuw", rerender) }, "Toevoegen")),
        h("ul", {}, data.sites.map((s) => h("li", {}, `${s.name}: ${s.capacity} plaatsen `, h("button", { class: "link", onclick: () => act(() => redistributionApi.removeSite(id, s.id), "Verwijderd", rerender) }, "verwijderen")))),
      )
    : null;

  const confirm = h("input", { type: "checkbox", id: "export-saved" }) as HTMLInputElement;
  const closing = rho && data.patients_total
    ? h(
        "section",
        { class: "card" },
        h("h2", {}, "Afronden: exporteren en verwijderen"),
        h("p", { class: "muted" }, "Patiëntgegevens blijven alleen zolang het incident loopt. Exporteer de stand, bewaar die in het dossier van de RHO en verwijder daarna alles hier."),
        h("a", { href: redistributionApi.exportUrl(id) }, "Export (CSV) downloaden"),
        h("div", {}, confirm, h("label", { for: "export-saved" }, " De export is opgeslagen"), h("button", { onclick: () => (confirm.checked ? act(() => redistributionApi.purge(id), "Patiëntgegevens verwijderd", rerender) : toast("Bevestig eerst dat de export is opgeslagen.")) }, "Patiëntgegevens verwijderen")),
      )
    : null;

  const own = ctx.user.role === "practice_user" ? await Promise.all(ctx.user.practice_agbs.map((agb) => practiceSection(id, agb, rerender))) : [];

  const parts: (HTMLElement | null)[] = [
    h("a", { href: `#/incidenten/${id}`, class: "back" }, `← ${data.incident.number}`),
    h("h1", {}, `Opvang patiënten · ${data.incident.title}`),
    ...own,
    lists,
    planCard,
    h("section", { class: "card" }, h("h2", {}, "Kaart"), mapEl, h("p", { class: "muted" }, "Zwart: gesloten praktijk. Grote cirkels: ontvangers naar capaciteit (rode rand: bepalend). Kleine cirkels: huishoudens per postcode in de kleur van hun ontvanger; rood: nog geen plek.")),
    h("section", { class: "card" }, h("h2", {}, "Per ontvanger"), receiverTable(data, rho, id, rerender)),
    funnel(data),
    unplaced,
    candidates,
    whatIf,
    closing,
  ];
  ctx.main.append(...parts.filter((p): p is HTMLElement => p !== null));
  drawMap(mapEl, data, config.tile_url);
  ctx.watch(["redistribution"], rerender);
}
