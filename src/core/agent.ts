import type { Logger } from 'pino';
import type { CoreContext } from './context.ts';
import { userKey } from './context.ts';
import type { DeskSync } from './desk-sync.ts';
import { errorRef } from './errors.ts';
import { RECENT_IDS } from './flow/state.ts';
import type { Intake } from './intake.ts';
import { sanitizeUserText } from './nlu/text.ts';
import type { Outbox } from './outbox.ts';
import { keys, openShardOf } from './repo.ts';
import { maskSensitive } from './sensitive.ts';
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
        text: `Something went wrong (ref ${ref}). Part of it may already be saved: check the case before trying again.`,
      };
    });
  }

  private async agentEntry(event: AgentEvent, log: Logger): Promise<AgentFeedback> {
    if (!event.agent.isAgent) {
      log.warn({ type: event.type }, 'refused: not an agent');
      return { ok: false, text: 'Only support agents can do that here.' };
    }
    const { platform, chatId, threadId } = event.desk;
    const ticketId = await this.ctx.repo.ticketIdForThread(platform, chatId, threadId);
    const first = ticketId ? await this.ctx.repo.ticket(ticketId) : undefined;
    // Agents' own topics / threads are not cases: words there are left alone, commands answered.
    if (!first)
      return {
        ok: false,
        text: 'This thread is not linked to any ticket.',
        quiet: event.type === 'reply',
      };
    return this.ctx.queue.run(userKey(first.user.platform, first.user.userId), () =>
      this.agentTurn(first.id, event, log),
    );
  }

  private async agentTurn(id: string, event: AgentEvent, log: Logger): Promise<AgentFeedback> {
    let t = (await this.ctx.repo.ticket(id))!;
    if (t.seen?.includes(event.messageId))
      return { ok: true, text: 'Already handled.', quiet: true };
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
          ? `${t.id} is claimed by ${r.holder}. Ask them to hand it over.`
          : r.reason === 'closed'
            ? `${t.id} is closed. Use /reopen first.`
            : r.reason === 'not_closed'
              ? `${t.id} is not closed.`
              : `You already hold ${t.id}.`,
    });

    if (event.type === 'reply') {
      const { files, rejected } = await this.intake.keepAttachments(event.attachments, log);
      const text = maskSensitive(sanitizeUserText(event.text)).text;
      if (!text && files.length === 0) {
        return {
          ok: false,
          text: rejected.length
            ? `Not sent: ${rejected.join(', ')} (images or PDF up to 10 MB).`
            : 'Nothing to send.',
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
      const note = rejected.length
        ? ` (${rejected.length} file(s) refused: images or PDF up to 10 MB)`
        : '';
      return delivered.unreachable
        ? {
            ok: false,
            text: `⚠️ Not delivered: the user has blocked the bot or closed their DMs.${note}`,
          }
        : delivered.pending
          ? {
              ok: false,
              text: `⏳ The user's platform is not answering; the message is queued and will be retried.${note}`,
            }
          : { ok: true, text: `Delivered.${note}`, quiet: !note };
    }

    switch (event.command) {
      case 'claim': {
        const r = claim(t, agent, now);
        if (!r.ok) return refused(r);
        t = await this.deskSync.saveAndSync(remember(r.ticket), log);
        log.info({ ticket: t.id }, 'ticket claimed');
        return {
          ok: true,
          text: `${t.id} is yours now. Everything you write here goes to the user; /note for internal notes.`,
        };
      }
      case 'note': {
        const text = maskSensitive(sanitizeUserText(event.args)).text;
        if (!text)
          return {
            ok: false,
            text: 'Usage: /note <text> — saved on the ticket, never sent to the user.',
          };
        t = remember(addNote(t, agent, text, now));
        await this.ctx.repo.saveTicket(t);
        return { ok: true, text: `Note saved on ${t.id} (not sent to the user).` };
      }
      case 'close':
      case 'reopen': {
        const r = event.command === 'close' ? close(t, agent, now) : reopen(t, agent, now);
        if (!r.ok) return refused(r);
        // Queued first: if anything below fails, the outbox finishes telling the user and the desk.
        const change = event.command === 'close' ? 'closed' : 'reopened';
        t = { ...remember(r.ticket), deskStale: true, pendingUserUpdate: change };
        await this.ctx.updateIndex(keys.outbox(), [t.id], []);
        await this.ctx.repo.saveTicket(t);
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
          ? { ok: true, text: `Closed ${t.id}. The user was asked to rate the help.` }
          : { ok: true, text: `Reopened ${t.id}; it is assigned to you.` };
      }
    }
  }
}
