/**
 * Service hours: when people answer, in the service's own time zone, with holidays.
 *
 * Configured by SERVICE_HOURS (`Mon-Fri 09:00-18:00; Sat 10:00-16:00`, unset = 24/7), SERVICE_TZ
 * (an IANA zone, default UTC) and SERVICE_HOLIDAYS (`2025-01-01,2025-10-01`). Everything is a pure
 * function of the instant passed in; local days are laid out as wall-clock ranges and turned into
 * instants with Intl (zone.ts), so daylight-saving days are 23 or 25 hours long as they really are.
 */
import { DAY, MINUTE } from './duration.ts';
import { clock, scriptOf, WORDS, type TimeLang } from './words.ts';
import { checkTimeZone, dayOf, instantOf, wallAt, weekdayOf } from './zone.ts';

/**
 * One weekly opening as written: opens on `day` (Monday = 0) at `start` minutes after midnight and
 * closes `end` minutes after that same midnight. `end` is above 1440 when the window crosses
 * midnight (`Fri 22:00-02:00` is day 4, 1320 → 1560), and never reaches a full day past `start`.
 */
export interface OpenWindow {
  day: number;
  start: number;
  end: number;
}

/** A range of minutes within one local day, [from, to) with 0 ≤ from < to ≤ 1440. */
type Range = readonly [number, number];

/** How far ahead to look for open time before concluding there is none (a year and a bit). */
export const SEARCH_DAYS = 370;

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const FULL_DAY_NAMES = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];
/** What an unset SERVICE_HOURS means: every weekday, all day. */
const ALL_WEEK: readonly OpenWindow[] = [0, 1, 2, 3, 4, 5, 6].map((day) => ({
  day,
  start: 0,
  end: 1440,
}));

// ─── Parsing the three variables ─────────────────────────────────────────────────────────────────

/**
 * SERVICE_HOURS: `;`-separated clauses `<days> <HH:MM>-<HH:MM>`. Days are `Mon`, a range `Mon-Fri`
 * (wrapping: `Fri-Mon` is Fri, Sat, Sun, Mon) or a comma list `Sat,Sun` (items may be ranges);
 * names are English, three letters or full, any case. A window may cross midnight
 * (`Fri 22:00-02:00` runs into Saturday) and may end at 24:00. Unset or empty gives [] = 24/7.
 * Throws an Error naming SERVICE_HOURS and quoting the clause at fault.
 */
export function parseServiceHours(text: string | undefined): OpenWindow[] {
  const windows: OpenWindow[] = [];
  for (const raw of (text ?? '').split(';')) {
    const clause = raw.trim();
    if (clause !== '') windows.push(...parseClause(clause));
  }
  return windows;
}

function hoursError(clause: string, reason: string): Error {
  return new Error(`SERVICE_HOURS: '${clause}' — ${reason}`);
}

/** One clause: the days before the first digit, the time range after it. */
function parseClause(clause: string): OpenWindow[] {
  const firstDigit = clause.search(/\d/);
  if (firstDigit === -1)
    throw hoursError(clause, 'expected <days> HH:MM-HH:MM, e.g. Mon-Fri 09:00-18:00');
  const daysText = clause.slice(0, firstDigit).trim();
  if (daysText === '')
    throw hoursError(clause, 'expected days (Mon, Mon-Fri or Sat,Sun) before the hours');
  const days = parseDays(daysText, clause);
  const [start, end] = parseTimeRange(clause.slice(firstDigit).trim(), clause);
  return days.map((day) => ({ day, start, end }));
}

/** `Mon`, `Mon-Fri`, `Fri-Mon`, `Sat,Sun`, `Mon-Wed,Fri` → weekday numbers (Monday = 0). */
function parseDays(text: string, clause: string): number[] {
  const days = new Set<number>();
  for (const item of text.split(',')) {
    const ends = item.split(/[-–]/).map((s) => s.trim());
    if (ends.length > 2) throw hoursError(clause, `'${item.trim()}' is not a day or a day range`);
    const from = parseDay(ends[0]!, clause);
    const to = parseDay(ends[1] ?? ends[0]!, clause);
    for (let d = from; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === to) break;
    }
  }
  return [...days];
}

function parseDay(name: string, clause: string): number {
  const key = name.toLowerCase();
  const i = Math.max(DAY_NAMES.indexOf(key), FULL_DAY_NAMES.indexOf(key));
  if (i === -1)
    throw hoursError(clause, `unknown day '${name}' (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)`);
  return i;
}

