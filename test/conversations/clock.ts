import { serviceClock } from '../../src/core/clock.ts';
import { ServiceHours } from '../../src/core/time/service-hours.ts';
import { SlaPolicy } from '../../src/core/time/sla.ts';

/** The desk the scripts run against: weekdays 09:00–18:00 in Shanghai; urgent cases 24/7. */
export const CONVERSATION_CLOCK = serviceClock(
  ServiceHours.parse({ hours: 'Mon-Fri 09:00-18:00', timeZone: 'Asia/Shanghai' }),
  new SlaPolicy({}),
);
