import { describe, expect, it } from 'vitest';
import { ServiceHours } from '../../../src/core/time/service-hours.ts';

const t = (iso: string) => Date.parse(iso);
const hours = (text: string, timeZone = 'UTC', holidays = '') =>
  ServiceHours.parse({ hours: text, timeZone, holidays });

describe('describe', () => {
  it('says the hours in English, Simplified and Traditional Chinese with the zone', () => {
    const text = 'Mon-Fri 09:00-18:00; Sat 10:00-16:00';
    expect(hours(text, 'Asia/Shanghai').describe('en')).toBe(
      'Mon–Fri 09:00–18:00, Sat 10:00–16:00 (China Standard Time)',
    );
    expect(hours(text, 'Asia/Shanghai').describe('zh-Hans')).toBe(
      '周一至周五 09:00–18:00，周六 10:00–16:00（北京时间）',
    );
    expect(hours(text, 'Asia/Shanghai').describe('zh')).toBe(
      '周一至周五 09:00–18:00，周六 10:00–16:00（北京时间）',
    );
    expect(hours(text, 'Asia/Taipei').describe('zh-Hant')).toBe(
      '週一至週五 09:00–18:00，週六 10:00–16:00（台灣時間）',
    );
  });

  it.each([
    ['Fri-Mon 10:00-16:00', 'Fri–Mon 10:00–16:00 (UTC time)', '周五至周一 10:00–16:00（UTC 时间）'],
    ['Fri 22:00-02:00', 'Fri 22:00–02:00 (UTC time)', '周五 22:00–02:00（UTC 时间）'],
    ['Mon-Sun 09:00-21:00', 'Every day 09:00–21:00 (UTC time)', '每天 09:00–21:00（UTC 时间）'],
    ['Sat,Sun 10:00-16:00', 'Sat–Sun 10:00–16:00 (UTC time)', '周六至周日 10:00–16:00（UTC 时间）'],
    [
      'Mon,Wed,Fri 09:00-12:00; Sat 10:00-16:00',
      'Mon, Wed, Fri 09:00–12:00; Sat 10:00–16:00 (UTC time)',
      '周一、周三、周五 09:00–12:00，周六 10:00–16:00（UTC 时间）',
    ],
    [
      'Mon-Fri 09:00-12:00; Mon-Fri 13:00-18:00',
      'Mon–Fri 09:00–12:00 and 13:00–18:00 (UTC time)',
      '周一至周五 09:00–12:00、13:00–18:00（UTC 时间）',
    ],
    [
      'Mon-Fri 09:00-12:00; Mon-Fri 11:00-18:00',
      'Mon–Fri 09:00–18:00 (UTC time)',
      '周一至周五 09:00–18:00（UTC 时间）',
    ],
    ['Sun 20:00-24:00', 'Sun 20:00–24:00 (UTC time)', '周日 20:00–24:00（UTC 时间）'],
  ])('%j → %j / %j', (text, en, zh) => {
    expect(hours(text).describe('en')).toBe(en);
    expect(hours(text).describe('zh-Hans')).toBe(zh);
  });

  it('mentions holidays without listing them', () => {
    const h = hours('Mon-Fri 09:00-18:00', 'Asia/Shanghai', '2025-10-01');
    expect(h.describe('en')).toBe('Mon–Fri 09:00–18:00, except holidays (China Standard Time)');
    expect(h.describe('zh-Hans')).toBe('周一至周五 09:00–18:00，节假日除外（北京时间）');
    // The mainland's clock, read in Taiwan or Hong Kong: their own (the same all year), not "UTC+8"
    // (a native reviewer found it technical) nor 中國標準時間.
    expect(h.describe('zh-Hant')).toBe('週一至週五 09:00–18:00，假日除外（台灣／香港時間）');
    expect(h.describe('zh-HK')).toBe('週一至週五 09:00–18:00，假日除外（香港時間）');
  });

  it('says 24/7 without a zone', () => {
    const always = ServiceHours.always('Asia/Shanghai');
    expect(always.describe('en')).toBe('Open 24/7');
    expect(always.describe('zh-Hans')).toBe('全天 24 小时服务');
    expect(always.describe('zh-Hant')).toBe('全天 24 小時服務');
  });

  it('says 24/7 with holidays as every day', () => {
    expect(hours('', 'UTC', '2025-12-25').describe('en')).toBe(
      'Every day 00:00–24:00, except holidays (UTC time)',
    );
  });
});

