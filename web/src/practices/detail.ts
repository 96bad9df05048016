// A practice's page: its details, team, contracts, calamity card and contacts; and the edit
// form, whose messages are the server's own, shown next to the field they are about.
import { api, ApiError, Page, problemText } from "../api/client";
import { canEditPractice, seesPeople } from "../api/session";
import { LatestRender } from "../ui/latest_render";
import type { PageContext } from "../ui/page_context";
import { label, t } from "../i18n";
import { clear, formatDate, formatNumber, h } from "../ui/dom";
import { amsterdamIsoDate } from "../ui/amsterdam_time.js";
import { FieldSpec, recordForm } from "../ui/record_form";
import { toast } from "../ui/toast";
import { monitorApi } from "../monitor/api";
import { practiceSignalsSection } from "../monitor/page";
import { practiceProgrammesSection } from "../programmes/page";
import { STATUS_COLOURS } from "../ui/map";
import { Affiliation, CalamityCard, Contract, Practice, practicesApi } from "./api";

interface Contact {
  id: number;
  name: string;
  function: string | null;
  practice_agb: string | null;
  phone: string | null;
  email: string | null;
}

// seed 000 §6: the calamity card's items with their label in the UI's language (a function:
// the language may change while the app runs).
const cardItems = (): [string, string][] => [
  ["authorised_persons", t("cardAuthorisedPersons")],
  ["contact_persons", t("cardContactPersons")],
  ["salary_payment_authority", t("cardSalaryPaymentAuthority")],
  ["bank_access", t("cardBankAccess")],
  ["billing_continuity", t("cardBillingContinuity")],
  ["suppliers", t("cardSuppliers")],
  ["insurances", t("cardInsurances")],
  ["ict_phone_contacts", t("cardIctPhoneContacts")],
  ["his_access_route", t("cardHisAccessRoute")],
  ["password_location", t("cardPasswordLocation")],
  ["second_agb_linked_vektis", t("cardSecondAgbLinkedVektis")],
  ["practice_will_present", t("cardPracticeWillPresent")],
  ["emergency_response_plan", t("cardEmergencyResponsePlan")],
  ["last_updated", t("cardLastChecked")],
];

function row(name: string, value: Node | string | null | undefined): HTMLElement {
  return h("div", { class: "row" }, h("dt", {}, name), h("dd", {}, value ?? "–"));
}

// A hagro, wijk or HAP as people call it: its name, with the code after it for those who use
// codes; the code alone when the name cannot be read.
async function namedCode(resource: string, code: string | null): Promise<string | null> {
  if (!code) return null;
  const found = await api
    .get<Page<{ code: string; name: string }>>(`/${resource}?code=${encodeURIComponent(code)}`)
    .catch(() => null);
  const name = found?.items[0]?.name;
  return name ? `${name} (${code})` : code;
}

function missing(): HTMLElement {
  return h("span", { class: "missing" }, t("missing"));
}

export async function renderPracticePage(ctx: PageContext, id: number, editing: "" | "wijzigen" | "calamiteitenkaart"): Promise<void> {
  // Each render builds the page apart and only the newest is shown (the page fetches several
  // times while it draws).
  const renders = new LatestRender();
  const render = async () => {
    const newest = renders.start();
    const page = h("div", {});
    const at: PageContext = { ...ctx, main: page };
    const practice = await practicesApi.get(id).catch((e: ApiError) => e);
    if (practice instanceof ApiError) {
      page.append(h("a", { href: "#/praktijken" }, t("backToList")), h("p", { class: "empty" }, practice.message));
    } else {
      page.append(h("a", { href: "#/praktijken", class: "back" }, t("backToList")));
      if (editing === "wijzigen" && canEditPractice(ctx.user, practice.agb)) {
        page.append(practiceForm(practice));
      } else if (editing === "calamiteitenkaart" && canEditPractice(ctx.user, practice.agb)) {
        page.append(await calamityCardForm(practice));
      } else {
        await showPractice(at, practice);
      }
    }
    if (!newest()) return;
    clear(ctx.main);
    ctx.main.append(...page.childNodes);
  };
  // While editing, a live re-render would wipe what the user typed; a stale save gets a clear
  // 412 message instead.
  if (!editing) ctx.watch(["practice", "affiliation", "continuity_contract", "calamity_card", "contact"], render);
  await render();
}

