import type { AgentDesk } from '../../core/ports.ts';
/**
 * The agent desk on Telegram: a forum supergroup with one topic per ticket. The topic's first
 * message is the case card (HTML, user text escaped), followed by the screenshots as an album; the
 * card is edited on every change, the topic renamed when the card's title changes (an escalation:
 * ⬆️ and a higher priority), closed on close and reopened on reopen. A post that calls the seniors
 * (`mentionSeniors`) mentions SENIOR_AGENT_IDS under its text (see seniors.ts). A deleted topic
 * answers 400 "message thread not found" (or TOPIC_ID_INVALID, or "message to edit not found" for
 * the card): all are `DeliveryError('thread_gone')`, and the core re-creates the case. After a
 * kill between "topic created" and "card posted", openCase gets that topic back (`existing`) and
 * posts the card and files into it; only when it is gone is a new topic created.
 * @see https://core.telegram.org/bots/api#createforumtopic
 * @see https://core.telegram.org/bots/api#editmessagetext
 * @see https://core.telegram.org/bots/api#editforumtopic
 * @see https://core.telegram.org/bots/api#closeforumtopic
 */
import { GrammyError, InputFile, type Api } from 'grammy';
import type { CaseCard, DeskPost, DeskRef, OutboundFile } from '../../core/types.ts';
import type { Logger } from '../../log.ts';
import {
  CAPTION_LIMIT,
  renderCard,
  renderMentions,
  renderPost,
  TEXT_LIMIT,
  topicIconColor,
  topicName,
  truncate,
} from './card.ts';
import { describeError, isNotModified, isThreadGone, toDeliveryError } from './errors.ts';
import { SendProgress, sendKey } from '../common/resume.ts';
import { sendFiles } from './files.ts';
import { PLATFORM } from './mapper.ts';
import type { Mention } from './seniors.ts';
import { splitText } from './text.ts';

const NO_PREVIEW = { link_preview_options: { is_disabled: true } } as const;

/** A topic's id for a send; none for the General topic (threadId ''). */
const inThread = (threadId: string) =>
  threadId ? { message_thread_id: Number(threadId) } : ({} as const);

export class TelegramAgentDesk implements AgentDesk {
  readonly platform = PLATFORM;
  /** Topic names we set, so a card update renames the topic only when the title changed. */
  private names = new Map<string, string>();

  constructor(
    private readonly api: Api,
    readonly chatId: string,
    private readonly log: Logger,
    /** SENIOR_AGENT_IDS, mentioned in a post that calls the seniors (`mentionSeniors`). */
    private readonly seniors?: { readonly size: number; mentions(): Promise<Mention[]> },
    private readonly progress = new SendProgress(),
  ) {}

  get hasSeniors(): boolean {
    return (this.seniors?.size ?? 0) > 0;
  }

  async openCase(
    card: CaseCard,
    files: OutboundFile[],
    onCreated?: (ref: DeskRef) => Promise<void>,
    existing?: DeskRef,
  ): Promise<DeskRef> {
    const log = this.log.child({ ticketId: card.ticketId });
    if (existing?.threadId && existing.chatId === this.chatId) {
      const adopted = await this.adopt(existing.threadId, card, files, log);
      if (adopted) return adopted;
    }
    const name = topicName(card);
    const topic = await this.api
      .createForumTopic(this.chatId, name, { icon_color: topicIconColor(card.priority) })
      .catch((err: unknown) => {
        throw toDeliveryError(err, 'desk');
      });
    const threadId = topic.message_thread_id;
    this.names.set(String(threadId), name);
    let cardMessageId: number;
    try {
      await onCreated?.({ platform: PLATFORM, chatId: this.chatId, threadId: String(threadId) });
      const rendered = renderCard(card);
      const message = await this.api.sendMessage(this.chatId, rendered.html, {
        message_thread_id: threadId,
        parse_mode: 'HTML',
        ...NO_PREVIEW,
      });
      cardMessageId = message.message_id;
      // The screenshots belong to the case: if they cannot be posted, the whole case is opened
      // again later (the core retries openCase) rather than left without its evidence.
      if (files.length > 0) await sendFiles(this.api, this.chatId, files, { threadId });
    } catch (err) {
      // A topic without its card or files is no use to agents, and the core will open the case again.
      await this.api
        .deleteForumTopic(this.chatId, threadId)
        .catch((e: unknown) =>
          log.warn({ threadId, err: describeError(e) }, 'could not remove a half-opened topic'),
        );
      this.names.delete(String(threadId));
      throw toDeliveryError(err, 'desk');
    }
    const ref: DeskRef = {
      platform: PLATFORM,
      chatId: this.chatId,
      threadId: String(threadId),
      cardMessageId: String(cardMessageId),
    };
    log.info({ threadId, cardMessageId, files: files.length }, 'case opened on the telegram desk');
    return ref;
  }

