/**
 * Dates (and times) in what users write, on their clock: "yesterday evening", "last friday",
 * "上周五", "昨天晚上11點", and corrections ("不是昨天，是前天"). chrono-node reads most of them;
 * what it reads wrong or not at all is found here first. Pure functions.
 */
// English and Simplified Chinese only: the package root loads every locale (~70 ms, ~10 MB of
// RSS), and chrono-node/zh the Traditional parsers as well (Traditional text is folded first).
import * as chronoEn from 'chrono-node/en';
import * as chronoZhHans from 'chrono-node/zh/hans';
import { wallAt } from '../time/zone.ts';
import { parseChineseNumber } from './amounts.ts';
import { EN_NUMBERS, fullWidthToAscii, hasCjk } from './text.ts';

export interface DateMention {
  /** YYYY-MM-DD, in the user's time zone. */
  iso: string;
  /** HH:MM, when the user said the time ("昨天晚上11點", "today, around 3pm"). */
  time?: string;
  /** As the user wrote it. */
  text: string;
}

/**
 * Cantonese and Traditional words for days and times, in the forms chrono's Simplified Chinese
 * parser reads (尋日/琴日 → 昨天, 今朝 → 今天早上, 聽日 → 明天, 禮拜 → 礼拜, 點 → 点…). Longest first.
 */
const ZH_DATE_WORDS: Array<[string, string]> = [
  ['今朝早', '今天早上'],
  ['尋晚', '昨天晚上'],
  ['噚晚', '昨天晚上'],
  ['琴晚', '昨天晚上'],
  ['寻晚', '昨天晚上'],
  ['尋日', '昨天'],
  ['噚日', '昨天'],
  ['琴日', '昨天'],
  ['寻日', '昨天'],
  ['今朝', '今天早上'],
  ['聽朝', '明天早上'],
  ['听朝', '明天早上'],
  ['聽日', '明天'],
  ['听日', '明天'],
  ['夜晚黑', '晚上'],
  ['夜晚', '晚上'],
  ['朝早', '早上'],
  ['上晝', '上午'],
  ['下晝', '下午'],
  ['晏晝', '下午'],
  ['而家', '现在'],
  ['禮拜', '礼拜'],
  ['週', '周'],
  ['號', '号'],
  ['點', '点'],
  ['個', '个'],
  ['鐘', '钟'],
  ['兩', '两'],
  ['後', '后'],
  ['幾', '几'],
  ['這', '这'],
  ['已經', '已经'],
  ['小時', '小时'],
];

interface Normalized {
  text: string;
  /** Where each character of `text` starts and ends in the original. */
  from: number[];
  to: number[];
}

function normalizeDateText(original: string): Normalized {
  const out: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < original.length;) {
    const pair = ZH_DATE_WORDS.find(([w]) => original.startsWith(w, i));
    const [src, dst] = pair ?? [original[i]!, fullWidthToAscii(original[i]!)];
    for (const ch of dst) {
      out.push(ch);
      from.push(i);
      to.push(i + src.length);
    }
    i += src.length;
  }
  return { text: out.join(''), from, to };
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}

