import { describe, expect, it } from 'vitest';
import { HOUR, loadTimeConfig, MINUTE } from '../../../src/core/time/index.ts';

describe('loadTimeConfig', () => {
  it('defaults to 24/7 in UTC, the default SLA and no idle timers', () => {
    const r = loadTimeConfig({});
    if (!r.ok) throw new Error(r.problems.join('\n'));
    expect(r.hours.alwaysOpen).toBe(true);
    expect(r.hours.timeZone).toBe('UTC');
    expect(r.sla.firstResponseTarget('normal')).toBe(4 * HOUR);
    expect('idleNudgeMs' in r).toBe(false);
    expect('idleCloseMs' in r).toBe(false);
  });

  it('treats empty variables as unset', () => {
    const empty = {
      SERVICE_HOURS: '',
      SERVICE_TZ: '',
      SERVICE_HOLIDAYS: '',
      SLA_FIRST_RESPONSE: '',
      SLA_RESOLUTION: '',
      USER_IDLE_NUDGE: ' ',
      USER_IDLE_CLOSE: '',
    };
    const r = loadTimeConfig(empty);
    expect(r.ok && r.hours.alwaysOpen && !('idleNudgeMs' in r)).toBe(true);
  });

  it('reads every variable', () => {
    const r = loadTimeConfig({
      SERVICE_HOURS: 'Mon-Fri 09:00-18:00; Sat 10:00-16:00',
      SERVICE_TZ: 'Asia/Shanghai',
      SERVICE_HOLIDAYS: '2025-10-01',
      SLA_FIRST_RESPONSE: 'high:30m',
      SLA_RESOLUTION: 'low:3d',
      USER_IDLE_NUDGE: '15m',
      USER_IDLE_CLOSE: '1h30m',
    });
    if (!r.ok) throw new Error(r.problems.join('\n'));
    expect(r.hours.describe('en')).toBe(
      'Mon–Fri 09:00–18:00, Sat 10:00–16:00, except holidays (China Standard Time)',
    );
    expect(r.hours.isOpen(Date.parse('2025-10-01T10:00+08:00'))).toBe(false);
    expect(r.sla.firstResponseTarget('high')).toBe(30 * MINUTE);
    expect(r.sla.resolutionTarget('low')).toBe(72 * HOUR);
    expect(r.idleNudgeMs).toBe(15 * MINUTE);
    expect(r.idleCloseMs).toBe(90 * MINUTE);
  });

  it.each([
    ['SERVICE_HOURS', 'Mon-Fri 9-18', "SERVICE_HOURS: 'Mon-Fri 9-18' — expected HH:MM-HH:MM"],
    ['SERVICE_TZ', 'Asia/Shangai', "SERVICE_TZ: 'Asia/Shangai' — not an IANA time zone"],
    ['SERVICE_HOLIDAYS', '2025-13-01', "SERVICE_HOLIDAYS: '2025-13-01' — not a date"],
    [
      'SLA_FIRST_RESPONSE',
      'urgent:fast',
      "SLA_FIRST_RESPONSE: 'urgent:fast' — expected a duration",
    ],
    [
      'SLA_RESOLUTION',
      'critical:1h',
      "SLA_RESOLUTION: 'critical:1h' — unknown priority 'critical'",
    ],
    ['USER_IDLE_NUDGE', '10 minutes', "USER_IDLE_NUDGE: '10 minutes' — expected a duration"],
    ['USER_IDLE_CLOSE', '-1h', "USER_IDLE_CLOSE: '-1h' — expected a duration"],
  ])('a bad %s gives one problem naming it', (name, value, message) => {
    const r = loadTimeConfig({ [name]: value });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toContain(message);
  });

  it('collects every bad variable at once, one message each', () => {
    const r = loadTimeConfig({
      SERVICE_HOURS: 'Mon 9-5',
      SERVICE_TZ: 'Nowhere',
      SERVICE_HOLIDAYS: 'Christmas',
      SLA_FIRST_RESPONSE: 'high',
      SLA_RESOLUTION: 'high:1y',
      USER_IDLE_NUDGE: 'x',
      USER_IDLE_CLOSE: 'y',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.split(':')[0])).toEqual([
      'SERVICE_HOURS',
      'SERVICE_TZ',
      'SERVICE_HOLIDAYS',
      'SLA_FIRST_RESPONSE',
      'SLA_RESOLUTION',
      'USER_IDLE_NUDGE',
      'USER_IDLE_CLOSE',
    ]);
  });

  it('refuses a first-response target longer than the resolution target', () => {
    const r = loadTimeConfig({ SLA_RESOLUTION: 'urgent:10m' });
    expect(r.ok ? [] : r.problems).toEqual([
      'SLA_FIRST_RESPONSE: urgent 15 min is longer than its SLA_RESOLUTION target 10 min',
    ]);
  });

  it('refuses an idle nudge that does not come before the close', () => {
    const r = loadTimeConfig({ USER_IDLE_NUDGE: '2h', USER_IDLE_CLOSE: '1h' });
    expect(r.ok ? [] : r.problems).toEqual([
      'USER_IDLE_NUDGE: 2 h must be shorter than USER_IDLE_CLOSE (1 h) — the reminder comes before the close',
    ]);
  });
});
