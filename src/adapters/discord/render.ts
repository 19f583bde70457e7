/**
 * Pure rendering of our outbound shapes into Discord message bodies: text split under the
 * 2,000-character limit and escaped, choices as buttons (5 per row, 5 rows), files at most 10 per
 * message, the case card as an embed within Discord's embed limits. No network.
 * @see https://discord.com/developers/docs/resources/message#create-message
 * @see https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 * @see https://discord.com/developers/docs/components/reference#button
 */
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIMessageTopLevelComponent,
  type RawFile,
  type RESTPostAPIChannelMessageJSONBody,
} from 'discord.js';
import type {
  CaseCard,
  Choice,
  DeskPost,
  OutboundFile,
  OutboundMessage,
  Priority,
  TicketStatus,
} from '../../core/types.ts';
import { escapeDiscord, NO_MENTIONS } from './markdown.ts';
import { cardLabels } from '../common/card-labels.ts';

export const MAX_CONTENT = 2000;
export const MAX_FILES_PER_MESSAGE = 10;
export const MAX_THREAD_NAME = 100;
const MAX_BUTTONS_PER_ROW = 5;
const MAX_ROWS = 5;
const MAX_BUTTON_LABEL = 80;

export interface RenderedMessage {
  body: RESTPostAPIChannelMessageJSONBody;
  files: RawFile[];
}

type ButtonRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** A message to a user: escaped text chunks, files on the last chunks, buttons on the last message. */
export function renderUserMessage(message: OutboundMessage): RenderedMessage[] {
  const rendered = assemble(splitText(message.text), message.files ?? []);
  const last = rendered[rendered.length - 1];
  if (last && message.choices?.length) last.body.components = choiceRows(message.choices);
  return rendered;
}

/**
 * Something posted into a case thread: a user's relayed message or a status line. With
 * `seniorRoleId`, a post that calls the seniors (`mentionSeniors`) pings that role — and only that
 * role — under its first part.
 */
export function renderDeskPost(post: DeskPost, seniorRoleId?: string): RenderedMessage[] {
  const header = post.from === 'user' ? `👤 **${escapeDiscord(post.authorName ?? 'user')}**` : 'ℹ️';
  const mention = post.mentionSeniors && seniorRoleId ? `🔔 <@&${seniorRoleId}>` : '';
  const room = MAX_CONTENT - header.length - 1 - (mention ? mention.length + 1 : 0);
  const chunks = splitText(post.text, room);
  if (chunks.length === 0) chunks.push('');
  chunks[0] = `${header}\n${chunks[0]}`.trimEnd() + (mention ? `\n${mention}` : '');
  const rendered = assemble(chunks, post.files ?? []);
  if (mention) rendered[0]!.body.allowed_mentions = { parse: [], roles: [seniorRoleId!] };
  return rendered;
}

/** Plain text (already escaped chunks) plus files → message bodies; never an empty message. */
function assemble(chunks: string[], files: readonly OutboundFile[]): RenderedMessage[] {
  const fileGroups: OutboundFile[][] = [];
  for (let i = 0; i < files.length; i += MAX_FILES_PER_MESSAGE)
    fileGroups.push(files.slice(i, i + MAX_FILES_PER_MESSAGE));
  const count = Math.max(chunks.length, fileGroups.length, 1);
  const out: RenderedMessage[] = [];
  for (let i = 0; i < count; i++) {
    // Files go with the last chunks, so the text reads first.
    const group = fileGroups[i - (count - fileGroups.length)] ?? [];
    out.push(messageWith(chunks[i] ?? '', group));
  }
  return out;
}

export function messageWith(content: string, files: readonly OutboundFile[]): RenderedMessage {
  const body: RESTPostAPIChannelMessageJSONBody = { allowed_mentions: NO_MENTIONS };
  if (content) body.content = content;
  const raw = files.map(toRawFile);
  if (raw.length) body.attachments = raw.map((f, id) => ({ id, filename: f.name }));
  return { body, files: raw };
}

export function toRawFile(file: OutboundFile): RawFile {
  return {
    name: file.fileName || 'file',
    data: Buffer.from(file.bytes),
    contentType: file.mimeType,
  };
}