const shiftDays = (a: Ymd, days: number): Ymd => {
  const t = new Date(Date.UTC(a.y, a.m - 1, a.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
};
const ymdKey = (a: Ymd) => a.y * 10_000 + a.m * 100 + a.d;
const isoOf = (a: Ymd) => `${a.y}-${String(a.m).padStart(2, '0')}-${String(a.d).padStart(2, '0')}`;
const validDay = (y: number, m: number, d: number) =>
  m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();

interface WallClock extends Ymd {
  hour: number;
  minute: number;
  second: number;
  /** Monday 0 … Sunday 6 */
  weekday: number;
}

/** The date and time on the clocks of `timeZone` at `now`; UTC for a zone Intl does not know. */
function wallClock(now: number, timeZone: string): WallClock {
  let wall: number;
  try {
    wall = wallAt(timeZone, now);
  } catch {
    wall = now;
  }
  const w = new Date(wall);
  return {
    y: w.getUTCFullYear(),
    m: w.getUTCMonth() + 1,
    d: w.getUTCDate(),
    hour: w.getUTCHours(),
    minute: w.getUTCMinutes(),
    second: w.getUTCSeconds(),
    weekday: (w.getUTCDay() + 6) % 7,
  };
}

/** How a date the user left open ("friday", "Dec 1", "the 1st") moves back when it is ahead. */
type Roll = 'week' | 'month' | 'year';

interface Found {
  start: number;
  end: number;
  date: Ymd;
  hour?: number;
  minute?: number;
  roll?: Roll;
  /** Our own parsers win over chrono's on the same words. */
  own: boolean;
}

const EN_COUNT: Record<string, number> = {
  ...EN_NUMBERS,
  a: 1,
  an: 1,
  couple: 2,
  'a couple': 2,
  'a couple of': 2,
  'couple of': 2,
  few: 3,
  'a few': 3,
};
const EN_COUNT_WORDS = String.raw`\d+|a couple of|couple of|a couple|a few|few|an?|one|two|three|four|five|six|seven|eight|nine|ten`;
const zhCount = (s: string) => (/^\d+$/.test(s) ? Number(s) : parseChineseNumber(s));
const UNIT_DAYS: Record<string, number> = {
  day: 1,
  week: 7,
  天: 1,
  日: 1,
  星期: 7,
  礼拜: 7,
  周: 7,
  月: 30,
  小时: 0,
  钟头: 0,
  钟: 0,
  分钟: 0,
};
const ZH_WEEKDAY: Record<string, number> = {
  一: 0,
  '1': 0,
  二: 1,
  '2': 1,
  三: 2,
  '3': 2,
  四: 3,
  '4': 3,
  五: 4,
  '5': 4,
  六: 5,
  '6': 5,
  日: 6,
  天: 6,
  '7': 6,
};

/** What chrono reads wrong or not at all, found on the normalised text. */
function ownMentions(t: string, today: WallClock): Found[] {
  const found: Found[] = [];
  const push = (m: RegExpExecArray, date: Ymd, roll?: Roll) =>
    found.push({
      start: m.index,
      end: m.index + m[0].length,
      date,
      own: true,
      ...(roll && { roll }),
    });
  let m: RegExpExecArray | null;

  // "pending for 3 days", "it's been 9 days", "for a week", "not arrived after 4 days", "pending
  // from 5 days" (Indian English for "for 5 days"). Chrono reads "for 3 days" and "after 4 days"
  // as ahead; "after" only after a word that it has not. In hours ("hasn't arrived after 2
  // hours"): that long before now, the time too (it was a date and time 2 hours ahead).
  const enSince = new RegExp(
    String.raw`(?:\b(?:for|since|from|been|over|past|last)|(?<=(?:\bnot|n't|\bnever|\bno|\bstill|\byet)\b[^.!?,]{0,40})\bafter)\s+(?:the\s+)?(?:past\s+|last\s+)?(${EN_COUNT_WORDS})\s+(day|week|hour|hr|minute|min)s?\b|\b(\d+)\s+(day|week|hour|hr|minute|min)s?\s+(?:now|already)\b`,
    'gi',
  );
  while ((m = enSince.exec(t))) {
    const count = m[1] ?? m[3]!;
    const n = /^\d+$/.test(count) ? Number(count) : EN_COUNT[count.toLowerCase()];
    if (n === undefined) continue;
    const unit = (m[2] ?? m[4]!).toLowerCase();
    const days = UNIT_DAYS[unit];
    if (days !== undefined) {
      push(m, shiftDays(today, -n * days));
      continue;
    }
    const back = n * (unit.startsWith('h') ? 60 : 1);
    const at = today.hour * 60 + today.minute - back;
    const dayShift = Math.floor(at / 1440);
    const minutes = at - dayShift * 1440;
    push(m, shiftDays(today, dayShift));
    found[found.length - 1]!.hour = Math.floor(minutes / 60);
    found[found.length - 1]!.minute = minutes % 60;
  }

  // "两天了", "一个礼拜了", "超过十天了", "等了一个多小时了": that long ago.
  const zhSince =
    /(\d+|[零〇一二两三四五六七八九十]+)\s*(个)?多?\s*(天|日|星期|礼拜|周|月|小时|钟头|分钟)(?:多)?(?=了|还|都|没|啦|喇|耶|咯)/g;
  while ((m = zhSince.exec(t))) {
    const n = zhCount(m[1]!);
    if (n === undefined || (m[3] === '月' && !m[2])) continue;
    push(m, shiftDays(today, -n * UNIT_DAYS[m[3]!]!));
  }
  // "pending了三天", "等了两天", "已经两个钟" (Cantonese hours), "有一个礼拜": the length told
  // after 了 / 已经, at the end of a clause (messy-users review: the date was asked again).
  const zhFor =
    /(?:了|已经|等咗|有)\s*(\d+|[零〇一二两三四五六七八九十]+)\s*(个)?多?\s*(天|日|星期|礼拜|周|月|小时|钟头|钟|分钟)(?:多)?(?=\s*(?:$|[,，.。!！?？~～]|喇|啦|咯|了|都|还|仲))/g;
  while ((m = zhFor.exec(t))) {
    const n = zhCount(m[1]!);
    if (n === undefined || (m[3] === '月' && !m[2]) || (m[3] === '钟' && !m[2])) continue;
    push(m, shiftDays(today, -n * UNIT_DAYS[m[3]!]!));
  }

  // 上周五, 上上周一, 这周三, 本周日: weeks start on Monday in Chinese (chrono counts from Sunday).
  const zhWeekday = /(上上|上|这|本|今|下)(?:个)?(?:周|星期|礼拜)([一二三四五六日天1-7])/g;
  while ((m = zhWeekday.exec(t))) {
    const weeks = { 上上: -2, 上: -1, 这: 0, 本: 0, 今: 0, 下: 1 }[m[1]!]!;
    push(m, shiftDays(today, weeks * 7 + ZH_WEEKDAY[m[2]!]! - today.weekday));
  }
  // 上周, 上个礼拜 (no day): a week ago; 上周末: last week's Saturday.
  const zhLastWeek = /上(?:个)?(?:周|星期|礼拜)(末)?(?![一二三四五六日天1-7])/g;
  while ((m = zhLastWeek.exec(t))) push(m, shiftDays(today, m[1] ? -7 + 5 - today.weekday : -7));

  // "on the 1st", "the 3rd", a bare "3rd": a day of this month.
  const enDay =
    /\b(?:(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)|on\s+(\d{1,2})(?:st|nd|rd|th))\b(?!\s+(?:of\b|time|transfer|transaction|payment|one|attempt|try|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))|^\s*(\d{1,2})(?:st|nd|rd|th)\W*$/gi;
  while ((m = enDay.exec(t))) {
    const d = Number(m[1] ?? m[2] ?? m[3]);
    if (validDay(today.y, today.m, d)) push(m, { y: today.y, m: today.m, d }, 'month');
  }
  // "1号", "这个月1号", "上个月15号", "本月3日".
  const zhDay =
    /(?<![月\d])(?:(这个|这|本|上个|上)月)?(\d{1,2}|[一二三四五六七八九十]{1,3})(号|日)(?![前后内了线楼])/g;
  while ((m = zhDay.exec(t))) {
    if (m[3] === '日' && !m[1]) continue; // 三日 is three days
    const d = zhCount(m[2]!);
    const back = m[1]?.startsWith('上') ? 1 : 0;
    const month = shiftDays({ y: today.y, m: today.m, d: 1 }, back ? -1 : 0);
    if (d !== undefined && validDay(month.y, month.m, d))
      push(m, { y: month.y, m: month.m, d }, m[1] ? undefined : 'month');
  }
  // Taiwan's 民國 years (year 1 is 1912): "民國115年12月1日", "民国115年12月1号", "115年12月1日",
  // "民國一一五年十二月一日", "115/12/01", "民國115.12.1" — chrono read 115 as the year 115. A
  // year of three digits is 民國 without the word; one of two only with it ("民國99年" — "99年"
  // alone may be 1999).
  const rocDate =
    /(?<![\d.])(民[国國]\s*)?(1\d{2}|\d{2}|[〇零一二三四五六七八九]{2,3}|[一二三四五六七八九]?[十百][〇零一二三四五六七八九十百]{0,3})\s*(?:年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]?|[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})(?![\d.]))/g;
  while ((m = rocDate.exec(t))) {
    const written = m[2]!;
    const digits = /^\d+$/.test(written);
    // Without 民國: three digits (100–199), in figures or digit by digit (一一五).
    if (!m[1] && !(digits ? written.length === 3 : /^[〇零一二三四五六七八九]{3}$/.test(written)))
      continue;
    const roc = digits
      ? Number(written)
      : /^[〇零一二三四五六七八九]+$/.test(written)
        ? Number([...written].map((c) => ROC_DIGITS.indexOf(c) % 10).join(''))
        : parseChineseNumber(written);
    const month = zhCount(m[3] ?? m[5]!);
    const day = zhCount(m[4] ?? m[6]!);
    if (!roc || month === undefined || day === undefined) continue;
    const y = roc + 1911;
    if (validDay(y, month, day)) push(m, { y, m: month, d: day });
  }
  return found;
}
/** Digits written one by one in a year (一一五年): 〇 and 零 are 0. */
const ROC_DIGITS = '〇一二三四五六七八九零';

