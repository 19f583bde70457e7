/**
 * Durations as written in configuration ("90s", "15m", "4h", "3d", "1h30m") and as said to people
 * ("1 h 30 min", "1 小时 30 分钟").
 */
import { scriptOf, WORDS, type TimeLang } from './words.ts';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const UNIT_MS: Record<string, number> = { d: DAY, h: HOUR, m: MINUTE, s: SECOND };
const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const EXPECTED = 'expected a duration like 90s, 15m, 4h, 3d or 1h30m';

/**
 * Milliseconds in a duration made of whole numbers of days, hours, minutes and seconds, largest
 * unit first, each unit at most once ("1h30m", "2d12h"; "1h 30m" and upper case are accepted).
 * Throws an Error saying what was wrong and what is expected; the message quotes the input but not
 * a variable name, so callers prefix the name they read it from. Zero is refused: every duration
 * configured here (SLA targets, idle timers) must be positive to mean anything.
 */
export function parseDuration(text: string): number {
  const compact = text.trim().toLowerCase().replace(/\s+/g, '');
  const match = compact === '' ? null : DURATION.exec(compact);
  if (!match) throw new Error(`'${text}' — ${EXPECTED}`);
  let ms = 0;
  ['d', 'h', 'm', 's'].forEach((unit, i) => {
    const n = match[i + 1];
    if (n !== undefined) ms += Number(n) * UNIT_MS[unit]!;
  });
  if (!Number.isSafeInteger(ms)) throw new Error(`'${text}' — too long`);
  if (ms === 0) throw new Error(`'${text}' — must be longer than zero`);
  return ms;
}

/** Units of formatDuration, largest first, with their index into the words' unit labels. */
const SAY_UNITS = [DAY, HOUR, MINUTE, SECOND] as const;

/**
 * A duration said briefly: the largest unit that fits and the next smaller one, rounded to that
 * smaller unit, zero parts left out — "1 h 30 min", "3 d", "45 s", "2 天 4 小时". Two units are as
 * precise as a person needs in a reply. Under half a second says "0 s". The sign is ignored (the
 * caller says "overdue by …"); 'zh' means Simplified, 'zh-Hant' gives Traditional.
 */
export function formatDuration(ms: number, lang: TimeLang): string {
  if (!Number.isFinite(ms)) throw new RangeError(`formatDuration: ${ms} is not a duration`);
  const units = WORDS[scriptOf(lang)].units;
  const value = roundToTwoUnits(Math.abs(ms));
  const top = topUnit(value);
  const parts: string[] = [];
  let rest = value;
  for (const i of [top, top + 1]) {
    const size = SAY_UNITS[i];
    if (size === undefined) continue;
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || (parts.length === 0 && i === SAY_UNITS.length - 1)) parts.push(`${n} ${units[i]}`);
  }
  return parts.join(' ');
}

/** Index of the largest unit not larger than ms (seconds for anything under a minute). */
function topUnit(ms: number): number {
  const i = SAY_UNITS.findIndex((size) => ms >= size);
  return i === -1 ? SAY_UNITS.length - 1 : i;
}

/**
 * ms rounded to the second unit said. Rounding can carry into a larger unit (59 min 59.6 s is
 * 1 h), in which case the result is an exact multiple of that unit and needs no second pass.
 */
function roundToTwoUnits(ms: number): number {
  const top = topUnit(ms);
  const step = SAY_UNITS[Math.min(top + 1, SAY_UNITS.length - 1)]!;
  return Math.round(ms / step) * step;
}
