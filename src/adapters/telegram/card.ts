/**
 * Desk rendering with `parse_mode: 'HTML'`: the case card (the topic's first message, edited on
 * claim / close) and posts relayed into a topic. Every piece of user-provided text is escaped;
 * labels are for agents (not users) and stay in English.
 * @see https://core.telegram.org/bots/api#html-style
 * @see https://core.telegram.org/bots/api#createforumtopic (icon_color)
 */
import type { CaseCard, DeskPost, Priority, TicketStatus } from '../../core/types.ts';
import { cardLabels } from '../common/card-labels.ts';
import { splitText } from './text.ts';

/** Telegram allows exactly these six topic icon colours. */
export const TOPIC_ICON_COLORS = {
  blue: 0x6fb9f0,
  yellow: 0xffd67e,
  violet: 0xcb86db,
  green: 0x8eee98,
  rose: 0xff93b2,
  red: 0xfb6f5f,
} as const;

export type TopicIconColor = (typeof TOPIC_ICON_COLORS)[keyof typeof TOPIC_ICON_COLORS];

const PRIORITY_COLOR: Record<Priority, TopicIconColor> = {
  urgent: TOPIC_ICON_COLORS.red,
  high: TOPIC_ICON_COLORS.yellow,
  normal: TOPIC_ICON_COLORS.blue,
  low: TOPIC_ICON_COLORS.green,
};

const STATUS_MARK: Record<TicketStatus, string> = {
  open: '🟢',
  claimed: '🟡',
  closed: '⚫',
};

export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;
/** createForumTopic: 1–128 characters. */
export const TOPIC_NAME_LIMIT = 128;

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function topicIconColor(priority: Priority): TopicIconColor {
  return PRIORITY_COLOR[priority];
}

export function topicName(card: CaseCard): string {
  return truncate(card.title, TOPIC_NAME_LIMIT);
}

/** HTML plus the length the reader sees, which is what Telegram's 4096 / 1024 limits count. */
export interface Rendered {
  html: string;
  plainLength: number;
}

/** Builds HTML from parts so the visible length is known without parsing it back. */
class HtmlBuilder {
  private html = '';
  private plain = 0;

  raw(html: string, visible: string): this {
    this.html += html;
    this.plain += [...visible].length;
    return this;
  }

  text(text: string): this {
    return this.raw(escapeHtml(text), text);
  }

  /** Another piece already rendered. */
  append(piece: Rendered): this {
    this.html += piece.html;
    this.plain += piece.plainLength;
    return this;
  }

  tag(tag: string, text: string, attrs = ''): this {
    return this.raw(`<${tag}${attrs}>${escapeHtml(text)}</${tag}>`, text);
  }

  get length(): number {
    return this.plain;
  }

  build(): Rendered {
    return { html: this.html, plainLength: this.plain };
  }
}

export function renderCard(card: CaseCard): Rendered {
  const b = new HtmlBuilder();
  b.text(card.priorityMark ? `${card.priorityMark} ` : '')
    .tag('b', card.ticketId)
    .text(` · ${card.intent} · ${card.lang}\n`);
  const l = cardLabels(card);
  b.text(
    `${l.status}: ${STATUS_MARK[card.status]} ${l.statusValue} · ${l.priority}: ${l.priorityValue}\n`,
  );
  b.text(`${l.assignee}: ${card.assignee ?? '—'}\n`);
  b.text(`${l.user}: `);
  const name = card.user.displayName ?? card.user.userId;
  if (card.user.platform === 'telegram' && /^\d+$/.test(card.user.userId)) {
    b.tag('a', name, ` href="tg://user?id=${card.user.userId}"`);
  } else {
    b.text(name);
  }
  if (card.user.username) b.text(` @${card.user.username}`);
  b.text(` (${card.user.platform}:${card.user.userId})\n`);
  b.text(
    `${l.opened}: ${new Date(card.createdAt).toISOString().replace('T', ' ').slice(0, 16)} UTC\n`,
  );
  for (const field of card.fields)
    b.text('\n').tag('b', field.label).text(': ').tag('code', field.value);
  const head = b.length;
  const words = card.userWords.trim();
  if (words.length > 0) {
    // The card must fit one message: the user's words give way, never the ticket's facts.
    const room = TEXT_LIMIT - head - 40;
    b.text('\n\n')
      .tag('b', l.userWords)
      .text('\n')
      .tag('blockquote', truncate(words, Math.max(room, 0)));
  }
  return b.build();
}

/**
 * A post into a topic, as one or more messages: the user's relayed words under their name, or a
 * status line in italics. Long text is split (never cut: an agent must see all the user wrote).
 */
export function renderPost(
  post: DeskPost,
  limit: number = TEXT_LIMIT,
  mention?: Rendered,
): Rendered[] {
  const header = post.from === 'user' ? `👤 ${post.authorName ?? 'User'}` : 'ℹ️';
  // The mention line goes under the first part's text, so the notification shows what it is about.
  const room = limit - [...header].length - 2 - (mention ? mention.plainLength + 1 : 0);
  const chunks = post.text.length > 0 ? splitText(post.text, room) : [''];
  return chunks.map((chunk, i) => {
    const b = new HtmlBuilder();
    if (i === 0) {
      if (post.from === 'user') b.tag('b', header);
      else b.text(header);
      if (chunk.length > 0) b.text(post.from === 'user' ? '\n' : ' ');
    }
    if (post.from === 'system') b.tag('i', chunk);
    else b.text(chunk);
    if (i === 0 && mention) b.text('\n').append(mention);
    return b.build();
  });
}

/**
 * "🔔 @alice, Bob": the senior agents called into a case — `@username` where they have one, a text
 * mention by id otherwise (both notify a member of the desk group).
 * @see https://core.telegram.org/bots/api#html-style (`<a href="tg://user?id=…">`)
 */
export function renderMentions(
  mentions: ReadonlyArray<{ userId: string; name: string; username?: string }>,
): Rendered | undefined {
  if (mentions.length === 0) return undefined;
  const b = new HtmlBuilder().text('🔔 ');
  mentions.forEach((m, i) => {
    if (i > 0) b.text(', ');
    if (m.username) b.text(`@${m.username}`);
    else if (/^\d+$/.test(m.userId)) b.tag('a', m.name, ` href="tg://user?id=${m.userId}"`);
    else b.text(m.name);
  });
  return b.build();
}

/** Cuts to `max` characters (code points), marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  if (max <= 1) return chars.slice(0, max).join('');
  return `${chars.slice(0, max - 1).join('')}…`;
}
