import type { AgentDesk } from '../../core/ports.ts';
/**
 * Agent desk: one thread per ticket in the desk channel — a public thread when it is a text
 * channel, a post when it is a forum — never a channel per ticket (a category holds 50 channels).
 *
 * Public, on purpose: a private thread is visible only to its members and to Manage Threads
 * holders, so agents with a plain role would see nothing unless the bot added each of them (which
 * needs the privileged member list and misses agents who join later). A public thread is visible to
 * whoever can view the desk channel, and forum posts are public anyway; so visibility is the desk
 * channel's permissions, set once: only the agent role (and the bot) may view it. `start()` warns
 * when @everyone can view it.
 *
 * The card (an embed) is the thread's first message, edited on claim / close / reopen; closing
 * archives and locks the thread, reopening unarchives it. The card shows the state (status,
 * assignee, escalation); the thread is renamed only when the card's title changes, i.e. on an
 * escalation (Discord allows 2 renames per 10 minutes per thread). A post that calls the seniors
 * pings SENIOR_ROLE_ID, and nothing else. A deleted thread answers 10003 →
 * `thread_gone` (the core re-creates the case); an archived-and-locked one answers 50083 and is
 * unarchived once before the call is made again. After a kill between "thread created" and "card
 * posted", openCase gets that thread back (`existing`) and puts the card in it; only a thread
 * that is gone (10003) is created anew.
 * @see https://discord.com/developers/docs/topics/threads
 * @see https://discord.com/developers/docs/resources/channel#start-thread-without-message
 * @see https://discord.com/developers/docs/resources/channel#start-thread-in-forum-or-media-channel
 */
import {
  ChannelType,
  RESTJSONErrorCodes,
  Routes,
  type APIChannel,
  type APIMessage,
  type REST,
  type RESTPostAPIChannelThreadsJSONBody,
  type RESTPostAPIGuildForumThreadsJSONBody,
} from 'discord.js';
import { DeliveryError } from '../../core/errors.ts';
import type { CaseCard, DeskPost, DeskRef, OutboundFile } from '../../core/types.ts';
import type { Logger } from '../../log.ts';
import { discordCode, errorSummary, toDeliveryError } from './errors.ts';
import { NO_MENTIONS } from './markdown.ts';
import { PLATFORM } from './mapper.ts';
import {
  MAX_FILES_PER_MESSAGE,
  messageWith,
  renderCaseCard,
  renderDeskPost,
  threadName,
  type RenderedMessage,
} from './render.ts';
import { SendProgress, sendKey } from '../common/resume.ts';

export type DeskKind = 'text' | 'forum';

/** A week: the longest inactivity before Discord archives a thread by itself. */
const AUTO_ARCHIVE_MINUTES = 10080;

export interface DeskDeps {
  rest: REST;
  deskChannelId: string;
  log: Logger;
  /** The thread as discord.js's cache knows it (kept fresh by THREAD_CREATE / THREAD_UPDATE). */
  cachedThread(threadId: string): { name: string } | undefined;
  /** SENIOR_ROLE_ID: pinged in a post that calls the seniors (an escalation, a missed SLA target). */
  seniorRoleId?: string;
  /** Half-sent posts, remembered for the retry (shared with the user channel). */
  progress?: SendProgress;
}

export class DiscordAgentDesk implements AgentDesk {
  readonly platform = PLATFORM;
  private kindPromise: Promise<DeskKind> | undefined;
  private readonly progress: SendProgress;

  get hasSeniors(): boolean {
    return !!this.deps.seniorRoleId;
  }

  constructor(private readonly deps: DeskDeps) {
    this.progress = deps.progress ?? new SendProgress();
  }

  get channelId(): string {
    return this.deps.deskChannelId;
  }

  /** Text channel or forum, read from Discord once. */
  kind(): Promise<DeskKind> {
    this.kindPromise ??= this.deps.rest.get(Routes.channel(this.deps.deskChannelId)).then((raw) => {
      const type = (raw as APIChannel).type;
      if (type === ChannelType.GuildText) return 'text';
      if (type === ChannelType.GuildForum) return 'forum';
      throw new Error(
        `AGENT_DESK channel ${this.deps.deskChannelId} is a channel of type ${type}: use a text or forum channel`,
      );
    });
    this.kindPromise.catch(() => (this.kindPromise = undefined));
    return this.kindPromise;
  }

  async openCase(
    card: CaseCard,
    files: OutboundFile[],
    onCreated?: (ref: DeskRef) => Promise<void>,
    existing?: DeskRef,
  ): Promise<DeskRef> {
    const { deskChannelId } = this.deps;
    const name = threadName(card);
    const first = messageWith('', files.slice(0, MAX_FILES_PER_MESSAGE));
    first.body.embeds = [renderCaseCard(card)];
    const adopted =
      existing?.threadId && existing.chatId === deskChannelId
        ? await this.adopt(existing.threadId, card, first)
        : undefined;
    const ref = adopted ?? (await this.create(card, name, first, onCreated));
    for (let i = MAX_FILES_PER_MESSAGE; i < files.length; i += MAX_FILES_PER_MESSAGE) {
      await this.send(
        ref,
        messageWith('', files.slice(i, i + MAX_FILES_PER_MESSAGE)),
        'post case files',
      );
    }
    this.deps.log.info(
      { ticketId: card.ticketId, threadId: ref.threadId, adopted: !!adopted },
      'case thread opened',
    );
    return ref;
  }

