// A practice's page: its details, team, contracts, calamity card and contacts; and the edit
// form, whose messages are the server's own, shown next to the field they are about.
import { api, ApiError, Page } from "../api/client";
import { canEditPractice, seesPeople } from "../api/session";
import type { PageContext } from "../main";
import { label, t } from "../i18n";
import { clear, formatDate, formatNumber, h } from "../ui/dom";
import { toast } from "../ui/toast";
import { STATUS_COLOURS } from "../pages/overview";
import { Affiliation, CalamityCard, Contract, Practice, practicesApi } from "./api";

interface Contact {
  id: number;
  name: string;
  function: string | null;
  practice_agb: string | null;
  phone: string | null;
  email: string | null;
}

const CARD_ITEMS: [string, string][] = [
  ["authorised_persons", "Gemachtigden"],
  ["contact_persons", "Contactpersonen"],
  ["salary_payment_authority", "Wie mag salarissen betalen"],
  ["bank_access", "Toegang tot de bankrekening"],
  ["billing_continuity", "Declaraties en administratie"],
  ["suppliers", "Leveranciers"],
  ["insurances", "Verzekeringen"],
  ["ict_phone_contacts", "Storingsnummers ICT en telefonie"],
  ["his_access_route", "Toegang tot het HIS"],
  ["password_location", "Waar de wachtwoorden liggen"],
  ["second_agb_linked_vektis", "Tweede AGB gekoppeld in Vektis"],
  ["practice_will_present", "Praktijktestament"],
  ["emergency_response_plan", "BHV-plan"],
  ["last_updated", "Laatst bijgewerkt"],
];

function row(name: string, value: Node | string | null | undefined): HTMLElement {
  return h("div", { class: "row" }, h("dt", {}, name), h("dd", {}, value ?? "–"));
}

function missing(): HTMLElement {
  return h("span", { class: "missing" }, t("missing"));
}

export async function renderPracticePage(ctx: PageContext, id: number, editing: boolean): Promise<void> {
  const render = async () => {
    const practice = await practicesApi.get(id).catch((e: ApiError) => e);
    clear(ctx.main);
    if (practice instanceof ApiError) {
      ctx.main.append(h("a", { href: "#/praktijken" }, t("backToList")), h("p", { class: "empty" }, practice.message));
      return;
    }
    ctx.main.append(h("a", { href: "#/praktijken", class: "back" }, t("backToList")));
    if (editing && canEditPractice(ctx.user, practice.agb)) {
      ctx.main.append(await editForm(practice));
    } else {
      await showPractice(ctx, practice);
    }
  };
  // While editing, a live re-render would wipe what the user typed; a stale save gets a clear
  // 412 message instead.
  if (!editing) ctx.watch(["practice", "affiliation", "continuity_contract", "calamity_card", "contact"], render);
  await render();
}