const EN_CHRONO = chronoEn.casual;
const ZH_CHRONO = chronoZhHans.casual;
const NOW_WORDS = /^(?:right\s+)?now$|^(?:现在|立刻|立即|即刻)$/i;
/** Lower-case "sat", "sun", "mon", "wed" are words more often than days ("sat there"). */
const WEEKDAY_WORDS = /^(?:on\s+)?(?:sat|sun|mon|wed)$/;
const ZH_TIME_OF_DAY = /^(?:上午|早上|早|下午|晚上|晚|夜|夜晚|中午|凌晨)$/;

function chronoMentions(t: string, ref: Date): { dates: Found[]; times: Found[] } {
  const results = [...EN_CHRONO.parse(t, ref), ...(hasCjk(t) ? ZH_CHRONO.parse(t, ref) : [])];
  const dates: Found[] = [];
  const times: Found[] = [];
  for (const r of results) {
    const s = r.start;
    const date = { y: s.get('year')!, m: s.get('month')!, d: s.get('day')! };
    const f: Found = { start: r.index, end: r.index + r.text.length, date, own: false };
    if (s.isCertain('hour')) {
      f.hour = s.get('hour')!;
      f.minute = s.get('minute') ?? 0;
    }
    const text = r.text.trim();
    const tags = [...s.tags()];
    const relative = tags.some(
      (x) =>
        x === 'result/relativeDate' ||
        (x.startsWith('casualReference/') && x !== 'casualReference/now'),
    );
    if (NOW_WORDS.test(text) || WEEKDAY_WORDS.test(text) || ZH_TIME_OF_DAY.test(text)) continue;
    if (s.isCertain('day')) {
      if (s.isCertain('month') && !s.isCertain('year')) f.roll = 'year';
      dates.push(f);
    } else if (s.isCertain('weekday')) dates.push({ ...f, roll: 'week' });
    else if (relative || /(?:前|ago)$/.test(text)) dates.push(f);
    else if (f.hour !== undefined) times.push(f);
  }
  return { dates, times };
}

