/**
 * The words the time module says things with, in English, Simplified and Traditional Chinese.
 * Kept as fixed tables rather than `Intl` locale output so messages read the same on every ICU
 * build; Intl is used for time-zone arithmetic (zone.ts) and for the zone's name only (zoneName,
 * with the zone id when the build has no name in that language).
 */

/** Languages the time texts come in. 'zh' is the bot's own code for Chinese and means Simplified. */
export type TimeLang = 'en' | 'zh' | 'zh-Hans' | 'zh-Hant' | 'zh-HK';

/** The three scripts the words are written in. */
export type Script = 'en' | 'hans' | 'hant';

export function scriptOf(lang: TimeLang): Script {
  if (lang === 'en') return 'en';
  return lang === 'zh-Hant' || lang === 'zh-HK' ? 'hant' : 'hans';
}

interface Words {
  /** Short weekday names, Monday first (describe). */
  daysShort: readonly string[];
  /** Full weekday names, Monday first (formatLocal). */
  daysLong: readonly string[];
  /** Joins the two ends of a day range ("Mon–Fri", "周一至周五"). */
  dayRange: string;
  /** Separates days in a list, windows of one day, and clauses. */
  daySep: string;
  windowSep: string;
  clauseSep: string;
  everyDay: string;
  always: string;
  exceptHolidays: string;
  today: string;
  tomorrow: string;
  yesterday: string;
  /** "(China Standard Time)", "（香港標準時間）"; `lang` tells a Hong Kong reader (zh-HK). */
  zone: (tz: string, lang?: TimeLang) => string;
  /** A calendar date with its weekday, e.g. "Monday 12 May" / "5月12日周一"; year when asked. */
  date: (y: number | undefined, m: number, d: number, weekday: string) => string;
  /** Unit labels for formatDuration: days, hours, minutes, seconds. */
  units: readonly [string, string, string, string];
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const zhDate = (y: number | undefined, m: number, d: number, weekday: string) =>
  `${y === undefined ? '' : `${y}年`}${m}月${d}日${weekday}`;

/**
 * The time zone's name in the reader's language ("Hong Kong Standard Time", "香港標準時間", "中国标准
 * 时间") from the ICU data Node ships (full-icu by default since Node 13), not "Asia/Hong_Kong".
 * Chinese falls back to the zone id when this build has no Chinese names (a small-icu Node).
 * @see https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/Intl/DateTimeFormat/DateTimeFormat#timezonename
 */
function zoneName(tz: string, locale: 'en'): string;
function zoneName(tz: string, locale: 'zh-Hans' | 'zh-Hant' | 'zh-HK'): string | undefined;
function zoneName(tz: string, locale: string): string | undefined {
  // UTC is read as it is written ("UTC time", "UTC 时间").
  if (/^(?:Etc\/)?(?:UTC|UCT|GMT|Zulu|Universal)$/i.test(tz))
    return locale === 'en' ? `${tz} time` : undefined;
  // The mainland's time is 北京时间 to its readers (ICU says 中国标准时间). Readers in Taiwan and
  // Hong Kong keep the same clock all year (UTC+8, no daylight saving in any of the three), and
  // "中國標準時間" reads to them as a claim, not a clock: 香港時間 to a Hong Kong reader, 台灣／香港
  // 時間 to one writing Traditional without Cantonese (a native reviewer found "UTC+8" technical).
  if (MAINLAND.test(tz) && locale !== 'en')
    return locale === 'zh-Hans' ? '北京时间' : locale === 'zh-HK' ? '香港時間' : '台灣／香港時間';
  // Taiwan's and Hong Kong's own clocks are 台灣時間 and 香港時間 as people say them (ICU:
  // 台北標準時間, 香港標準時間 — the desk-shift review found them stiff).
  const local = locale === 'en' ? undefined : LOCAL_NAMES[tz];
  if (local) return locale === 'zh-Hans' ? local.hans : local.hant;
  const key = `${locale} ${tz}`;
  let name = ZONE_NAMES.get(key);
  if (name === undefined) {
    // "Central European Time" all year (longGeneric); UTC has no generic name ("GMT+00:00").
    const named = (style: 'longGeneric' | 'long') => {
      try {
        return (
          new Intl.DateTimeFormat(locale, { timeZone: tz, timeZoneName: style })
            .formatToParts(Date.now())
            .find((p) => p.type === 'timeZoneName')?.value ?? ''
        );
      } catch {
        return '';
      }
    };
    name = named('longGeneric');
    if (!name || /^GMT/.test(name)) name = named('long');
    ZONE_NAMES.set(key, name);
  }
  if (locale === 'en') return name && !/^GMT[+-]/.test(name) ? name : `${tz} time`;
  return /\p{Script=Han}/u.test(name) ? name : undefined;
}
const ZONE_NAMES = new Map<string, string>();
/** IANA ids of the mainland's one time zone. */
const MAINLAND = /^(?:Asia\/(?:Shanghai|Chongqing|Chungking|Harbin)|PRC)$/;

/** Zones Chinese readers name by place, as they say it (IANA ids and their aliases). */
const LOCAL_NAMES: Record<string, { hans: string; hant: string }> = {
  'Asia/Taipei': { hans: '台湾时间', hant: '台灣時間' },
  ROC: { hans: '台湾时间', hant: '台灣時間' },
  'Asia/Hong_Kong': { hans: '香港时间', hant: '香港時間' },
  Hongkong: { hans: '香港时间', hant: '香港時間' },
  'Asia/Macau': { hans: '澳门时间', hant: '澳門時間' },
  'Asia/Macao': { hans: '澳门时间', hant: '澳門時間' },
};

export const WORDS: Record<Script, Words> = {
  en: {
    daysShort: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
    daysLong: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
    dayRange: '–',
    daySep: ', ',
    windowSep: ' and ',
    clauseSep: ', ',
    everyDay: 'Every day',
    always: 'Open 24/7',
    exceptHolidays: ', except holidays',
    today: 'today',
    tomorrow: 'tomorrow',
    yesterday: 'yesterday',
    zone: (tz) => ` (${zoneName(tz, 'en')})`,
    date: (y, m, d, weekday) =>
      `${weekday} ${d} ${MONTHS[m - 1] ?? ''}${y === undefined ? '' : ` ${y}`}`,
    units: ['d', 'h', 'min', 's'],
  },
  hans: {
    daysShort: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
    daysLong: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
    dayRange: '至',
    daySep: '、',
    windowSep: '、',
    clauseSep: '，',
    everyDay: '每天',
    always: '全天 24 小时服务',
    exceptHolidays: '，节假日除外',
    today: '今天',
    tomorrow: '明天',
    yesterday: '昨天',
    zone: (tz) => `（${zoneName(tz, 'zh-Hans') ?? `${tz} 时间`}）`,
    date: zhDate,
    units: ['天', '小时', '分钟', '秒'],
  },
  hant: {
    daysShort: ['週一', '週二', '週三', '週四', '週五', '週六', '週日'],
    daysLong: ['週一', '週二', '週三', '週四', '週五', '週六', '週日'],
    dayRange: '至',
    daySep: '、',
    windowSep: '、',
    clauseSep: '，',
    everyDay: '每天',
    always: '全天 24 小時服務',
    exceptHolidays: '，假日除外',
    today: '今天',
    tomorrow: '明天',
    yesterday: '昨天',
    zone: (tz, lang) =>
      `（${zoneName(tz, lang === 'zh-HK' ? 'zh-HK' : 'zh-Hant') ?? `${tz} 時間`}）`,
    date: zhDate,
    units: ['天', '小時', '分鐘', '秒'],
  },
};

/** "09:00" for minutes after midnight; 1440 is said "24:00" and later minutes wrap. */
export function clock(minutes: number): string {
  const m = minutes === 1440 ? 1440 : minutes % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
