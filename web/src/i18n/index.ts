// UI texts: Dutch first, English available. Each domain keeps its own texts in this folder
// (incidents.ts, monitor.ts, ...); keys are short English phrases and unique across domains.
import * as common from "./common";
import * as practices from "./practices";
import * as directory from "./directory";
import * as audit from "./audit";
import * as incidents from "./incidents";
import * as redistribution from "./redistribution";
import * as monitor from "./monitor";
import * as stress from "./stress";
import * as preparedness from "./preparedness";
import * as register from "./register";
import * as accounts from "./accounts";

const nl = { ...common.nl, ...practices.nl, ...directory.nl, ...audit.nl, ...incidents.nl, ...redistribution.nl, ...monitor.nl, ...stress.nl, ...preparedness.nl, ...register.nl, ...accounts.nl };
const en: typeof nl = { ...common.en, ...practices.en, ...directory.en, ...audit.en, ...incidents.en, ...redistribution.en, ...monitor.en, ...stress.en, ...preparedness.en, ...register.en, ...accounts.en };
type Texts = typeof nl;

export type Lang = "nl" | "en";
let lang: Lang = (localStorage.getItem("vangnet.lang") as Lang) === "en" ? "en" : "nl";

export function t(key: keyof Texts): string {
  return (lang === "en" ? en : nl)[key];
}
export function currentLang(): Lang {
  return lang;
}
export function toggleLang(): void {
  lang = lang === "nl" ? "en" : "nl";
  localStorage.setItem("vangnet.lang", lang);
  document.documentElement.lang = lang;
}

// A text with values filled in: fmt("opvangPlaced", { n: 3 }) for "... {n} ...".
export function fmt(key: keyof Texts, values: Record<string, string | number>): string {
  return t(key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

// Labels of the domain's codes (the server's Dutch labels; English where the UI is English).
const labels: Record<string, [string, string]> = {
  solo: ["Solopraktijk", "Solo practice"],
  duo: ["Duopraktijk", "Duo practice"],
  group: ["Groepspraktijk", "Group practice"],
  health_centre: ["Gezondheidscentrum", "Health centre"],
  hoed: ["HOED", "HOED"],
  active: ["Actief", "Active"],
  closed: ["Gesloten", "Closed"],
  temporary_takeover: ["Tijdelijke overname", "Temporary takeover"],
  gp_holders: ["Huisarts(en)", "GP holder(s)"],
  other_party: ["Andere partij", "Other party"],
  holder: ["Praktijkhouder", "Holder"],
  employed_gp: ["HIDHA", "Employed GP"],
  locum: ["Waarnemer", "Locum"],
  assistant: ["Doktersassistent", "Assistant"],
  nurse_practitioner: ["POH", "Nurse practitioner"],
  mental_health_practitioner: ["POH-GGZ", "Mental health practitioner"],
  practice_manager: ["Praktijkmanager", "Practice manager"],
  physician_assistant: ["PA", "Physician assistant"],
  nurse_specialist: ["VS", "Nurse specialist"],
  gp_trainee: ["AIOS", "GP trainee"],
  junior_doctor: ["ANIOS", "Junior doctor"],
  unknown: ["Onbekend", "Unknown"],
  none: ["Geen opvolger", "No successor"],
  known: ["Opvolger bekend", "Successor known"],
  chair: ["Voorzitter crisisteam", "Crisis team chair"],
  medical_adviser_out_of_hours: ["Medisch adviseur ANW", "Medical adviser out of hours"],
  medical_adviser_office_hours: ["Medisch adviseur dagzorg", "Medical adviser office hours"],
  organisational_adviser: ["Organisatorisch adviseur", "Organisational adviser"],
  logger: ["Logger/plotter", "Logger"],
  information_coordinator: ["Informatiecoördinator", "Information coordinator"],
  admin: ["Beheerder", "Administrator"],
  coordinator: ["Coördinator", "Coordinator"],
  crisis_team: ["Crisisteamlid", "Crisis team member"],
  practice_user: ["Praktijkgebruiker", "Practice user"],
  insurer_liaison: ["Zorgverzekeraar", "Health insurer"],
  read_only: ["Alleen lezen", "Read only"],
  communication_adviser: ["Communicatieadviseur", "Communication adviser"],
  crisis_coordinator: ["Crisiscoördinator RHO", "RHO crisis coordinator"],
  group_crisis_coordinator: ["Hagro-crisiscoördinator", "GP group crisis coordinator"],
  reporting_point: ["Meldpunt regio (bereikbaar nummer)", "Regional reporting point (agreed number)"],
};

// A registry field's name on forms ("gp_group_code" -> "Hagro").
export function fieldName(field: string): string {
  const key = `field_${field}` as keyof Texts;
  return key in nl ? t(key) : field;
}

export function label(code: string | null | undefined): string {
  if (!code) return "–";
  const pair = labels[code];
  return pair ? pair[lang === "en" ? 1 : 0] : code;
}
