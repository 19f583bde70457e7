import type { IntentCatalog } from '../intents.ts';
import { evidenceName } from '../evidence.ts';
import { langOf, type Locale, type Texts } from '../texts.ts';
import type { ForwardedFrom, OutboundFile } from '../types.ts';
import { fieldLabel, placeholderIn, priorityIn, secretNamesIn, statusIn } from './card.ts';
import type { Ticket, TranscriptEntry } from './ticket.ts';

const stamp = (at: number) => new Date(at).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

/** A system entry in `locale`: its event when it has one, else its English text. */
export function entryText(e: TranscriptEntry, texts: Texts, locale: Locale): string {
  if (!e.event || !texts.has(`event.${e.event.key}`)) return e.text;
  const vars: Record<string, string> = { ...e.event.vars };
  if (vars['secrets'] !== undefined)
    vars['what'] = secretNamesIn(texts, locale, vars['secrets'].split(','));
  return texts.get(locale, `event.${e.event.key}`, vars);
}

/** Who wrote a forwarded message, in `locale`: "Wallet Support (@wallet_help)", "Anna (account hidden)". */
export function forwardedName(f: ForwardedFrom, texts: Texts, locale: Locale): string {
  if (f.hidden) return texts.get(locale, 'desk.forwardHidden', { name: f.name });
  return f.username && f.username !== f.name ? `${f.name} (@${f.username})` : f.name;
}

/**
 * A user entry's words as agents read them, in `locale`: "↪️ Forwarded from …" above words the
 * user forwarded, "✏️ Edited: …" on the new text of a message they edited.
 */
export function userEntryText(
  e: Pick<TranscriptEntry, 'text' | 'forwarded' | 'edited'>,
  texts: Texts,
  locale: Locale,
): string {
  let text = e.text;
  if (e.forwarded)
    text = texts.get(locale, 'desk.forwardedFrom', {
      from: forwardedName(e.forwarded, texts, locale),
      text,
    });
  if (e.edited) text = texts.get(locale, 'desk.userEdited', { text });
  return text;
}

/** "agent Alice: …", "内部备注（Alice）：…": who wrote an entry and what, in `locale`. */
export function entryLine(e: TranscriptEntry, texts: Texts, locale: Locale): string {
  const say = (key: string, vars?: Record<string, string>) =>
    texts.get(locale, `transcript.${key}`, vars);
  const who =
    e.from === 'user'
      ? say(e.pressed ? 'userPressed' : 'fromUser')
      : e.from === 'agent'
        ? say('fromAgent', { name: e.authorName ?? '' }).trim()
        : e.from === 'note'
          ? say('fromNote', { name: e.authorName ?? say('anAgent') })
          : e.from === 'bot'
            ? say('fromBot')
            : say('fromSystem');
  const text =
    e.from === 'system'
      ? entryText(e, texts, locale)
      : e.from === 'user'
        ? userEntryText(e, texts, locale)
        : e.text;
  return `${who}: ${text}`;
}

/**
 * The whole case as a text file for agents (`/transcript`, TRANSCRIPT_ON_CLOSE) in the desk's
 * language (DESK_LANG): the user, agents, internal notes marked as such, system events, times and
 * file names. Everything in it was masked when it arrived. `entries` is the whole transcript
 * (Repo.transcript: its chunks and the record).
 */
export function transcriptFile(
  t: Ticket,
  entries: TranscriptEntry[],
  catalog: IntentCatalog,
  texts: Texts,
  locale: Locale = 'en',
  beforeCase: TranscriptEntry[] = [],
): OutboundFile {
  const say = (key: string, vars?: Record<string, string | number>) =>
    texts.get(locale, `transcript.${key}`, vars);
  const problem = (id: string) => catalog.problem(id)?.label[langOf(locale)] ?? id;
  const lines = [
    say('head', {
      id: t.id,
      problem: problem(t.intent),
      priority: priorityIn(texts, locale, t.priority),
    }),
    say('user', {
      who: `${t.user.displayName ?? t.user.userId} (${t.user.platform})${t.user.username ? ` @${t.user.username}` : ''}`,
    }),
    say('opened', { at: stamp(t.createdAt), status: statusIn(texts, locale, t.status) }) +
      (t.closedAt ? say('closedAt', { at: stamp(t.closedAt) }) : ''),
    ...Object.entries(t.fields).map(
      ([k, v]) => `${fieldLabel(k, texts, locale)}: ${placeholderIn(v, texts, locale) ?? v}`,
    ),
    ...(t.also?.length ? [say('also', { problems: t.also.map(problem).join(', ') })] : []),
    ...(t.escalated ? [say('escalated', { at: stamp(t.escalated.at), by: t.escalated.by })] : []),
    ...(t.rating !== undefined || t.ratingComment
      ? [
          say('rating', {
            rating: [
              t.rating !== undefined ? `${t.rating}/5` : texts.get(locale, 'card.noStars'),
              t.ratingComment ?? '',
            ]
              .filter(Boolean)
              .join(' — '),
          }),
        ]
      : []),
    '',
  ];
  const line = (e: TranscriptEntry) => {
    const files = e.files?.length
      ? ` [${say('files')}: ${e.files.map((f) => evidenceName(f)).join(', ')}]`
      : '';
    return `[${stamp(e.at)}] ${entryLine(e, texts, locale)}${files}`;
  };
  // What the bot asked and answered before the case opened, then the case itself.
  if (beforeCase.length)
    lines.push(say('beforeCase'), ...beforeCase.map(line), '', say('caseItself'));
  lines.push(...entries.map(line));
  return {
    fileName: `${t.id}-transcript.txt`,
    mimeType: 'text/plain',
    bytes: new TextEncoder().encode(lines.join('\n') + '\n'),
  };
}
