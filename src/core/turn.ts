import type { Logger } from 'pino';
import type { CoreContext } from './context.ts';
import { userKey } from './context.ts';
import type { DeskSync } from './desk-sync.ts';
import { errorRef, StoreError } from './errors.ts';
import { lazyChild } from './lazy-log.ts';
import { FloodGuard } from './flood.ts';
import { indexStatusChange } from './outbox.ts';
import { StoreOutage } from './outage.ts';
import { localeOf, type Script } from './texts.ts';
import { RECENT_IDS, newConversation, resetCase, type Conversation } from './flow/state.ts';
import { PHRASE_PARTS_MS, step } from './flow/step.ts';
import type { FlowEffect, FlowInput, TicketRaise } from './flow/types.ts';
import type { EvidenceFile } from './evidence.ts';
import { userMark, type Intake } from './intake.ts';
import { langFromCode } from './nlu/text.ts';
import { scriptFromCode } from './script.ts';
import { keys, openShardOf } from './repo.ts';
import { beforeCaseAfter } from './tickets/before-case.ts';
import { secretNamesIn } from './tickets/card.ts';
import { userEntryText } from './tickets/transcript.ts';
import { firstAnswerOverdue, pauseCredit, restartSla, startSla } from './tickets/sla.ts';
import {
  appendBotReplies,
  appendUserMessage,
  escalate,
  maskPartsSince,
  newTicket,
  raiseForSecurity,
  rate,
  THREAT,
  reopenByUser,
  REOPENED_BY_USER,
  type ReopenWhy,
  type Ticket,
  type TranscriptEntry,
  type UserMark,
  userReachable,
  userSays,
  userLanguage,
  readingOf,
} from './tickets/ticket.ts';
import type { UserEvent } from './types.ts';

/**
 * A user turn: dedup by message id, the flood guard, one step of the conversation, then persist
 * (a new ticket in the open index before it is written, tickets before the conversation that
 * points at them) and deliver (replies to the user, then the desk). State is written only when the
 * whole turn succeeded; a failure answers the user with a reference that is in the log.
 */
/** Files one user may send in a day (screenshots of a case are 3 to 10). */
const MAX_FILES_PER_DAY = 60;
/** How long after half a one-time code its rest, alone in a message, is masked too. */
const CODE_REST_MS = 2 * 60_000;
/** A desk post put off for the user's next message is made anyway after this long. */
const DESK_LATER_MS = 2_000;
/** How long nothing must be in flight before the posts put off for a backlog go out. */
const IDLE_FLUSH_MS = 1;

/** The user wrote: a case waiting for them stops waiting (its resolution clock ran paused). */
function userAnswered(t: Ticket, now: number): Ticket {
  if (t.waitingSince === undefined) return t;
  const { waitingSince, nudgedAt: _n, ...rest } = t;
  const sla = pauseCredit(t.sla, now - waitingSince);
  return { ...rest, ...(sla ? { sla } : {}) };
}

/**
 * The step the user's last buttons belong to is over: the turn moved to another phase or question
 * and showed no new buttons (their number, `prompt`, is the same).
 */
const stepFinished = (before: Conversation, after: Conversation): boolean =>
  after.prompt === before.prompt &&
  (after.phase !== before.phase ||
    after.slot !== before.slot ||
    !!after.editing !== !!before.editing);

/** A case the user's turn opened again: with the stars given just before, or for more details. */
interface Reopened {
  id: string;
  rating?: number;
  why?: ReopenWhy;
}

/**
 * The files the step handed to a case: relayed, opened with it, or sent with a message that
 * opened a closed one again (a screenshot the agent asked for, sent after the close: it had been
 * dropped, the desk told "missing on this instance").
 */
const effectFiles = (effects: FlowEffect[]): EvidenceFile[] =>
  effects.flatMap((e) =>
    e.type === 'relay' || e.type === 'reopen'
      ? e.files
      : e.type === 'open_ticket'
        ? e.draft.evidence
        : [],
  );

/** Phases of a problem being worked on before its case exists (a new one, after a rating). */
const AFTER_THE_CASE: ReadonlySet<Conversation['phase']> = new Set([
  'self_help',
  'clarifying',
  'switching',
  'collecting',
  'confirming',
  'editing',
]);

export class UserTurns {
  private readonly flood: FloodGuard;

  constructor(
    private readonly ctx: CoreContext,
    private readonly intake: Intake,
    private readonly deskSync: DeskSync,
  ) {
    // Shared between instances when the store is (it has a lock): counted once whoever gets it.
    this.flood = new FloodGuard(ctx.deps.store.lock ? ctx.deps.store : undefined);
    this.outage = new StoreOutage(ctx, (e) =>
      ctx.queue.run(userKey(e.address.platform, e.user.userId), () => this.userTurn(e, true)),
    );
  }

