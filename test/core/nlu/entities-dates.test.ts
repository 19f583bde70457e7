import { afterEach, describe, expect, it } from 'vitest';
import {
  findDate,
  findDateCorrection,
  findDates,
  inMonthOf,
} from '../../../src/core/nlu/entities.ts';

/** Wednesday 25 November 2026, 06:00 UTC: 14:00 in Shanghai, Hong Kong and Taipei. */
const WED = Date.UTC(2026, 10, 25, 6);
/** Sunday 29 November 2026, 04:00 UTC: 12:00 in Shanghai. */
const SUN = Date.UTC(2026, 10, 29, 4);

type Row = [text: string, iso: string, time?: string];

const expectDate = (text: string, now: number, zone: string, iso: string, time?: string) => {
  const d = findDate(text, now, zone);
  expect(d?.iso).toBe(iso);
  expect(d?.time).toBe(time);
};

describe('a weekday said on that weekday', () => {
  it('a weekday said on that weekday is last week\'s ("since wednesday", "我周三提的现"): today is "today"; "this wednesday", "这周三" or "today" said too stay today', () => {
    expectDate('my withdrawal is pending since wednesday', WED, 'UTC', '2026-11-18');
    expectDate('it was wednesday', WED, 'UTC', '2026-11-18');
    expectDate('我周三提的现，到现在还没到', WED, 'UTC', '2026-11-18');
    expectDate('禮拜三轉嘅數', WED, 'UTC', '2026-11-18');
    expectDate('this wednesday', WED, 'UTC', '2026-11-25');
    expectDate('这周三提的', WED, 'UTC', '2026-11-25');
    expectDate('today is wednesday and it is still pending', WED, 'UTC', '2026-11-25');
  });
});

describe('findDate in English', () => {
  it.each<Row>([
    ['yesterday', '2026-11-24'],
    ['yesterday evening', '2026-11-24'],
    ['it was yesterday evening I think', '2026-11-24'],
    ['last friday', '2026-11-20'],
    ['friday', '2026-11-20'], // said on a Wednesday: the Friday that has been
    ['on Friday', '2026-11-20'],
    ['3 days ago', '2026-11-22'],
    ['three days ago', '2026-11-22'],
    ['on the 1st', '2026-11-01'],
    ['the 3rd', '2026-11-03'],
    ['on the 30th', '2026-10-30'], // the 30th of this month is ahead
    ['Dec 1', '2025-12-01'], // ahead this year: last year's
    ['Nov 20', '2026-11-20'],
    ['2026-11-20', '2026-11-20'],
    ['11/20', '2026-11-20'],
    ['today, around 3pm', '2026-11-25', '15:00'],
    ['yesterday at 10:30pm', '2026-11-24', '22:30'],
    ['it happened this morning around 9', '2026-11-25', '09:00'],
    ['yesterday evening around 8', '2026-11-24', '20:00'],
    ['last night, like 2am', '2026-11-25', '02:00'],
    ['like 20 minutes ago', '2026-11-25', '05:40'],
    ['pending for 3 days', '2026-11-22'],
    ['pending from 5 days', '2026-11-20'],
    // In hours: that long before now, not ahead (it was 2 hours in the future).
    ["my deposit hasn't arrived after 2 hours", '2026-11-25', '04:00'],
    ['pending for 8 hours', '2026-11-24', '22:00'],
    ['been 30 minutes already', '2026-11-25', '05:30'],
    ["it's been 9 days already so no, that didn't help", '2026-11-16'],
    ['since yesterday', '2026-11-24'],
    ['last week', '2026-11-18'],
    ['last tuesday', '2026-11-24'],
    ['tomorrow', '2026-11-26'], // said to be ahead: kept
  ])('%s → %s %s', (text, iso, time) => {
    expectDate(text, WED, 'UTC', iso, time);
  });

  it.each([
    'withdrawal pending',
    '250',
    '100 USDT',
    'TX-20261120-8F3K2Q9',
    'order 88231',
    'sat there for ages',
    'now it works',
    'I sent 500 at 10',
    'tried resend like 10 times',
    'may I ask something',
    'the 2nd transfer failed',
  ])('no date in "%s"', (text) => {
    expect(findDate(text, WED, 'UTC')).toBeUndefined();
  });
});

