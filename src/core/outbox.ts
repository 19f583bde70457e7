import type { Logger } from 'pino';
import type { CoreContext } from './context.ts';
import { userKey } from './context.ts';
import { plainName } from './agent-guard.ts';
import type { DeskSync } from './desk-sync.ts';
import { DeliveryError, LockBusy } from './errors.ts';
import { aliasFor, isTraditional, localeOf } from './texts.ts';
import { newConversation, type Conversation } from './flow/state.ts';
import { onTicketClosed, onTicketReopened } from './flow/step.ts';
import type { FlowEffect } from './flow/types.ts';
import { dayOf } from './housekeeping.ts';
import { keys, OPEN_SHARDS, openShardOf } from './repo.ts';
import { ticketIdsIn } from './tickets/ids.ts';
import {
  agentAnswered,
  agentAskedLast,
  transcriptLength,
  userUnreachable,
  type Ticket,
} from './tickets/ticket.ts';

/** How long the outbox waits for a ticket's user lock held elsewhere before moving on. */
const FLUSH_LOCK_WAIT_MS = 1_000;

/**
 * Delivery and recovery: what must reach the user (agent replies, the close survey, a reopen
 * notice) and the desk (through DeskSync), retried in order from the outbox until it arrives;
 * after a crash, the open tickets that are behind are queued again.
 */
/**
 * The indexes a close or a reopen changes: the open cases, and closed-by-day (retention) —
 * `closedAt` is the close being made, or the one being undone.
 */
export async function indexStatusChange(
  ctx: CoreContext,
  id: string,
  change: 'closed' | 'reopened',
  closedAt: number | undefined,
): Promise<void> {
  if (change === 'closed') {
    await ctx.updateIndex(keys.closedOn(dayOf(closedAt ?? ctx.now())), [id], []);
    await ctx.updateIndex(keys.openTickets(openShardOf(id)), [], [id]);
  } else {
    await ctx.updateIndex(keys.openTickets(openShardOf(id)), [id], []);
    if (closedAt) await ctx.updateIndex(keys.closedOn(dayOf(closedAt)), [], [id]);
  }
}

