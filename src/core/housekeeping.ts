import type { CoreContext } from './context.ts';
import { userKey } from './context.ts';
import { keys } from './repo.ts';
import type { Ticket, TranscriptEntry } from './tickets/ticket.ts';

const DAY = 86_400_000;
/** Files held for a case that never became a ticket (cancelled, abandoned) live this long. */
export const HELD_FILES_TTL_MS = 7 * DAY;

export const dayOf = (at: number): string => new Date(at).toISOString().slice(0, 10);

/**
 * Periodic clean-up, safe to run on several instances at once (every step is idempotent):
 * held files no ticket took are swept after 7 days; with RETENTION_DAYS, the evidence files and
 * the words of cases closed longer ago are deleted — ids, problem, priority, times and rating stay
 * for metrics.
 */
export class Housekeeping {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ctx: CoreContext,
    private readonly retentionDays = 0,
  ) {}

  start(everyMs = 3_600_000): void {
    const run = () =>
      this.run().catch((err: unknown) => this.ctx.log.warn({ err }, 'housekeeping failed'));
    // Once, off the start-up path: evidence written by an older version (0644 / 0755) is
    // tightened to 0600 / 0700.
    void this.ctx.deps.evidence
      .tighten()
      .catch((err: unknown) => this.ctx.log.warn({ err }, 'evidence permissions not tightened'))
      .then(run);
    this.timer = setInterval(run, everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async run(now = this.ctx.now()): Promise<{ swept: number; purged: number }> {
    const swept = await this.ctx.deps.evidence.sweepPending(HELD_FILES_TTL_MS, now);
    const purged = this.retentionDays > 0 ? await this.retention(now) : 0;
    if (swept || purged) this.ctx.log.info({ swept, purged }, 'housekeeping');
    return { swept, purged };
  }

  /**
   * Purges the cases closed on each day older than RETENTION_DAYS, back to the last day an
   * earlier run finished (a year back the first time), so an hourly run reads a day or two.
   */
  private async retention(now: number): Promise<number> {
    let purged = 0;
    const cutoff = now - this.retentionDays * DAY;
    const through = await this.ctx.deps.store.get<string>(keys.retentionThrough());
    for (let at = cutoff - DAY; at > cutoff - 366 * DAY; at -= DAY) {
      if (through && dayOf(at) <= through) break;
      const key = keys.closedOn(dayOf(at));
      const ids = await this.ctx.repo.listIds(key);
      if (!ids.length) continue;
      for (const id of ids) {
        const t = await this.ctx.repo.ticket(id);
        // Reopened since (then it is no longer closed on that day), or gone.
        if (!t || t.status !== 'closed' || t.purgedAt) continue;
        await this.ctx.queue.run(userKey(t.user.platform, t.user.userId), () => this.purge(id));
        purged++;
      }
      await this.ctx.updateIndex(key, [], ids);
    }
    // A case reopened and closed again lands on a newer day, never on one already purged.
    await this.ctx.deps.store.set(keys.retentionThrough(), dayOf(cutoff - DAY));
    return purged;
  }

  private async purge(id: string): Promise<void> {
    const t = await this.ctx.repo.ticket(id);
    if (!t || t.status !== 'closed' || t.purgedAt) return;
    for (const f of t.evidence) await this.ctx.deps.evidence.remove(f);
    const blank = ({ files: _f, text: _t, ...e }: TranscriptEntry): TranscriptEntry => ({
      ...e,
      text: '',
    });
    await this.ctx.repo.rewriteChunks(t, blank);
    if (t.beforeCaseLines) await this.ctx.deps.store.delete(keys.beforeCase(t.id));
    const purged: Ticket = {
      ...t,
      fields: {},
      userWords: '',
      evidence: [],
      transcript: t.transcript.map(blank),
      purgedAt: this.ctx.now(),
    };
    delete purged.ratingComment;
    await this.ctx.repo.saveTicket(purged);
  }
}
