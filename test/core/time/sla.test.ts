import { describe, expect, it } from 'vitest';
import type { Priority } from '../../../src/core/types.ts';
import { DAY, HOUR, MINUTE } from '../../../src/core/time/duration.ts';
import { ServiceHours } from '../../../src/core/time/service-hours.ts';
import { DEFAULT_SLA, parseSlaTargets, SlaPolicy } from '../../../src/core/time/sla.ts';

const t = (iso: string) => Date.parse(iso);
const hours = ServiceHours.parse({ hours: 'Mon-Fri 09:00-18:00', timeZone: 'Asia/Shanghai' });
const sla = new SlaPolicy();

describe('SLA targets', () => {
  it.each([
    ['urgent', 15 * MINUTE, 4 * HOUR],
    ['high', HOUR, 24 * HOUR],
    ['normal', 4 * HOUR, 72 * HOUR],
    ['low', 8 * HOUR, 5 * DAY],
  ] as const)('default %s: first response %i ms, resolution %i ms', (p, first, resolution) => {
    expect(sla.firstResponseTarget(p)).toBe(first);
    expect(sla.resolutionTarget(p)).toBe(resolution);
  });

  it('overrides only the priorities given', () => {
    expect(parseSlaTargets('first_response', 'urgent:5m, high:30m')).toEqual({
      ...DEFAULT_SLA.first_response,
      urgent: 5 * MINUTE,
      high: 30 * MINUTE,
    });
    expect(parseSlaTargets('resolution', 'LOW:1h30m')).toEqual({
      ...DEFAULT_SLA.resolution,
      low: 90 * MINUTE,
    });
    expect(parseSlaTargets('resolution', '')).toEqual(DEFAULT_SLA.resolution);
    expect(parseSlaTargets('resolution', undefined)).toEqual(DEFAULT_SLA.resolution);
  });

  it('SlaPolicy.parse reads both variables', () => {
    const p = SlaPolicy.parse({ firstResponse: 'normal:2h', resolution: 'normal:2d' });
    expect(p.firstResponseTarget('normal')).toBe(2 * HOUR);
    expect(p.resolutionTarget('normal')).toBe(2 * DAY);
    expect(p.resolutionTarget('high')).toBe(24 * HOUR);
  });

  it.each([
    [
      'first_response',
      'hgh:1h',
      "SLA_FIRST_RESPONSE: 'hgh:1h' — unknown priority 'hgh' (use urgent, high, normal, low)",
    ],
    ['first_response', 'high', "SLA_FIRST_RESPONSE: 'high' — expected <priority>:<duration>"],
    [
      'resolution',
      'high:1x',
      "SLA_RESOLUTION: 'high:1x' — expected a duration like 90s, 15m, 4h, 3d or 1h30m",
    ],
    ['resolution', 'high:0m', "SLA_RESOLUTION: 'high:0m' — must be longer than zero"],
    ['resolution', 'high:1h,high:2h', "SLA_RESOLUTION: 'high:2h' — high is given more than once"],
  ] as const)('%s %j is refused: %s', (kind, text, message) => {
    expect(() => parseSlaTargets(kind, text)).toThrow(message);
  });
});

describe('dueAt', () => {
  it.each<[string, 'first_response' | 'resolution', Priority, string, string]>([
    [
      'urgent counts the wall clock on a Friday night',
      'first_response',
      'urgent',
      '2025-06-06T20:00+08:00',
      '2025-06-06T20:15+08:00',
    ],
    [
      'urgent resolution runs through Saturday',
      'resolution',
      'urgent',
      '2025-06-07T12:00+08:00',
      '2025-06-07T16:00+08:00',
    ],
    [
      'high waits for Monday',
      'first_response',
      'high',
      '2025-06-06T17:30+08:00',
      '2025-06-09T09:30+08:00',
    ],
    [
      'normal within the day',
      'first_response',
      'normal',
      '2025-06-02T10:00+08:00',
      '2025-06-02T14:00+08:00',
    ],
    [
      'low over the weekend: 6 h on Friday, 2 h on Monday',
      'first_response',
      'low',
      '2025-06-06T12:00+08:00',
      '2025-06-09T11:00+08:00',
    ],
    [
      'high resolution: 24 open hours',
      'resolution',
      'high',
      '2025-06-05T10:00+08:00',
      '2025-06-09T16:00+08:00',
    ],
  ])('%s', (_label, kind, priority, start, due) => {
    expect(sla.dueAt(kind, priority, t(start), hours)).toBe(t(due));
  });

  it('urgent ignores the hours even when there are none', () => {
    const dates = Array.from({ length: 400 }, (_, i) =>
      new Date(t('2025-01-01T00:00Z') + i * DAY).toISOString().slice(0, 10),
    );
    const closed = ServiceHours.parse({ hours: 'Mon 09:00-10:00', holidays: dates.join(',') });
    const start = t('2025-01-01T00:00Z');
    expect(sla.dueAt('first_response', 'urgent', start, closed)).toBe(start + 15 * MINUTE);
    expect(sla.dueAt('first_response', 'normal', start, closed)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('promisedReply', () => {
  it('while open: the due time, and no next opening', () => {
    expect(sla.promisedReply('normal', t('2025-06-02T10:00+08:00'), hours)).toEqual({
      dueAt: t('2025-06-02T14:00+08:00'),
      openNow: true,
    });
  });

  it('while closed: when it opens and when the answer is due', () => {
    expect(sla.promisedReply('normal', t('2025-06-06T20:00+08:00'), hours)).toEqual({
      dueAt: t('2025-06-09T13:00+08:00'),
      openNow: false,
      nextOpen: t('2025-06-09T09:00+08:00'),
    });
  });

  it('urgent while closed: due by the wall clock, with the next opening for context', () => {
    expect(sla.promisedReply('urgent', t('2025-06-06T20:00+08:00'), hours)).toEqual({
      dueAt: t('2025-06-06T20:15+08:00'),
      openNow: false,
      nextOpen: t('2025-06-09T09:00+08:00'),
    });
  });

  it('24/7: always open', () => {
    const now = t('2025-06-07T03:00Z');
    expect(sla.promisedReply('high', now, ServiceHours.always())).toEqual({
      dueAt: now + HOUR,
      openNow: true,
    });
  });
});
