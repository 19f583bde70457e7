import type { Logger } from 'pino';
import type { CoreContext } from './context.ts';
import { userKey } from './context.ts';
import type { DeskSync } from './desk-sync.ts';
import { errorRef } from './errors.ts';
import { RECENT_IDS } from './flow/state.ts';
import type { Intake } from './intake.ts';
import { sanitizeUserText } from './nlu/text.ts';
import type { Outbox } from './outbox.ts';
import { dayOf } from './housekeeping.ts';
import { keys, openShardOf } from './repo.ts';
import { maskAgentText } from './sensitive.ts';
import {
  addNote,
  agentReply,
  claim,
  close,
  reopen,
  type Ticket,
  type TransitionResult,
} from './tickets/ticket.ts';
import type { AgentEvent, AgentFeedback } from './types.ts';

/**
 * Agent commands and replies in a case: who may act (agents only), routing by the stored
 * topic / thread id, then claim, note, close, reopen, or a reply relayed to the user. Runs in the
 * ticket's user's turn, so it never interleaves with that user's own messages.
 */
export class AgentCommands {
  constructor(
    private readonly ctx: CoreContext,
    private readonly intake: Intake,
    private readonly deskSync: DeskSync,
    private readonly outbox: Outbox,
  ) {}

  handle(event: AgentEvent): Promise<AgentFeedback> {
    const log = this.ctx.log.child({
      desk: event.desk.platform,
      thread: event.desk.threadId,
      agent: event.agent.userId,
    });
    return this.agentEntry(event, log).catch((err: unknown) => {
      const ref = errorRef();
      log.error({ err, ref }, 'agent event failed');
      return {
        ok: false,
        text: this.ctx.desk('error', { ref }),
      };
    });
  }

  private async agentEntry(event: AgentEvent, log: Logger): Promise<AgentFeedback> {
    if (!event.agent.isAgent) {
      log.warn({ type: event.type }, 'refused: not an agent');
      return { ok: false, text: this.ctx.desk('notAgent') };
    }
    const { platform, chatId, threadId } = event.desk;
    const ticketId = await this.ctx.repo.ticketIdForThread(platform, chatId, threadId);
    const first = ticketId ? await this.ctx.repo.ticket(ticketId) : undefined;
    // Agents' own topics / threads are not cases: words there are left alone, commands answered.
    if (!first)
      return {
        ok: false,
        text: this.ctx.desk('notLinked'),
        quiet: event.type === 'reply',
      };
    return this.ctx.queue.run(userKey(first.user.platform, first.user.userId), () =>
      this.agentTurn(first.id, event, log),
    );
  }

  private async agentTurn(id: string, event: AgentEvent, log: Logger): Promise<AgentFeedback> {
    let t = (await this.ctx.repo.ticket(id))!;
    if (t.seen?.includes(event.messageId))
      return { ok: true, text: this.ctx.desk('alreadyHandled'), quiet: true };
    const now = this.ctx.now();
    const agent = event.agent;
    const remember = (x: Ticket): Ticket => ({
      ...x,
      seen: [...(x.seen ?? []), event.messageId].slice(-RECENT_IDS),
    });
    const refused = (r: Exclude<TransitionResult, { ok: true }>): AgentFeedback => ({
      ok: r.reason === 'already_yours',
      text:
        r.reason === 'claimed_by_other'
          ? this.ctx.desk('claimedByOther', { id: t.id, holder: r.holder })
          : r.reason === 'closed'
            ? this.ctx.desk('closedUseReopen', { id: t.id })
            : r.reason === 'not_closed'
              ? this.ctx.desk('notClosed', { id: t.id })
              : this.ctx.desk('alreadyYours', { id: t.id }),
    });

    if (event.type === 'reply') {
      const { files, rejected } = await this.intake.keepAttachments(event.attachments, log);
      // Agents' words reach the user unaltered, except a real secret value (and the agent is told).
      const masked = maskAgentText(sanitizeUserText(event.text));
      const text = masked.text;
      if (!text && files.length === 0) {
        return {
          ok: false,
          text: rejected.length
            ? this.ctx.desk('notSent', { reasons: rejected.join(', ') })
            : this.ctx.desk('nothingToSend'),
        };
      }
      const r = agentReply(t, agent, text, files, now);
      if (r.ok) this.ctx.counters.agentReplies++;
      if (!r.ok) return refused(r);
      const claimedNow = t.status === 'open';
      t = remember(r.ticket);
      if (claimedNow) t = await this.deskSync.saveAndSync(t, log);
      else await this.ctx.repo.saveTicket(t);
      const delivered = await this.outbox.deliverAgentReplies(t, log);
      const note =
        (rejected.length ? this.ctx.desk('filesRefused', { n: rejected.length }) : '') +
        (masked.found.length
          ? `\n${this.ctx.desk('agentTextMasked', { what: masked.found.join(', ').replace(/_/g, ' ') })}`
          : '');
      return delivered.unreachable
        ? { ok: false, text: this.ctx.desk('notDelivered', { note }) }
        : delivered.pending
          ? { ok: false, text: this.ctx.desk('queued', { note }) }
          : { ok: true, text: this.ctx.desk('delivered', { note }), quiet: !note };
    }

    switch (event.command) {
      case 'claim': {
        const r = claim(t, agent, now);
        if (!r.ok) return refused(r);
        t = await this.deskSync.saveAndSync(remember(r.ticket), log);
        log.info({ ticket: t.id }, 'ticket claimed');
        return { ok: true, text: this.ctx.desk('claimed', { id: t.id }) };
      }
      case 'note': {
        const text = maskAgentText(sanitizeUserText(event.args)).text;
        if (!text) return { ok: false, text: this.ctx.desk('noteUsage') };
        t = remember(addNote(t, agent, text, now));
        await this.ctx.repo.saveTicket(t);
        return { ok: true, text: this.ctx.desk('noteSaved', { id: t.id }) };
      }
      case 'close':
      case 'reopen': {
        const before = t;
        const r = event.command === 'close' ? close(t, agent, now) : reopen(t, agent, now);
        if (!r.ok) return refused(r);
        // Queued first: if anything below fails, the outbox finishes telling the user and the desk.
        const change = event.command === 'close' ? 'closed' : 'reopened';
        t = { ...remember(r.ticket), deskStale: true, pendingUserUpdate: change };
        await this.ctx.updateIndex(keys.outbox(), [t.id], []);
        await this.ctx.repo.saveTicket(t);
        // Retention finds closed cases by the day they closed.
        if (change === 'closed') await this.ctx.updateIndex(keys.closedOn(dayOf(now)), [t.id], []);
        else if (before.closedAt)
          await this.ctx.updateIndex(keys.closedOn(dayOf(before.closedAt)), [], [t.id]);
        const shard = keys.openTickets(openShardOf(t.id));
        await this.ctx.updateIndex(
          shard,
          change === 'reopened' ? [t.id] : [],
          change === 'closed' ? [t.id] : [],
        );
        t = await this.outbox.notifyUser(t, log);
        const synced = await this.deskSync.sync(t, log);
        if (synced.ok) await this.ctx.updateIndex(keys.outbox(), [], [t.id]);
        log.info({ ticket: t.id, change, resolutionMs: now - t.createdAt }, `ticket ${change}`);
        return change === 'closed'
          ? { ok: true, text: this.ctx.desk('closed', { id: t.id }) }
          : { ok: true, text: this.ctx.desk('reopened', { id: t.id }) };
      }
    }
  }
}