describe('findDate in Chinese', () => {
  it.each<Row>([
    // Simplified
    ['上周五', '2026-11-20'],
    ['上周一', '2026-11-16'],
    ['上上周一', '2026-11-09'],
    ['上周末', '2026-11-21'],
    ['上个星期五', '2026-11-20'],
    ['周五', '2026-11-20'],
    ['星期五', '2026-11-20'],
    ['昨天', '2026-11-24'],
    ['昨天晚上', '2026-11-24'],
    ['昨天晚上11点', '2026-11-24', '23:00'],
    ['昨天晚上九点左右', '2026-11-24', '21:00'],
    ['昨天下午', '2026-11-24'],
    ['前天', '2026-11-23'],
    ['前天半夜', '2026-11-23'],
    ['三天前', '2026-11-22'],
    ['大概三天前开始的', '2026-11-22'],
    ['提现到银行卡两天了还没到账', '2026-11-23'],
    ['都过了一个礼拜了 没解决', '2026-11-18'],
    // The length after 了 / 已经, mixed with English or in Cantonese (messy-users review).
    ['我的withdrawal pending了三天', '2026-11-22'],
    ['我的提現pending了3天', '2026-11-22'],
    ['充值未到賬 已經兩個鐘', '2026-11-25'],
    ['已經三日喇', '2026-11-22'],
    ['今天早上发现的', '2026-11-25'],
    ['今天下午三点', '2026-11-25', '15:00'],
    ['今天中午十二点多', '2026-11-25', '12:00'],
    ['就十分钟前', '2026-11-25', '13:50'],
    ['12月1号', '2025-12-01'],
    ['11月20日', '2026-11-20'],
    ['2026年11月20日', '2026-11-20'],
    ['十二月一号', '2025-12-01'],
    ['这个月1号', '2026-11-01'],
    ['上个月15号', '2026-10-15'],
    ['付款是昨天晚上 退款是上周', '2026-11-24'],
    ['不是昨天，是前天', '2026-11-23'],
    // Traditional
    ['昨天晚上11點', '2026-11-24', '23:00'],
    ['12月1號', '2025-12-01'],
    ['上週五', '2026-11-20'],
    ['上禮拜三', '2026-11-18'],
    ['禮拜五', '2026-11-20'],
    ['這個月1號', '2026-11-01'],
    ['已經超過十天了耶 還是沒有', '2026-11-15'],
    ['從昨天晚上開始', '2026-11-24'],
    // Cantonese
    ['尋日夜晚', '2026-11-24'],
    ['尋日', '2026-11-24'],
    ['琴日', '2026-11-24'],
    ['琴晚八點幾', '2026-11-24', '20:00'],
    ['今朝', '2026-11-25'],
    ['聽日', '2026-11-26'],
    ['半個鐘前', '2026-11-25', '13:30'],
    ['我尋日提款去張卡仲未到', '2026-11-24'],
  ])('%s → %s %s', (text, iso, time) => {
    expectDate(text, WED, 'Asia/Shanghai', iso, time);
  });

  it.each([
    '提现卡住了',
    '现在',
    '交易號 TX3049581726',
    '我要转人工',
    '三日',
    '1号线',
    '我买了3天的会员',
    '我转了三千元',
  ])('no date in "%s"', (text) => {
    expect(findDate(text, WED, 'Asia/Shanghai')).toBeUndefined();
  });

  it('counts Chinese weeks from Monday: on a Sunday 上周五 is nine days back', () => {
    expect(findDate('上周五', SUN, 'Asia/Shanghai')?.iso).toBe('2026-11-20');
    expect(findDate('这周五', SUN, 'Asia/Shanghai')?.iso).toBe('2026-11-27');
    expect(findDate('周五', SUN, 'Asia/Shanghai')?.iso).toBe('2026-11-27');
  });

  it('gives the words as the user wrote them', () => {
    expect(findDate('我尋日夜晚轉嘅', WED, 'Asia/Hong_Kong')?.text).toBe('尋日夜晚');
    expect(findDate('昨天晚上11點左右', WED, 'Asia/Taipei')?.text).toBe('昨天晚上11點');
    expect(findDate('不是昨天，是前天', WED, 'Asia/Shanghai')?.text).toBe('前天');
  });
});

describe('time zones', () => {
  /** 30 November 2026, 20:00 UTC: already 1 December, 04:00, in Shanghai. */
  const LATE = Date.UTC(2026, 10, 30, 20);
  const originalTz = process.env['TZ'];
  afterEach(() => {
    if (originalTz === undefined) delete process.env['TZ'];
    else process.env['TZ'] = originalTz;
  });

  it('takes 今天 and today on the user’s clock (the old code took the UTC date)', () => {
    expect(findDate('今天', LATE, 'Asia/Shanghai')?.iso).toBe('2026-12-01');
    expect(findDate('今天早上发现的', LATE, 'Asia/Shanghai')?.iso).toBe('2026-12-01');
    expect(findDate('昨天', LATE, 'Asia/Shanghai')?.iso).toBe('2026-11-30');
    expect(findDate('today', LATE, 'America/Los_Angeles')?.iso).toBe('2026-11-30');
    expect(findDate('today', LATE, 'Pacific/Auckland')?.iso).toBe('2026-12-01');
    expect(findDate('12月1号', LATE, 'Asia/Shanghai')?.iso).toBe('2026-12-01');
  });

  it('defaults to UTC, and takes UTC for a zone it does not know', () => {
    expect(findDate('今天', LATE)?.iso).toBe('2026-11-30');
    expect(findDate('今天', LATE, 'Mars/Olympus_Mons')?.iso).toBe('2026-11-30');
  });

  it('does not depend on the server’s own zone', () => {
    const texts = [
      'yesterday evening',
      'last friday',
      'today, around 3pm',
      '上周五',
      '今天',
      '三天前',
    ];
    const run = () => texts.map((t) => findDate(t, LATE, 'Asia/Shanghai'));
    process.env['TZ'] = 'UTC';
    const utc = run();
    for (const tz of ['America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Kiritimati']) {
      process.env['TZ'] = tz;
      expect(run()).toEqual(utc);
    }
  });
});