  async handle(event: UserEvent): Promise<void> {
    this.ctx.counters.userTurns++;
    this.busy++;
    try {
      await this.turnInOrder(event);
    } finally {
      if (--this.busy === 0 && this.deskLater.size) this.flushWhenIdle();
    }
  }

  /** User turns in flight in this process (running, or waiting for their user's earlier ones). */
  private busy = 0;
  private idleFlush: NodeJS.Timeout | undefined;

  /**
   * Nothing in flight: the desk posts put off because others were busy go out, unless new turns
   * start within IDLE_FLUSH_MS (the next batch of a backlog), which put them off further.
   */
  private flushWhenIdle(): void {
    this.idleFlush ??= setTimeout(() => {
      this.idleFlush = undefined;
      if (this.busy === 0) void this.postAllPutOff(true);
    }, IDLE_FLUSH_MS);
    this.idleFlush.unref();
  }

  private turnInOrder(event: UserEvent): Promise<void> {
    const key = userKey(event.address.platform, event.user.userId);
    // During a store outage a user's messages queue up on disk behind the ones already there
    // (in this process's order, without the shared lock the outage makes unreachable).
    if (this.outage.isSpooling(key))
      return this.ctx.queue.runLocal(key, () => this.outage.keep(key, event));
    return this.ctx.queue.run(
      key,
      async () => {
        if (this.outage.isSpooling(key)) return this.outage.keep(key, event);
        await this.userTurn(event);
      },
      {
        unavailable: (err) => {
          if (!this.outage.canSpool) throw err;
          return this.outage.unreachable(key, event, err, this.ctx.log);
        },
      },
    );
  }

  /**
   * By user: the open case whose desk post waits — for that user's next update, already received
   * (UserEvent.queuedAfter), or for a moment with no turn in flight (`busy`) — so the last of a
   * burst posts them all as one (DeskSync merges the waiting texts). Kept on the ticket meanwhile
   * (`deskSynced` behind): after a crash the recovery at start posts it; a timer posts it if
   * neither comes within DESK_LATER_MS.
   */
  private readonly deskLater = new Map<
    string,
    { ticketId: string; dueAt: number; ownNextQueued: boolean }
  >();
  /**
   * One timer for all the put-off posts, armed for the earliest (the map's first entry: entries
   * are added with the same delay, in time order), not one per relayed message: a burst puts off
   * hundreds (measured: setTimeout, clearTimeout and unref were 5 % of the relay burst's CPU).
   */
  private laterTimer: NodeJS.Timeout | undefined;

  /** Store outages: messages kept on disk until the store answers again (outage.ts). */
  readonly outage: StoreOutage;

