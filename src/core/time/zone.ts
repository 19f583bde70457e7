/**
 * Wall clock ↔ instant in an IANA time zone, computed with Intl so daylight-saving rules come from
 * the runtime's time-zone database (never from offsets copied into the code).
 *
 * A "wall" value is the local date and time of a zone written as if it were UTC epoch ms:
 * `Date.UTC(y, m - 1, d, h, min)`. That makes calendar arithmetic plain addition (a local day is
 * DAY wall ms long even when the real day has 23 or 25 hours) and leaves the zone to the two
 * conversions below.
 */
import { DAY } from './duration.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One cached formatter per zone: building an Intl.DateTimeFormat costs far more than using it. */
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The zone's canonical spelling if Intl knows it, else undefined. Letter case is corrected
 * ('asia/shanghai' → 'Asia/Shanghai') but an accepted name is otherwise kept as written, because
 * ICU may answer with an older alias (Asia/Kolkata → Asia/Calcutta) that would surprise readers.
 */
export function checkTimeZone(name: string): string | undefined {
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions()
      .timeZone;
    return resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
  } catch {
    return undefined;
  }
}

/** The wall value (see above) that the zone's clocks show at instant t. */
export function wallAt(timeZone: string, t: number): number {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(t))
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  const ms = ((t % 1000) + 1000) % 1000;
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) + ms;
}

/** The zone's offset from UTC at instant t, in ms (positive east of Greenwich). */
function offsetAt(timeZone: string, t: number): number {
  return wallAt(timeZone, t) - t;
}

/**
 * The first instant at which the zone's clocks show `wall` or later. That is the plain conversion
 * on ordinary days; when clocks go back and a time is shown twice it is the first showing; when
 * clocks go forward and a time is skipped it is the moment of the jump (a shop opening at a
 * skipped 02:30 opens when the clocks first pass 02:30). Monotonic, so ordered wall times stay
 * ordered as instants. Assumes at most one offset change within a day of `wall`, true of every
 * real zone.
 */
export function instantOf(timeZone: string, wall: number): number {
  const before = offsetAt(timeZone, wall - DAY);
  const after = offsetAt(timeZone, wall + DAY);
  const shown = [wall - before, wall - after].filter((t) => wallAt(timeZone, t) === wall);
  if (shown.length > 0) return Math.min(...shown);
  return changeBetween(timeZone, wall - after, wall - before);
}

/**
 * The instant of the offset change in (lo, hi], found by bisection to the second (zone changes
 * happen on whole seconds). Only called for skipped wall times, so the range is the gap's length.
 */
function changeBetween(timeZone: string, lo: number, hi: number): number {
  const start = offsetAt(timeZone, lo);
  let a = Math.floor(lo / 1000);
  let b = Math.ceil(hi / 1000);
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (offsetAt(timeZone, mid * 1000) === start) a = mid;
    else b = mid;
  }
  return b * 1000;
}

/** Days since 1970-01-01 of the local date in a wall value. */
export function dayOf(wall: number): number {
  return Math.floor(wall / DAY);
}

/** Weekday of a day number, Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}
