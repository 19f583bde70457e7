import type { Logger } from 'pino';
import type { KeyValueStore } from '../store.ts';
import { DeliveryError, errorRef } from './errors.ts';
import type { EvidenceFile, EvidenceRejection, EvidenceStore } from './evidence.ts';
import { MAX_EVIDENCE_BYTES } from './evidence.ts';
import { say } from './flow/messages.ts';
import { RECENT_IDS, newConversation, resetCase, type Conversation } from './flow/state.ts';
import {
  onTicketClosed,
  onTicketReopened,
  step,
  type FlowEffect,
  type FlowInput,
} from './flow/step.ts';
import type { IntentCatalog } from './intents.ts';
import type { IntentClassifier } from './nlu/classifier.ts';
import { DEFAULT_TXID_SHAPE, type TransactionIdShape } from './nlu/entities.ts';
import { langFromCode, sanitizeUserText } from './nlu/text.ts';
import { FloodGuard } from './flood.ts';
import { TurnQueue } from './queue.ts';
import { keys, OPEN_SHARDS, openShardOf, Repo } from './repo.ts';
import { maskSensitive } from './sensitive.ts';
import { buildCard, cardOverflow } from './tickets/card.ts';
import { newTicketId } from './tickets/ids.ts';
import {
  addNote,
  agentReply,
  appendUserMessage,
  claim,
  close,
  newTicket,
  rate,
  reopen,
  type Ticket,
  type TransitionResult,
} from './tickets/ticket.ts';
import type {
  Address,
  AgentDesk,
  AgentEvent,
  AgentFeedback,
  DeskRef,
  InboundAttachment,
  OutboundFile,
  OutboundMessage,
  SupportCore,
  UserChannel,
  UserEvent,
} from './types.ts';

export interface SupportBotDeps {
  store: KeyValueStore;
  catalog: IntentCatalog;
  classifier: IntentClassifier;
  evidence: EvidenceStore;
  /** One per user-facing platform; replies go to the channel named by the user's address. */
  channels: UserChannel[];
  /** Where agents work (AGENT_DESK). Without one, tickets are kept and wait in the outbox. */
  desk?: AgentDesk;
  logger: Logger;
  txid?: TransactionIdShape;
  now?: () => number;
  newTicketId?: () => string;
  /** Longer texts are cut (and the user told). */
  maxTextLength?: number;
  /** How often undelivered desk posts and agent replies are retried (ms). */
  outboxIntervalMs?: number;
  /** Bound on one attachment download (ms). */
  downloadTimeoutMs?: number;
}

const MAX_ATTACHMENTS_PER_MESSAGE = 10;
/** Waiting user messages are merged into one desk post up to this size (one Discord message). */
const MERGED_POST_MAX = 1800;

/**
 * The core behind one entry point per side: `handleUser` for users, `handleAgent` for agents.
 * One turn at a time per user (agent events on a ticket take its user's turn too); state is written
 * only when the whole turn succeeded; a failure answers the user with a reference that is in the log.
 */
export class SupportBot implements SupportCore {
  readonly repo: Repo;
  private readonly log: Logger;
  private readonly channels: Map<string, UserChannel>;
  private readonly queue: TurnQueue;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly txid: TransactionIdShape;
  private readonly maxText: number;
  private timer: NodeJS.Timeout | undefined;
  private readonly flood = new FloodGuard();

  constructor(private readonly deps: SupportBotDeps) {
    this.repo = new Repo(deps.store);
    this.queue = new TurnQueue(deps.store.lock);
    this.log = deps.logger.child({ module: 'core' });
    this.channels = new Map(deps.channels.map((c) => [c.platform, c]));
    this.now = deps.now ?? Date.now;
    this.newId = deps.newTicketId ?? newTicketId;
    this.txid = deps.txid ?? DEFAULT_TXID_SHAPE;
    this.maxText = deps.maxTextLength ?? 4000;
  }

