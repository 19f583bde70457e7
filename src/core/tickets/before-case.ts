import type { Conversation } from '../flow/state.ts';
import type { FlowInput } from '../flow/types.ts';
import type { OutboundMessage } from '../types.ts';
import type { TranscriptEntry, UserMark } from './ticket.ts';

/**
 * The exchange before a case opens, kept on the conversation and stored with the ticket, so the
 * case's transcript shows what the bot asked and answered and what the user said and pressed
 * (the card has only the fields and the user's words): an agent auditing a case sees the
 * self-help the user was already given.
 */

/** Lines kept (the newest): a case takes 10 to 20 to open. */
const MAX_LINES = 40;
/**
 * Characters of one line kept: a self-help answer is 300 to 1,600 (the withdrawal's, 1,050, had
 * been cut before its last step, "Send us the withdrawal …").
 */
const MAX_CHARS = 2_000;
/** Lines older than this are dropped: a day-old chat is not how this case began. */
const MAX_AGE_MS = 86_400_000;

/** Phases whose turns are not before a case: the case is open, or its survey is running. */
const NOT_BEFORE = new Set<Conversation['phase']>([
  'handed_off',
  'survey_rating',
  'survey_comment',
]);

const cut = (text: string) => (text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS - 1)}…` : text);

/** What the user did, as a line: their (masked) words and files, the button, the command. */
function userLine(input: FlowInput, before: Conversation, at: number): TranscriptEntry | undefined {
  if (input.kind === 'text') {
    if (!input.text && !input.files.length) return undefined;
    return {
      at,
      from: 'user',
      text: cut(input.text),
      ...(input.files.length ? { files: input.files } : {}),
    };
  }
  if (input.kind === 'command') return { at, from: 'user', text: `/${input.command}` };
  const label = before.lastReplies?.messages
    .flatMap((m) => m.choices ?? [])
    .find((c) => c.id === input.id)?.label;
  return { at, from: 'user', text: label ?? input.id.split(':').pop()!, pressed: true };
}

const botLine = (m: OutboundMessage, at: number): TranscriptEntry => ({
  at,
  from: 'bot',
  text:
    cut(m.text) + (m.choices?.length ? `\n  [${m.choices.map((c) => c.label).join('] [')}]` : ''),
});

/**
 * The lines before a case, after a turn: `before` is the conversation the turn started from, `replies` what the
 * bot said. A turn on an open case or its survey adds nothing (the ticket's transcript has it).
 */
export function beforeCaseAfter(
  before: Conversation,
  input: FlowInput,
  replies: OutboundMessage[],
  now: number,
  /** The lines so far, as the turn left them (it may have masked a part of a phrase in them). */
  lines = before.beforeCase,
  /** The user's message was forwarded (from whom) or an edit: said on its line. */
  mark: UserMark = {},
): TranscriptEntry[] | undefined {
  if (NOT_BEFORE.has(before.phase)) return undefined;
  const kept = (lines ?? []).filter((e) => now - e.at < MAX_AGE_MS);
  const said = userLine(input, before, now);
  const user = said && input.kind === 'text' ? { ...said, ...mark } : said;
  const all = [...kept, ...(user ? [user] : []), ...replies.map((m) => botLine(m, now))];
  return all.length ? all.slice(-MAX_LINES) : undefined;
}