  /** `fromSpool`: replayed from the spool, a store error goes back to the spool's caller. */
  private async userTurn(event: UserEvent, fromSpool = false): Promise<void> {
    const log = lazyChild(this.ctx.log, {
      platform: event.address.platform,
      chatId: event.address.chatId,
      messageId: event.messageId,
    });
    const started = performance.now();
    const now = this.ctx.now();
    const key = userKey(event.address.platform, event.user.userId);
    let lang = langFromCode(event.user.languageCode) ?? 'en';
    let script: Script | undefined;
    try {
      const stored = await this.ctx.repo.conversation(event.address.platform, event.user.userId);
      const hint = langFromCode(event.user.languageCode);
      let conv = stored ?? newConversation(hint ?? 'en', hint ? 'platform' : 'default', now);
      // (A Traditional-Chinese app is answered in Traditional before the user writes a word.)
      if (!stored && hint === 'zh') {
        const told = scriptFromCode(event.user.languageCode);
        if (told) conv.script = told;
      }
      lang = conv.lang;
      script = conv.script;
      if (conv.recent.includes(event.messageId)) {
        const last = conv.lastReplies;
        if (event.replayed && last?.messageId === event.messageId) {
          log.info({ replies: last.messages.length }, 'replies of a turn cut short sent again');
          for (const m of last.messages) await this.ctx.sendToUser(event.address, m, log);
        } else log.debug('duplicate message ignored');
        return;
      }
      // The case was closed while the user's conversation still points at it (a close whose
      // conversation update failed): start afresh rather than write into a closed ticket.
      const loaded = new Map<string, Ticket>();
      if (conv.phase === 'handed_off' && conv.ticketId && event.type === 'message') {
        const current = await this.ctx.repo.ticket(conv.ticketId);
        if (!current || current.status === 'closed') conv = resetCase(conv);
        else loaded.set(current.id, current);
      }
      // Forwarded (from whom) or an edit: said with the words on the case and its transcript.
      const mark = userMark(event);
      const run =
        conv.listRun && now - conv.listRun.at < PHRASE_PARTS_MS ? conv.listRun : undefined;
      const { input, held } = await this.intake.toFlowInput(
        event,
        log,
        conv.secretPrints,
        (conv.phraseUntil ?? 0) > now,
        run?.text ?? '',
        now - (conv.codeHalfAt ?? -Infinity) < CODE_REST_MS,
      );
      // A per-user daily quota of files: cancelling and starting again cannot fill the disk.
      if (input.kind === 'text' && input.files.length) conv = this.applyQuota(conv, input, now);
      // Texts and commands count (40 × /help are not 40 answers); button presses do not.
      const flood = input.kind !== 'choice' ? await this.flood.check(key, now) : 'ok';
      const openTicket = conv.ticketId ? loaded.get(conv.ticketId) : undefined;
      // An edit before a case is open (or after it closed) is not read as a new answer: at a
      // later question it would be misread (a corrected id at "how much?" was taken for a wrong
      // amount). It is kept for the agents, marked as an edit, and the user asked to send the
      // correction as a message. (With a secret in it, the flow handles it like any message.)
      if (
        mark.edited &&
        !openTicket &&
        flood === 'ok' &&
        input.kind === 'text' &&
        !input.sensitive.length &&
        !input.listOnly &&
        !input.codeHalf
      ) {
        lang = await this.editBeforeCase(event, conv, input, mark, now, log);
        return;
      }
      // The case the user is on: for /status, and for a message to it (its priority and agent
      // tell "is anyone there?" how long the wait is).
      const ticket =
        event.type === 'command' && event.command === 'status' && conv.ticketId
          ? await this.ctx.repo.ticket(conv.ticketId)
          : openTicket;
      const channel = this.ctx.channel(event.address.platform);
      const stepped = step(conv, input, {
        catalog: this.ctx.deps.catalog,
        classifier: this.ctx.deps.classifier,
        texts: this.ctx.texts,
        traditional: this.ctx.traditional,
        clock: this.ctx.clock,
        canDeleteMessages: !!channel?.deleteUserMessage,
        txid: this.ctx.txid,
        now,
        newTicketId: this.ctx.newTicketId,
        user: event.user,
        address: event.address,
        ...(this.ctx.deps.staffAlias ? { staffAlias: this.ctx.deps.staffAlias } : {}),
        ...(ticket && ticket.status !== 'closed'
          ? {
              ticket: {
                id: ticket.id,
                status: ticket.status,
                priority: ticket.priority,
                intent: ticket.intent,
                fields: ticket.fields,
                ...(firstAnswerOverdue(ticket, now) ? { overdue: true } : {}),
                ...(ticket.assignee ? { assignee: ticket.assignee.displayName } : {}),
              },
            }
          : {}),
      });
      const { state } = stepped;
      let { effects } = stepped;
      // Over the flood limit: every message still goes through the flow (nothing is dropped; on
      // an open case the desk gets them merged), but the bot answers only once, to say so —
      // except a secret's warning: a user pasting their recovery phrase word by word, fast, is
      // told to move their funds and the case raised, as at any pace (flooded messages on a case
      // had been kept on it past the flow: the phrase reached the desk, the case stayed normal).
      const secret = effects.some(
        (e) => e.type === 'delete_message' || (e.type === 'relay' && e.raise !== undefined),
      );
      if (flood !== 'ok' && !secret) {
        effects = effects.filter((e) => e.type !== 'reply');
        if (flood === 'notice')
          effects.push({
            type: 'reply',
            message: {
              text: this.ctx.texts.get(
                localeOf(state.lang, state.script),
                openTicket ? 'say.slowDownToAgent' : 'say.slowDownFlow',
              ),
            },
          });
      }
      state.recent = [...conv.recent, event.messageId].slice(-RECENT_IDS);
      // Only the files the step kept are written: held until a ticket takes them.
      if (held.size) await held.hold([...state.files, ...effectFiles(effects)]);

      // Persist: a new ticket is listed in the open index before it is written, tickets before
      // the conversation that points at them.
      await this.avoidIdCollisions(effects, state, loaded);
      // The replies as they go out (after a clashing ticket id was replaced): texts and buttons
      // only, the bot never attaches files to its own replies.
      const replies = effects.flatMap((e) =>
        e.type === 'reply'
          ? [{ text: e.message.text, ...(e.message.choices ? { choices: e.message.choices } : {}) }]
          : [],
      );
      if (replies.length) state.lastReplies = { messageId: event.messageId, messages: replies };
      else delete state.lastReplies;
      const opened = effects.flatMap((e) => (e.type === 'open_ticket' ? [e.draft.id] : []));
      // What was said before the case: kept on the conversation, stored with the case it opens.
      const beforeCase = beforeCaseAfter(conv, input, replies, now, state.beforeCase, mark);
      if (opened.length) delete state.beforeCase;
      else if (beforeCase) state.beforeCase = beforeCase;
      // (A crash before its desk sync is caught by recover(): it is in the open index.)
      for (const id of opened)
        await this.ctx.updateIndex(keys.openTickets(openShardOf(id)), [id], []);
      const reopened: Reopened[] = [];
      const raised: Array<{
        id: string;
        raise: TicketRaise;
        already: boolean;
        threatNew?: boolean;
      }> = [];
      const partsMasked: Array<{ id: string; n: number; posted: number[] }> = [];
      const languageSwitched: string[] = [];
      const touched = await this.applyTicketEffects(
        effects,
        now,
        event.messageId,
        log,
        loaded,
        reopened,
        raised,
        opened.length ? beforeCase : undefined,
        partsMasked,
        replies.map((r) => r.text),
        mark,
        { lang: state.lang, script: state.script, switched: languageSwitched },
        // Rated, then a new problem in the same turn ("4", then "my deposit hasn't arrived
        // either" at the comment): the new problem's replies are not the closed case's.
        AFTER_THE_CASE.has(state.phase),
      );
      // Several instances: if this one dies before the case reaches the desk, another one's
      // outbox finishes it (a single process does so at its restart, from the open index).
      // Listed once the ticket is written: an outbox that finds no ticket drops the id.
      if (opened.length && this.ctx.deps.store.lock)
        await this.ctx.updateIndex(keys.outbox(), opened, []);
      // A message relayed to an open case changes nothing in the conversation but its dedup
      // window, and the ticket keeps the message id itself (a redelivery is kept once): one write
      // fewer on the busiest path.
      const sameCase =
        conv.phase === 'handed_off' &&
        state.phase === 'handed_off' &&
        state.ticketId === conv.ticketId;
      const relayOnly =
        sameCase &&
        state.lang === conv.lang &&
        state.script === conv.script &&
        state.listRun === conv.listRun &&
        state.codeHalfAt === conv.codeHalfAt &&
        effects.length > 0 &&
        effects.every((e) => e.type === 'relay');
      // A message to the open case, answered or not ("still waiting?" is told the wait once).
      const relayed =
        sameCase &&
        effects.some((e) => e.type === 'relay') &&
        effects.every((e) => e.type === 'relay' || e.type === 'reply');
      if (!relayOnly)
        await this.ctx.repo.saveConversation(event.address.platform, event.user.userId, state);
      lang = state.lang;

      // Deliver: a message holding a secret is deleted first, then replies, then the desk.
      for (const [i, e] of effects.entries())
        if (e.type === 'delete_message') {
          // Said right after the warning, before the step's next question.
          const deleted = await this.deleteUserMessage(event, log);
          // A phrase typed in parts: the earlier parts go too (they sit in the chat as well).
          const earlier = deleted
            ? await this.deleteEarlierParts(event, effects, openTicket, log)
            : 0;
          effects[i] = {
            type: 'reply',
            message: {
              text: earlier
                ? this.ctx.texts.get(localeOf(state.lang, state.script), 'say.secretPartsDeleted')
                : deleted
                  ? e.done
                  : e.failed,
            },
          };
        }
      // The step whose buttons the user last got is over — answered in words ("send it" typed at
      // the summary), or left — and no new buttons came: they are taken off, not left on screen.
      // (A pressed keyboard the adapter took off already; a new keyboard replaces the old one.)
      if (input.kind !== 'choice' && stepFinished(conv, state))
        await this.closeChoices(event.address, log);
      let answered = false;
      for (const e of effects)
        if (e.type === 'reply') {
          await this.ctx.sendToUser(event.address, e.message, log);
          answered = true;
        }
      // Replies out: a replay of this message after a crash (in the desk sync below) must not
      // send them again. (A relay sends none: nothing to remember.)
      if (answered) event.onRepliesSent?.();
      const later = this.deskLater.get(key);
      if (later) this.deskLater.delete(key);
      // A message relayed while more work waits — this user's next update, or other users'
      // turns (a backlog) — leaves its desk post for later: that next turn, the moment nothing
      // is in flight any more, or a timer. The desk gets a user's burst as one post (Telegram
      // takes about 20 messages a minute into one group), and users' answers go out first.
      const ownNextQueued = (event.queuedAfter ?? 0) > 0;
      // (A case raised to urgent, or whose user now writes another language, goes out now, with
      // its announcement.)
      const putOff =
        relayed &&
        !raised.length &&
        !languageSwitched.length &&
        touched.length === 1 &&
        (ownNextQueued || this.busy > 1 || flood !== 'ok')
          ? touched[0]!
          : undefined;
      // A post put off by the previous message, for another case than this turn's (rare: the
      // case changed in between).
      if (later && !touched.some((t) => t.id === later.ticketId))
        await this.syncTicket(later.ticketId, log);
      if (putOff) this.postLater(key, putOff.id, ownNextQueued);
      // (A flood's: listed for the outbox too, which posts it with the rest on its next round.)
      if (putOff && flood !== 'ok') await this.ctx.updateIndex(keys.outbox(), [putOff.id], []);
      for (const t of putOff ? [] : touched) {
        const synced = await this.deskSync.sync(t, log);
        const reopen = reopened.find((r) => r.id === t.id);
        // (Rated just before, "1" then "it still hasn't arrived": the stars told too.)
        if (reopen)
          await this.deskSync.announce(
            synced.ticket,
            !reopen.why && reopen.rating !== undefined
              ? this.ctx.desk('reopenedByUserRated', { id: t.id, rating: reopen.rating })
              : this.ctx.desk(REOPENED_BY_USER[reopen.why ?? 'unsolved'].key, { id: t.id }),
            log,
            reopen.why === 'senior',
          );
        const parts = partsMasked.find((p) => p.id === t.id);
        if (parts?.posted.length) {
          // Rewritten on the desk where it can; otherwise the agents are asked to delete them.
          const removed = await this.deskSync.redactPosts(synced.ticket, parts.posted, log);
          await this.deskSync.announce(
            synced.ticket,
            this.ctx.desk(removed ? 'phrasePartsRemoved' : 'phrasePartsMasked', {
              id: t.id,
              n: parts.posted.length,
            }),
            log,
            true,
          );
        }
        // The bot answers the user in it already; agents are asked to as well.
        if (languageSwitched.includes(t.id)) {
          const reading = readingOf(synced.ticket.lang, synced.ticket.script);
          await this.deskSync.announce(
            synced.ticket,
            this.ctx.desk('userLanguage', { id: t.id, lang: this.ctx.desk(`lang${reading}`) }),
            log,
          );
        }
        const up = raised.find((r) => r.id === t.id);
        // (A threat flags the case without raising it: told on its own, below.)
        if (up && (up.raise.distress || up.raise.report || up.raise.secrets.length)) {
          const key = up.raise.distress
            ? 'distressRaised'
            : up.raise.report
              ? 'securityReported'
              : 'secretPasted';
          await this.deskSync.announce(
            synced.ticket,
            this.ctx.desk(up.already ? `${key}OnUrgent` : key, {
              id: t.id,
              what: secretNamesIn(this.ctx.texts, this.ctx.deskLocale, up.raise.secrets),
            }),
            log,
            true,
          );
        }
        // A threat against our staff: the seniors told, on a case it opened or flagged.
        if ((up?.threatNew || opened.includes(t.id)) && t.flags?.includes(THREAT))
          await this.deskSync.announce(
            synced.ticket,
            this.ctx.desk('threatFlagged', { id: t.id }),
            log,
            true,
          );
        if (opened.includes(t.id) && t.escalated)
          await this.deskSync.announce(
            synced.ticket,
            this.ctx.desk('escalated', {
              id: t.id,
              reason: this.ctx.deskAside(
                [t.escalated.by, t.escalated.reason].filter(Boolean).join(': '),
              ),
              priority: this.ctx.priorityName(t.priority),
            }),
            log,
            true,
          );
      }
      log.info(
        {
          ms: Math.round((performance.now() - started) * 100) / 100,
          phase: state.phase,
          intent: state.intent,
          ...(state.clarifyOptions ? { options: state.clarifyOptions } : {}),
          ticket: state.ticketId,
        },
        'user turn',
      );
    } catch (err) {
      // The store is down: the message is kept on disk and answered when the store is back.
      if (err instanceof StoreError && fromSpool) throw err;
      if (err instanceof StoreError && this.outage.canSpool) {
        try {
          await this.outage.unreachable(key, event, err, log);
          return;
        } catch (spoolErr) {
          log.error({ err: spoolErr }, 'spool write failed');
        }
      }
      const ref = errorRef();
      log.error({ err, ref }, 'user turn failed; state not written');
      await this.ctx
        .sendToUser(
          event.address,
          { text: this.ctx.texts.get(localeOf(lang, script), 'say.error', { ref }) },
          log,
        )
        .catch(() => undefined);
    }
  }