  /** Starts the outbox retry loop and delivers whatever a previous run left undelivered. */
  async start(): Promise<void> {
    await this.recover().catch((err: unknown) => this.log.warn({ err }, 'recovery scan failed'));
    await this.flushOutbox().catch((err: unknown) =>
      this.log.warn({ err }, 'outbox flush at start failed'),
    );
    const every = this.deps.outboxIntervalMs ?? 15_000;
    this.timer = setInterval(() => {
      this.flushOutbox().catch((err: unknown) => this.log.warn({ err }, 'outbox flush failed'));
    }, every);
    this.timer.unref();
  }

  /** Stops the retry loop and waits for turns in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.queue.idle();
  }

  // ─── user side ────────────────────────────────────────────────────────────────────────────────

  handleUser(event: UserEvent): Promise<void> {
    return this.queue.run(userKey(event.address.platform, event.user.userId), () =>
      this.userTurn(event),
    );
  }

  private async userTurn(event: UserEvent): Promise<void> {
    const log = this.log.child({
      platform: event.address.platform,
      chatId: event.address.chatId,
      messageId: event.messageId,
    });
    const started = performance.now();
    const now = this.now();
    let lang = langFromCode(event.user.languageCode) ?? 'en';
    try {
      const stored = await this.repo.conversation(event.address.platform, event.user.userId);
      const hint = langFromCode(event.user.languageCode);
      let conv = stored ?? newConversation(hint ?? 'en', hint ? 'platform' : 'default', now);
      lang = conv.lang;
      if (conv.recent.includes(event.messageId)) {
        log.debug('duplicate message ignored');
        return;
      }
      // The case was closed while the user's conversation still points at it (a close whose
      // conversation update failed): start afresh rather than write into a closed ticket.
      const loaded = new Map<string, Ticket>();
      if (conv.phase === 'handed_off' && conv.ticketId && event.type === 'message') {
        const current = await this.repo.ticket(conv.ticketId);
        if (!current || current.status === 'closed') conv = resetCase(conv);
        else loaded.set(current.id, current);
      }
      const input = await this.toFlowInput(event, log);
      const flood =
        input.kind === 'text'
          ? this.flood.check(userKey(event.address.platform, event.user.userId), now)
          : 'ok';
      // Over the flood limit with a case open: kept on the ticket, the desk gets them merged.
      const openTicket = conv.ticketId ? loaded.get(conv.ticketId) : undefined;
      if (flood !== 'ok' && input.kind === 'text' && openTicket) {
        lang = await this.keepFlooded(event, conv, input, openTicket, flood, now, log);
        return;
      }
      const ticket =
        event.type === 'command' && event.command === 'status' && conv.ticketId
          ? await this.repo.ticket(conv.ticketId)
          : undefined;
      const stepped = step(conv, input, {
        catalog: this.deps.catalog,
        classifier: this.deps.classifier,
        txid: this.txid,
        now,
        newTicketId: this.newId,
        user: event.user,
        address: event.address,
        ...(ticket && ticket.status !== 'closed'
          ? {
              ticket: {
                id: ticket.id,
                status: ticket.status,
                ...(ticket.assignee ? { assignee: ticket.assignee.displayName } : {}),
              },
            }
          : {}),
      });
      const { state } = stepped;
      let { effects } = stepped;
      if (flood !== 'ok') {
        // Over the flood limit before a case is open: every message still goes through the flow
        // (nothing is dropped), but the bot answers only once, to say so.
        effects = effects.filter((e) => e.type !== 'reply');
        if (flood === 'notice')
          effects.push({ type: 'reply', message: { text: say.slowDown(state.lang, false) } });
      }
      state.recent = [...conv.recent, event.messageId].slice(-RECENT_IDS);

      // Persist: a new ticket is listed in the open index before it is written, tickets before
      // the conversation that points at them.
      await this.avoidIdCollisions(effects, state, loaded);
      const opened = effects.flatMap((e) => (e.type === 'open_ticket' ? [e.draft.id] : []));
      // (A crash before its desk sync is caught by recover(): it is in the open index.)
      for (const id of opened) await this.updateIndex(keys.openTickets(openShardOf(id)), [id], []);
      const touched = await this.applyTicketEffects(effects, now, event.messageId, log, loaded);
      await this.repo.saveConversation(event.address.platform, event.user.userId, state);
      lang = state.lang;

      // Deliver: replies to the user, then the desk.
      for (const e of effects)
        if (e.type === 'reply') await this.sendToUser(event.address, e.message, log);
      for (const t of touched) await this.syncDesk(t, log);
      log.info(
        {
          ms: Math.round((performance.now() - started) * 100) / 100,
          phase: state.phase,
          intent: state.intent,
          ticket: state.ticketId,
        },
        'user turn',
      );
    } catch (err) {
      const ref = errorRef();
      log.error({ err, ref }, 'user turn failed; state not written');
      await this.sendToUser(event.address, { text: say.error(lang, ref) }, log).catch(
        () => undefined,
      );
    }
  }

  /**
   * A new ticket's id is random: if it is already taken by someone else's ticket (rare, not
   * impossible), pick another and rename it in this turn's effects and state. The same user's
   * ticket under that id is a retried confirm, which keeps it.
   */
  private async avoidIdCollisions(
    effects: FlowEffect[],
    state: Conversation,
    loaded: Map<string, Ticket>,
  ): Promise<void> {
    for (const e of effects) {
      if (e.type !== 'open_ticket') continue;
      const draft = e.draft;
      for (;;) {
        const existing = await this.repo.ticket(draft.id);
        if (!existing) break;
        if (
          existing.user.platform === draft.user.platform &&
          existing.user.userId === draft.user.userId
        ) {
          loaded.set(existing.id, existing); // a retried confirm: applyTicketEffects keeps it
          break;
        }
        const fresh = this.newId();
        for (const r of effects)
          if (r.type === 'reply')
            r.message = { ...r.message, text: r.message.text.replaceAll(draft.id, fresh) };
        if (state.ticketId === draft.id) state.ticketId = fresh;
        draft.id = fresh;
      }
    }
  }