/** "since" just before a weekday puts it in the past ("pending since monday"). */
const SINCE = /\bsince\s+(?:on\s+)?$/i;
/** A weekday of this week ("this monday", "这周一", "本週一"), and today named as such. */
const THIS_WEEK = /\bthis\b|这|這|本|今/i;
const SAYS_TODAY = /\btoday\b|今天|今日/i;

/** "today, around 3pm", "this morning around 9": a time said just after the date. */
const TIME_GAP =
  /^[\s,，、.]*(?:(?:at|around|about|approximately|approx\.?|roughly|like|maybe|~|大概|大约|大約|约|約|差不多)[\s,，]*)?$/i;
const BARE_HOUR =
  /^[\s,，、.]*(?:at|around|about|approximately|approx\.?|roughly|like|~)\s*(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?![\d.,:]|\s*(?:usdt|usd|eur|dollars?|times|days?|hours?|mins?|minutes?)\b)/i;
const LATE = /evening|afternoon|night|tonight|晚|下午|夜/i;
const LAST_NIGHT = /last night|昨晚|昨天晚上|昨天夜里|昨夜/i;

function withTime(f: Found, t: string, times: Found[], todayKey: number): Found {
  if (f.hour !== undefined) return f;
  const said = t.slice(f.start, f.end);
  const next = times.find((x) => x.start >= f.end && TIME_GAP.test(t.slice(f.end, x.start)));
  let hour: number;
  let minute: number;
  let end: number;
  if (next?.hour !== undefined) {
    hour = next.hour;
    minute = next.minute ?? 0;
    end = next.end;
  } else {
    const b = BARE_HOUR.exec(t.slice(f.end));
    if (!b) return f;
    hour = Number(b[1]);
    minute = Number(b[2] ?? 0);
    const meridiem = b[3]?.toLowerCase()[0];
    if (meridiem === 'p' && hour < 12) hour += 12;
    else if (meridiem === 'a' && hour === 12) hour = 0;
    else if (!b[3] && LATE.test(said) && hour >= 6 && hour < 12) hour += 12;
    end = f.end + b[0].length;
  }
  if (hour > 23 || minute > 59) return f;
  // "last night, like 2am" is early this morning (chrono dates "last night" yesterday by day).
  const early = LAST_NIGHT.test(said) && hour < 5 && ymdKey(f.date) < todayKey;
  const date = early ? shiftDays(f.date, 1) : f.date;
  return { ...f, date, hour, minute, end };
}