/**
 * Splits raw text into escaped chunks of at most `limit` characters, at line breaks where it can,
 * then at spaces, then anywhere. Each chunk is escaped on its own, since each renders on its own.
 */
export function splitText(text: string, limit = MAX_CONTENT): string[] {
  const out: string[] = [];
  let current = '';
  const flush = (): void => {
    const escaped = escapeDiscord(current).trimEnd();
    if (escaped) out.push(escaped);
    current = '';
  };
  for (const line of text.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
    if (escapeDiscord(current + line).trimEnd().length <= limit) {
      current += line;
      continue;
    }
    flush();
    if (escapeDiscord(line).trimEnd().length <= limit) {
      current = line;
      continue;
    }
    for (const word of line.match(/\S+\s*|\s+/g) ?? []) {
      if (escapeDiscord(current + word).trimEnd().length <= limit) {
        current += word;
        continue;
      }
      flush();
      // A "word" longer than a message: cut it; escaping at most doubles a character.
      const chars = [...word];
      const step = Math.floor(limit / 2);
      for (let i = 0; i < chars.length; i += step) {
        current = chars.slice(i, i + step).join('');
        if (i + step < chars.length) flush();
      }
    }
  }
  flush();
  return out;
}

export function choiceRows(choices: readonly Choice[]): ButtonRow[] {
  const rows: ButtonRow[] = [];
  const usable = choices.slice(0, MAX_BUTTONS_PER_ROW * MAX_ROWS);
  for (let i = 0; i < usable.length; i += MAX_BUTTONS_PER_ROW) {
    rows.push({
      type: ComponentType.ActionRow,
      components: usable
        .slice(i, i + MAX_BUTTONS_PER_ROW)
        .map((c): APIButtonComponentWithCustomId => ({
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          custom_id: c.id,
          label: truncate(c.label, MAX_BUTTON_LABEL),
        })),
    });
  }
  return rows;
}

/**
 * The same buttons, all disabled, the pressed one highlighted: a used set of buttons cannot replay
 * a step, and the user sees what they chose.
 */
export function disableChoices(
  components: readonly APIMessageTopLevelComponent[],
  pressedId: string,
): APIMessageTopLevelComponent[] {
  return components.map((row) => {
    if (row.type !== ComponentType.ActionRow) return row;
    return {
      ...row,
      components: row.components.map((c) => {
        if (c.type !== ComponentType.Button || !('custom_id' in c)) return c;
        return {
          ...c,
          disabled: true,
          style: c.custom_id === pressedId ? ButtonStyle.Success : ButtonStyle.Secondary,
        };
      }),
    };
  });
}

// ── case card ─────────────────────────────────────────────────────────────────────────────────

const PRIORITY_COLOR: Record<Priority, number> = {
  urgent: 0xe74c3c,
  high: 0xe67e22,
  normal: 0x3498db,
  low: 0x95a5a6,
};
const STATUS_COLOR: Partial<Record<TicketStatus, number>> = { claimed: 0xf1c40f, closed: 0x2ecc71 };
const EMBED_TOTAL = 6000;
/** A field and the user's words sharing this much text say the same thing (not "250 USDT"). */
const SAME_TEXT_MIN = 60;

/** Thread / forum post name: the card title, within Discord's 100 characters. */
export function threadName(card: Pick<CaseCard, 'title' | 'ticketId'>): string {
  const name = truncate(card.title.replace(/\s+/g, ' ').trim(), MAX_THREAD_NAME);
  return name || card.ticketId;
}