  /**
   * A message over the flood limit while a case is open: kept on the ticket and posted to the
   * desk merged with the others by the outbox, not answered one by one; the user is told once.
   */
  private async keepFlooded(
    event: UserEvent,
    conv: Conversation,
    input: Extract<FlowInput, { kind: 'text' }>,
    ticket: Ticket,
    flood: 'notice' | 'quiet',
    now: number,
    log: Logger,
  ): Promise<Conversation['lang']> {
    const state: Conversation = {
      ...conv,
      recent: [...conv.recent, event.messageId].slice(-RECENT_IDS),
      updatedAt: now,
    };
    await this.updateIndex(keys.outbox(), [ticket.id], []);
    await this.repo.saveTicket(
      appendUserMessage(ticket, input.text, input.files, now, event.messageId),
    );
    await this.repo.saveConversation(event.address.platform, event.user.userId, state);
    log.info({ flood, ticket: ticket.id }, 'message over the flood limit kept for the desk');
    if (flood === 'notice')
      await this.sendToUser(event.address, { text: say.slowDown(state.lang, true) }, log);
    return state.lang;
  }

  private async toFlowInput(event: UserEvent, log: Logger): Promise<FlowInput> {
    if (event.type === 'choice') return { kind: 'choice', id: event.choiceId };
    if (event.type === 'command')
      return {
        kind: 'command',
        command: event.command,
        ...(event.user.languageCode ? { languageCode: event.user.languageCode } : {}),
      };
    let text = sanitizeUserText(event.text ?? '');
    let truncated: number | undefined;
    if (text.length > this.maxText) {
      text = text.slice(0, this.maxText);
      truncated = this.maxText;
    }
    const masked = maskSensitive(text);
    if (masked.found.length) log.warn({ kinds: masked.found }, 'sensitive data masked');
    const { files, rejected } = await this.keepAttachments(
      event.attachments.slice(0, MAX_ATTACHMENTS_PER_MESSAGE),
      log,
    );
    return {
      kind: 'text',
      text: masked.text,
      files,
      rejected,
      sensitive: masked.found,
      ...(truncated ? { truncated } : {}),
      ...(event.unsupported ? { unsupported: true } : {}),
    };
  }