export class Outbox {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ctx: CoreContext,
    private readonly deskSync: DeskSync,
  ) {}

  /** Delivers what a previous run left undelivered, then retries every `outboxIntervalMs`. */
  async start(): Promise<void> {
    const log = this.ctx.log;
    await this.recover().catch((err: unknown) => log.warn({ err }, 'recovery scan failed'));
    await this.flush().catch((err: unknown) => log.warn({ err }, 'outbox flush at start failed'));
    const every = this.ctx.deps.outboxIntervalMs ?? 15_000;
    this.timer = setInterval(() => {
      this.flush().catch((err: unknown) => log.warn({ err }, 'outbox flush failed'));
    }, every);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * Carries out a close or a reopen already applied to the ticket (by an agent, or by the idle
   * timer): queued in the outbox first, so if anything below fails the outbox finishes telling the
   * user and the desk; then the indexes (open cases, closed-by-day for retention), the user
   * (`notice` first, then the survey or the reopen notice) and the desk.
   */
  async applyStatusChange(
    changed: Ticket,
    change: 'closed' | 'reopened',
    previouslyClosedAt: number | undefined,
    log: Logger,
    notice?: string,
  ): Promise<{ ticket: Ticket; ok: boolean }> {
    let t: Ticket = { ...changed, deskStale: true, pendingUserUpdate: change };
    await this.ctx.updateIndex(keys.outbox(), [t.id], []);
    await this.ctx.repo.saveTicket(t);
    await indexStatusChange(
      this.ctx,
      t.id,
      change,
      change === 'closed' ? (t.closedAt ?? this.ctx.now()) : previouslyClosedAt,
    );
    if (notice) await this.ctx.sendToUser(t.userAddress, { text: notice }, log);
    t = await this.notifyUser(t, log);
    const synced = await this.deskSync.sync(t, log);
    if (synced.ok) await this.ctx.updateIndex(keys.outbox(), [], [t.id]);
    return synced;
  }

  /**
   * The agent's reason for closing, with case ids taken out that are not this user's open cases
   * ("duplicate of T-…" naming someone else's case by mistake, or a case already closed, is not
   * told as the one that goes on).
   */
  private async ownCasesOnly(t: Ticket): Promise<string | undefined> {
    const because = t.closedBecause;
    if (!because) return undefined;
    let kept = because;
    for (const id of new Set(ticketIdsIn(because))) {
      const other = id === t.id ? t : await this.ctx.repo.ticket(id);
      if (
        other?.user.userId !== t.user.userId ||
        other.user.platform !== t.user.platform ||
        (other.id !== t.id && other.status === 'closed')
      )
        kept = kept.replace(new RegExp(id, 'gi'), '');
    }
    return kept;
  }

  /** Tells the user their case was closed (survey) or reopened, once; see `pendingUserUpdate`. */
  async notifyUser(t: Ticket, log: Logger): Promise<Ticket> {
    const change = t.pendingUserUpdate;
    if (!change) return t;
    const now = this.ctx.now();
    const because = change === 'closed' ? await this.ownCasesOnly(t) : undefined;
    const unreachable = await this.updateUserConversation(
      t,
      (c) =>
        change === 'closed'
          ? onTicketClosed(c, t.id, now, this.ctx.texts, t.intent, agentAnswered(t), because, {
              asked: agentAskedLast(t),
            })
          : onTicketReopened(c, t.id, now, this.ctx.texts, t.intent),
      log,
    );
    const { pendingUserUpdate: _done, ...rest } = t;
    // (The survey or the notice could not be sent: the desk is told, not "the user was asked".)
    const ticket = unreachable ? userUnreachable(rest) : rest;
    await this.ctx.repo.saveTicket(ticket);
    return ticket;
  }

  /**
   * An agent's message as the user sees it: with the case id (a copycat account cannot show the
   * user's real case id) and STAFF_ALIAS instead of the agent's own name when it is set.
   */
  private agentSays(
    t: Ticket,
    authorName: string | undefined,
    text: string,
    /** An edit of a reply the user got: said to be a correction. */
    edited = false,
  ): string {
    const loc = localeOf(t.lang, t.script);
    const alias = this.ctx.deps.staffAlias;
    const name = alias
      ? isTraditional(loc)
        ? this.ctx.traditional.convert(aliasFor(alias, t.lang), loc === 'zh-HK')
        : aliasFor(alias, t.lang)
      : // (Plain text: a name kept before names were cleaned on the way in.)
        plainName(authorName ?? '', this.ctx.texts.get(loc, 'say.staffName'));
    return this.ctx.texts.get(loc, edited ? 'say.agentCorrects' : 'say.agentSays', {
      name,
      id: t.id,
      text,
    });
  }

  /** Sends agent replies the user does not have yet; marks them sent / unreachable. */
  async deliverAgentReplies(
    t: Ticket,
    log: Logger,
    /** Post "the user has blocked the bot" in the case (the agent who replied is told already). */
    notice = true,
  ): Promise<{ unreachable: boolean; pending: boolean; ticket: Ticket }> {
    const channel = this.ctx.channel(t.userAddress.platform);
    let ticket = t;
    let unreachable = false;
    let pending = false;
    for (let i = 0; i < ticket.transcript.length; i++) {
      const e = ticket.transcript[i]!;
      if (e.from !== 'agent' || e.delivery !== 'pending') continue;
      let delivery: 'sent' | 'unreachable' | 'pending' = 'pending';
      try {
        if (!channel)
          throw new DeliveryError(
            'platform_unavailable',
            `no channel for ${t.userAddress.platform}`,
          );
        // Under the agent's own file names ("refund-confirmation.pdf", not a hash).
        const files = await this.ctx.readFiles(e.files, undefined, true);
        await channel.send(ticket.userAddress, {
          text: this.agentSays(ticket, e.authorName, e.text, e.edited),
          ...(files.length ? { files } : {}),
        });
        delivery = 'sent';
      } catch (err) {
        if (err instanceof DeliveryError && err.code === 'user_unreachable') {
          delivery = 'unreachable';
          unreachable = true;
        } else pending = true;
        log.warn({ err, ticket: t.id }, 'agent reply not delivered');
      }
      if (delivery === 'pending') break; // keep order: later replies wait for this one
      const transcript = [...ticket.transcript];
      transcript[i] = { ...e, delivery };
      ticket = { ...ticket, transcript };
      await this.ctx.repo.saveTicket(ticket);
    }
    if (pending) await this.ctx.updateIndex(keys.outbox(), [t.id], []);
    const marked = unreachable ? userUnreachable(ticket) : ticket;
    if (marked !== ticket) {
      ticket = marked;
      await this.ctx.repo.saveTicket(ticket);
    }
    if (unreachable && notice && this.ctx.deps.desk && ticket.desk) {
      await this.ctx.deps.desk
        .post(ticket.desk, {
          from: 'system',
          text: this.ctx.desk('userBlocked'),
        })
        .catch((err: unknown) => log.warn({ err }, 'desk notice failed'));
    }
    return { unreachable, pending, ticket };
  }

  async updateUserConversation(
    t: Ticket,
    change: (c: Conversation) => { state: Conversation; effects: FlowEffect[] },
    log: Logger,
  ): Promise<boolean> {
    const { platform } = t.userAddress;
    const conv =
      (await this.ctx.repo.conversation(platform, t.user.userId)) ??
      newConversation(t.lang, 'default', this.ctx.now());
    const { state, effects } = change(conv);
    await this.ctx.repo.saveConversation(platform, t.user.userId, state);
    let unreachable = false;
    for (const e of effects)
      if (e.type === 'reply')
        unreachable ||=
          (await this.ctx.sendToUser(t.userAddress, e.message, log)) === 'unreachable';
    return unreachable;
  }

  /**
   * Retries undelivered desk posts, card updates and agent replies. A ticket leaves the outbox only
   * once everything is delivered; without a desk it stays there until one is configured.
   */
  async flush(): Promise<void> {
    if (!this.ctx.deps.desk) return;
    const ids = await this.ctx.repo.listIds(keys.outbox());
    for (const id of ids) {
      const first = await this.ctx.repo.ticket(id);
      if (!first) {
        await this.ctx.updateIndex(keys.outbox(), [], [id]);
        continue;
      }
      try {
        await this.ctx.queue.run(
          userKey(first.user.platform, first.user.userId),
          async () => {
            const log = this.ctx.log.child({ ticket: id, outbox: true });
            const ticket = await this.notifyUser((await this.ctx.repo.ticket(id))!, log);
            const synced = await this.deskSync.sync(ticket, log);
            const delivered = await this.deliverAgentReplies(synced.ticket, log);
            if (synced.ok && !delivered.pending)
              await this.ctx.updateIndex(keys.outbox(), [], [id]);
          },
          // A user busy on another instance (or a dead one's lock, until it expires) does not
          // hold up the other tickets: this one waits for the next round.
          { waitMs: FLUSH_LOCK_WAIT_MS },
        );
      } catch (err) {
        if (!(err instanceof LockBusy)) throw err;
        this.ctx.log.debug({ ticket: id }, 'outbox: ticket busy elsewhere, next round');
      }
    }
  }

  /**
   * After a crash between a ticket write and its desk sync, nothing may point the outbox at it:
   * open tickets with unposted messages, a stale card or undelivered replies are queued again.
   */
  async recover(): Promise<void> {
    const behind = (await this.openTickets()).filter(
      (t) =>
        t.deskStale ||
        !t.desk ||
        t.deskCardPending ||
        t.deskSynced < transcriptLength(t) ||
        t.transcript.some((e) => e.delivery === 'pending'),
    );
    if (behind.length)
      await this.ctx.updateIndex(
        keys.outbox(),
        behind.map((t) => t.id),
        [],
      );
  }

  /** Open and claimed tickets, newest first (terminal desk, health checks). */
  async openTickets(): Promise<Ticket[]> {
    const shards = await Promise.all(
      Array.from({ length: OPEN_SHARDS }, (_, i) => this.ctx.repo.listIds(keys.openTickets(i))),
    );
    const ids = shards.flat();
    const tickets = await Promise.all(ids.map((id) => this.ctx.repo.ticket(id)));
    return tickets.filter((t): t is Ticket => !!t).sort((a, b) => b.createdAt - a.createdAt);
  }
}