/** The case card as an embed; everything the user or core wrote is escaped. */
export function renderCaseCard(card: CaseCard): APIEmbed {
  const who = [
    card.user.displayName ? escapeDiscord(card.user.displayName) : undefined,
    card.user.username ? `@${escapeDiscord(card.user.username)}` : undefined,
    `(${card.user.platform} ${card.user.userId})`,
  ].filter(Boolean);
  const title = cap(escapeDiscord(card.title), 256);
  const l = cardLabels(card);
  const fixed: NonNullable<APIEmbed['fields']> = [
    {
      name: l.status,
      value: cap(
        escapeDiscord(card.assignee ? `${l.statusValue} · ${card.assignee}` : l.statusValue),
        1024,
      ),
      inline: true,
    },
    { name: l.priority, value: l.priorityValue, inline: true },
    { name: l.intent, value: cap(escapeDiscord(card.intent), 1024), inline: true },
    { name: l.language, value: card.lang, inline: true },
    { name: l.user, value: cap(who.join(' '), 1024), inline: false },
  ];
  const size = (fields: NonNullable<APIEmbed['fields']>): number =>
    fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  // A long first message is shown once, whole: where the core posts it in full right under the
  // card, the card points there instead of showing a cut copy of it (as the user's words and as a
  // field it had read from them, which made three copies in the thread).
  const below = `*${escapeDiscord(l.inFullBelow ?? '⬇️ in full in the message below')}*`;
  const shownWords = card.wordsInFullBelow ? '' : card.userWords.trim();
  const uncut = (text: string) => text.trim().replace(/…$/, '');
  // A field holding a long part of the user's words (or all of them) is the same text told twice.
  const inWords = (value: string) =>
    uncut(value).length >= SAME_TEXT_MIN && uncut(card.userWords).includes(uncut(value));
  const inField = (words: string) =>
    uncut(words).length >= SAME_TEXT_MIN &&
    card.fields.some((f) => !f.inFullBelow && uncut(f.value).includes(uncut(words)));
  const words = shownWords && !inField(shownWords) ? shownWords : '';
  const description = words
    ? undefined
    : card.wordsInFullBelow
      ? `${escapeDiscord(l.userWords)} — ${below}`
      : undefined;
  // Embed total is 6000 characters: the user's words keep up to 2000, the fields share the rest.
  const wordsWant = words
    ? Math.min(escapeDiscord(words).length + 4, 2000)
    : (description?.length ?? 0);
  const collected = card.fields.slice(0, 25 - fixed.length);
  const budget = EMBED_TOTAL - title.length - card.ticketId.length - size(fixed) - wordsWant;
  // Share what is left fairly: short values keep all of theirs, long ones split the rest.
  const names = collected.map((f) => cap(escapeDiscord(f.label), 256) || '—');
  const values = collected.map((f) =>
    f.inFullBelow
      ? below
      : inWords(f.value) && (words || card.wordsInFullBelow)
        ? words
          ? `↑ ${escapeDiscord(l.userWords)}`
          : below
        : escapeDiscord(f.value) || '—',
  );
  let remaining = budget - names.reduce((n, x) => n + x.length, 0);
  const limits: number[] = [];
  const shortestFirst = values
    .map((_, i) => i)
    .sort((a, b) => values[a]!.length - values[b]!.length);
  shortestFirst.forEach((i, k) => {
    const fair = Math.floor(remaining / (shortestFirst.length - k));
    limits[i] = Math.min(values[i]!.length, 1024, Math.max(fair, 16));
    remaining -= limits[i]!;
  });
  const fields = [
    ...fixed,
    ...collected.map((_, i) => ({
      name: names[i]!,
      value: cap(values[i]!, limits[i]!),
      inline: true,
    })),
  ];
  const embed: APIEmbed = {
    title,
    color: STATUS_COLOR[card.status] ?? PRIORITY_COLOR[card.priority],
    fields,
    footer: { text: card.ticketId },
    timestamp: new Date(card.createdAt).toISOString(),
  };
  const room = Math.min(4096, EMBED_TOTAL - title.length - card.ticketId.length - size(fields));
  if (words && room > 8) embed.description = quote(words, room);
  else if (description) embed.description = description;
  return embed;
}

/** The user's words as a block quote, escaped, cut to `room` characters. */
function quote(text: string, room: number): string {
  let raw = text.trim();
  for (;;) {
    const out = `>>> ${escapeDiscord(raw)}`;
    if (out.length <= room) return out;
    raw = truncate(raw, Math.max(1, raw.length - (out.length - room) - 1));
  }
}

/** Cut escaped text to `max` characters with an ellipsis, never leaving a dangling backslash. */
function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  let body = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(body)) body = body.slice(0, -1);
  const backslashes = /\\+$/.exec(body)?.[0].length ?? 0;
  if (backslashes % 2 === 1) body = body.slice(0, -1);
  return `${body}…`;
}

export function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max && text.length <= max) return text;
  let out = chars.slice(0, max - 1).join('');
  while (out.length > max - 1) out = [...out].slice(0, -1).join('');
  return `${out}…`;
}
