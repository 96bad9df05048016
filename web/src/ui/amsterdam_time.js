// Calendar dates and wall-clock times in the Netherlands, for machines: the ISO forms the server
// and the date fields take. Plain JavaScript so that the browser tests (node, no TypeScript) use
// this same code. The parts come from formatToParts and are put together here, never from a
// locale's pattern: a locale's date pattern depends on the ICU data of the machine (Debian's
// Node.js 18 formats en-CA like en-US), the parts do not.

const ZONE = "Europe/Amsterdam";

const partsFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** The wall-clock fields of an instant in Europe/Amsterdam, as numbers. */
function amsterdamFields(date) {
  const fields = {};
  for (const part of partsFormat.formatToParts(date)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  // Some ICU versions write midnight as hour 24 even with h23.
  if (fields.hour === 24) fields.hour = 0;
  return fields;
}

const pad = (n, width = 2) => String(n).padStart(width, "0");

/** The calendar day of `date` (default now) in the Netherlands as YYYY-MM-DD. */
export function amsterdamIsoDate(date = new Date()) {
  const f = amsterdamFields(date);
  return `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`;
}

/** The wall-clock time of `date` in the Netherlands as a datetime-local value: YYYY-MM-DDTHH:MM. */
export function amsterdamWallClock(date = new Date()) {
  const f = amsterdamFields(date);
  return `${amsterdamIsoDate(date)}T${pad(f.hour)}:${pad(f.minute)}`;
}

/** The same day the way the UI shows it to people: DD-MM-YYYY. */
export function amsterdamDisplayDate(date = new Date()) {
  return amsterdamIsoDate(date).split("-").reverse().join("-");
}

// Minutes Amsterdam is ahead of UTC at the instant `ms`.
function offsetMinutes(ms) {
  const f = amsterdamFields(new Date(ms));
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

/**
 * A wall-clock time in the Netherlands ("2026-12-07T03:00", a datetime-local value) as the UTC
 * instant the server takes ("2026-12-07T02:00:00Z"), whatever the zone of the device. Empty
 * stays empty so the server names the missing field. A time in the hour that does not exist (the
 * spring change) moves an hour on, as a clock does; in the autumn hour that occurs twice it is the
 * first one.
 */
export function amsterdamWallClockToUtc(local) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local ?? "");
  if (!m) return local ? local : "";
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
  // Try the offset before and after the moment; the first that maps back to the same wall
  // clock is the answer (both fit in the repeated autumn hour; neither in the spring gap).
  const candidates = [offsetMinutes(asUtc - 3 * 3600 * 1000), offsetMinutes(asUtc + 3 * 3600 * 1000)];
  let chosen = null;
  for (const offset of [Math.max(...candidates), Math.min(...candidates)]) {
    const instant = asUtc - offset * 60000;
    if (offsetMinutes(instant) === offset) {
      chosen = instant;
      break;
    }
  }
  if (chosen === null) chosen = asUtc - Math.min(...candidates) * 60000;
  return new Date(chosen).toISOString().replace(/\.\d{3}Z$/, "Z");
}