/** "not yesterday", "不是昨天": a date the user rules out. */
/** Words that rule out the date right after them ("not on the 1st", "不是昨天"). */
const EN_NEGATION = String.raw`\bnot|n't|\bnever`;
const ZH_NEGATION = '不是|唔係|唔系|并非|並非';
const NEGATED = new RegExp(
  `(?:${EN_NEGATION})\\s+(?:on\\s+)?(?:the\\s+)?$|(?:${ZH_NEGATION})\\s*$`,
  'i',
);
/** The same words anywhere in the text (what a date ruled out needs before it). */
const NEGATION = new RegExp(`${EN_NEGATION}|${ZH_NEGATION}`, 'i');

interface Mention {
  date: DateMention;
  /** Where it starts in the normalised text. */
  at: number;
  negated: boolean;
}

/** Greetings with a time of day in them; blanked (same length) before dates are looked for. */
const GREETING =
  /\bgood\s+(?:morning|afternoon|evening|night|day)\b|早上好|早晨好|上午好|中午好|下午好|晚上好|早安|午安|晚安|早晨(?![\d一二三四五六七八九十两兩点點時时])/gi;

function scanDates(text: string, now: number, timeZone: string): Mention[] {
  const norm = normalizeDateText(text);
  // "Good morning." is a greeting, not this morning (chrono read it as today's date).
  const t = norm.text.replace(GREETING, (g) => ' '.repeat(g.length));
  const today = wallClock(now, timeZone);
  // chrono reads the reference's local fields: a Date showing the user's wall clock makes "今天"
  // their today whatever the server's zone (chrono's Chinese parsers ignore a `timezone` option).
  const ref = new Date(today.y, today.m - 1, today.d, today.hour, today.minute, today.second);
  const { dates, times } = chronoMentions(t, ref);
  const all = [...ownMentions(t, today), ...dates].sort(
    (a, b) => a.start - b.start || b.end - a.end || Number(b.own) - Number(a.own),
  );
  const kept: Found[] = [];
  for (const f of all) {
    const overlap = kept.find((k) => f.start < k.end && k.start < f.end);
    if (!overlap) kept.push(f);
    else if (f.own && !overlap.own && f.end - f.start >= overlap.end - overlap.start)
      kept[kept.indexOf(overlap)] = f;
  }
  const todayKey = ymdKey(today);
  return kept.map((found) => {
    const f = withTime(found, t, times, todayKey);
    let date = f.date;
    // "pending since monday", "我周一提的现" said on a Monday: last Monday — today is "today" or
    // "this morning" ("this monday", "这周一", or "today" said too, stay today).
    if (
      f.roll === 'week' &&
      ymdKey(date) === todayKey &&
      (SINCE.test(t.slice(0, f.start)) ||
        !(THIS_WEEK.test(t.slice(f.start, f.end)) || SAYS_TODAY.test(t)))
    )
      date = shiftDays(date, -7);
    for (let i = 0; i < 2 && f.roll && ymdKey(date) > todayKey; i++) {
      if (f.roll === 'week') date = shiftDays(date, -7);
      else if (f.roll === 'year') date = { ...date, y: date.y - 1 };
      else {
        const prev = shiftDays({ ...date, d: 1 }, -1);
        date = validDay(prev.y, prev.m, date.d) ? { ...prev, d: date.d } : shiftDays(date, -31);
      }
    }
    if (!validDay(date.y, date.m, date.d)) date = shiftDays({ ...date, d: 1 }, date.d - 1); // Feb 29
    date = dayFirstIfRecent(t.slice(f.start, f.end), date, today);
    const mention: DateMention = {
      iso: isoOf(date),
      text: text
        .slice(norm.from[f.start], norm.to[f.end - 1])
        .replace(/^[\s,，、.。:：;；]+|[\s,，、.。:：;；]+$/g, ''),
    };
    if (f.hour !== undefined)
      mention.time = `${String(f.hour).padStart(2, '0')}:${String(f.minute ?? 0).padStart(2, '0')}`;
    return { date: mention, at: f.start, negated: NEGATED.test(t.slice(0, f.start)) };
  });
}