  /**
   * The card and files into the topic a killed run created (Telegram cannot list topics: the
   * stored id is all we have). Sending the card is the probe: a deleted topic answers "message
   * thread not found", and then undefined tells openCase to create a new one.
   */
  private async adopt(
    topic: string,
    card: CaseCard,
    files: OutboundFile[],
    log: Logger,
  ): Promise<DeskRef | undefined> {
    const threadId = Number(topic);
    let cardMessageId: number;
    try {
      const message = await this.api.sendMessage(this.chatId, renderCard(card).html, {
        message_thread_id: threadId,
        parse_mode: 'HTML',
        ...NO_PREVIEW,
      });
      cardMessageId = message.message_id;
    } catch (err) {
      if (!isThreadGone(err)) throw toDeliveryError(err, 'desk');
      log.info(
        { threadId },
        'the topic of a case opened before a restart is gone: opening a new one',
      );
      return undefined;
    }
    try {
      if (files.length > 0) await sendFiles(this.api, this.chatId, files, { threadId });
    } catch (err) {
      // The retry adopts the topic again and posts the card anew: take this one back.
      await this.api
        .deleteMessage(this.chatId, cardMessageId)
        .catch((e: unknown) =>
          log.warn(
            { threadId, err: describeError(e) },
            'could not remove a card without its files',
          ),
        );
      throw toDeliveryError(err, 'desk');
    }
    const ref: DeskRef = {
      platform: PLATFORM,
      chatId: this.chatId,
      threadId: topic,
      cardMessageId: String(cardMessageId),
    };
    // The topic still has the name it was created with; the card may have changed since.
    await this.rename(ref, card).catch((e: unknown) =>
      log.warn({ threadId, err: describeError(e) }, 'could not rename an adopted topic'),
    );
    log.info(
      { threadId, cardMessageId, files: files.length },
      'case card posted in its existing topic',
    );
    return ref;
  }

  async updateCard(ref: DeskRef, card: CaseCard): Promise<void> {
    await this.rename(ref, card);
    const rendered = renderCard(card);
    const threadId = Number(ref.threadId);
    const postNew = () =>
      this.api.sendMessage(ref.chatId, rendered.html, {
        message_thread_id: threadId,
        parse_mode: 'HTML',
        ...NO_PREVIEW,
      });
    try {
      if (ref.cardMessageId === undefined) {
        await postNew();
        return;
      }
      try {
        await this.api.editMessageText(ref.chatId, Number(ref.cardMessageId), rendered.html, {
          parse_mode: 'HTML',
          ...NO_PREVIEW,
        });
      } catch (err) {
        // The card message is gone: post it again in the topic. If the topic is gone too, that
        // answers "message thread not found" and the core re-creates the case.
        if (!(err instanceof GrammyError && /message to edit not found/i.test(err.description)))
          throw err;
        await postNew();
      }
    } catch (err) {
      if (isNotModified(err)) return;
      throw toDeliveryError(err, 'desk');
    }
  }

  async post(ref: DeskRef, post: DeskPost): Promise<string[] | void> {
    const threadId = Number(ref.threadId);
    const mention =
      post.mentionSeniors && this.seniors?.size
        ? renderMentions(await this.seniors.mentions())
        : undefined;
    if (post.mentionSeniors && !mention)
      this.log.debug({ threadId }, 'seniors called, but SENIOR_AGENT_IDS is empty: no mention');
    const parts = renderPost(post, TEXT_LIMIT, mention);
    const files = post.files ?? [];
    try {
      const only = parts.length === 1 ? parts[0] : undefined;
      if (files.length === 1 && only && only.plainLength <= CAPTION_LIMIT) {
        await sendFiles(this.api, ref.chatId, files, {
          threadId,
          caption: only.html,
          parseMode: 'HTML',
        });
        return;
      }
      const steps: Array<() => Promise<unknown>> = parts
        .filter((part) => part.plainLength > 0)
        .map(
          (part) => () =>
            this.api.sendMessage(ref.chatId, part.html, {
              message_thread_id: threadId,
              parse_mode: 'HTML',
              ...NO_PREVIEW,
            }),
        );
      if (files.length > 0) steps.push(() => sendFiles(this.api, ref.chatId, files, { threadId }));
      // The outbox retries a post that failed half-way: resume, so no part appears twice.
      const sent = await this.progress.run(
        () => sendKey(`tg:${ref.chatId}:${threadId}`, post.text, post),
        steps,
      );
      // A text post's messages (sendMessage answers the Message), for redactPost.
      if (files.length === 0 && sent)
        return (sent as Array<{ message_id: number }>).map((m) => String(m.message_id));
    } catch (err) {
      throw toDeliveryError(err, 'desk');
    }
  }

