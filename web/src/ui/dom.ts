// A tiny element builder: enough for a few pages, no framework to learn or update.
import { amsterdamWallClockToUtc } from "./amsterdam_time.js";
import { currentLang } from "../i18n";

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | null | undefined>;

export function h(tag: string, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2).toLowerCase(), value as EventListener);
    } else if (value === true) {
      el.setAttribute(key, "");
    } else {
      el.setAttribute(key, String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

// Numbers the Dutch way: 210.386 patiënten.
// The locale dates and times are written in for people: Dutch, or British English.
function peopleLocale(): string {
  return currentLang() === "en" ? "en-GB" : "nl-NL";
}

export function formatNumber(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined) return "–";
  return n.toLocaleString("nl-NL", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "–";
  const [y, m, d] = iso.slice(0, 10).split("-");
  return `${d}-${m}-${y}`;
}

// A datetime-local value (a wall-clock time in the Netherlands, the zone every time on the pages
// is shown in, whatever the device's own zone) as the UTC instant the server takes; empty stays
// empty, so the server names the missing field.
export function localToUtc(local: string): string {
  return amsterdamWallClockToUtc(local);
}

// The time of day of an ISO UTC timestamp in Europe/Amsterdam: "00:09".
export function formatClock(iso: string): string {
  return new Date(iso).toLocaleTimeString(peopleLocale(), { timeZone: "Europe/Amsterdam", hour: "2-digit", minute: "2-digit" });
}

// The Dutch calendar day of an ISO UTC timestamp: "1-12-2026".
export function formatLocalDate(iso: string): string {
  return new Date(iso).toLocaleDateString(peopleLocale(), { timeZone: "Europe/Amsterdam" });
}

// An ISO UTC timestamp shown in Europe/Amsterdam time.
export function formatTimestamp(iso: string): string {
  return new Date(iso).toLocaleString(peopleLocale(), { timeZone: "Europe/Amsterdam" });
}

// Replaces a page's content with a freshly drawn one without losing the user's place: the
// scroll position, the field that had focus, what was typed in any field (a live update must
// never wipe a half-written log entry) and which folds were open. After the user's own action
// (`keepTyped` false) the form they just sent starts empty; what they typed elsewhere stays.
// Fields are matched by id, else name or aria-label; a key that occurs more than once (a task
// shown both under "Wat nu" and in the full list) by its position among them, as long as the new
// page has as many. Folds are matched by their summary's first words (a count in brackets may
// change).
export function replaceKeepingPlace(target: HTMLElement, fresh: Node[], keepTyped = true): void {
  const y = window.scrollY;
  const keyOf = (el: Element): string | null => {
    const key = el.id ? `#${el.id}` : el.getAttribute("name") ? `@${el.getAttribute("name")}` : el.getAttribute("aria-label") ? `~${el.getAttribute("aria-label")}` : null;
    return key ? `${el.tagName}${key}` : null;
  };
  const fields = (root: Element, selector = "input, textarea, select") => {
    const byKey = new Map<string, Element[]>();
    for (const el of root.querySelectorAll(selector)) {
      const key = keyOf(el);
      if (key) byKey.set(key, [...(byKey.get(key) ?? []), el]);
    }
    return byKey;
  };
  const foldKey = (d: Element): string => (d.querySelector("summary")?.textContent ?? "").replace(/\s*\(.*$/, "");
  const active = document.activeElement && target.contains(document.activeElement) ? document.activeElement : null;
  const focusable = "input, textarea, select, button, a";
  const activeKey = active ? keyOf(active) : null;
  const activeIndex = activeKey ? (fields(target, focusable).get(activeKey) ?? []).indexOf(active!) : -1;
  const sentForm = keepTyped ? null : active?.closest("form") ?? null;
  const typed = new Map<string, { count: number; values: Map<number, string> }>();
  for (const [key, all] of fields(target)) {
    all.forEach((el, index) => {
      if ((sentForm && sentForm.contains(el)) || (!keepTyped && el === active)) return;
      const field = el as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
      const changed = field instanceof HTMLSelectElement ? [...field.options].some((o) => o.selected !== o.defaultSelected) : field.value !== (field as HTMLInputElement).defaultValue;
      if (!changed || (field as HTMLInputElement).type === "checkbox") return;
      if (!typed.has(key)) typed.set(key, { count: all.length, values: new Map() });
      typed.get(key)!.values.set(index, field.value);
    });
  }
  const open = new Set([...target.querySelectorAll("details[open]")].map(foldKey));
  target.replaceChildren(...fresh);
  for (const d of target.querySelectorAll("details")) if (open.has(foldKey(d))) (d as HTMLDetailsElement).open = true;
  for (const [key, all] of fields(target)) {
    const was = typed.get(key);
    if (!was || was.count !== all.length) continue;
    for (const [index, value] of was.values) {
      const el = all[index] as HTMLInputElement;
      el.value = value;
      if (el instanceof HTMLInputElement && el.hidden && value) el.hidden = false;
    }
  }
  if (activeKey) {
    const again = fields(target, focusable).get(activeKey)?.[Math.max(0, activeIndex)] as HTMLElement | undefined;
    again?.focus({ preventScroll: true });
  }
  window.scrollTo(0, y);
}

// Names that occur more than once ("Lindenlaan (Maastricht)" four times) get their code, so
// every list and pick-list can tell them apart: returns the label per id.
export function distinctLabels<T>(items: T[], id: (item: T) => string, name: (item: T) => string, code: (item: T) => string = id): Map<string, string> {
  const count = new Map<string, number>();
  for (const item of items) count.set(name(item), (count.get(name(item)) ?? 0) + 1);
  return new Map(items.map((item) => [id(item), (count.get(name(item)) ?? 0) > 1 ? `${name(item)} · ${code(item)}` : name(item)]));
}

// A long text (a logbook entry of several paragraphs) shows its start and opens in full on a
// click, so one entry never fills a phone screen. The fold keeps its place across redraws.
export function foldedText(text: string, moreLabel: string, keep = 160): Node {
  if (text.length <= keep + 60) return document.createTextNode(text);
  // Cut after a whole word; an unbroken run (a long link) is cut shorter, since it fills whole
  // lines on a phone.
  const cut = text.slice(0, keep);
  const atWord = cut.replace(/\s+\S*$/, "");
  const start = atWord.length > keep / 2 ? atWord : cut.slice(0, keep / 2);
  return h(
    "details",
    { class: "long-text" },
    h("summary", {}, `${start}…`, h("span", { class: "more" }, moreLabel)),
    h("div", {}, text),
  );
}