describe('formatLocal', () => {
  const shanghai = hours('Mon-Fri 09:00-18:00', 'Asia/Shanghai');
  const taipei = hours('Mon-Fri 09:00-18:00', 'Asia/Taipei');
  const friday = t('2025-06-06T20:00+08:00');

  it('says a moment within the week by its weekday, in three languages', () => {
    const monday = t('2025-06-09T09:00+08:00');
    expect(shanghai.formatLocal(monday, 'en', friday)).toBe('Monday 09:00 (China Standard Time)');
    expect(shanghai.formatLocal(monday, 'zh-Hans', friday)).toBe('周一 09:00（北京时间）');
    expect(taipei.formatLocal(monday, 'zh-Hant', friday)).toBe('週一 09:00（台灣時間）');
    // As people there say it, not ICU's 台北標準時間 / 香港標準時間 (the desk-shift review).
    const hk = hours('Mon-Fri 09:00-18:00', 'Asia/Hong_Kong');
    expect(hk.formatLocal(monday, 'zh-HK', friday)).toBe('週一 09:00（香港時間）');
    expect(hk.formatLocal(monday, 'zh-Hans', friday)).toBe('周一 09:00（香港时间）');
    expect(hk.formatLocal(monday, 'en', friday)).toBe('Monday 09:00 (Hong Kong Standard Time)');
  });

  it.each([
    ['today', '2025-06-06T21:30+08:00', 'today 21:30', '今天 21:30'],
    ['tomorrow', '2025-06-07T10:00+08:00', 'tomorrow 10:00', '明天 10:00'],
    ['yesterday', '2025-06-05T10:00+08:00', 'yesterday 10:00', '昨天 10:00'],
    ['6 days ahead', '2025-06-12T09:00+08:00', 'Thursday 09:00', '周四 09:00'],
    ['7 days ahead', '2025-06-13T09:00+08:00', 'Friday 13 June 09:00', '6月13日周五 09:00'],
    ['last week', '2025-05-30T09:00+08:00', 'Friday 30 May 09:00', '5月30日周五 09:00'],
    [
      'next year',
      '2026-01-05T09:00+08:00',
      'Monday 5 January 2026 09:00',
      '2026年1月5日周一 09:00',
    ],
  ])('%s', (_label, at, en, zh) => {
    expect(shanghai.formatLocal(t(at), 'en', friday)).toBe(`${en} (China Standard Time)`);
    expect(shanghai.formatLocal(t(at), 'zh', friday)).toBe(`${zh}（北京时间）`);
  });

  it('counts days in local dates: 23:30 → 00:30 an hour later is tomorrow', () => {
    const now = t('2025-06-06T23:30+08:00');
    expect(shanghai.formatLocal(t('2025-06-07T00:30+08:00'), 'en', now)).toBe(
      'tomorrow 00:30 (China Standard Time)',
    );
  });

  it('shows the local time on each side of a DST change', () => {
    const london = hours('Mon-Fri 09:00-18:00', 'Europe/London');
    const now = t('2025-03-28T19:00Z');
    expect(london.formatLocal(t('2025-03-31T08:00Z'), 'en', now)).toBe(
      'Monday 09:00 (United Kingdom Time)',
    );
    expect(london.formatLocal(t('2025-03-28T19:00Z'), 'en', now)).toBe(
      'today 19:00 (United Kingdom Time)',
    );
  });
});
