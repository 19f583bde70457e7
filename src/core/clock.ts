import type { ServiceClock } from './flow/types.ts';
import type { ServiceHours } from './time/service-hours.ts';
import type { SlaPolicy } from './time/sla.ts';
import type { TimeLang } from './time/words.ts';
import { fileLocale, isTraditional, type Locale } from './texts.ts';
import type { Priority } from './types.ts';

/** First-response targets when SLA_FIRST_RESPONSE is unset (the shared decisions' defaults). */
export const DEFAULT_FIRST_RESPONSE: Record<Priority, number> = {
  urgent: 15 * 60_000,
  high: 60 * 60_000,
  normal: 4 * 3_600_000,
  low: 8 * 3_600_000,
};

/** Minutes and hours said plainly: "15 minutes", "4 hours", "1 h 30 min"; zh "15 分钟". */
export function sayDuration(ms: number, locale: Locale): string {
  if (ms < 60_000)
    return locale === 'en'
      ? 'under a minute'
      : isTraditional(locale)
        ? '不到 1 分鐘'
        : '不到 1 分钟';
  // Ten hours and more in whole hours: "72 hours", then "71 hours" (not "71 h 59 min").
  const exact = Math.round(ms / 60_000);
  const minutes = exact >= 600 ? Math.round(exact / 60) * 60 : exact;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (locale === 'en') {
    if (h === 0) return m === 1 ? '1 minute' : `${m} minutes`;
    if (m === 0) return h === 1 ? '1 hour' : `${h} hours`;
    return `${h} h ${m} min`;
  }
  const [hour, minute] = isTraditional(locale) ? ['小時', '分鐘'] : ['小时', '分钟'];
  if (h === 0) return `${m} ${minute}`;
  return m === 0 ? `${h} ${hour}` : `${h} ${hour} ${m} ${minute}`;
}

/** Resolution targets when SLA_RESOLUTION is unset. */
export const DEFAULT_RESOLUTION: Record<Priority, number> = {
  urgent: 4 * 3_600_000,
  high: 24 * 3_600_000,
  normal: 72 * 3_600_000,
  low: 5 * 86_400_000,
};

/** Agents around the clock, default targets: the clock when SERVICE_HOURS is unset. */
export function alwaysOpenClock(
  firstResponse: Record<Priority, number> = DEFAULT_FIRST_RESPONSE,
): ServiceClock {
  return {
    dueAt: (kind, p, start) =>
      start + (kind === 'first_response' ? firstResponse[p] : DEFAULT_RESOLUTION[p]),
    describe: () => undefined,
    isOpen: () => true,
    nextOpen: (now) => now,
    closesAt: () => undefined,
    formatLocal: (at: number) => new Date(at).toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    firstResponseTarget: (p) => firstResponse[p],
    formatDuration: sayDuration,
    timeZone: 'UTC',
  };
}

/** The time words' language: the texts' file, and Hong Kong told apart (its zone's name). */
const timeLang = (locale: Locale): TimeLang => (locale === 'zh-HK' ? 'zh-HK' : fileLocale(locale));

/**
 * The clock the conversation uses, from SERVICE_HOURS / SERVICE_TZ / SERVICE_HOLIDAYS and the
 * SLA targets (src/core/time): "will anyone answer tonight?" and the promised answer time.
 */
export function serviceClock(hours: ServiceHours, sla: SlaPolicy): ServiceClock {
  return {
    describe: (locale) => (hours.alwaysOpen ? undefined : hours.describe(timeLang(locale))),
    isOpen: (now) => hours.isOpen(now),
    nextOpen: (now) => hours.nextOpen(now),
    closesAt: (now) => hours.closesAt(now),
    formatLocal: (at, locale, now, withZone) =>
      hours.formatLocal(at, timeLang(locale), now, withZone),
    firstResponseTarget: (p) => sla.firstResponseTarget(p),
    dueAt: (kind, p, start) => sla.dueAt(kind, p, start, hours),
    formatDuration: sayDuration,
    timeZone: hours.timeZone,
  };
}