async function showPractice(ctx: PageContext, p: Practice): Promise<void> {
  const people = seesPeople(ctx.user);
  const [affiliations, persons, contracts, cards, all, contacts] = await Promise.all([
    people ? practicesApi.affiliations(p.agb) : Promise.resolve(null),
    people ? practicesApi.people() : Promise.resolve(null),
    people ? practicesApi.contracts() : Promise.resolve(null),
    people ? practicesApi.calamityCard(p.agb) : Promise.resolve(null),
    practicesApi.list(),
    people ? api.get<Page<Contact>>(`/contacts?limit=1000&practice_agb=${p.agb}`) : Promise.resolve(null),
  ]);
  const personByCode = new Map((persons?.items ?? []).map((x) => [x.code, x]));
  const practiceByAgb = new Map(all.items.map((x) => [x.agb, x]));

  const header = h(
    "div",
    { class: "title-row" },
    h("h1", {}, p.name),
    h("span", { class: "badge", style: `background:${STATUS_COLOURS[p.status]}` }, label(p.status)),
    p.patient_stop ? h("span", { class: "badge stop" }, "patiëntenstop") : null,
    canEditPractice(ctx.user, p.agb) ? h("a", { class: "button", href: `#/praktijken/${p.id}/wijzigen` }, t("edit")) : null,
  );
  const responsible = p.medically_responsible_person_code
    ? personByCode.get(p.medically_responsible_person_code)?.name ?? p.medically_responsible_person_code
    : null;
  const details = h(
    "section",
    { class: "card" },
    h("h2", {}, t("details")),
    h(
      "dl",
      {},
      row("AGB", p.agb),
      row("KvK", p.kvk),
      row(t("form"), label(p.form)),
      row("Adres", `${p.street_address ?? ""}, ${p.postcode} ${p.place ?? ""}`),
      row(t("patients"), formatNumber(p.registered_patients)),
      row(t("hagro"), p.gp_group_code),
      row("Wijk", p.district_code),
      row("Huisartsenpost", p.out_of_hours_post_code),
      row("In ANW-rooster", p.in_out_of_hours_rota ? t("yes") : h("span", { class: "missing" }, t("no"))),
      row("Eigenaar", p.owner_kind === "other_party" ? `${label(p.owner_kind)}: ${p.owner_name}` : label(p.owner_kind)),
      ctx.user.role === "insurer_liaison" ? null : row("Medisch eindverantwoordelijk", responsible ?? missing()),
    ),
  );
  ctx.main.append(header, details);
  if (!people) return;

  ctx.main.append(
    h(
      "section",
      { class: "card" },
      h("h2", {}, t("team")),
      h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          { class: "list" },
          h("thead", {}, h("tr", {}, h("th", {}, t("name")), h("th", {}, t("role")), h("th", { class: "num" }, t("fte")), h("th", { class: "num" }, t("daysPresent")), h("th", { class: "num" }, t("birthYear")), h("th", {}, t("successor")))),
          h(
            "tbody",
            {},
            (affiliations as Page<Affiliation>).items.map((a) => {
              const person = personByCode.get(a.person_code);
              return h(
                "tr",
                {},
                h("td", {}, person?.name ?? a.person_code),
                h("td", {}, label(a.role)),
                h("td", { class: "num" }, formatNumber(a.fte, 2)),
                h("td", { class: "num" }, a.days_present_per_week ?? "–"),
                h("td", { class: "num" }, person?.birth_year ?? "–"),
                h("td", {}, a.role === "holder" ? (a.successor === "known" ? `${label(a.successor)}: ${a.successor_name}` : label(a.successor)) : ""),
              );
            }),
          ),
        ),
      ),
    ),
  );

  const mine = (contracts as Page<Contract>).items.filter((c) => c.practice_a_agb === p.agb || c.practice_b_agb === p.agb);
  ctx.main.append(
    h(
      "section",
      { class: "card" },
      h("h2", {}, t("contracts")),
      mine.length === 0
        ? h("p", { class: "missing" }, "Geen continuïteitscontract vastgelegd.")
        : h(
            "ul",
            { class: "plain" },
            mine.map((c) => {
              const partner = practiceByAgb.get(c.practice_a_agb === p.agb ? c.practice_b_agb : c.practice_a_agb);
              return h(
                "li",
                {},
                partner ? h("a", { href: `#/praktijken/${partner.id}` }, partner.name) : "?",
                ` · ${t("since")} ${formatDate(c.since)} · ${t("lastReviewed")}: `,
                c.last_reviewed ? formatDate(c.last_reviewed) : h("span", { class: "missing" }, t("never")),
                ` · ${c.cover_days} dagen`,
              );
            }),
          ),
    ),
  );

  const card = (cards as Page<CalamityCard>).items[0];
  ctx.main.append(
    h(
      "section",
      { class: "card" },
      h("h2", {}, t("calamityCard")),
      card
        ? h(
            "dl",
            {},
            CARD_ITEMS.map(([key, name]) => {
              const value = card[key];
              if (typeof value === "boolean") return row(name, value ? t("yes") : h("span", { class: "missing" }, t("no")));
              if (key === "last_updated") return row(name, value ? formatDate(String(value)) : missing());
              return row(name, value ? String(value) : missing());
            }),
          )
        : h("p", { class: "missing" }, "Er is nog geen calamiteitenkaart voor deze praktijk."),
    ),
    h(
      "section",
      { class: "card" },
      h("h2", {}, t("contacts")),
      (contacts as Page<Contact>).items.length === 0
        ? h("p", { class: "muted" }, "Geen aparte contactpersonen voor deze praktijk; zie de contactenlijst.")
        : h("ul", { class: "plain" }, (contacts as Page<Contact>).items.map((c) => h("li", {}, `${c.name} (${c.function ?? ""}) · ${c.phone ?? ""} · ${c.email ?? ""}`))),
    ),
  );
}

