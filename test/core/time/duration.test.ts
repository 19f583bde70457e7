import { describe, expect, it } from 'vitest';
import { sayDuration } from '../../../src/core/clock.ts';
import {
  DAY,
  formatDuration,
  HOUR,
  MINUTE,
  parseDuration,
  SECOND,
} from '../../../src/core/time/duration.ts';

describe('parseDuration', () => {
  it.each([
    ['90s', 90 * SECOND],
    ['15m', 15 * MINUTE],
    ['4h', 4 * HOUR],
    ['3d', 3 * DAY],
    ['1h30m', 90 * MINUTE],
    ['2d12h', 60 * HOUR],
    ['1d2h3m4s', DAY + 2 * HOUR + 3 * MINUTE + 4 * SECOND],
    [' 1H 30M ', 90 * MINUTE],
  ])('%j is %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '9', '1x', '30m1h', '1h1h', '1.5h', '-1h', 'h', '1 hour'])(
    'refuses %j and says what it expects',
    (text) => {
      expect(() => parseDuration(text)).toThrow(
        `'${text}' — expected a duration like 90s, 15m, 4h, 3d or 1h30m`,
      );
    },
  );

  it('refuses zero, which means nothing as a target or a timer', () => {
    expect(() => parseDuration('0m')).toThrow("'0m' — must be longer than zero");
  });

  it('refuses a number too large to count in ms exactly', () => {
    expect(() => parseDuration('99999999999999d')).toThrow('too long');
  });
});

describe('formatDuration', () => {
  it.each([
    [90 * MINUTE, '1 h 30 min', '1 小时 30 分钟', '1 小時 30 分鐘'],
    [3 * DAY, '3 d', '3 天', '3 天'],
    [2 * DAY + 4 * HOUR, '2 d 4 h', '2 天 4 小时', '2 天 4 小時'],
    [26 * HOUR, '1 d 2 h', '1 天 2 小时', '1 天 2 小時'],
    [45 * SECOND, '45 s', '45 秒', '45 秒'],
    [61 * SECOND, '1 min 1 s', '1 分钟 1 秒', '1 分鐘 1 秒'],
    [4 * HOUR, '4 h', '4 小时', '4 小時'],
    [0, '0 s', '0 秒', '0 秒'],
    [400, '0 s', '0 秒', '0 秒'],
  ])('%i ms is %j / %j / %j', (ms, en, hans, hant) => {
    expect(formatDuration(ms, 'en')).toBe(en);
    expect(formatDuration(ms, 'zh')).toBe(hans);
    expect(formatDuration(ms, 'zh-Hans')).toBe(hans);
    expect(formatDuration(ms, 'zh-Hant')).toBe(hant);
  });

  it.each([
    [HOUR + 29 * MINUTE + 40 * SECOND, '1 h 30 min'],
    [59 * MINUTE + 59.6 * SECOND, '1 h'],
    [23 * HOUR + 59 * MINUTE + 40 * SECOND, '1 d'],
    [DAY + 20 * MINUTE, '1 d'],
  ])('rounds %i ms to the smaller of two units: %j', (ms, text) => {
    expect(formatDuration(ms, 'en')).toBe(text);
  });

  it('says the size of a negative duration (the caller says "overdue")', () => {
    expect(formatDuration(-90 * MINUTE, 'en')).toBe('1 h 30 min');
  });

  it('refuses a value that is not a duration', () => {
    expect(() => formatDuration(Number.POSITIVE_INFINITY, 'en')).toThrow(RangeError);
  });
});

describe('sayDuration: what the desk and the user read', () => {
  it('says one minute in the singular and long waits in whole hours', () => {
    expect(sayDuration(60_000, 'en')).toBe('1 minute');
    expect(sayDuration(15 * 60_000, 'en')).toBe('15 minutes');
    expect(sayDuration(90 * 60_000, 'en')).toBe('1 h 30 min');
    // (The queue a minute after a 72-hour target had read "71 h 59 min".)
    expect(sayDuration(72 * 3_600_000 - 60_000, 'en')).toBe('72 hours');
    expect(sayDuration(71 * 3_600_000 + 20 * 60_000, 'zh-Hans')).toBe('71 小时');
  });
});
