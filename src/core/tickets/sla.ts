import type { ServiceClock } from '../flow/types.ts';
import type { SlaState, Ticket } from './ticket.ts';

/**
 * SLA clocks of a ticket: first response = the first agent message the user receives (notes and
 * claims do not count); resolution runs until the close. Due times come from SLA_FIRST_RESPONSE /
 * SLA_RESOLUTION counted in service hours (urgent: around the clock).
 */
export function startSla(t: Ticket, clock: ServiceClock): SlaState {
  return {
    firstResponseDueAt: clock.dueAt('first_response', t.priority, t.createdAt),
    resolutionDueAt: clock.dueAt('resolution', t.priority, t.createdAt),
  };
}

/**
 * After an escalation the clocks keep running, with the new priority's targets from that moment
 * (never later than they already were); what was announced stays announced.
 */
export function restartSla(t: Ticket, clock: ServiceClock, now: number): SlaState {
  const before = t.sla ?? {};
  const first = t.firstResponseAt
    ? before.firstResponseDueAt
    : clock.dueAt('first_response', t.priority, now);
  const resolution = clock.dueAt('resolution', t.priority, now);
  return {
    ...before,
    ...(first !== undefined
      ? { firstResponseDueAt: Math.min(first, before.firstResponseDueAt ?? Infinity) }
      : {}),
    resolutionDueAt: Math.min(resolution, before.resolutionDueAt ?? Infinity),
  };
}

/** The user answered after waiting: resolution time does not run while a case waits for them. */
export function pauseCredit(sla: SlaState | undefined, waitedMs: number): SlaState | undefined {
  if (!sla?.resolutionDueAt || waitedMs <= 0) return sla;
  return { ...sla, resolutionDueAt: sla.resolutionDueAt + waitedMs };
}

/** The first answer's target has passed and nobody has answered yet. */
export const firstAnswerOverdue = (t: Ticket, now: number): boolean =>
  t.firstResponseAt === undefined &&
  t.sla?.firstResponseDueAt !== undefined &&
  now > t.sla.firstResponseDueAt;
