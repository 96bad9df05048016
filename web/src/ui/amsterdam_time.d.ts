// Types of amsterdam_time.js (plain JavaScript so the node browser tests share it).
export function amsterdamIsoDate(date?: Date): string;
export function amsterdamDisplayDate(date?: Date): string;
export function amsterdamWallClockToUtc(local: string): string;
export function amsterdamWallClock(date?: Date): string;