async function showPractice(ctx: PageContext, p: Practice): Promise<void> {
  const people = seesPeople(ctx.user);
  // Only what this page shows, so it stays quick in a registry of thousands of practices: the
  // team and contracts first, then the people and partner practices they name.
  const [affiliations, contracts, cards, contacts, monitor] = await Promise.all([
    people ? practicesApi.affiliations(p.agb) : Promise.resolve(null),
    people ? practicesApi.contractsOf(p.agb) : Promise.resolve(null),
    people ? practicesApi.calamityCard(p.agb) : Promise.resolve(null),
    people ? api.get<Page<Contact>>(`/contacts?limit=1000&practice_agb=${p.agb}`) : Promise.resolve(null),
    monitorApi.practice(p.agb).catch(() => null),
  ]);
  const codes = new Set((affiliations?.items ?? []).map((a) => a.person_code));
  if (p.medically_responsible_person_code) codes.add(p.medically_responsible_person_code);
  const partners = new Set((contracts?.items ?? []).flatMap((c) => [c.practice_a_agb, c.practice_b_agb]));
  partners.delete(p.agb);
  const [persons, all] = await Promise.all([
    people ? practicesApi.peopleByCode([...codes]) : Promise.resolve(null),
    practicesApi.byAgb([...partners]),
  ]);
  const personByCode = new Map((persons?.items ?? []).map((x) => [x.code, x]));
  const [group, district, post] = await Promise.all([
    namedCode("gp-groups", p.gp_group_code),
    namedCode("districts", p.district_code),
    namedCode("organisations", p.out_of_hours_post_code),
  ]);
  const practiceByAgb = new Map(all.items.map((x) => [x.agb, x]));

  const header = h(
    "div",
    { class: "title-row" },
    h("h1", {}, p.name),
    h("span", { class: "badge", style: `background:${STATUS_COLOURS[p.status]}` }, label(p.status)),
    p.patient_stop ? h("span", { class: "badge stop" }, "patiëntenstop") : null,
    canEditPractice(ctx.user, p.agb) ? h("a", { class: "button", href: `#/praktijken/${p.id}/wijzigen` }, t("editPractice")) : null,
  );
  // A practice user on another practice's page: its team and contracts are not theirs to see,
  // which is not the same as not existing.
  const otherPractice = ctx.user.role === "practice_user" && !ctx.user.practice_agbs.includes(p.agb);
  const responsible = p.medically_responsible_person_code
    ? personByCode.get(p.medically_responsible_person_code)?.name ?? (otherPractice ? h("span", { class: "muted" }, t("notShownToRole")) : p.medically_responsible_person_code)
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
      row(t("rowAddress"), [p.street_address, `${p.postcode} ${p.place ?? ""}`.trim()].filter((x) => x).join(", ")),
      row(t("patients"), formatNumber(p.registered_patients)),
      row(t("hagro"), group),
      row(t("rowDistrict"), district),
      row(t("rowOutOfHours"), post),
      row(t("rowInRota"), p.in_out_of_hours_rota ? t("yes") : h("span", { class: "missing" }, t("no"))),
      row(t("rowOwner"), p.owner_kind === "other_party" ? `${label(p.owner_kind)}: ${p.owner_name}` : label(p.owner_kind)),
      ctx.user.role === "insurer_liaison" ? null : row(t("rowResponsible"), responsible ?? missing()),
    ),
  );
  const signals = monitor ? practiceSignalsSection(monitor, p.agb) : null;
  // A practice user on another practice's page sees no programmes: theirs are not to see.
  const programmes = otherPractice ? null : await practiceProgrammesSection(ctx, p.agb);
  ctx.main.append(header, details, ...(signals ? [signals] : []), ...(programmes ? [programmes] : []));
  if (!people) return;
  if (otherPractice) {
    ctx.main.append(h("section", { class: "card" }, h("h2", {}, `${t("team")} · ${t("contracts")}`), h("p", { class: "muted" }, t("otherPracticeHidden"))));
    return;
  }

  ctx.main.append(
    h(
      "section",
      { class: "card" },
      h("div", { class: "title-row" }, h("h2", {}, t("team")), canEditPractice(ctx.user, p.agb) ? h("a", { class: "button", href: `#/register/affiliations?practice_agb=${p.agb}` }, t("registerTeam")) : null),
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
        ? h("p", { class: "missing" }, t("noContracts"))
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
                ` · ${c.cover_days} dagen `,
                // seed 000 §4: contracts are reviewed yearly; the review is recorded right here.
                canEditPractice(ctx.user, p.agb) && c.last_reviewed !== amsterdamIsoDate()
                  ? h("button", { class: "link", onclick: () => recordReview(c) }, t("contractReviewedToday"))
                  : null,
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
      h(
        "div",
        { class: "title-row" },
        h("h2", {}, t("calamityCard")),
        card ? h("a", { class: "button", href: `/api/v1/printouts/calamity-card/${p.agb}`, target: "_blank", rel: "noopener" }, t("printCard")) : null,
        canEditPractice(ctx.user, p.agb) ? h("a", { class: "button", href: `#/praktijken/${p.id}/calamiteitenkaart` }, t("editCard")) : null,
      ),
      card
        ? h(
            "dl",
            {},
            cardItems().map(([key, name]) => {
              const value = card[key];
              if (typeof value === "boolean") return row(name, value ? t("yes") : h("span", { class: "missing" }, t("no")));
              if (key === "last_updated") return row(name, value ? formatDate(String(value)) : missing());
              return row(name, value ? String(value) : missing());
            }),
          )
        : h("p", { class: "missing" }, t("noCardYet")),
    ),
    h(
      "section",
      { class: "card" },
      h("h2", {}, t("contacts")),
      (contacts as Page<Contact>).items.length === 0
        ? h("p", { class: "muted" }, t("noOwnContacts"))
        : h("ul", { class: "plain" }, (contacts as Page<Contact>).items.map((c) => h("li", {}, `${c.name} (${c.function ?? ""}) · ${c.phone ?? ""} · ${c.email ?? ""}`))),
    ),
  );
}

