/**
 * Service-level targets: how soon a ticket gets its first answer and its resolution, by priority.
 * Urgent targets run on the wall clock (someone is paged at any hour); the others count only the
 * service's open hours, so a normal ticket opened on Friday night is not overdue by Monday morning.
 */
import type { Priority } from '../types.ts';
import { DAY, HOUR, MINUTE, parseDuration } from './duration.ts';
import type { ServiceHours } from './service-hours.ts';

export type SlaKind = 'first_response' | 'resolution';
export type SlaTargets = Record<Priority, number>;

export const PRIORITIES: readonly Priority[] = ['urgent', 'high', 'normal', 'low'];

/** Targets used for any priority a variable leaves out. */
export const DEFAULT_SLA: Readonly<Record<SlaKind, Readonly<SlaTargets>>> = {
  first_response: { urgent: 15 * MINUTE, high: HOUR, normal: 4 * HOUR, low: 8 * HOUR },
  resolution: { urgent: 4 * HOUR, high: 24 * HOUR, normal: 72 * HOUR, low: 5 * DAY },
};

/** The variable each kind is read from, for messages. */
export const SLA_VARIABLE: Readonly<Record<SlaKind, string>> = {
  first_response: 'SLA_FIRST_RESPONSE',
  resolution: 'SLA_RESOLUTION',
};

/**
 * `urgent:15m,high:1h,normal:4h` (any subset, any order) over the defaults of `kind`; unset or
 * empty keeps all defaults. Throws an Error naming the variable and quoting the bad item: unknown
 * priority, a priority given twice, a missing `:` or a bad duration.
 */
export function parseSlaTargets(kind: SlaKind, text: string | undefined): SlaTargets {
  const name = SLA_VARIABLE[kind];
  const targets: SlaTargets = { ...DEFAULT_SLA[kind] };
  const seen = new Set<string>();
  for (const raw of (text ?? '').split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    const fail = (reason: string) => new Error(`${name}: '${item}' — ${reason}`);
    const colon = item.indexOf(':');
    if (colon === -1) throw fail('expected <priority>:<duration>, e.g. high:1h');
    const priority = item.slice(0, colon).trim().toLowerCase();
    if (!isPriority(priority))
      throw fail(
        `unknown priority '${item.slice(0, colon).trim()}' (use ${PRIORITIES.join(', ')})`,
      );
    if (seen.has(priority)) throw fail(`${priority} is given more than once`);
    seen.add(priority);
    try {
      targets[priority] = parseDuration(item.slice(colon + 1));
    } catch (e) {
      // parseDuration quotes only the duration; quote the whole item instead.
      throw fail((e as Error).message.replace(/^'.*' — /, ''));
    }
  }
  return targets;
}

function isPriority(text: string): text is Priority {
  return (PRIORITIES as readonly string[]).includes(text);
}

/** When a user is told to expect an answer, and whether anyone is there now. */
export interface ReplyPromise {
  /** First-response due time (epoch ms). */
  dueAt: number;
  /** Whether the service is open at the time of the promise. */
  openNow: boolean;
  /** When closed: the next opening, if any within the search horizon. */
  nextOpen?: number;
}

export class SlaPolicy {
  private readonly targets: Record<SlaKind, SlaTargets>;

  /** Targets in ms; priorities left out keep DEFAULT_SLA. */
  constructor(targets: { [K in SlaKind]?: Partial<SlaTargets> } = {}) {
    this.targets = {
      first_response: { ...DEFAULT_SLA.first_response, ...targets.first_response },
      resolution: { ...DEFAULT_SLA.resolution, ...targets.resolution },
    };
  }

  /** From the texts of SLA_FIRST_RESPONSE and SLA_RESOLUTION; throws the first problem. */
  static parse(texts: { firstResponse?: string; resolution?: string }): SlaPolicy {
    return new SlaPolicy({
      first_response: parseSlaTargets('first_response', texts.firstResponse),
      resolution: parseSlaTargets('resolution', texts.resolution),
    });
  }

  /** The target of a kind for a priority, in ms (open-hours ms unless urgent). */
  target(kind: SlaKind, priority: Priority): number {
    return this.targets[kind][priority];
  }

  firstResponseTarget(priority: Priority): number {
    return this.target('first_response', priority);
  }

  resolutionTarget(priority: Priority): number {
    return this.target('resolution', priority);
  }

  /**
   * When a target started at `start` falls due: urgent adds the target to the wall clock, the
   * other priorities add it as open time of `hours` (ServiceHours.addOpenTime). Infinity if the
   * service has no open time left to count (see addOpenTime).
   */
  dueAt(kind: SlaKind, priority: Priority, start: number, hours: ServiceHours): number {
    const ms = this.target(kind, priority);
    return priority === 'urgent' ? start + ms : hours.addOpenTime(start, ms);
  }

  /**
   * What to tell a user who is waiting for a person: the first-response due time and, when the
   * service is closed, when it opens — the bot says "we're closed, we open Monday 09:00 and you
   * will hear from us by Monday 13:00" instead of promising an answer in four hours.
   */
  promisedReply(priority: Priority, now: number, hours: ServiceHours): ReplyPromise {
    const dueAt = this.dueAt('first_response', priority, now, hours);
    if (hours.isOpen(now)) return { dueAt, openNow: true };
    const nextOpen = hours.nextOpen(now);
    return nextOpen === undefined ? { dueAt, openNow: false } : { dueAt, openNow: false, nextOpen };
  }
}
