import type { Logger } from 'pino';
import { sayDuration } from './clock.ts';
import type { CoreContext } from './context.ts';
import { userKey } from './context.ts';
import type { DeskSync } from './desk-sync.ts';
import type { Outbox } from './outbox.ts';
import { keys, OPEN_SHARDS } from './repo.ts';
import { localeOf } from './texts.ts';
import { nudged, type SlaState, type Ticket } from './tickets/ticket.ts';

/** Share of a target after which the case gets a warning. */
const WARN_AT = 0.8;

/**
 * SLA and idle timers, by a periodic sweep over the open-case index (no job queue needed: every
 * deadline is on the ticket, so a restart loses nothing). Each announcement is decided and
 * recorded under the ticket's user lock (Redis when instances share it), so it fires once even
 * with several instances.
 */
export class Timers {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ctx: CoreContext,
    private readonly deskSync: DeskSync,
    private readonly outbox: Outbox,
  ) {}

  start(): void {
    const every = this.ctx.deps.timerIntervalMs ?? 15_000;
    this.timer = setInterval(() => {
      this.tick().catch((err: unknown) => this.ctx.log.warn({ err }, 'timers failed'));
    }, every);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One sweep: every open case's SLA and idle deadlines checked once. */
  async tick(): Promise<void> {
    const shards = await Promise.all(
      Array.from({ length: OPEN_SHARDS }, (_, i) => this.ctx.repo.listIds(keys.openTickets(i))),
    );
    for (const id of shards.flat()) {
      const first = await this.ctx.repo.ticket(id);
      if (!first || first.status === 'closed') continue;
      const log = this.ctx.log.child({ ticket: id, timers: true });
      await this.ctx.queue.run(userKey(first.user.platform, first.user.userId), () =>
        this.check(id, log),
      );
    }
  }

  private async check(id: string, log: Logger): Promise<void> {
    let t = await this.ctx.repo.ticket(id);
    if (!t || t.status === 'closed') return;
    const now = this.ctx.now();
    t = await this.sla(t, now, log);
    await this.idle(t, now, log);
  }

  private async sla(t: Ticket, now: number, log: Logger): Promise<Ticket> {
    const sla: SlaState = { ...(t.sla ?? {}) };
    const notices: Array<{ text: string; seniors: boolean }> = [];
    const check = (kind: 'first' | 'resolution', due: number | undefined, met: boolean) => {
      if (due === undefined || met) return;
      const warned = kind === 'first' ? 'firstResponseWarned' : 'resolutionWarned';
      const breached = kind === 'first' ? 'firstResponseBreachedAt' : 'resolutionBreachedAt';
      const vars = {
        id: t.id,
        kind: this.ctx.desk(kind === 'first' ? 'kindFirst' : 'kindResolution'),
        priority: this.ctx.priorityName(t.priority),
        left: sayDuration(Math.max(0, due - now), this.ctx.deskLocale),
      };
      if (now >= due && !sla[breached]) {
        sla[breached] = now;
        this.ctx.counters.slaBreaches++;
        notices.push({ text: this.ctx.desk('slaBreached', vars), seniors: true });
        log.warn({ kind, priority: t.priority }, 'SLA target missed');
        return;
      }
      const start = kind === 'first' ? t.createdAt : (t.reopenedAt ?? t.createdAt);
      if (!sla[warned] && !sla[breached] && now >= start + WARN_AT * (due - start) && now < due) {
        sla[warned] = true;
        notices.push({ text: this.ctx.desk('slaWarning', vars), seniors: false });
      }
    };
    check('first', sla.firstResponseDueAt, t.firstResponseAt !== undefined);
    // Resolution time does not run while the case waits for the user.
    check('resolution', sla.resolutionDueAt, t.waitingSince !== undefined);
    if (!notices.length) return t;
    // Recorded before it is announced: a crash in between loses a notice, never doubles it.
    const next: Ticket = { ...t, sla, deskStale: true };
    await this.ctx.repo.saveTicket(next);
    for (const n of notices) await this.deskSync.announce(next, n.text, log, n.seniors);
    return (await this.deskSync.sync(next, log)).ticket;
  }

  /**
   * A user who does not answer an agent: a reminder after USER_IDLE_NUDGE, then the case closes
   * with the survey after USER_IDLE_CLOSE — never urgent, escalated or security cases.
   */
  private async idle(t: Ticket, now: number, log: Logger): Promise<void> {
    const { idleNudgeMs, idleCloseMs } = this.ctx.deps;
    if (t.waitingSince === undefined) return;
    const quiet = now - t.waitingSince;
    const protectedCase =
      t.priority === 'urgent' || !!t.escalated || t.intent === 'security_report';
    if (idleCloseMs && quiet >= idleCloseMs && !protectedCase) return this.autoClose(t, now, log);
    if (idleNudgeMs && quiet >= idleNudgeMs && t.nudgedAt === undefined) {
      // The time left is said only where the case does close by itself.
      const closes = !!idleCloseMs && !protectedCase;
      const left = closes ? idleCloseMs - quiet : 0;
      const next = nudged(t, now);
      await this.ctx.repo.saveTicket(next);
      const locale = localeOf(t.lang, t.script);
      const text = this.ctx.texts.get(locale, closes ? 'say.idleNudge' : 'say.idleNudgeStays', {
        id: t.id,
        left: sayDuration(left, locale),
      });
      await this.ctx.sendToUser(t.userAddress, { text }, log);
      await this.deskSync.announce(
        next,
        this.ctx.desk(closes ? 'idleNudged' : 'idleNudgedStays', {
          id: t.id,
          quiet: sayDuration(quiet, this.ctx.deskLocale),
          left: sayDuration(left, this.ctx.deskLocale),
        }),
        log,
      );
      log.info('idle user nudged');
    }
  }

  private async autoClose(t: Ticket, now: number, log: Logger): Promise<void> {
    const duration = sayDuration(now - t.waitingSince!, this.ctx.deskLocale);
    const because = this.ctx.desk('idleClosed', { duration });
    const closed: Ticket = {
      ...t,
      status: 'closed',
      closedAt: now,
      closedBecause: because,
      transcript: [...t.transcript, { at: now, from: 'system', text: because }],
    };
    const notice = this.ctx.texts.get(localeOf(t.lang, t.script), 'say.idleClosed', { id: t.id });
    const synced = await this.outbox.applyStatusChange(closed, 'closed', undefined, log, notice);
    await this.deskSync.announce(synced.ticket, because, log);
    log.info({ quietMs: now - t.waitingSince! }, 'ticket closed: user idle');
  }
}