  /** Posts what waits for the desk on a ticket (read afresh: later turns may have added to it). */
  private async syncTicket(id: string, log: Logger): Promise<void> {
    const t = await this.ctx.repo.ticket(id);
    if (t) await this.deskSync.sync(t, log);
  }

  private postLater(key: string, ticketId: string, ownNextQueued: boolean): void {
    this.deskLater.set(key, { ticketId, dueAt: performance.now() + DESK_LATER_MS, ownNextQueued });
    this.armLaterTimer();
  }

  /** Arms the shared timer for the earliest put-off post, if it is not armed. */
  private armLaterTimer(): void {
    if (this.laterTimer) return;
    const first = this.deskLater.values().next();
    if (first.done) return;
    this.laterTimer = setTimeout(
      () => {
        this.laterTimer = undefined;
        const now = performance.now();
        for (const [key, later] of this.deskLater) {
          if (later.dueAt > now) break;
          // Taken out now (the next timer is armed for the entries left), posted in the user's
          // turn order: a turn of theirs that runs first and puts a post off again makes a new
          // entry, and a sync with nothing left to post posts nothing.
          this.deskLater.delete(key);
          void this.inTurn(key, () => this.syncTicket(later.ticketId, this.ctx.log));
        }
        this.armLaterTimer();
      },
      Math.max(0, first.value.dueAt - performance.now()),
    );
    this.laterTimer.unref();
  }

