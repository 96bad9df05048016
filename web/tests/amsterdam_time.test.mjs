// Dates and times for machines in the Netherlands, checked without a browser. The helper must
// give the same answers whatever the machine's zone, locale and ICU data: `dev.sh test` runs
// this file once more under TZ=America/New_York LANG=C.UTF-8 (and the whole browser suite can
// be run that way too, see README "Testing").
import { test } from "node:test";
import assert from "node:assert/strict";
import { amsterdamDisplayDate, amsterdamIsoDate, amsterdamWallClock, amsterdamWallClockToUtc } from "../src/ui/amsterdam_time.js";

test("the calendar day is the one in the Netherlands, not the machine's or UTC's", () => {
  // 23:30 UTC on 7 December is 00:30 on 8 December in Amsterdam (winter, +1).
  assert.equal(amsterdamIsoDate(new Date("2026-12-07T23:30:00Z")), "2026-12-08");
  assert.equal(amsterdamDisplayDate(new Date("2026-12-07T23:30:00Z")), "08-12-2026");
  // 22:30 UTC on 30 June is 00:30 on 1 July (summer, +2).
  assert.equal(amsterdamIsoDate(new Date("2027-06-30T22:30:00Z")), "2027-07-01");
  assert.equal(amsterdamIsoDate(new Date("2027-06-30T21:59:59Z")), "2027-06-30");
  assert.match(amsterdamIsoDate(), /^\d{4}-\d{2}-\d{2}$/);
});

test("a wall-clock time is the Dutch one, midnight included", () => {
  assert.equal(amsterdamWallClock(new Date("2026-12-07T23:05:00Z")), "2026-12-08T00:05");
  assert.equal(amsterdamWallClock(new Date("2027-07-01T10:15:00Z")), "2027-07-01T12:15");
});

test("a time typed in the Netherlands becomes the right UTC instant in winter, summer and at the changes", () => {
  assert.equal(amsterdamWallClockToUtc("2026-12-07T03:00"), "2026-12-07T02:00:00Z");
  assert.equal(amsterdamWallClockToUtc("2027-07-01T12:15"), "2027-07-01T10:15:00Z");
  assert.equal(amsterdamWallClockToUtc("2026-12-08T00:30"), "2026-12-07T23:30:00Z");
  // Spring: 02:00-03:00 on 28 March 2027 does not exist; 02:30 moves on to 03:30 summer time.
  assert.equal(amsterdamWallClockToUtc("2027-03-28T01:59"), "2027-03-28T00:59:00Z");
  assert.equal(amsterdamWallClockToUtc("2027-03-28T02:30"), "2027-03-28T01:30:00Z");
  assert.equal(amsterdamWallClockToUtc("2027-03-28T03:00"), "2027-03-28T01:00:00Z");
  // Autumn: 02:00-03:00 on 31 October 2027 happens twice; the first (summer time) is taken.
  assert.equal(amsterdamWallClockToUtc("2027-10-31T02:30"), "2027-10-31T00:30:00Z");
  assert.equal(amsterdamWallClockToUtc("2027-10-31T03:00"), "2027-10-31T02:00:00Z");
  // Round trip over a whole year, hour by hour.
  for (let ms = Date.UTC(2027, 0, 1); ms < Date.UTC(2028, 0, 1); ms += 3600 * 1000) {
    const instant = new Date(ms);
    const back = amsterdamWallClockToUtc(amsterdamWallClock(instant));
    // Only the repeated autumn hour maps back to its first occurrence.
    if (back !== instant.toISOString().replace(/\.\d{3}Z$/, "Z")) {
      assert.equal(new Date(back).getTime(), ms - 3600 * 1000, `round trip of ${instant.toISOString()}`);
    }
  }
  assert.equal(amsterdamWallClockToUtc(""), "");
});