  /**
   * Rewrites the bot's own text messages in the topic (editMessageText: a bot edits its own
   * messages at any time; only business messages have a 48-hour limit) and deletes those the
   * shorter text no longer needs.
   * @see https://core.telegram.org/bots/api#editmessagetext
   */
  async redactPost(ref: DeskRef, messageIds: string[], post: DeskPost): Promise<void> {
    const parts = renderPost(post, TEXT_LIMIT).filter((part) => part.plainLength > 0);
    if (parts.length > messageIds.length)
      throw new Error('the rewritten post needs more messages than it replaces');
    try {
      for (const [i, id] of messageIds.entries()) {
        const part = parts[i];
        if (!part) {
          await this.api.deleteMessage(ref.chatId, Number(id));
          continue;
        }
        await this.api
          .editMessageText(ref.chatId, Number(id), part.html, { parse_mode: 'HTML', ...NO_PREVIEW })
          .catch((err: unknown) => {
            if (!isNotModified(err)) throw err;
          });
      }
    } catch (err) {
      throw toDeliveryError(err, 'desk');
    }
  }

  async closeCase(ref: DeskRef, card: CaseCard): Promise<void> {
    await this.updateCard(ref, card);
    await this.topicState(ref, 'close');
  }

  async reopenCase(ref: DeskRef, card: CaseCard): Promise<void> {
    await this.topicState(ref, 'reopen');
    await this.updateCard(ref, card);
  }

  /**
   * Sends the agent's feedback into the topic (or the General topic: threadId ''), as a reply to
   * the agent's message; a long answer (the queue) in as many messages as it needs.
   */
  async feedback(chatId: string, threadId: string, replyTo: string, text: string): Promise<void> {
    for (const part of splitText(text, TEXT_LIMIT))
      await this.api.sendMessage(chatId, part, {
        ...inThread(threadId),
        reply_parameters: { message_id: Number(replyTo), allow_sending_without_reply: true },
      });
  }

  /** Feedback that comes with a file (the `/transcript` export): the file, captioned with the text. */
  async feedbackFile(
    chatId: string,
    threadId: string,
    replyTo: string,
    text: string,
    file: OutboundFile,
  ): Promise<void> {
    const caption = truncate(text, CAPTION_LIMIT);
    await this.api.sendDocument(chatId, new InputFile(file.bytes, file.fileName), {
      ...inThread(threadId),
      ...(caption.trim() ? { caption } : {}),
      reply_parameters: { message_id: Number(replyTo), allow_sending_without_reply: true },
    });
  }

  /** A 👌 reaction on the agent's message: "done", without a message in the topic. */
  async acknowledge(chatId: string, messageId: string): Promise<void> {
    await this.api.setMessageReaction(chatId, Number(messageId), [{ type: 'emoji', emoji: '👌' }]);
  }

  private async topicState(ref: DeskRef, action: 'close' | 'reopen'): Promise<void> {
    const threadId = Number(ref.threadId);
    try {
      if (action === 'close') await this.api.closeForumTopic(ref.chatId, threadId);
      else await this.api.reopenForumTopic(ref.chatId, threadId);
    } catch (err) {
      if (isNotModified(err)) return; // already closed / already open
      throw toDeliveryError(err, 'desk');
    }
  }

  private async rename(ref: DeskRef, card: CaseCard): Promise<void> {
    const name = topicName(card);
    if (this.names.get(ref.threadId) === name) return;
    try {
      await this.api.editForumTopic(ref.chatId, Number(ref.threadId), { name });
    } catch (err) {
      if (!isNotModified(err)) throw toDeliveryError(err, 'desk');
    }
    this.names.set(ref.threadId, name);
  }
}