/**
 * "3/12" read month first is 12 March, nine months back; day first it is 3 December, last week —
 * as Hong Kong, Britain and most of Europe write it. A user reports what just happened: of the
 * two readings of a date written with numbers only, the one in the last RECENT_DAYS is taken
 * when the other is not ("12/1" stays 1 December; "5/6", both far back, stays as chrono reads it).
 */
function dayFirstIfRecent(said: string, date: Ymd, today: Ymd): Ymd {
  const m = NUMERIC_DAY.exec(said);
  if (!m) return date;
  const [a, b] = [Number(m[1]), Number(m[2])];
  // The other reading of the two numbers (chrono took one of them as the month).
  const [month, day] = date.m === a && date.d === b ? [b, a] : [a, b];
  if (!validDay(today.y, month, day)) return date;
  let other: Ymd = { y: today.y, m: month, d: day };
  if (ymdKey(other) > ymdKey(today)) other = { ...other, y: other.y - 1 };
  const daysAgo = (x: Ymd) =>
    (Date.UTC(today.y, today.m - 1, today.d) - Date.UTC(x.y, x.m - 1, x.d)) / 86_400_000;
  return daysAgo(other) <= RECENT_DAYS && daysAgo(date) > RECENT_DAYS ? other : date;
}
/** Two numbers and no year: "3/12", "01.12" (a third number is a year: read as written). */
const NUMERIC_DAY = /^(\d{1,2})\s*[/.]\s*(\d{1,2})(?!\s*[/.]\s*\d)/;
const RECENT_DAYS = 62;

/**
 * Every date the user mentions, in order, each with the time when one is said. `timeZone` is the
 * user's IANA zone (default UTC; an unknown zone counts as UTC): "today" and "昨天" are dates on
 * their clocks. Dates left open and ahead of today ("friday" said on a Wednesday, "Dec 1" said in
 * November, "the 3rd" said on the 2nd) are the last such day before: users report what happened.
 */
export function findDates(text: string, now: number, timeZone = 'UTC'): DateMention[] {
  return scanDates(text, now, timeZone).map((m) => m.date);
}

/**
 * The date the user gives: "yesterday evening", "last friday", "3 days ago", "on the 1st",
 * "Dec 1", "2026-11-20", "上周五", "昨天晚上11點", "12月1號", "三天前", "尋日夜晚". The first one,
 * unless it is ruled out ("不是昨天，是前天"). See `findDates` for the time zone and open dates.
 */
export function findDate(text: string, now: number, timeZone = 'UTC'): DateMention | undefined {
  const all = scanDates(text, now, timeZone);
  return (all.find((m) => !m.negated) ?? all[0])?.date;
}

/**
 * Words that correct what was said before, with a date after them: "no wait", "no, it was…",
 * "actually", "I meant", "my bad", "不对", "应该是", "其实是", "唔係，係…". Only these forms: the flow
 * looks for corrections in answers to other questions, where "no money since yesterday",
 * "应该昨天就到了" or "不是很顺利" are no correction.
 */