// The fields a coordinator edits, with the control that suits each.
const practiceFields = (): FieldSpec[] => [
  ["name", t("formName"), "text"],
  ["kvk", t("formKvk"), "text"],
  ["form", t("formForm"), { options: ["solo", "duo", "group", "health_centre", "hoed"] }],
  ["street_address", t("formStreetAddress"), "text"],
  ["postcode", t("formPostcode"), "text"],
  ["place", t("formPlace"), "text"],
  ["registered_patients", t("formRegisteredPatients"), "number"],
  ["patient_stop", t("formPatientStop"), "checkbox"],
  ["status", t("formStatus"), { options: ["active", "temporary_takeover", "closed"] }],
  ["gp_group_code", t("formGpGroupCode"), "text"],
  ["district_code", t("formDistrictCode"), "text"],
  ["out_of_hours_post_code", t("formOutOfHoursPostCode"), "text"],
  ["owner_kind", t("formOwnerKind"), { options: ["gp_holders", "other_party"] }],
  ["owner_name", t("formOwnerName"), "text"],
  ["medically_responsible_person_code", t("formMedicallyResponsiblePersonCode"), "text"],
  ["in_out_of_hours_rota", t("formInOutOfHoursRota"), "checkbox"],
];

// seed 000 §6: the calamity card's items; where passwords are kept, never a password.
const cardFields = (): FieldSpec[] => [
  ...cardItems().filter(([key]) => !["second_agb_linked_vektis", "practice_will_present", "emergency_response_plan", "last_updated"].includes(key)).map(
    ([key, text]) => [key, text, "textarea"] as FieldSpec,
  ),
  ["second_agb_linked_vektis", t("cardSecondAgbLinkedVektis"), "checkbox"],
  ["practice_will_present", t("cardWillPresent"), "checkbox"],
  ["emergency_response_plan", t("cardPlanPresent"), "checkbox"],
  ["last_updated", t("cardLastChecked"), "date", t("cardLastCheckedHint")],
];

function practiceForm(p: Practice): HTMLElement {
  return recordForm({
    title: `${t("edit")}: ${p.name}`,
    record: p as unknown as Record<string, unknown>,
    fields: practiceFields(),
    cancelHref: `#/praktijken/${p.id}`,
    save: async (changes) => {
      await practicesApi.update(p, changes as Partial<Practice>);
      location.hash = `#/praktijken/${p.id}`;
    },
  });
}

// A contract's yearly review, recorded as done today; the page redraws from the live update.
async function recordReview(c: Contract): Promise<void> {
  try {
    await api.put(`/contracts/${c.id}`, { last_reviewed: amsterdamIsoDate() }, c.version);
    toast(t("contractReviewRecorded"));
  } catch (e) {
    toast(problemText(e));
  }
}


async function calamityCardForm(p: Practice): Promise<HTMLElement> {
  const cards = await practicesApi.calamityCard(p.agb);
  const card = cards.items[0];
  return recordForm({
    title: `${t("calamityCard")}: ${p.name}`,
    record: (card ?? { practice_agb: p.agb }) as Record<string, unknown>,
    fields: cardFields(),
    cancelHref: `#/praktijken/${p.id}`,
    save: async (changes) => {
      // Saving the card is checking it: the date moves to today unless the user set another.
      if (!("last_updated" in changes)) changes = { ...changes, last_updated: amsterdamIsoDate() };
      if (card) await api.put(`/calamity-cards/${card.id}`, changes, card.version as number);
      else await api.post(`/calamity-cards`, { ...changes, practice_agb: p.agb });
      location.hash = `#/praktijken/${p.id}`;
    },
  });
}