  /**
   * The thread a killed run created (its id stored by onCreated) gets the card, unless it is gone
   * (10003: undefined, and openCase creates a new one). In a text channel the card was not posted
   * yet; a forum post was created with its card as the starter message, which is brought up to date.
   */
  private async adopt(
    threadId: string,
    card: CaseCard,
    first: RenderedMessage,
  ): Promise<DeskRef | undefined> {
    const { rest, deskChannelId, log } = this.deps;
    const ref: DeskRef = { platform: PLATFORM, chatId: deskChannelId, threadId };
    try {
      const thread = (await rest.get(Routes.channel(threadId))) as APIChannel & {
        parent_id?: string | null;
      };
      if (thread.parent_id !== deskChannelId) return undefined;
      let cardMessageId: string | undefined;
      if ((await this.kind()) === 'forum') {
        await rest
          .patch(Routes.channelMessage(threadId, threadId), {
            body: { embeds: first.body.embeds, allowed_mentions: NO_MENTIONS },
          })
          .then(
            () => (cardMessageId = threadId),
            (err: unknown) => {
              // The starter message was deleted: the card is posted again below.
              if (discordCode(err) !== RESTJSONErrorCodes.UnknownMessage) throw err;
            },
          );
      }
      if (cardMessageId === undefined) {
        let message: APIMessage | undefined;
        await this.inThread(ref, `adopt case ${card.ticketId}`, async () => {
          message = (await rest.post(Routes.channelMessages(threadId), {
            body: first.body,
            files: first.files,
          })) as APIMessage;
        });
        cardMessageId = message!.id;
      }
      await this.rename(threadId, threadName(card)).catch((err: unknown) =>
        log.warn({ threadId, error: errorSummary(err) }, 'adopted case thread not renamed'),
      );
      return { ...ref, cardMessageId };
    } catch (err) {
      const error = toDeliveryError(err, `adopt case ${card.ticketId}`);
      if (error.code !== 'thread_gone') throw error;
      log.info({ threadId }, 'the thread of a case opened before a restart is gone: opening anew');
      return undefined;
    }
  }

  private async create(
    card: CaseCard,
    name: string,
    first: RenderedMessage,
    onCreated?: (ref: DeskRef) => Promise<void>,
  ): Promise<DeskRef> {
    const { rest, deskChannelId } = this.deps;
    let threadId: string;
    let cardMessageId: string;
    try {
      if ((await this.kind()) === 'forum') {
        const body: RESTPostAPIGuildForumThreadsJSONBody = {
          name,
          auto_archive_duration: AUTO_ARCHIVE_MINUTES,
          message: first.body,
        };
        const post = (await rest.post(Routes.threads(deskChannelId), {
          body,
          files: first.files,
        })) as APIChannel & { message?: APIMessage };
        threadId = post.id;
        // A forum post's starter message shares the thread's id.
        cardMessageId = post.message?.id ?? post.id;
        await onCreated?.({ platform: PLATFORM, chatId: deskChannelId, threadId });
      } else {
        const body: RESTPostAPIChannelThreadsJSONBody = {
          name,
          type: ChannelType.PublicThread,
          auto_archive_duration: AUTO_ARCHIVE_MINUTES,
        };
        const thread = (await rest.post(Routes.threads(deskChannelId), { body })) as APIChannel;
        threadId = thread.id;
        await onCreated?.({ platform: PLATFORM, chatId: deskChannelId, threadId });
        cardMessageId = await this.postCard(thread.id, first);
      }
    } catch (err) {
      // 10003 here is the desk channel itself, not a case thread: re-creating would not help.
      const error = toDeliveryError(err, `open case ${card.ticketId}`);
      this.deps.log.error(
        { ticketId: card.ticketId, error: errorSummary(err) },
        'case thread not opened',
      );
      if (error.code === 'thread_gone')
        throw new DeliveryError('unknown', `AGENT_DESK channel ${deskChannelId} is gone`, {
          cause: err,
        });
      throw error;
    }
    return { platform: PLATFORM, chatId: deskChannelId, threadId, cardMessageId };
  }

  /**
   * The card into a fresh thread. If it cannot be posted, the empty thread is deleted, so the
   * core's later retry of openCase does not leave a case without a card behind.
   */
  private async postCard(threadId: string, card: RenderedMessage): Promise<string> {
    const { rest, log } = this.deps;
    try {
      const message = (await rest.post(Routes.channelMessages(threadId), {
        body: card.body,
        files: card.files,
      })) as APIMessage;
      return message.id;
    } catch (err) {
      await rest.delete(Routes.channel(threadId)).then(
        () => log.info({ threadId }, 'empty case thread removed after the card failed'),
        (cleanup: unknown) =>
          log.warn({ threadId, error: errorSummary(cleanup) }, 'empty case thread left behind'),
      );
      throw err;
    }
  }

