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
import * as programmes from "./programmes";

const nl = { ...common.nl, ...practices.nl, ...directory.nl, ...audit.nl, ...incidents.nl, ...redistribution.nl, ...monitor.nl, ...stress.nl, ...preparedness.nl, ...register.nl, ...accounts.nl, ...programmes.nl };
const en: typeof nl = { ...common.en, ...practices.en, ...directory.en, ...audit.en, ...incidents.en, ...redistribution.en, ...monitor.en, ...stress.en, ...preparedness.en, ...register.en, ...accounts.en, ...programmes.en };
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
  // Programmes: trajectory stages, conversation outcomes, search routes, intentions, statuses,
  // and the regional programme's activities (seed 000 §2).
  conversation: ["Gesprek met de praktijkhouder", "Conversation with the holder"],
  search: ["Opvolger zoeken", "Seeking a successor"],
  mentoring: ["Mentorschap van de opvolger", "Mentoring the successor"],
  transfer: ["Praktijkoverdracht", "Practice transfer"],
  done: ["Afgerond", "Finished"],
  stopped: ["Gestopt", "Stopped"],
  not_held: ["Nog niet gevoerd", "Not held yet"],
  seeks_successor: ["Zoekt een opvolger", "Seeks a successor"],
  continues: ["Gaat voorlopig door", "Continues for now"],
  undecided: ["Nog geen besluit", "Undecided"],
  merger: ["Samengaan met een andere praktijk", "Merger with another practice"],
  not_chosen: ["Nog niet gekozen", "Not chosen yet"],
  vacancy: ["Vacature", "Vacancy"],
  locum_stays: ["Waarnemer die wil blijven", "Locum who wants to stay"],
  other: ["Anders", "Other"],
  stays: ["Blijft zoals het is", "Stays as it is"],
  exploring: ["Verkent samenwerking", "Exploring collaboration"],
  merging: ["Gaat samen met andere praktijk(en)", "Merging with other practice(s)"],
  planned: ["Gepland", "Planned"],
  running: ["Loopt", "Running"],
  dropped: ["Vervallen", "Dropped"],
  analyse_situation: ["Huidige situatie in kaart", "Map the current situation"],
  gauge_support: ["Draagvlak peilen", "Gauge support"],
  best_practices: ["Ervaringen van groepspraktijken delen", "Share group practices' experience"],
  regional_vision: ["Regionale visie vaststellen", "Agree the regional vision"],
  strategic_plan: ["Strategisch plan met opties", "Strategic plan with options"],
  frameworks: ["Kaders en randvoorwaarden", "Frameworks and conditions"],
  district_teams: ["Projectteams per wijk", "Project teams per district"],
  support_offer: ["Ondersteuningsaanbod", "Support offer"],
  funding: ["Subsidie of startkapitaal", "Subsidy or start-up capital"],
  pilots: ["Pilots", "Pilots"],
  monitor_evaluate: ["Volgen en evalueren", "Monitor and evaluate"],
  knowledge_sharing: ["Kennis delen", "Share knowledge"],
  scale_up: ["Stap voor stap opschalen", "Scale up step by step"],
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
