// A person typed by name on the board ("Ilse Demostra", "ilse", "Ilse Demostra (HA-1012)"):
// found when exactly one person fits; otherwise the user is told that nobody or who all fit,
// never silently nothing.
import { t } from "../i18n";

export type PersonMatch = { code: string } | { problem: string };

const fold = (text: string): string =>
  text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();

export function matchPerson(value: string, names: Map<string, string>): PersonMatch {
  const typed = value.trim();
  if (!typed) return { problem: t("personTypeName") };
  // "Name (CODE)" from the pick-list, or a bare code.
  const code = typed.match(/\(([^()]+)\)\s*$/)?.[1] ?? typed;
  if (names.has(code)) return { code };
  const wanted = fold(typed.replace(/\([^()]*\)\s*$/, ""));
  const exact = [...names].filter(([, name]) => fold(name) === wanted);
  if (exact.length === 1) return { code: exact[0][0] };
  const words = wanted.split(" ");
  const fits = exact.length ? exact : [...names].filter(([, name]) => words.every((w) => fold(name).includes(w)));
  if (fits.length === 1) return { code: fits[0][0] };
  if (!fits.length) return { problem: `${t("personNoneFits")} "${typed}".` };
  const shown = fits.slice(0, 5).map(([c, name]) => `${name} (${c})`).join(", ");
  return { problem: `${t("personSeveralFit")} "${typed}": ${shown}${fits.length > 5 ? " …" : ""}. ${t("personPickOne")}` };
}