describe('greetings are not dates', () => {
  it.each([
    ['Good morning. My withdrawal of 300 EUR from 2 December is still pending.', '2025-12-02'],
    ['Good evening sir, i sent money on 2nd November', '2026-11-02'],
    ['Good afternoon, pending since yesterday', '2026-11-24'],
    ['早上好，我昨天晚上提现的', '2026-11-24'],
  ])('%s', (text, iso) => expect(findDate(text, WED, 'UTC')?.iso).toBe(iso));

  it('a greeting alone gives no date; "this morning" and "今天早上八点" still do', () => {
    expect(findDate('good morning', WED, 'UTC')).toBeUndefined();
    expect(findDate('晚上好', WED, 'UTC')).toBeUndefined();
    expect(findDate('it happened this morning', WED, 'UTC')?.iso).toBe('2026-11-25');
    expect(findDate('今天早上八点转的', WED, 'UTC')?.time).toBe('08:00');
  });
});

describe('findDates', () => {
  it('lists every date in order', () => {
    expect(findDates('付款是昨天晚上 退款是上週', WED, 'Asia/Taipei')).toEqual([
      { iso: '2026-11-24', text: '昨天晚上' },
      { iso: '2026-11-18', text: '上週' },
    ]);
    expect(findDates('no dates here', WED)).toEqual([]);
  });
});

describe('findDateCorrection', () => {
  it.each<Row>([
    ['日期不对，是12月1号', '2025-12-01'],
    ['no wait, it was the 1st', '2026-11-01'],
    ['no wait, it was the 1st. sorry', '2026-11-01'],
    ['actually it was yesterday', '2026-11-24'],
    ['sorry I meant Dec 2', '2025-12-02'],
    ['应该是上周五', '2026-11-20'],
    ['唔係，係禮拜五', '2026-11-20'],
    ['不对不对 是上周四退的', '2026-11-19'],
    ['應該是上週四', '2026-11-19'],
    ['唔啱，係尋日', '2026-11-24'],
    ['12月1号才对', '2025-12-01'],
    ['no wait, the 1st, not the 2nd', '2026-11-01'],
    ['不是昨天，是前天', '2026-11-23'],
    ['my bad, it was yesterday at 9pm', '2026-11-24', '21:00'],
    ['wait, it was the 1st', '2026-11-01'],
    ['the 1st actually', '2026-11-01'],
    ['not yesterday, the day before yesterday', '2026-11-23'],
    ['唔係尋日，係前日', '2026-11-23'],
    ['其實是12月1號', '2025-12-01'],
    ['wrong date, it was Nov 20', '2026-11-20'],
  ])('%s → %s %s', (text, iso, time) => {
    const d = findDateCorrection(text, WED, 'Asia/Shanghai');
    expect(d?.iso).toBe(iso);
    expect(d?.time).toBe(time);
  });

  it.each([
    'it was yesterday',
    'yesterday',
    '上周五',
    'no wait',
    '不对',
    '日期不对',
    'actually nothing changed',
    // answers to other questions that hold a date but correct nothing
    "it's been 9 days already so no, that didn't help",
    'sorry for the trouble, I sent it yesterday',
    'no money since yesterday',
    'my withdrawal did not arrive yesterday',
    'I had to wait since yesterday',
    '应该昨天就到了',
    '提现不是很顺利 昨天开始的',
    '唔係我 我從來冇喺呢間舖買過嘢',
  ])('no correction in "%s"', (text) => {
    expect(findDateCorrection(text, WED, 'Asia/Shanghai')).toBeUndefined();
  });
});

