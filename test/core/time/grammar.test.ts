import { describe, expect, it } from 'vitest';
import {
  parseHolidays,
  parseServiceHours,
  parseTimeZone,
  ServiceHours,
} from '../../../src/core/time/service-hours.ts';

const MON = 0;
const FRI = 4;
const SAT = 5;
const SUN = 6;
const days = (text: string) => parseServiceHours(text).map((w) => w.day);

describe('SERVICE_HOURS grammar', () => {
  it.each([
    ['Mon 09:00-18:00', [{ day: MON, start: 540, end: 1080 }]],
    ['Fri 22:00-02:00', [{ day: FRI, start: 1320, end: 1560 }]],
    ['Mon 00:00-24:00', [{ day: MON, start: 0, end: 1440 }]],
    ['Mon 22:00-00:00', [{ day: MON, start: 1320, end: 1440 }]],
    ['monday 9:00 - 18:00', [{ day: MON, start: 540, end: 1080 }]],
    ['Sun 10:00–16:00', [{ day: SUN, start: 600, end: 960 }]],
  ])('%j → %j', (text, windows) => {
    expect(parseServiceHours(text)).toEqual(windows);
  });

  it.each([
    ['Mon-Fri 09:00-18:00', [0, 1, 2, 3, 4]],
    ['Fri-Mon 10:00-16:00', [FRI, SAT, SUN, MON]],
    ['Sun-Mon 10:00-16:00', [SUN, MON]],
    ['Sat,Sun 10:00-16:00', [SAT, SUN]],
    ['Sat, Sun 10:00-16:00', [SAT, SUN]],
    ['Mon-Wed,Fri 10:00-16:00', [0, 1, 2, FRI]],
    ['MON-fri 10:00-16:00', [0, 1, 2, 3, 4]],
  ])('days of %j: %j', (text, expected) => {
    expect(days(text)).toEqual(expected);
  });

  it('reads several clauses and ignores empty ones', () => {
    expect(parseServiceHours('Mon-Fri 09:00-18:00; Sat 10:00-16:00;')).toHaveLength(6);
  });

  it.each([undefined, '', '  '])('%j means no windows (open 24/7)', (text) => {
    expect(parseServiceHours(text)).toEqual([]);
  });

  it.each([
    ['Mon-Fri 9-18', "SERVICE_HOURS: 'Mon-Fri 9-18' — expected HH:MM-HH:MM"],
    ['Mon-Fri 09:00', "SERVICE_HOURS: 'Mon-Fri 09:00' — expected HH:MM-HH:MM"],
    ['Mon-Fro 09:00-18:00', "SERVICE_HOURS: 'Mon-Fro 09:00-18:00' — unknown day 'Fro'"],
    ['Sat,,Sun 09:00-18:00', "unknown day ''"],
    ['Mon-Tue-Wed 09:00-18:00', "'Mon-Tue-Wed' is not a day or a day range"],
    ['Mon 25:00-26:00', "SERVICE_HOURS: 'Mon 25:00-26:00' — start is not a time"],
    ['Mon 09:60-10:00', 'start is not a time'],
    ['Mon 09:00-24:30', 'end is not a time (00:00–23:59, or 24:00 as an end)'],
    ['Mon 24:00-02:00', 'start is not a time'],
    ['Mon 09:00-09:00', 'opens and closes at the same time (use 00:00-24:00 for a whole day)'],
    ['09:00-18:00', "SERVICE_HOURS: '09:00-18:00' — expected days (Mon, Mon-Fri or Sat,Sun)"],
    ['Mon', "SERVICE_HOURS: 'Mon' — expected <days> HH:MM-HH:MM"],
  ])('%j is refused: %s', (text, message) => {
    expect(() => parseServiceHours(`Sat 10:00-16:00; ${text}`)).toThrow(message);
  });
});

describe('SERVICE_TZ', () => {
  it.each([
    [undefined, 'UTC'],
    ['', 'UTC'],
    ['Asia/Shanghai', 'Asia/Shanghai'],
    ['asia/shanghai', 'Asia/Shanghai'],
    ['Asia/Kolkata', 'Asia/Kolkata'],
    [' Europe/London ', 'Europe/London'],
  ])('%j → %j', (text, zone) => {
    expect(parseTimeZone(text)).toBe(zone);
  });

  it.each(['Mars/Base', 'Asia/Shangai', 'GMT+25'])('refuses %j, naming SERVICE_TZ', (text) => {
    expect(() => parseTimeZone(text)).toThrow(`SERVICE_TZ: '${text}' — not an IANA time zone`);
  });
});

describe('SERVICE_HOLIDAYS', () => {
  it('reads, sorts and de-duplicates dates', () => {
    expect(parseHolidays(' 2025-10-01, 2025-01-01,,2025-10-01 ')).toEqual([
      '2025-01-01',
      '2025-10-01',
    ]);
    expect(parseHolidays(undefined)).toEqual([]);
  });

  it.each(['2025-02-30', '2025/01/01', '1 May', '2025-1-1'])(
    'refuses %j, naming SERVICE_HOLIDAYS',
    (text) => {
      expect(() => parseHolidays(`2025-01-01,${text}`)).toThrow(
        `SERVICE_HOLIDAYS: '${text}' — not a date (expected YYYY-MM-DD)`,
      );
    },
  );
});

describe('ServiceHours.parse', () => {
  it('throws the first problem, naming its variable', () => {
    expect(() => ServiceHours.parse({ hours: 'Mon 9-5' })).toThrow(/^SERVICE_HOURS: /);
    expect(() => ServiceHours.parse({ timeZone: 'Nowhere' })).toThrow(/^SERVICE_TZ: /);
    expect(() => ServiceHours.parse({ holidays: 'soon' })).toThrow(/^SERVICE_HOLIDAYS: /);
  });

  it('is always open when SERVICE_HOURS is unset, or lists every day in full', () => {
    expect(ServiceHours.parse({}).alwaysOpen).toBe(true);
    expect(ServiceHours.parse({ hours: 'Mon-Sun 00:00-24:00' }).alwaysOpen).toBe(true);
    expect(
      ServiceHours.parse({ hours: 'Mon-Sun 00:00-12:00; Mon-Sun 12:00-24:00' }).alwaysOpen,
    ).toBe(true);
    expect(ServiceHours.parse({ hours: 'Mon-Sat 00:00-24:00' }).alwaysOpen).toBe(false);
    expect(ServiceHours.parse({ holidays: '2025-01-01' }).alwaysOpen).toBe(false);
    expect(ServiceHours.always('Asia/Shanghai').timeZone).toBe('Asia/Shanghai');
  });
});