/** `HH:MM-HH:MM` → [start, end] minutes, end moved past midnight when it is not after start. */
function parseTimeRange(text: string, clause: string): [number, number] {
  const m = /^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$/.exec(text);
  if (!m) throw hoursError(clause, 'expected HH:MM-HH:MM');
  const start = minutesOf(m[1]!, m[2]!, 1439);
  const end = minutesOf(m[3]!, m[4]!, 1440);
  if (start === undefined)
    throw hoursError(clause, 'start is not a time (00:00–23:59; 24:00 can only be an end)');
  if (end === undefined)
    throw hoursError(clause, 'end is not a time (00:00–23:59, or 24:00 as an end)');
  if (start === end)
    throw hoursError(clause, 'opens and closes at the same time (use 00:00-24:00 for a whole day)');
  return [start, end > start ? end : end + 1440];
}

/** Minutes after midnight of HH:MM, or undefined past 59 minutes or past `max`. */
function minutesOf(hh: string, mm: string, max: number): number | undefined {
  const minutes = Number(hh) * 60 + Number(mm);
  return Number(mm) > 59 || minutes > max ? undefined : minutes;
}

/**
 * SERVICE_TZ: an IANA zone Intl accepts ('Asia/Shanghai'); unset or empty is 'UTC'. Letter case is
 * corrected. Throws an Error naming SERVICE_TZ.
 */
export function parseTimeZone(text: string | undefined): string {
  const name = (text ?? '').trim();
  if (name === '') return 'UTC';
  const zone = checkTimeZone(name);
  if (zone === undefined)
    throw new Error(
      `SERVICE_TZ: '${name}' — not an IANA time zone (e.g. Asia/Shanghai, Europe/London, UTC)`,
    );
  return zone;
}

/**
 * SERVICE_HOLIDAYS: comma-separated dates `YYYY-MM-DD`, read as dates in the service zone; unset
 * or empty is none. Returns them sorted and without repeats. Throws an Error naming the variable.
 */
export function parseHolidays(text: string | undefined): string[] {
  const dates = new Set<string>();
  for (const raw of (text ?? '').split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    if (isoDay(item) === undefined)
      throw new Error(`SERVICE_HOLIDAYS: '${item}' — not a date (expected YYYY-MM-DD)`);
    dates.add(item);
  }
  return [...dates].sort();
}

/** Day number (days since 1970-01-01) of a real calendar date `YYYY-MM-DD`, else undefined. */
function isoDay(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === text ? dayOf(t) : undefined;
}

// ─── The weekly layout ───────────────────────────────────────────────────────────────────────────