  /** Downloads each attachment now (platform links expire) into the evidence store. */
  private async keepAttachments(
    attachments: InboundAttachment[],
    log: Logger,
  ): Promise<{ files: EvidenceFile[]; rejected: EvidenceRejection[] }> {
    const files: EvidenceFile[] = [];
    const rejected: EvidenceRejection[] = [];
    for (const a of attachments) {
      if (a.size !== undefined && a.size > MAX_EVIDENCE_BYTES) {
        rejected.push('too_large');
        continue;
      }
      let bytes: Uint8Array;
      try {
        bytes = await withTimeout(
          a.fetch(),
          this.deps.downloadTimeoutMs ?? 30_000,
          'attachment download',
        );
      } catch (err) {
        log.warn({ err }, 'attachment download failed');
        rejected.push('download_failed');
        continue;
      }
      const kept = await this.deps.evidence.put(bytes, a.fileName);
      if (kept.ok) files.push(kept.file);
      else {
        log.info(
          { reason: kept.reason, declared: a.mimeType, size: bytes.length },
          'attachment refused',
        );
        rejected.push(kept.reason);
      }
    }
    return { files, rejected };
  }

  private async applyTicketEffects(
    effects: FlowEffect[],
    now: number,
    messageId: string,
    log: Logger,
    loaded: Map<string, Ticket> = new Map(),
  ): Promise<Ticket[]> {
    const touched = new Map<string, Ticket>();
    for (const e of effects) {
      if (e.type === 'open_ticket') {
        // A confirm retried after a failed turn reuses its id: keep the ticket already written
        // (avoidIdCollisions looked it up).
        const existing = loaded.get(e.draft.id);
        const t = existing ?? newTicket(e.draft, now);
        if (!existing) await this.repo.saveTicket(t);
        log.info(
          { ticket: t.id, intent: t.intent, priority: t.priority, again: !!existing },
          'ticket opened',
        );
        touched.set(t.id, t);
      } else if (e.type === 'relay' || e.type === 'rate') {
        const current =
          touched.get(e.ticketId) ?? loaded.get(e.ticketId) ?? (await this.repo.ticket(e.ticketId));
        if (!current) throw new Error(`ticket ${e.ticketId} is missing from the store`);
        const next =
          e.type === 'relay'
            ? appendUserMessage(current, e.text, e.files, now, messageId)
            : { ...rate(current, e.rating, e.comment), deskStale: true }; // the card shows the rating
        await this.repo.saveTicket(next);
        touched.set(next.id, next);
      }
    }
    return [...touched.values()];
  }

  private async sendToUser(to: Address, message: OutboundMessage, log: Logger): Promise<void> {
    const channel = this.channels.get(to.platform);
    if (!channel) {
      log.error({ platform: to.platform }, 'no user channel for this platform; reply not sent');
      return;
    }
    try {
      await channel.send(to, message);
    } catch (err) {
      log.warn(
        { err, code: err instanceof DeliveryError ? err.code : undefined },
        'reply to user not delivered',
      );
    }
  }

  // ─── desk side ────────────────────────────────────────────────────────────────────────────────

