import type { IntentCatalog } from '../intents.ts';
import { LOCALES, type Locale, type Texts } from '../texts.ts';
import type { CaseCard, Priority, TicketStatus } from '../types.ts';
import {
  DISTRESS,
  saidByUser,
  serviceTimes,
  THREAT,
  USER_UNREACHABLE,
  type Ticket,
} from './ticket.ts';
import { displayAmount } from '../nlu/amounts.ts';

/** The one priority mark, in topic / thread names and on the card (🟢 elsewhere means "open"). */
export const PRIORITY_MARK: Record<Priority, string> = {
  urgent: '🔴',
  high: '🟠',
  normal: '🔵',
  low: '⚪',
};

/** Field names on the card: the same labels the user saw in the summary (texts/, one table). */
export function fieldLabel(slot: string, texts: Texts, locale: Locale = 'en'): string {
  if (texts.has(`slot.${slot}`)) return texts.get(locale, `slot.${slot}`);
  return slot.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/**
 * Card values are kept short so every desk can show and edit the card (Telegram: 4096 characters
 * in all); whatever is cut is posted in full right under the card (see `cardOverflow`).
 */
export const CARD_VALUE_MAX = 400;
export const CARD_WORDS_MAX = 1000;

/**
 * The user's first words, without those a field already shows as they are (the description is
 * filled from them when they describe the problem): the card says each thing once.
 */
function wordsNotInFields(t: Ticket): string {
  // ("talk to a human" and then the whole story, which is the description: only the first line.)
  const fields = new Set(Object.values(t.fields).map((v) => v.trim()));
  if (fields.has(t.userWords.trim())) return '';
  return t.userWords
    .split('\n')
    .filter((line) => !fields.has(line.trim()))
    .join('\n');
}

const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/** The full text of what the card had to shorten, for a post under it; undefined if nothing was. */
export function cardOverflow(t: Ticket, texts: Texts, locale: Locale = 'en'): string | undefined {
  const parts: string[] = [];
  const words = wordsNotInFields(t);
  if (words.length > CARD_WORDS_MAX) parts.push(words);
  for (const [slot, value] of Object.entries(t.fields))
    if (value.length > CARD_VALUE_MAX) parts.push(`${fieldLabel(slot, texts, locale)}: ${value}`);
  return parts.length ? parts.join('\n\n') : undefined;
}

/** A priority as the desk reads it ("urgent", "紧急"). */
export function priorityIn(texts: Texts, locale: Locale, p: Priority): string {
  return texts.get(locale, `priority.${p}`);
}

/** A case's status as the desk reads it ("open", "处理中"). */
export function statusIn(texts: Texts, locale: Locale, status: TicketStatus): string {
  return texts.get(
    locale,
    status === 'open'
      ? 'card.statusOpen'
      : status === 'claimed'
        ? 'card.statusClaimed'
        : 'card.statusClosed',
  );
}

/** Secrets named in a locale: "recovery phrase and private key" (for the desk, DESK_LANG). */
export function secretNamesIn(texts: Texts, locale: Locale, kinds: readonly string[]): string {
  return kinds.map((k) => texts.get(locale, `secret.${k}`)).join(texts.get(locale, 'secret.and'));
}

/** Every locale the bot writes to users in (zh-HK has no file of its own). */
const WRITTEN_IN: readonly Locale[] = [...LOCALES, 'zh-HK'];

/** A field the user could not give ("not provided", "the user does not have it"), in `locale`. */
export function placeholderIn(value: string, texts: Texts, locale: Locale): string | undefined {
  for (const key of ['say.notProvided', 'say.userHasNone'])
    if (WRITTEN_IN.some((l) => texts.get(l, key) === value)) return texts.get(locale, key);
  return undefined;
}

/**
 * The case header agents see: built from the ticket alone, so any desk can render it again; its
 * labels in the desk's language (DESK_LANG).
 */
export function buildCard(
  t: Ticket,
  catalog: IntentCatalog,
  texts: Texts,
  locale: Locale = 'en',
): CaseCard {
  const say = (key: string, vars?: Record<string, string | number>) =>
    texts.get(locale, `card.${key}`, vars);
  const lang = locale === 'en' ? 'en' : 'zh';
  const problem = (id: string) => catalog.problem(id)?.label[lang] ?? id;
  const fields: CaseCard['fields'] = [
    { label: say('problem'), value: problem(t.intent) },
    { label: say('priority'), value: priorityIn(texts, locale, t.priority) },
  ];
  if (t.also?.length) fields.push({ label: say('also'), value: t.also.map(problem).join(', ') });
  const secrets = (t.flags ?? []).filter((f) => f.startsWith('secret:')).map((f) => f.slice(7));
  if (t.flags?.includes(DISTRESS)) fields.push({ label: say('wellbeing'), value: say('distress') });
  if (t.flags?.includes(THREAT)) fields.push({ label: say('conduct'), value: say('threat') });
  if (secrets.length)
    fields.push({
      label: say('security'),
      value: say('secretPasted', { what: secretNamesIn(texts, locale, secrets) }),
    });
  if (t.escalated)
    fields.push({
      label: say('escalated'),
      value: say('escalatedBy', {
        by: t.escalated.by,
        reason: t.escalated.reason ? ` — ${clip(t.escalated.reason, 200)}` : '',
      }),
    });
  else if (t.flags?.includes('senior_requested'))
    fields.push({ label: say('senior'), value: say('seniorRequested') });
  const breaches = [
    t.sla?.firstResponseBreachedAt ? say('firstResponse') : '',
    t.sla?.resolutionBreachedAt ? say('resolution') : '',
  ].filter(Boolean);
  if (breaches.length) fields.push({ label: say('slaMissed'), value: breaches.join(', ') });
  if (t.flags?.includes(USER_UNREACHABLE))
    fields.push({ label: say('user'), value: say('userUnreachable') });
  const says = t.status !== 'closed' ? saidByUser(t) : undefined;
  if (says)
    fields.push({
      label: say('userSays'),
      value: say(says === 'solved' ? 'userSolved' : 'userCancel'),
    });
  if (t.closedBecause) fields.push({ label: say('closed'), value: t.closedBecause });
  if (t.script === 'Hant') fields.push({ label: say('script'), value: say('traditional') });
  if (t.script === 'HK') fields.push({ label: say('script'), value: say('cantonese') });
  for (const [slot, value] of Object.entries(t.fields)) {
    const name = fieldLabel(slot, texts, locale);
    // "未提供" / "使用者沒有" as the user's conversation wrote them: in the desk's language, and
    // not marked unverified (there is nothing to verify).
    const placeholder = placeholderIn(value, texts, locale);
    const shown =
      placeholder ?? clip(displayAmount(value, { english: locale === 'en' }), CARD_VALUE_MAX);
    fields.push({
      label: name,
      value:
        t.unverified.includes(slot) && !placeholder ? `${shown} (${say('unverified')})` : shown,
    });
  }
  if (t.evidence.length) fields.push({ label: say('files'), value: String(t.evidence.length) });
  const times = serviceTimes(t);
  if (times.firstResponseMs !== undefined)
    fields.push({ label: say('firstResponse'), value: duration(times.firstResponseMs) });
  if (times.resolutionMs !== undefined)
    fields.push({ label: say('resolvedIn'), value: duration(times.resolutionMs) });
  if (t.rating !== undefined || t.ratingComment)
    fields.push({
      key: 'rating',
      label: say('rating'),
      value: [
        t.rating !== undefined ? `${t.rating}/5` : say('noStars'),
        t.ratingComment ? clip(t.ratingComment, CARD_WORDS_MAX) : '',
      ]
        .filter(Boolean)
        .join(' — '),
    });
  const card: CaseCard = {
    ticketId: t.id,
    priorityMark: PRIORITY_MARK[t.priority],
    title:
      `${PRIORITY_MARK[t.priority]}${t.escalated ? '⬆️' : ''} ${t.id} · ${t.intent} · ${t.lang}`.slice(
        0,
        100,
      ),
    status: t.status,
    priority: t.priority,
    intent: t.intent,
    lang: t.lang,
    user: {
      platform: t.user.platform,
      userId: t.user.userId,
      ...(t.user.displayName ? { displayName: t.user.displayName } : {}),
      ...(t.user.username ? { username: t.user.username } : {}),
    },
    fields,
    userWords: clip(wordsNotInFields(t), CARD_WORDS_MAX),
    labels: {
      status: say('status'),
      statusValue: statusIn(texts, locale, t.status),
      priority: say('priority'),
      priorityValue: priorityIn(texts, locale, t.priority),
      assignee: say('assignee'),
      userWords: say('userWords'),
      opened: say('opened'),
      user: say('user'),
      intent: say('intent'),
      language: say('language'),
    },
    createdAt: t.createdAt,
  };
  if (t.assignee) card.assignee = t.assignee.displayName;
  return card;
}

/** 42 s, 7 min, 3 h 5 min, 2 d 4 h. */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}