  async updateCard(ref: DeskRef, card: CaseCard): Promise<void> {
    const { rest } = this.deps;
    await this.inThread(
      ref,
      `update card ${card.ticketId}`,
      async () => {
        await this.rename(ref.threadId, threadName(card));
        const body = { embeds: [renderCaseCard(card)], allowed_mentions: NO_MENTIONS };
        try {
          await rest.patch(Routes.channelMessage(ref.threadId, ref.cardMessageId ?? ref.threadId), {
            body,
          });
        } catch (err) {
          // Someone deleted the card message (10008): post the card again in the thread.
          if (discordCode(err) !== RESTJSONErrorCodes.UnknownMessage) throw err;
          await rest.post(Routes.channelMessages(ref.threadId), { body });
        }
      },
      // A closed case's card (e.g. its rating) is edited without leaving the thread active.
      card.status === 'closed',
    );
  }

  async post(ref: DeskRef, post: DeskPost): Promise<string[] | void> {
    const steps = renderDeskPost(post, this.deps.seniorRoleId).map(
      (part) => () => this.send(ref, part, 'post to case'),
    );
    // The outbox retries a post that failed half-way: resume, so no part appears twice.
    const ids = await this.progress.run(
      () => sendKey(`dc:${ref.threadId}`, post.text, post),
      steps,
    );
    if (!post.files?.length && ids) return ids;
  }

  /**
   * Rewrites the bot's own messages in the thread (PATCH; a bot may edit its messages at any
   * time) and deletes those the shorter text no longer needs.
   * @see https://discord.com/developers/docs/resources/message#edit-message
   */
  async redactPost(ref: DeskRef, messageIds: string[], post: DeskPost): Promise<void> {
    const parts = renderDeskPost({ ...post, files: [] });
    if (parts.length > messageIds.length)
      throw new Error('the rewritten post needs more messages than it replaces');
    for (const [i, id] of messageIds.entries()) {
      const part = parts[i];
      await this.inThread(ref, 'rewrite a post', () =>
        part
          ? this.deps.rest.patch(Routes.channelMessage(ref.threadId, id), { body: part.body })
          : this.deps.rest.delete(Routes.channelMessage(ref.threadId, id)),
      );
    }
  }

  async closeCase(ref: DeskRef, card: CaseCard): Promise<void> {
    await this.updateCard(ref, card);
    await this.inThread(ref, `close case ${card.ticketId}`, () =>
      this.deps.rest.patch(Routes.channel(ref.threadId), {
        body: { archived: true, locked: true },
      }),
    );
  }

  async reopenCase(ref: DeskRef, card: CaseCard): Promise<void> {
    await this.inThread(ref, `reopen case ${card.ticketId}`, () =>
      this.deps.rest.patch(Routes.channel(ref.threadId), {
        body: { archived: false, locked: false },
      }),
    );
    await this.updateCard(ref, card);
  }

  /** Sends one message into the thread; answers its id. */
  private async send(ref: DeskRef, part: RenderedMessage, what: string): Promise<string> {
    // Sending to an archived thread unarchives it unless it is locked (closed case): then 50083.
    const message = await this.inThread(
      ref,
      what,
      () =>
        this.deps.rest.post(Routes.channelMessages(ref.threadId), {
          body: part.body,
          files: part.files,
        }) as Promise<APIMessage>,
    );
    return message.id;
  }

  /** Thread renames are limited to 2 per 10 minutes per thread: rename only on a real change. */
  private async rename(threadId: string, name: string): Promise<void> {
    let current = this.deps.cachedThread(threadId)?.name;
    if (current === undefined)
      current =
        ((await this.deps.rest.get(Routes.channel(threadId))) as APIChannel).name ?? undefined;
    if (current !== name) await this.deps.rest.patch(Routes.channel(threadId), { body: { name } });
  }

  /** Runs a call on a case thread; an archived thread is unarchived once and the call made again. */
  private async inThread<T>(
    ref: DeskRef,
    what: string,
    call: () => Promise<T>,
    rearchive = false,
  ): Promise<T> {
    try {
      try {
        return await call();
      } catch (err) {
        if (discordCode(err) !== RESTJSONErrorCodes.InvalidActionOnArchivedThread) throw err;
        this.deps.log.info({ threadId: ref.threadId }, 'case thread archived: unarchiving');
        await this.deps.rest.patch(Routes.channel(ref.threadId), { body: { archived: false } });
        const answer = await call();
        // Discord caps active threads per server: a closed case goes back to the archive.
        if (rearchive)
          await this.deps.rest.patch(Routes.channel(ref.threadId), {
            body: { archived: true, locked: true },
          });
        return answer;
      }
    } catch (err) {
      const error = toDeliveryError(err, what);
      this.deps.log.warn(
        { threadId: ref.threadId, code: error.code, error: errorSummary(err) },
        'desk call failed',
      );
      throw error;
    }
  }
}