  /**
   * Brings the desk up to date with a ticket: opens its case if it has none, posts the user
   * messages it has not seen, and — when the ticket is marked `deskStale` — closes or reopens the
   * topic / thread to match the ticket and edits the card. A deleted topic / thread is re-created
   * with the whole history. On any other failure the ticket goes to the outbox and is retried.
   */
  private async syncDesk(t: Ticket, log: Logger): Promise<{ ticket: Ticket; ok: boolean }> {
    const desk = this.deps.desk;
    if (!desk) {
      await this.updateIndex(keys.outbox(), [t.id], []);
      return { ticket: t, ok: false };
    }
    let ticket = t;
    try {
      if (!ticket.desk) {
        // Linked as soon as the topic / thread exists: an agent may write in it at once.
        const files = await this.readFiles(ticket.evidence);
        const link = (r: DeskRef) =>
          this.repo.linkThread(r.platform, r.chatId, r.threadId, ticket.id);
        const ref = await desk.openCase(buildCard(ticket, this.deps.catalog), files, link);
        await link(ref);
        ticket = {
          ...ticket,
          desk: ref,
          // Entry 0 is the card itself; it needs a post only when the card shortened something.
          deskSynced: cardOverflow(ticket) ? 0 : 1,
          deskClosed: false,
          deskStale: ticket.status === 'closed',
        };
        await this.repo.saveTicket(ticket);
        log.info({ ticket: ticket.id, thread: ref.threadId }, 'case opened on the desk');
      }
      const ref = ticket.desk!;
      while (ticket.deskSynced < ticket.transcript.length) {
        const e = ticket.transcript[ticket.deskSynced]!;
        if (ticket.deskSynced === 0) {
          // Entry 0 (the user's first words and files) is the card itself; what the card had to
          // shorten is posted in full under it.
          const overflow = cardOverflow(ticket);
          if (overflow)
            await desk.post(ref, {
              from: 'user',
              text: overflow,
              ...(ticket.user.displayName ? { authorName: ticket.user.displayName } : {}),
            });
        } else if (e.from === 'user') {
          // Several text messages waiting (a flood, an outage) go to the desk as one post.
          let n = 1;
          let text = e.text;
          // Only while it stays one platform message, so a retried post is the same post.
          while (!e.files?.length && n < 20) {
            const next = ticket.transcript[ticket.deskSynced + n];
            if (!next || next.from !== 'user' || next.files?.length) break;
            if (text.length + 1 + next.text.length > MERGED_POST_MAX) break;
            text += `\n${next.text}`;
            n++;
          }
          const files = await this.readFiles(e.files);
          await desk.post(ref, {
            from: 'user',
            text,
            ...(ticket.user.displayName ? { authorName: ticket.user.displayName } : {}),
            ...(files.length ? { files } : {}),
          });
          ticket = { ...ticket, deskSynced: ticket.deskSynced + n - 1 };
        } else if (ticket.replayHistory) {
          const who =
            e.from === 'agent'
              ? `${e.authorName} (agent)`
              : e.from === 'note'
                ? `note by ${e.authorName}`
                : e.from;
          await desk.post(ref, {
            from: 'system',
            text: `[history ${new Date(e.at).toISOString()}] ${who}: ${e.text}`,
          });
        }
        ticket = { ...ticket, deskSynced: ticket.deskSynced + 1 };
        await this.repo.saveTicket(ticket);
      }
      if (ticket.replayHistory) {
        const { replayHistory: _replayed, ...rest } = ticket;
        ticket = rest;
        await this.repo.saveTicket(ticket);
      }
      if (ticket.deskStale) {
        const card = buildCard(ticket, this.deps.catalog);
        const closed = ticket.status === 'closed';
        // closeCase / reopenCase edit the card too (see the AgentDesk port).
        if (closed && !ticket.deskClosed) await desk.closeCase(ref, card);
        else if (!closed && ticket.deskClosed) await desk.reopenCase(ref, card);
        else await desk.updateCard(ref, card);
        ticket = { ...ticket, deskStale: false, deskClosed: closed };
        await this.repo.saveTicket(ticket);
      }
      return { ticket, ok: true };
    } catch (err) {
      if (err instanceof DeliveryError && err.code === 'thread_gone' && ticket.desk) {
        log.warn({ ticket: ticket.id }, 'desk thread is gone; re-creating it with the history');
        const { desk: _gone, ...rest } = ticket;
        // Remembered on the ticket: a re-creation interrupted half-way still replays the history.
        ticket = { ...rest, deskSynced: 0, replayHistory: true };
        await this.repo.saveTicket(ticket);
        return this.syncDesk(ticket, log);
      }
      log.warn({ err, ticket: ticket.id }, 'desk not updated; queued for retry');
      await this.updateIndex(keys.outbox(), [ticket.id], []);
      return { ticket, ok: false };
    }
  }

