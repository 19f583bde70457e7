/**
 * Time configuration of the support desk: service hours, SLA targets and the idle timers of a
 * conversation, read from the environment in one place so every problem is reported at start-up.
 */
import { parseDuration, formatDuration } from './duration.ts';
import { parseHolidays, parseServiceHours, parseTimeZone, ServiceHours } from './service-hours.ts';
import { parseSlaTargets, PRIORITIES, SlaPolicy, SLA_VARIABLE } from './sla.ts';

export * from './duration.ts';
export * from './service-hours.ts';
export * from './sla.ts';
export type { TimeLang } from './words.ts';

export interface TimeConfig {
  hours: ServiceHours;
  sla: SlaPolicy;
  /** USER_IDLE_NUDGE: quiet time after which a waiting user is reminded; unset = never. */
  idleNudgeMs?: number;
  /** USER_IDLE_CLOSE: quiet time after which the conversation is closed; unset = never. */
  idleCloseMs?: number;
}

export type TimeConfigResult = ({ ok: true } & TimeConfig) | { ok: false; problems: string[] };

/**
 * Reads SERVICE_HOURS, SERVICE_TZ, SERVICE_HOLIDAYS, SLA_FIRST_RESPONSE, SLA_RESOLUTION,
 * USER_IDLE_NUDGE and USER_IDLE_CLOSE (empty counts as unset). Every bad variable gives one message
 * naming it, so an operator fixes them all in one go; also refused: a first-response target
 * longer than the resolution target of the same priority, and a nudge not shorter than the close.
 */
export function loadTimeConfig(env: Record<string, string | undefined>): TimeConfigResult {
  const problems: string[] = [];
  const read = <T>(parse: () => T): T | undefined => {
    try {
      return parse();
    } catch (e) {
      problems.push((e as Error).message);
      return undefined;
    }
  };
  const windows = read(() => parseServiceHours(env.SERVICE_HOURS));
  const timeZone = read(() => parseTimeZone(env.SERVICE_TZ));
  const holidays = read(() => parseHolidays(env.SERVICE_HOLIDAYS));
  const firstResponse = read(() => parseSlaTargets('first_response', env.SLA_FIRST_RESPONSE));
  const resolution = read(() => parseSlaTargets('resolution', env.SLA_RESOLUTION));
  const idleNudgeMs = read(() => optionalDuration('USER_IDLE_NUDGE', env.USER_IDLE_NUDGE));
  const idleCloseMs = read(() => optionalDuration('USER_IDLE_CLOSE', env.USER_IDLE_CLOSE));

  if (firstResponse && resolution)
    for (const p of PRIORITIES)
      if (firstResponse[p] > resolution[p])
        problems.push(
          `${SLA_VARIABLE.first_response}: ${p} ${formatDuration(firstResponse[p], 'en')} is longer than its ${SLA_VARIABLE.resolution} target ${formatDuration(resolution[p], 'en')}`,
        );
  if (idleNudgeMs !== undefined && idleCloseMs !== undefined && idleNudgeMs >= idleCloseMs)
    problems.push(
      `USER_IDLE_NUDGE: ${formatDuration(idleNudgeMs, 'en')} must be shorter than USER_IDLE_CLOSE (${formatDuration(idleCloseMs, 'en')}) — the reminder comes before the close`,
    );

  if (problems.length > 0 || !windows || !timeZone || !holidays || !firstResponse || !resolution)
    return { ok: false, problems };
  return {
    ok: true,
    hours: new ServiceHours({ windows, timeZone, holidays }),
    sla: new SlaPolicy({ first_response: firstResponse, resolution }),
    ...(idleNudgeMs === undefined ? {} : { idleNudgeMs }),
    ...(idleCloseMs === undefined ? {} : { idleCloseMs }),
  };
}

/** A duration variable that may be unset or empty; errors name the variable. */
function optionalDuration(name: string, text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return parseDuration(text);
  } catch (e) {
    throw new Error(`${name}: ${(e as Error).message}`, { cause: e });
  }
}