  /** The user's put-off desk post, in their turn order (at stop, or once nothing is in flight). */
  private postPutOff(key: string): Promise<void> {
    return this.inTurn(key, async () => {
      const later = this.deskLater.get(key);
      if (!later) return;
      this.deskLater.delete(key);
      await this.syncTicket(later.ticketId, this.ctx.log);
    });
  }

  /** A put-off post made in the user's turn order; a failure is left to the recovery. */
  private inTurn(key: string, post: () => Promise<void>): Promise<void> {
    return this.ctx.queue
      .run(key, post)
      .catch((err: unknown) =>
        this.ctx.log.warn({ err }, 'put-off desk post failed; the recovery posts it at start'),
      );
  }

  /**
   * Stop: the desk posts still put off are made now. `idle` (nothing in flight any more): those
   * put off because others were busy; one whose user's next update is already received waits
   * for that update's turn.
   */
  async postAllPutOff(idle = false): Promise<void> {
    if (!idle) {
      clearTimeout(this.idleFlush);
      clearTimeout(this.laterTimer);
      this.idleFlush = this.laterTimer = undefined;
    }
    await Promise.all(
      [...this.deskLater]
        .filter(([, later]) => !idle || !later.ownNextQueued)
        .map(([key]) => this.postPutOff(key)),
    );
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
        const existing = await this.ctx.repo.ticket(draft.id);
        if (!existing) break;
        if (
          existing.user.platform === draft.user.platform &&
          existing.user.userId === draft.user.userId
        ) {
          loaded.set(existing.id, existing); // a retried confirm: applyTicketEffects keeps it
          break;
        }
        const fresh = this.ctx.newTicketId();
        for (const r of effects)
          if (r.type === 'reply')
            r.message = { ...r.message, text: r.message.text.replaceAll(draft.id, fresh) };
        if (state.ticketId === draft.id) state.ticketId = fresh;
        draft.id = fresh;
      }
    }
  }

  /** Takes the finished step's buttons off the user's screen (best effort). */
  private async closeChoices(to: UserEvent['address'], log: Logger): Promise<void> {
    try {
      await this.ctx.channel(to.platform)?.closeChoices?.(to);
    } catch (err) {
      log.debug({ err }, "finished step's buttons not taken off");
    }
  }

  /**
   * A message edited while no case is open: kept with what was said before the case (marked as
   * an edit, so the agents see it if a case opens), not stepped through the flow; the user is
   * told to send the correction as a new message.
   */
  private async editBeforeCase(
    event: UserEvent,
    conv: Conversation,
    input: FlowInput,
    mark: UserMark,
    now: number,
    log: Logger,
  ): Promise<Conversation['lang']> {
    const reply = {
      text: this.ctx.texts.get(localeOf(conv.lang, conv.script), 'say.editNotRead'),
    };
    const state: Conversation = {
      ...conv,
      recent: [...conv.recent, event.messageId].slice(-RECENT_IDS),
      updatedAt: now,
      // (Sent again if the turn is replayed after a crash before the reply went out.)
      lastReplies: { messageId: event.messageId, messages: [reply] },
    };
    const lines = beforeCaseAfter(conv, input, [reply], now, conv.beforeCase, mark);
    if (lines) state.beforeCase = lines;
    await this.ctx.repo.saveConversation(event.address.platform, event.user.userId, state);
    await this.ctx.sendToUser(event.address, reply, log);
    event.onRepliesSent?.();
    log.info({ phase: conv.phase }, 'edit before a case: kept, the user asked to resend');
    return state.lang;
  }

  /**
   * Deletes the user's message that held a secret, where the platform allows it. A refusal is
   * not a failure of the turn: the user is asked to delete it themselves.
   */
  private async deleteUserMessage(event: UserEvent, log: Logger): Promise<boolean> {
    const channel = this.ctx.channel(event.address.platform);
    if (!channel?.deleteUserMessage) return false;
    try {
      const ok = await channel.deleteUserMessage(event.address, event.messageId);
      log.info({ deleted: ok }, 'message with a secret deleted');
      return ok;
    } catch (err) {
      log.warn({ err }, 'message with a secret not deleted');
      return false;
    }
  }

  /**
   * The user's earlier messages that were parts of the phrase this one completes (the relay's
   * TicketRaise.partsSince, on the open case), deleted where the platform allows it; answers
   * how many were.
   */
  private async deleteEarlierParts(
    event: UserEvent,
    effects: readonly FlowEffect[],
    ticket: Ticket | undefined,
    log: Logger,
  ): Promise<number> {
    const since = effects.find((e) => e.type === 'relay' && e.raise?.partsSince !== undefined);
    if (!ticket || since?.type !== 'relay' || since.raise?.partsSince === undefined) return 0;
    const base = ticket.transcriptBase ?? 0;
    const ids = maskPartsSince(ticket, since.raise.partsSince)
      .entries.map((i) => ticket.transcript[i - base]?.messageId)
      .filter((id): id is string => !!id && id !== event.messageId);
    let n = 0;
    for (const messageId of ids)
      if (await this.deleteUserMessage({ ...event, messageId }, log)) n++;
    return n;
  }

  /**
   * A new case's first words (or a field filled from them) with the messages the user forwarded
   * marked, as the desk reads them ("↪️ Forwarded from …" above the scammer's words, not shown as
   * the user's own): each forwarded line said before the case, found whole in the words.
   */
  private markForwarded(words: string, lines: readonly TranscriptEntry[] | undefined): string {
    let out = words;
    // (In order: the words keep the messages' order; a text forwarded twice is marked twice.)
    let from = 0;
    for (const e of lines ?? []) {
      if (e.from !== 'user' || !e.forwarded || !e.text.trim()) continue;
      // Whole lines only: a short forwarded "hi" is not the "hi" inside "this".
      for (let i = out.indexOf(e.text, from); i >= 0; i = out.indexOf(e.text, i + 1)) {
        const end = i + e.text.length;
        if ((i > 0 && out[i - 1] !== '\n') || (end < out.length && out[end] !== '\n')) continue;
        const marked = userEntryText(
          { text: e.text, forwarded: e.forwarded },
          this.ctx.texts,
          this.ctx.deskLocale,
        );
        out = out.slice(0, i) + marked + out.slice(end);
        from = i + marked.length;
        break;
      }
    }
    return out;
  }

  /** Moves files a ticket now references from held to kept. */
  private async keepAll(files: EvidenceFile[]): Promise<EvidenceFile[]> {
    for (const f of files) await this.ctx.deps.evidence.keep(f);
    return files;
  }

  /** Files over the user's daily quota are refused (told like any refused file). */
  private applyQuota(
    conv: Conversation,
    input: Extract<FlowInput, { kind: 'text' }>,
    now: number,
  ): Conversation {
    const day = new Date(now).toISOString().slice(0, 10);
    const used = conv.uploads?.day === day ? conv.uploads.n : 0;
    const room = Math.max(0, MAX_FILES_PER_DAY - used);
    if (input.files.length > room) {
      input.files = input.files.slice(0, room);
      input.rejected = [...input.rejected, 'quota'];
    }
    return { ...conv, uploads: { day, n: used + input.files.length } };
  }

  private async applyTicketEffects(
    effects: FlowEffect[],
    now: number,
    messageId: string,
    log: Logger,
    loaded: Map<string, Ticket> = new Map(),
    reopenedByUser: Reopened[] = [],
    raised: Array<{ id: string; raise: TicketRaise; already: boolean; threatNew?: boolean }> = [],
    beforeCase?: TranscriptEntry[],
    partsMasked: Array<{ id: string; n: number; posted: number[] }> = [],
    /** The turn's replies: kept on the case the turn's last message to it went to. */
    replies: readonly string[] = [],
    /** The user's message was forwarded or an edit (its entry on the case says so). */
    mark: UserMark = {},
    /**
     * The language and script the user writes now (the conversation's): a case relayed to takes
     * them, and its id is listed in `switched` when the desk should hear of it.
     */
    writes?: { lang: Conversation['lang']; script: Script | undefined; switched: string[] },
    /** The conversation went on to a new problem: a rating's case gets none of the replies. */
    onToANewProblem = false,
  ): Promise<Ticket[]> {
    const touched = new Map<string, Ticket>();
    const onCase = (e: FlowEffect) =>
      e.type === 'relay' || e.type === 'reopen' || e.type === 'rate';
    const lastOnCase = effects.findLastIndex(onCase);
    const withReplies = (i: number, t: Ticket) =>
      i === lastOnCase && !(onToANewProblem && effects[i]!.type === 'rate')
        ? appendBotReplies(t, replies, now)
        : t;
    // The ticket as this turn last left it, else as loaded, else from the store.
    const ticketOf = async (id: string): Promise<Ticket> => {
      const t = touched.get(id) ?? loaded.get(id) ?? (await this.ctx.repo.ticket(id));
      if (!t) throw new Error(`ticket ${id} is missing from the store`);
      return t;
    };
    for (const [i, e] of effects.entries()) {
      if (e.type === 'open_ticket') {
        // A confirm retried after a failed turn reuses its id: keep the ticket already written
        // (avoidIdCollisions looked it up).
        const existing = loaded.get(e.draft.id);
        for (const f of e.draft.evidence) await this.ctx.deps.evidence.keep(f);
        let t =
          existing ??
          newTicket(
            {
              ...e.draft,
              userWords: this.markForwarded(e.draft.userWords, beforeCase),
              // ("What happened: …" filled from a forwarded message: said to be forwarded too.)
              fields: Object.fromEntries(
                Object.entries(e.draft.fields).map(([k, v]) => [
                  k,
                  this.markForwarded(v, beforeCase),
                ]),
              ),
            },
            now,
          );
        if (!existing) {
          // A user who asked for a manager (or accepted a senior agent) starts escalated.
          if (t.flags?.includes('senior_requested'))
            t = escalate(t, this.ctx.desk('byUser'), this.ctx.desk('userAskedSenior'), now);
          t = { ...t, sla: startSla(t, this.ctx.clock) };
        }
        if (!existing) {
          // (Written before the ticket that counts its lines.)
          if (beforeCase?.length) {
            await this.ctx.repo.saveBeforeCase(t.id, beforeCase);
            t = { ...t, beforeCaseLines: beforeCase.length };
          }
          await this.ctx.repo.saveTicket(t);
          this.ctx.counters.ticketsOpened++;
        }
        log.info(
          { ticket: t.id, intent: t.intent, priority: t.priority, again: !!existing },
          'ticket opened',
        );
        touched.set(t.id, t);
      } else if (e.type === 'reopen') {
        const current = await ticketOf(e.ticketId);
        // (Already open again, by an agent or a redelivered message: the words are added.)
        const wasClosed = current.status === 'closed';
        let next = withReplies(
          i,
          appendUserMessage(
            wasClosed ? reopenByUser(current, now, e.why) : current,
            e.text,
            await this.keepAll(e.files),
            now,
            messageId,
            mark,
          ),
        );
        // A manager asked for after a poor rating: the senior agents take it (priority high).
        if (e.why === 'senior')
          next = escalate(next, this.ctx.desk('byUser'), this.ctx.desk('userAskedSenior'), now);
        // Listed open before it is written as open (a crash in between: the recovery finds it).
        if (wasClosed) {
          await indexStatusChange(this.ctx, next.id, 'reopened', current.closedAt);
          reopenedByUser.push({
            id: next.id,
            ...(current.rating !== undefined ? { rating: current.rating } : {}),
            ...(e.why ? { why: e.why } : {}),
          });
        }
        await this.ctx.repo.saveTicket(next);
        touched.set(next.id, next);
      } else if (e.type === 'relay' || e.type === 'rate') {
        const current = await ticketOf(e.ticketId);
        let next =
          e.type === 'relay'
            ? userAnswered(
                appendUserMessage(
                  current,
                  e.text,
                  await this.keepAll(e.files),
                  now,
                  messageId,
                  mark,
                ),
                now,
              )
            : { ...rate(current, e.rating, e.comment), deskStale: true }; // the card shows the rating
        // A field given or put right after the case opened: the card redrawn with it.
        if (e.type === 'relay' && e.fields) {
          const given = Object.keys(e.fields);
          next = {
            ...next,
            fields: { ...next.fields, ...e.fields },
            unverified: next.unverified.filter((u) => !given.includes(u)),
            deskStale: true,
          };
        }
        if (e.type === 'relay' && e.userSays) next = userSays(next, e.userSays);
        if (e.type === 'relay') next = userReachable(next);
        if (e.type === 'relay' && writes) {
          const before = readingOf(next.lang, next.script);
          next = userLanguage(next, writes.lang, writes.script, now);
          if (readingOf(next.lang, next.script) !== before) writes.switched.push(next.id);
        }
        // Another problem told on the case: on the card, so that it is not closed unanswered.
        if (e.type === 'relay' && e.also && e.also !== next.intent && !next.also?.includes(e.also))
          next = { ...next, also: [...(next.also ?? []), e.also], deskStale: true };
        // A phrase sent in parts: the earlier parts, relayed as they came, masked on the case.
        if (e.type === 'relay' && e.raise?.partsSince !== undefined) {
          const masked = maskPartsSince(next, e.raise.partsSince);
          if (masked.n) {
            // Those the desk already has (the others are posted masked).
            const posted = masked.entries.filter((i) => i < next.deskSynced);
            next = masked.ticket;
            partsMasked.push({ id: next.id, n: masked.n, posted });
          }
        }
        if (e.type === 'relay' && e.raise) {
          const up = raiseForSecurity(next, e.raise, now);
          if (up !== next) {
            // Urgent targets from now, the card and the topic's mark redrawn, the desk told. (On
            // a case urgent already its targets stand, and the desk is not told "raised".)
            const already = next.priority === 'urgent';
            const threatNew = !!e.raise.threat && !next.flags?.includes(THREAT);
            next = {
              ...up,
              // (A threat alone leaves the priority, and so the targets, as they were.)
              ...(up.priority === next.priority
                ? {}
                : { sla: restartSla(up, this.ctx.clock, now) }),
              deskStale: true,
            };
            raised.push({ id: next.id, raise: e.raise, already, threatNew });
          }
        }
        next = withReplies(i, next);
        await this.ctx.repo.saveTicket(next);
        touched.set(next.id, next);
      }
    }
    return [...touched.values()];
  }
}