  private async readFiles(files: EvidenceFile[] | undefined): Promise<OutboundFile[]> {
    return Promise.all((files ?? []).map((f) => this.deps.evidence.read(f)));
  }

  /** Saves a ticket whose card / open-closed state changed, then brings the desk in line. */
  private async saveAndSyncCard(t: Ticket, log: Logger): Promise<Ticket> {
    const ticket = { ...t, deskStale: true };
    await this.repo.saveTicket(ticket);
    return (await this.syncDesk(ticket, log)).ticket;
  }

  handleAgent(event: AgentEvent): Promise<AgentFeedback> {
    const log = this.log.child({
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
    const ticketId = await this.repo.ticketIdForThread(platform, chatId, threadId);
    const first = ticketId ? await this.repo.ticket(ticketId) : undefined;
    // Agents' own topics / threads are not cases: words there are left alone, commands answered.
    if (!first)
      return {
        ok: false,
        text: 'This thread is not linked to any ticket.',
        quiet: event.type === 'reply',
      };
    return this.queue.run(userKey(first.user.platform, first.user.userId), () =>
      this.agentTurn(first.id, event, log),
    );
  }

  private async agentTurn(id: string, event: AgentEvent, log: Logger): Promise<AgentFeedback> {
    let t = (await this.repo.ticket(id))!;
    if (t.seen?.includes(event.messageId))
      return { ok: true, text: 'Already handled.', quiet: true };
    const now = this.now();
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
      const { files, rejected } = await this.keepAttachments(event.attachments, log);
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
      if (!r.ok) return refused(r);
      const claimedNow = t.status === 'open';
      t = remember(r.ticket);
      if (claimedNow) t = await this.saveAndSyncCard(t, log);
      else await this.repo.saveTicket(t);
      const delivered = await this.deliverAgentReplies(t, log);
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
        t = await this.saveAndSyncCard(remember(r.ticket), log);
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
        await this.repo.saveTicket(t);
        return { ok: true, text: `Note saved on ${t.id} (not sent to the user).` };
      }
      case 'close':
      case 'reopen': {
        const r = event.command === 'close' ? close(t, agent, now) : reopen(t, agent, now);
        if (!r.ok) return refused(r);
        // Queued first: if anything below fails, the outbox finishes telling the user and the desk.
        const change = event.command === 'close' ? 'closed' : 'reopened';
        t = { ...remember(r.ticket), deskStale: true, pendingUserUpdate: change };
        await this.updateIndex(keys.outbox(), [t.id], []);
        await this.repo.saveTicket(t);
        const shard = keys.openTickets(openShardOf(t.id));
        await this.updateIndex(
          shard,
          change === 'reopened' ? [t.id] : [],
          change === 'closed' ? [t.id] : [],
        );
        t = await this.notifyUser(t, log);
        const synced = await this.syncDesk(t, log);
        if (synced.ok) await this.updateIndex(keys.outbox(), [], [t.id]);
        log.info({ ticket: t.id, change, resolutionMs: now - t.createdAt }, `ticket ${change}`);
        return change === 'closed'
          ? { ok: true, text: `Closed ${t.id}. The user was asked to rate the help.` }
          : { ok: true, text: `Reopened ${t.id}; it is assigned to you.` };
      }
    }
  }

  /** Tells the user their case was closed (survey) or reopened, once; see `pendingUserUpdate`. */
  private async notifyUser(t: Ticket, log: Logger): Promise<Ticket> {
    const change = t.pendingUserUpdate;
    if (!change) return t;
    const now = this.now();
    await this.updateUserConversation(
      t,
      (c) => (change === 'closed' ? onTicketClosed(c, t.id, now) : onTicketReopened(c, t.id, now)),
      log,
    );
    const { pendingUserUpdate: _done, ...ticket } = t;
    await this.repo.saveTicket(ticket);
    return ticket;
  }