/** Sorted ranges with overlapping or touching ones joined. */
function merge(ranges: readonly Range[]): Range[] {
  const out: [number, number][] = [];
  for (const [a, b] of [...ranges].sort((x, y) => x[0] - y[0])) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/**
 * Open minutes of each weekday within that day: a window's part before midnight belongs to its own
 * day, the part after midnight to the next. Lets a holiday close exactly its own date.
 */
function dailyLayout(windows: readonly OpenWindow[]): Range[][] {
  const days: Range[][] = Array.from({ length: 7 }, () => []);
  for (const w of windows) {
    days[w.day]!.push([w.start, Math.min(w.end, 1440)]);
    if (w.end > 1440) days[(w.day + 1) % 7]!.push([0, w.end - 1440]);
  }
  return days.map(merge);
}

/** Windows grouped by the day they open on, merged, for describe(). */
function openingLayout(windows: readonly OpenWindow[]): Range[][] {
  const days: Range[][] = Array.from({ length: 7 }, () => []);
  for (const w of windows) days[w.day]!.push([w.start, w.end]);
  return days.map(merge);
}

// ─── ServiceHours ────────────────────────────────────────────────────────────────────────────────

export interface ServiceHoursSpec {
  /** Weekly windows from parseServiceHours; empty means open every day, all day. */
  windows: readonly OpenWindow[];
  /** IANA zone the windows and holidays are read in. */
  timeZone: string;
  /** Dates `YYYY-MM-DD` (service zone) with no hours at all, from parseHolidays. */
  holidays: readonly string[];
}

export class ServiceHours {
  readonly timeZone: string;
  /** True only when every moment is open: 24/7 every weekday and no holidays. */
  readonly alwaysOpen: boolean;
  private readonly daily: Range[][];
  private readonly openings: Range[][];
  private readonly holidays: ReadonlySet<number>;

  /** Throws if the zone is unknown or a holiday is not a date (use the parse functions first). */
  constructor(spec: ServiceHoursSpec) {
    this.timeZone = parseTimeZone(spec.timeZone);
    const windows = spec.windows.length > 0 ? spec.windows : ALL_WEEK;
    this.daily = dailyLayout(windows);
    this.openings = openingLayout(windows);
    this.holidays = new Set(parseHolidays(spec.holidays.join(',')).map((d) => isoDay(d)!));
    this.alwaysOpen =
      this.holidays.size === 0 &&
      this.daily.every((d) => d.length === 1 && d[0]![0] === 0 && d[0]![1] === 1440);
  }

  /**
   * Reads the three variables' texts (undefined or empty = their defaults). Throws the first
   * problem as an Error naming its variable; loadTimeConfig collects all of them instead.
   */
  static parse(texts: { hours?: string; timeZone?: string; holidays?: string }): ServiceHours {
    return new ServiceHours({
      windows: parseServiceHours(texts.hours),
      timeZone: parseTimeZone(texts.timeZone),
      holidays: parseHolidays(texts.holidays),
    });
  }

  /** Open every moment (the default when SERVICE_HOURS is unset). */
  static always(timeZone = 'UTC'): ServiceHours {
    return new ServiceHours({ windows: [], timeZone, holidays: [] });
  }

  /** Whether people are on duty at `now`. Windows are half-open: open at 09:00, closed at 18:00. */
  isOpen(now: number): boolean {
    if (this.alwaysOpen) return true;
    const first = this.intervalsFrom(now).next();
    return !first.done && first.value[0] <= now;
  }

  /** When the open stretch `now` is in ends; undefined when closed now or always open. */
  closesAt(now: number): number | undefined {
    if (this.alwaysOpen) return undefined;
    const first = this.intervalsFrom(now).next();
    return !first.done && first.value[0] <= now ? first.value[1] : undefined;
  }

  /**
   * The first moment at or after `now` that is open: `now` itself when open. Undefined when no open
   * time exists within SEARCH_DAYS (e.g. every remaining date a holiday).
   */
  nextOpen(now: number): number | undefined {
    if (this.alwaysOpen) return now;
    const first = this.intervalsFrom(now).next();
    return first.done ? undefined : Math.max(first.value[0], now);
  }

  /**
   * The moment at which `ms` of open time has passed since `start` — for targets counted in open
   * hours (4 h of open time from Friday 17:00 is Monday 12:00 with 09:00–18:00 weekdays). A target
   * used up exactly at closing time is due at closing time, not at the next opening. ms ≤ 0 gives
   * `start`. Infinity when the open time runs out within SEARCH_DAYS of the last opening.
   */
  addOpenTime(start: number, ms: number): number {
    if (ms <= 0) return start;
    if (this.alwaysOpen) return start + ms;
    let left = ms;
    for (const [a, b] of this.intervalsFrom(start)) {
      const from = Math.max(a, start);
      if (left <= b - from) return from + left;
      left -= b - from;
    }
    return Number.POSITIVE_INFINITY;
  }

  /**
   * Open ms between instants a and b (0 when b ≤ a) — how much of a target a stretch of time used,
   * e.g. to pause an SLA clock or say how much open time remains.
   */
  openTimeBetween(a: number, b: number): number {
    if (b <= a) return 0;
    if (this.alwaysOpen) return b - a;
    let total = 0;
    for (const [s, e] of this.intervalsFrom(a)) {
      if (s >= b) break;
      total += Math.min(e, b) - Math.max(s, a);
    }
    return total;
  }

  /**
   * The hours said plainly with the zone's name: "Mon–Fri 09:00–18:00, Sat 10:00–16:00 (China
   * Standard Time)", "周一至周五 09:00–18:00，周六 10:00–16:00（中国标准时间）", Traditional with 週.
   * Days with the same hours are grouped; a window crossing midnight keeps its written form
   * ("Fri 22:00–02:00"); holidays are mentioned, not listed. 24/7 is said without a zone.
   */
  describe(lang: TimeLang): string {
    const w = WORDS[scriptOf(lang)];
    if (this.alwaysOpen) return w.always;
    const clauses = groupDays(this.openings).map(({ days, ranges }) => {
      const hours = ranges.map(([a, b]) => `${clock(a)}–${clock(b)}`).join(w.windowSep);
      return `${dayLabel(days, lang)} ${hours}`;
    });
    // English lists days with commas too; a semicolon between clauses keeps them apart then.
    const sep = w.clauseSep === ', ' && clauses.some((c) => c.includes(',')) ? '; ' : w.clauseSep;
    const holidays = this.holidays.size > 0 ? w.exceptHolidays : '';
    return `${clauses.join(sep)}${holidays}${w.zone(this.timeZone, lang)}`;
  }

  /**
   * A moment said in the service zone, relative to `now` where that is natural: "today 18:00",
   * "tomorrow 09:00", "Monday 09:00" within six days, and with the date beyond that ("Monday
   * 12 May 09:00", the year only when it differs) — always followed by the zone, "(China Standard
   * Time)" / "（中国标准时间）". Days are counted in local dates, not 24-hour steps.
   */
  formatLocal(at: number, lang: TimeLang, now: number, withZone = true): string {
    const w = WORDS[scriptOf(lang)];
    const wall = wallAt(this.timeZone, at);
    const day = dayOf(wall);
    const nowDay = dayOf(wallAt(this.timeZone, now));
    const time = clock(Math.floor((wall - day * DAY) / MINUTE));
    return `${this.dayWords(day, nowDay, lang)} ${time}${withZone ? w.zone(this.timeZone, lang) : ''}`;
  }

  /** today / tomorrow / yesterday / weekday within six days ahead / date with weekday. */
  private dayWords(day: number, nowDay: number, lang: TimeLang): string {
    const w = WORDS[scriptOf(lang)];
    const diff = day - nowDay;
    const weekday = w.daysLong[weekdayOf(day)]!;
    if (diff === 0) return w.today;
    if (diff === 1) return w.tomorrow;
    if (diff === -1) return w.yesterday;
    if (diff > 1 && diff <= 6) return weekday;
    const date = new Date(day * DAY);
    const year = date.getUTCFullYear();
    const showYear = year !== new Date(nowDay * DAY).getUTCFullYear() ? year : undefined;
    return w.date(showYear, date.getUTCMonth() + 1, date.getUTCDate(), weekday);
  }

  /**
   * Open intervals [start, end) as instants, in order, not overlapping, that end after `from`
   * (the first may have started before it). Built one local date at a time, so an interval never
   * spans midnight; one that runs on continues as the next date's first interval. Stops after
   * SEARCH_DAYS dates in a row without open time.
   */
  private *intervalsFrom(from: number): Generator<[number, number]> {
    // Start a day early: around a midnight clock change the date shown at `from` can lag.
    let day = dayOf(wallAt(this.timeZone, from)) - 1;
    for (let empty = 0; empty < SEARCH_DAYS; day++) {
      let found = false;
      for (const [a, b] of this.rangesOn(day)) {
        const start = instantOf(this.timeZone, day * DAY + a * MINUTE);
        const end = instantOf(this.timeZone, day * DAY + b * MINUTE);
        if (end <= start || end <= from) continue;
        found = true;
        yield [start, end];
      }
      empty = found ? 0 : empty + 1;
    }
  }

  /** Open minute ranges of a local date: none on a holiday, the weekday's layout otherwise. */
  private rangesOn(day: number): readonly Range[] {
    return this.holidays.has(day) ? [] : (this.daily[weekdayOf(day)] ?? []);
  }
}

/** Weekdays with identical hours, in order of their first day (Monday first). */
function groupDays(openings: Range[][]): { days: number[]; ranges: Range[] }[] {
  const groups = new Map<string, { days: number[]; ranges: Range[] }>();
  openings.forEach((ranges, day) => {
    if (ranges.length === 0) return;
    const key = ranges.map((r) => r.join('-')).join(',');
    const group = groups.get(key) ?? { days: [], ranges };
    group.days.push(day);
    groups.set(key, group);
  });
  return [...groups.values()];
}

/**
 * A set of weekdays said as runs: "Mon–Fri", "Sat, Sun" is "Sat–Sun", a run may wrap the week
 * ("Fri–Mon"), separate runs are listed ("Mon, Wed, Fri"); all seven are "Every day".
 */
function dayLabel(days: readonly number[], lang: TimeLang): string {
  const w = WORDS[scriptOf(lang)];
  if (days.length === 7) return w.everyDay;
  const set = new Set(days);
  const runs: string[] = [];
  for (const first of days) {
    if (set.has((first + 6) % 7)) continue; // inside a run that started earlier
    let last = first;
    while (set.has((last + 1) % 7)) last = (last + 1) % 7;
    const name = (d: number) => w.daysShort[d]!;
    runs.push(first === last ? name(first) : `${name(first)}${w.dayRange}${name(last)}`);
  }
  return runs.join(w.daySep);
}