describe('inMonthOf: a date corrected by its day alone keeps the month it corrects', () => {
  const corrected = (text: string, before: string | undefined, now = WED) =>
    inMonthOf(findDateCorrection(text, now, 'Asia/Shanghai')!, before, now, 'Asia/Shanghai').iso;

  it.each<[text: string, before: string, iso: string]>([
    ['no wait, it was the 13th', '2026-03-12', '2026-03-13'],
    ['actually the 3rd', '2025-12-12', '2025-12-03'],
    ['不对，是13号', '2026-03-12', '2026-03-13'],
    ['不對，是十三號', '2026-03-12 09:00', '2026-03-13'],
    ['唔係，係13號', '2026-10-02', '2026-10-13'],
  ])('"%s" after %s → %s', (text, before, iso) => {
    expect(corrected(text, before)).toBe(iso);
  });

  it('keeps the date as read when it names more than the day, or the day cannot be in that month', () => {
    // A month said: that month.
    expect(corrected('no wait, it was Nov 20', '2026-03-12')).toBe('2026-11-20');
    expect(corrected('应该是上周五', '2026-03-12')).toBe('2026-11-20');
    // No date before; 31 February; a day of this month still to come (today is 25 Nov).
    expect(corrected('no wait, it was the 13th', undefined as unknown as string)).toBe(
      '2026-11-13',
    );
    expect(corrected('no wait, it was the 30th', '2026-02-12')).toBe('2026-10-30');
    expect(corrected('no wait, it was the 28th', '2026-11-12')).toBe('2026-10-28');
    // The nearer of the two: after a date of 18 November (from "a week ago"), "the 1st" is the 1st
    // of November either way; after 24 November, "the 20th" is the 20th of November.
    expect(corrected('no wait, it was the 1st', '2026-11-18')).toBe('2026-11-01');
    expect(corrected('no wait, it was the 20th', '2026-11-24')).toBe('2026-11-20');
  });

  it('takes the day nearer to the date it corrects: "the 1st" after 28 October is the 1st of November', () => {
    // Today is 25 November: the last 1st is 1 November, 4 days from 28 October; 1 October is 27.
    expect(corrected('no wait, it was the 1st', '2026-10-28')).toBe('2026-11-01');
    expect(corrected('不对，是1号', '2026-10-28')).toBe('2026-11-01');
    expect(corrected('no wait, it was the 3rd', '2026-10-10')).toBe('2026-10-03');
  });
});

describe('"not arrived after 4 days" (outside review: read as 4 days ahead, the date left empty)', () => {
  it('is that long ago after a word that it has not happened; "after 3 days it will arrive" is ahead', () => {
    expect(findDate('my bank withdrawal of 800 eur is not arrived after 4 days', WED)).toEqual({
      iso: '2026-11-21',
      text: 'after 4 days',
    });
    expect(findDate('still nothing after 2 weeks', WED)?.iso).toBe('2026-11-11');
    expect(findDate('after 3 days it will arrive', WED)?.iso).toBe('2026-11-28');
  });
});

describe('a date of two numbers read the way that is recent (fourth review: "3/12" was 12 March)', () => {
  const MON = Date.UTC(2026, 11, 7, 8, 48);
  it.each([
    ['我喺3/12用FPS轉咗HK$12,000去朋友個戶口', '2026-12-03'],
    ['I withdraw $1.2k to my bank acount on 3/12 and still pending', '2026-12-03'],
    ['sent 0,5 ETH on 01/12', '2026-12-01'],
    // Month first is the recent one: kept.
    ['12/1 at 3:45am', '2026-12-01'],
    ['12/3下午3點半提領3萬', '2026-12-03'],
    ['on 11/30', '2026-11-30'],
    // Both far back: as chrono reads it (month first); a year said: as written.
    ['5/6', '2026-05-06'],
    ['3/12/2026', '2026-03-12'],
  ])('%s → %s', (text, iso) => {
    expect(findDate(text, MON, 'UTC')?.iso).toBe(iso);
  });
});

describe('Taiwan’s 民國 years (year 1 is 1912): "民國115年12月1日" is 1 December 2026', () => {
  it.each<[string, string]>([
    ['民國115年12月1日', '2026-12-01'],
    ['民国115年11月20号提的现', '2026-11-20'],
    ['115年11月20日轉帳，到現在還沒到', '2026-11-20'],
    ['民國一一五年十一月二十日', '2026-11-20'],
    ['民國一百一十五年十一月二十日', '2026-11-20'],
    ['提領日期 115/11/20', '2026-11-20'],
    ['民國115.11.20', '2026-11-20'],
    ['民國99年1月2日', '2010-01-02'],
  ])('%s → %s', (text, iso) => expectDate(text, WED, 'Asia/Taipei', iso));

  it('a year of four digits and an amount with a point stay as they are', () => {
    expectDate('2026年11月20日', WED, 'Asia/Taipei', '2026-11-20');
    expect(findDate('轉了115.12 USDT', WED, 'Asia/Taipei')).toBeUndefined();
  });
});