  /** Sends agent replies the user does not have yet; marks them sent / unreachable. */
  private async deliverAgentReplies(
    t: Ticket,
    log: Logger,
  ): Promise<{ unreachable: boolean; pending: boolean }> {
    const channel = this.channels.get(t.userAddress.platform);
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
        const files = await this.readFiles(e.files);
        await channel.send(ticket.userAddress, {
          text: say.agentSays(ticket.lang, e.authorName ?? 'Support', e.text),
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
      await this.repo.saveTicket(ticket);
    }
    if (pending) await this.updateIndex(keys.outbox(), [t.id], []);
    if (unreachable && this.deps.desk && ticket.desk) {
      await this.deps.desk
        .post(ticket.desk, {
          from: 'system',
          text: '⚠️ The user has blocked the bot or closed their DMs: the last reply was not delivered.',
        })
        .catch((err: unknown) => log.warn({ err }, 'desk notice failed'));
    }
    return { unreachable, pending };
  }

  private async updateUserConversation(
    t: Ticket,
    change: (c: Conversation) => { state: Conversation; effects: FlowEffect[] },
    log: Logger,
  ): Promise<void> {
    const { platform } = t.userAddress;
    const conv =
      (await this.repo.conversation(platform, t.user.userId)) ??
      newConversation(t.lang, 'default', this.now());
    const { state, effects } = change(conv);
    await this.repo.saveConversation(platform, t.user.userId, state);
    for (const e of effects)
      if (e.type === 'reply') await this.sendToUser(t.userAddress, e.message, log);
  }

  // ─── outbox and indexes ─────────────────────────────────────────────────────────────────────

  private updateIndex(key: string, add: string[], remove: string[]): Promise<void> {
    return this.queue.run(`index:${key}`, () => this.repo.updateIds(key, add, remove));
  }

  /**
   * Retries undelivered desk posts, card updates and agent replies. A ticket leaves the outbox only
   * once everything is delivered; without a desk it stays there until one is configured.
   */
  async flushOutbox(): Promise<void> {
    if (!this.deps.desk) return;
    const ids = await this.repo.listIds(keys.outbox());
    for (const id of ids) {
      const first = await this.repo.ticket(id);
      if (!first) {
        await this.updateIndex(keys.outbox(), [], [id]);
        continue;
      }
      await this.queue.run(userKey(first.user.platform, first.user.userId), async () => {
        const log = this.log.child({ ticket: id, outbox: true });
        const ticket = await this.notifyUser((await this.repo.ticket(id))!, log);
        const synced = await this.syncDesk(ticket, log);
        const delivered = await this.deliverAgentReplies(synced.ticket, log);
        if (synced.ok && !delivered.pending) await this.updateIndex(keys.outbox(), [], [id]);
      });
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
        t.deskSynced < t.transcript.length ||
        t.transcript.some((e) => e.delivery === 'pending'),
    );
    if (behind.length)
      await this.updateIndex(
        keys.outbox(),
        behind.map((t) => t.id),
        [],
      );
  }

  /** Open and claimed tickets, newest first (terminal desk, health checks). */
  async openTickets(): Promise<Ticket[]> {
    const shards = await Promise.all(
      Array.from({ length: OPEN_SHARDS }, (_, i) => this.repo.listIds(keys.openTickets(i))),
    );
    const ids = shards.flat();
    const tickets = await Promise.all(ids.map((id) => this.repo.ticket(id)));
    return tickets.filter((t): t is Ticket => !!t).sort((a, b) => b.createdAt - a.createdAt);
  }
}

const userKey = (platform: string, userId: string) => `user:${platform}:${userId}`;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export function createSupportBot(deps: SupportBotDeps): SupportBot {
  return new SupportBot(deps);
}