const CORRECTION = new RegExp(
  [
    String.raw`^\s*(?:wait|hold on)\b|\bno,?\s+wait\b|\b(?:no|nope|nah)\b(?=\s*[,.!]|\s+(?:it was|it's|its|the|on|i meant|i mean)\b)`,
    String.raw`\b(?:actually|oops|my bad|correction|i meant|i mean|meant|mistake|typo|scratch that|make (?:it|that)|instead|rather|wrong (?:date|day))\b`,
    '不对|不對|错了|錯了|搞错|搞錯|弄错|弄錯|写错|寫錯|打错|打錯|说错|說錯|记错|記錯|讲错|講錯|更正|纠正|糾正|改成|改为|改為',
    '应该是|應該是|应该係|應該係|其实是|其實是|其实係|其實係|我是说|我是說|唔啱|唔对|唔對',
    String.raw`(?:不是|唔係|唔系)(?=\s*[，,。.!！\s]|\s*(?:是|係|系))`,
  ].join('|'),
  'i',
);
/** Words after the date that confirm it: "12月1号才对", "the 1st actually". */
const CORRECTION_AFTER = /才对|才對|才是|才係|才系|\bactually\b\W*$/i;

/**
 * A date given as a correction of one said before: "日期不对，是12月1号", "no wait, it was the 1st",
 * "actually it was yesterday", "sorry I meant Dec 2", "应该是上周五", "唔係，係禮拜五",
 * "不是昨天，是前天", "12月1号才对". The first date after the correction word (or after a date ruled
 * out), else one just before "才对"/"actually"; undefined without both a correction and a date.
 */
export function findDateCorrection(
  text: string,
  now: number,
  timeZone = 'UTC',
): DateMention | undefined {
  const t = normalizeDateText(text).text;
  // Without a correction word or a date ruled out ("not", "不是"…) there is none: no date scan
  // (most answers to other questions, e.g. every id).
  if (!CORRECTION.test(t) && !CORRECTION_AFTER.test(t) && !NEGATION.test(t)) return undefined;
  const all = scanDates(text, now, timeZone);
  const ruledOut = all.find((m) => m.negated);
  const cue = CORRECTION.exec(t)?.index ?? ruledOut?.at;
  const dates = all.filter((m) => !m.negated);
  const after = cue === undefined ? undefined : dates.find((m) => m.at >= cue);
  if (after) return after.date;
  const post = CORRECTION_AFTER.exec(t);
  if (post) return dates.filter((m) => m.at < post.index).pop()?.date;
  // "是1号不是2号", "the 1st, not the 2nd": the date said just before the one ruled out.
  return ruledOut ? dates.filter((m) => m.at < ruledOut.at).pop()?.date : undefined;
}

/** A day of the month alone: "the 13th", "on the 3rd", "13号", "十三號", "13日". */
const BARE_DAY =
  /^(?:on\s+)?(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?$|^[\d〇零一二两兩三四五六七八九十]{1,3}\s*[号號日]$/i;

/**
 * A date corrected by its day alone ("12 March … sorry, it was the 13th", "3月12号…不对，13号") is
 * in the month and year of the date it corrects (`before`, YYYY-MM-DD…) when that is nearer to it
 * than the last such day before today: the user moves the day and keeps the rest ("9 days ago"
 * and then "the 1st" is this month's 1st, the nearer). Unchanged when it names more than the day,
 * when there is no date before, or when that day does not exist in that month or is still to come.
 */
export function inMonthOf(
  d: DateMention,
  before: string | undefined,
  now: number,
  timeZone = 'UTC',
): DateMention {
  const prev = before && /^(\d{4})-(\d{2})-(\d{2})/.exec(before);
  if (!prev || !BARE_DAY.test(d.text.trim())) return d;
  const [y, m] = [Number(prev[1]), Number(prev[2])];
  const day = Number(d.iso.slice(8, 10));
  if (!validDay(y, m, day)) return d;
  const same = { y, m, d: day };
  if (ymdKey(same) > ymdKey(wallClock(now, timeZone))) return d;
  const at = (a: Ymd) => Date.UTC(a.y, a.m - 1, a.d);
  const from = at({ y, m, d: Number(prev[3]) });
  const read = { y: Number(d.iso.slice(0, 4)), m: Number(d.iso.slice(5, 7)), d: day };
  return Math.abs(at(same) - from) < Math.abs(at(read) - from) ? { ...d, iso: isoOf(same) } : d;
}