// The fields a coordinator edits, with the control that suits each.
type FieldKind = "text" | "number" | "checkbox" | { options: string[] };
const EDITABLE: [keyof Practice, string, FieldKind][] = [
  ["name", "Naam", "text"],
  ["kvk", "KvK-nummer", "text"],
  ["form", "Vorm", { options: ["solo", "duo", "group", "health_centre", "hoed"] }],
  ["street_address", "Straat en huisnummer", "text"],
  ["postcode", "Postcode (4 cijfers)", "text"],
  ["place", "Plaats", "text"],
  ["registered_patients", "Ingeschreven patiënten", "number"],
  ["patient_stop", "Patiëntenstop", "checkbox"],
  ["status", "Status", { options: ["active", "temporary_takeover", "closed"] }],
  ["gp_group_code", "Hagro (code)", "text"],
  ["district_code", "Wijk (code)", "text"],
  ["out_of_hours_post_code", "Huisartsenpost (code)", "text"],
  ["owner_kind", "Eigenaar", { options: ["gp_holders", "other_party"] }],
  ["owner_name", "Naam eigenaar (als dat geen huisarts is)", "text"],
  ["medically_responsible_person_code", "Medisch eindverantwoordelijke (code)", "text"],
  ["in_out_of_hours_rota", "Doet mee aan het ANW-rooster", "checkbox"],
];

async function editForm(p: Practice): Promise<HTMLElement> {
  const banner = h("div", { class: "banner", role: "alert", hidden: true });
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const messages = new Map<string, HTMLElement>();
  const fields = EDITABLE.map(([key, text, kind]) => {
    const id = `field-${key}`;
    const value = p[key];
    let input: HTMLInputElement | HTMLSelectElement;
    if (kind === "checkbox") {
      input = h("input", { id, name: key, type: "checkbox", checked: Boolean(value) }) as HTMLInputElement;
    } else if (typeof kind === "object") {
      input = h("select", { id, name: key }, kind.options.map((o) => h("option", { value: o, selected: value === o }, label(o)))) as HTMLSelectElement;
    } else {
      input = h("input", { id, name: key, type: kind === "number" ? "number" : "text", value: value === null ? "" : String(value), "aria-describedby": `${id}-error` }) as HTMLInputElement;
    }
    const message = h("p", { class: "field-error", id: `${id}-error` });
    inputs.set(key, input);
    messages.set(key, message);
    return h("div", { class: kind === "checkbox" ? "field check" : "field" }, h("label", { for: id }, text), input, message);
  });

  const form = h(
    "form",
    {
      class: "card edit",
      novalidate: true,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        banner.hidden = true;
        for (const m of messages.values()) m.textContent = "";
        for (const i of inputs.values()) i.removeAttribute("aria-invalid");
        const changes: Record<string, unknown> = {};
        for (const [key, , kind] of EDITABLE) {
          const input = inputs.get(key)!;
          let value: unknown;
          if (kind === "checkbox") value = (input as HTMLInputElement).checked;
          else if (kind === "number") value = input.value.trim() === "" ? null : Number(input.value);
          else value = input.value.trim() === "" ? null : input.value.trim();
          if (value !== p[key]) changes[key] = value;
        }
        try {
          const saved = await practicesApi.update(p, changes);
          toast(t("saved"));
          location.hash = `#/praktijken/${saved.id}`;
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          if (e.status === 412) {
            banner.replaceChildren(t("changedElsewhere"), " ", h("button", { type: "button", class: "link", onclick: () => location.reload() }, t("reload")));
          } else {
            banner.textContent = e.status === 422 ? t("fixErrors") : e.message;
            for (const error of e.errors) {
              const message = error.field ? messages.get(error.field) : undefined;
              if (message) {
                message.textContent = error.message;
                inputs.get(error.field!)!.setAttribute("aria-invalid", "true");
              } else {
                banner.append(h("div", {}, error.message));
              }
            }
          }
          banner.hidden = false;
        }
      },
    },
    h("h1", {}, `${t("edit")}: ${p.name}`),
    banner,
    h("div", { class: "grid" }, fields),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, t("save")), h("a", { class: "button secondary", href: `#/praktijken/${p.id}` }, t("cancel"))),
  );
  return form;
}
