// A tiny element builder: enough for a few pages, no framework to learn or update.
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
export function formatNumber(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined) return "–";
  return n.toLocaleString("nl-NL", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "–";
  const [y, m, d] = iso.slice(0, 10).split("-");
  return `${d}-${m}-${y}`;
}

// A datetime-local value (the user's wall clock) as the UTC instant the server takes; empty
// stays empty, so the server names the missing field.
export function localToUtc(local: string): string {
  return local ? new Date(local).toISOString().replace(/\.\d{3}Z$/, "Z") : "";
}

// An ISO UTC timestamp shown in Europe/Amsterdam time.
export function formatTimestamp(iso: string): string {
  return new Date(iso).toLocaleString("nl-NL", { timeZone: "Europe/Amsterdam" });
}
