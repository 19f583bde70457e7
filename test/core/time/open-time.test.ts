import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../../../src/core/time/duration.ts';
import { ServiceHours } from '../../../src/core/time/service-hours.ts';

/** An instant from a local time with its offset, e.g. '2025-06-06T20:00+08:00'. */
const t = (iso: string) => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad test time ${iso}`);
  return ms;
};

// June 2025 in Shanghai (UTC+8, no DST): Mon 2, Fri 6, Sat 7, Sun 8, Mon 9, Tue 10.
const weekdays = ServiceHours.parse({ hours: 'Mon-Fri 09:00-18:00', timeZone: 'Asia/Shanghai' });
const withHoliday = ServiceHours.parse({
  hours: 'Mon-Fri 09:00-18:00',
  timeZone: 'Asia/Shanghai',
  holidays: '2025-06-09',
});

describe('isOpen and nextOpen at the edges', () => {
  it.each([
    ['Mon 08:59', '2025-06-02T08:59+08:00', false, '2025-06-02T09:00+08:00'],
    ['Mon 09:00 exactly', '2025-06-02T09:00+08:00', true, '2025-06-02T09:00+08:00'],
    ['Mon 17:59:59.999', '2025-06-02T17:59:59.999+08:00', true, '2025-06-02T17:59:59.999+08:00'],
    ['Mon 18:00 exactly', '2025-06-02T18:00+08:00', false, '2025-06-03T09:00+08:00'],
    ['Mon 23:30', '2025-06-02T23:30+08:00', false, '2025-06-03T09:00+08:00'],
    ['Friday evening', '2025-06-06T19:00+08:00', false, '2025-06-09T09:00+08:00'],
    ['Saturday noon', '2025-06-07T12:00+08:00', false, '2025-06-09T09:00+08:00'],
    ['Sunday 23:59', '2025-06-08T23:59+08:00', false, '2025-06-09T09:00+08:00'],
  ])('%s: open %s, next open %s', (_label, now, open, next) => {
    expect(weekdays.isOpen(t(now))).toBe(open);
    expect(weekdays.nextOpen(t(now))).toBe(t(next));
  });

  it('closesAt: the end of the open stretch now, none when closed or always open', () => {
    expect(weekdays.closesAt(t('2025-06-02T09:00+08:00'))).toBe(t('2025-06-02T18:00+08:00'));
    expect(weekdays.closesAt(t('2025-06-06T17:59+08:00'))).toBe(t('2025-06-06T18:00+08:00'));
    expect(weekdays.closesAt(t('2025-06-02T18:00+08:00'))).toBeUndefined();
    expect(ServiceHours.always().closesAt(t('2025-06-02T12:00+08:00'))).toBeUndefined();
  });

  it('skips a holiday Monday: Friday evening → Tuesday 09:00', () => {
    expect(withHoliday.nextOpen(t('2025-06-06T19:00+08:00'))).toBe(t('2025-06-10T09:00+08:00'));
    expect(withHoliday.isOpen(t('2025-06-09T10:00+08:00'))).toBe(false);
    expect(withHoliday.nextOpen(t('2025-06-09T10:00+08:00'))).toBe(t('2025-06-10T09:00+08:00'));
    expect(withHoliday.isOpen(t('2025-06-10T10:00+08:00'))).toBe(true);
  });

  it('reads holidays as dates in the service zone, not in UTC', () => {
    // 2025-06-08T20:00Z is already Monday 04:00 in Shanghai; Monday 09:00 there is a holiday.
    expect(withHoliday.nextOpen(t('2025-06-08T20:00Z'))).toBe(t('2025-06-10T09:00+08:00'));
  });

  it('knows a window that crosses midnight belongs to both dates', () => {
    const late = ServiceHours.parse({ hours: 'Fri 22:00-02:00' });
    expect(late.isOpen(t('2025-06-06T21:59Z'))).toBe(false);
    expect(late.isOpen(t('2025-06-06T22:00Z'))).toBe(true);
    expect(late.isOpen(t('2025-06-07T00:00Z'))).toBe(true);
    expect(late.isOpen(t('2025-06-07T01:59Z'))).toBe(true);
    expect(late.isOpen(t('2025-06-07T02:00Z'))).toBe(false);
    expect(late.nextOpen(t('2025-06-07T02:00Z'))).toBe(t('2025-06-13T22:00Z'));
    expect(late.openTimeBetween(t('2025-06-06T00:00Z'), t('2025-06-08T00:00Z'))).toBe(4 * HOUR);
  });

  it('closes the whole holiday date, including the part of a window from the night before', () => {
    const late = ServiceHours.parse({ hours: 'Fri 22:00-02:00', holidays: '2025-06-07' });
    expect(late.isOpen(t('2025-06-06T23:00Z'))).toBe(true);
    expect(late.isOpen(t('2025-06-07T01:00Z'))).toBe(false);
    expect(late.openTimeBetween(t('2025-06-06T00:00Z'), t('2025-06-08T00:00Z'))).toBe(2 * HOUR);
  });

  it('treats a wrapping day range as the days it covers', () => {
    const weekend = ServiceHours.parse({ hours: 'Fri-Mon 10:00-16:00' });
    const open = ['2025-06-06', '2025-06-07', '2025-06-08', '2025-06-09'];
    const closed = ['2025-06-03', '2025-06-04', '2025-06-05'];
    for (const d of open) expect(weekend.isOpen(t(`${d}T12:00Z`)), d).toBe(true);
    for (const d of closed) expect(weekend.isOpen(t(`${d}T12:00Z`)), d).toBe(false);
  });

  it('is open at every moment when 24/7, and nextOpen is now', () => {
    const always = ServiceHours.always();
    const now = t('2025-06-07T03:14Z');
    expect(always.isOpen(now)).toBe(true);
    expect(always.nextOpen(now)).toBe(now);
  });

  it('applies holidays to 24/7 hours: closed all that date', () => {
    const h = ServiceHours.parse({ holidays: '2025-06-07', timeZone: 'Asia/Shanghai' });
    expect(h.isOpen(t('2025-06-06T23:59+08:00'))).toBe(true);
    expect(h.isOpen(t('2025-06-07T12:00+08:00'))).toBe(false);
    expect(h.nextOpen(t('2025-06-07T12:00+08:00'))).toBe(t('2025-06-08T00:00+08:00'));
  });

  it('gives up with undefined when no open time is found for over a year', () => {
    const dates = Array.from({ length: 400 }, (_, i) =>
      new Date(t('2025-01-01T00:00Z') + i * DAY).toISOString().slice(0, 10),
    );
    const never = ServiceHours.parse({ hours: 'Mon 09:00-10:00', holidays: dates.join(',') });
    const now = t('2025-01-01T00:00Z');
    expect(never.isOpen(now)).toBe(false);
    expect(never.nextOpen(now)).toBeUndefined();
    expect(never.addOpenTime(now, HOUR)).toBe(Number.POSITIVE_INFINITY);
    expect(never.openTimeBetween(now, now + 30 * DAY)).toBe(0);
  });
});

describe('addOpenTime and openTimeBetween', () => {
  it.each([
    ['Fri 17:00 + 4 h → Mon 12:00', '2025-06-06T17:00+08:00', 4 * HOUR, '2025-06-09T12:00+08:00'],
    [
      'Fri 17:00 + 1 h → Fri 18:00 (due at closing)',
      '2025-06-06T17:00+08:00',
      HOUR,
      '2025-06-06T18:00+08:00',
    ],
    ['Sat 12:00 + 1 h → Mon 10:00', '2025-06-07T12:00+08:00', HOUR, '2025-06-09T10:00+08:00'],
    [
      'Mon 07:00 + 30 min → Mon 09:30',
      '2025-06-02T07:00+08:00',
      30 * MINUTE,
      '2025-06-02T09:30+08:00',
    ],
    ['Thu 10:00 + 24 h → Mon 16:00', '2025-06-05T10:00+08:00', 24 * HOUR, '2025-06-09T16:00+08:00'],
    ['Mon 10:00 + 0 → Mon 10:00', '2025-06-02T10:00+08:00', 0, '2025-06-02T10:00+08:00'],
    ['Sat 12:00 + 0 → Sat 12:00', '2025-06-07T12:00+08:00', 0, '2025-06-07T12:00+08:00'],
  ])('%s', (_label, start, ms, due) => {
    expect(weekdays.addOpenTime(t(start), ms)).toBe(t(due));
    expect(weekdays.openTimeBetween(t(start), t(due))).toBe(ms);
  });

  it('skips a holiday Monday too', () => {
    expect(withHoliday.addOpenTime(t('2025-06-06T17:00+08:00'), 4 * HOUR)).toBe(
      t('2025-06-10T12:00+08:00'),
    );
  });

  it('counts across days that touch at midnight', () => {
    const h = ServiceHours.parse({ hours: 'Mon 20:00-24:00; Tue 00:00-06:00' });
    expect(h.addOpenTime(t('2025-06-02T23:00Z'), 2 * HOUR)).toBe(t('2025-06-03T01:00Z'));
    expect(h.openTimeBetween(t('2025-06-02T00:00Z'), t('2025-06-04T00:00Z'))).toBe(10 * HOUR);
  });

  it('counts overlapping windows once', () => {
    const h = ServiceHours.parse({ hours: 'Mon 09:00-12:00; Mon 11:00-14:00; Sun 22:00-10:00' });
    expect(h.openTimeBetween(t('2025-06-02T00:00Z'), t('2025-06-03T00:00Z'))).toBe(14 * HOUR);
  });

  it('adds wall-clock time when 24/7', () => {
    const start = t('2025-06-07T03:00Z');
    expect(ServiceHours.always().addOpenTime(start, 5 * DAY)).toBe(start + 5 * DAY);
    expect(ServiceHours.always().openTimeBetween(start, start + HOUR)).toBe(HOUR);
  });

  it('gives 0 open time when the end is not after the start', () => {
    expect(weekdays.openTimeBetween(t('2025-06-02T12:00+08:00'), t('2025-06-02T11:00+08:00'))).toBe(
      0,
    );
  });

  it('sums a week of weekday hours', () => {
    expect(weekdays.openTimeBetween(t('2025-06-02T00:00+08:00'), t('2025-06-09T00:00+08:00'))).toBe(
      45 * HOUR,
    );
  });
});

describe('daylight saving, through Intl', () => {
  const london = ServiceHours.parse({ hours: 'Mon-Fri 09:00-18:00', timeZone: 'Europe/London' });

  it('Europe/London spring forward over a weekend: Monday opens at 09:00 BST (08:00Z)', () => {
    // Clocks go forward on Sunday 2025-03-30; Friday is GMT (+00), Monday is BST (+01).
    expect(london.nextOpen(t('2025-03-28T19:00Z'))).toBe(t('2025-03-31T08:00Z'));
    expect(london.addOpenTime(t('2025-03-28T17:00Z'), 2 * HOUR)).toBe(t('2025-03-31T09:00Z'));
    expect(london.isOpen(t('2025-03-31T08:30Z'))).toBe(true);
    expect(london.isOpen(t('2025-03-31T17:30Z'))).toBe(false);
  });

  it('America/New_York spring forward: Friday 16:00 EST + 2 h → Monday 10:00 EDT', () => {
    const ny = ServiceHours.parse({ hours: 'Mon-Fri 09:00-17:00', timeZone: 'America/New_York' });
    expect(ny.addOpenTime(t('2025-03-07T16:00-05:00'), 2 * HOUR)).toBe(t('2025-03-10T10:00-04:00'));
  });

  it('counts the real length of a 23-hour and a 25-hour day', () => {
    const weekend = (tz: string) =>
      ServiceHours.parse({ hours: 'Sat-Sun 00:00-24:00', timeZone: tz });
    const spring = weekend('Europe/London');
    expect(spring.openTimeBetween(t('2025-03-29T00:00Z'), t('2025-03-31T00:00Z'))).toBe(47 * HOUR);
    const autumn = weekend('America/New_York');
    const sat = t('2025-11-01T00:00-04:00');
    expect(autumn.openTimeBetween(sat, t('2025-11-03T00:00-05:00'))).toBe(49 * HOUR);
    // 48 h of open time from Saturday 00:00 EDT ends at Sunday 23:00 EST.
    expect(autumn.addOpenTime(sat, 48 * HOUR)).toBe(t('2025-11-02T23:00-05:00'));
  });

  it('opens a window that starts at a skipped time when the clocks jump', () => {
    // London skips 01:00–02:00 GMT on 2025-03-30: 01:30 never shows; the jump is at 01:00Z.
    const h = ServiceHours.parse({ hours: 'Sun 01:30-03:00', timeZone: 'Europe/London' });
    expect(h.nextOpen(t('2025-03-30T00:00Z'))).toBe(t('2025-03-30T01:00Z'));
    expect(h.openTimeBetween(t('2025-03-30T00:00Z'), t('2025-03-31T00:00Z'))).toBe(HOUR);
  });

  it('opens at the first showing of a repeated time when the clocks go back', () => {
    // London shows 01:00–02:00 twice on 2025-10-26: first BST (00:xxZ), then GMT (01:xxZ).
    const h = ServiceHours.parse({ hours: 'Sun 01:30-02:30', timeZone: 'Europe/London' });
    expect(h.nextOpen(t('2025-10-26T00:00Z'))).toBe(t('2025-10-26T00:30Z'));
    expect(h.openTimeBetween(t('2025-10-26T00:00Z'), t('2025-10-27T00:00Z'))).toBe(2 * HOUR);
  });
});
