import type { IntentCatalog } from '../intents.ts';
import type { Locale, Texts } from '../texts.ts';
import type { CaseCard, Priority } from '../types.ts';
import { serviceTimes, type Ticket } from './ticket.ts';

/** The one priority mark, in topic / thread names and on the card (🟢 elsewhere means "open"). */
export const PRIORITY_MARK: Record<Priority, string> = {
  urgent: '🔴',
  high: '🟠',
  normal: '🔵',
  low: '⚪',
};

/** Field names on the card: the same labels the user saw in the summary (texts/, one table). */
function fieldLabel(slot: string, texts: Texts, locale: Locale = 'en'): string {
  if (texts.has(`slot.${slot}`)) return texts.get(locale, `slot.${slot}`);
  return slot.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/**
 * Card values are kept short so every desk can show and edit the card (Telegram: 4096 characters
 * in all); whatever is cut is posted in full right under the card (see `cardOverflow`).
 */
export const CARD_VALUE_MAX = 400;
export const CARD_WORDS_MAX = 1000;

const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/** The full text of what the card had to shorten, for a post under it; undefined if nothing was. */
export function cardOverflow(t: Ticket, texts: Texts): string | undefined {
  const parts: string[] = [];
  if (t.userWords.length > CARD_WORDS_MAX) parts.push(t.userWords);
  for (const [slot, value] of Object.entries(t.fields))
    if (value.length > CARD_VALUE_MAX) parts.push(`${fieldLabel(slot, texts)}: ${value}`);
  return parts.length ? parts.join('\n\n') : undefined;
}

/** The case header agents see: built from the ticket alone, so any desk can render it again. */
export function buildCard(t: Ticket, catalog: IntentCatalog, texts: Texts): CaseCard {
  const fields: CaseCard['fields'] = [
    { label: 'Problem', value: catalog.problem(t.intent)?.label.en ?? t.intent },
    { label: 'Priority', value: t.priority },
  ];
  if (t.also?.length)
    fields.push({
      label: 'Also reported',
      value: t.also.map((a) => catalog.problem(a)?.label.en ?? a).join(', '),
    });
  const secrets = (t.flags ?? []).filter((f) => f.startsWith('secret:')).map((f) => f.slice(7));
  if (secrets.length)
    fields.push({
      label: '⚠️ Security',
      value: `the user pasted their ${secrets.join(' and ').replace(/_/g, ' ')} (masked; funds at risk)`,
    });
  if (t.escalated)
    fields.push({
      label: '⬆️ Escalated',
      value: `by ${t.escalated.by}${t.escalated.reason ? ` — ${clip(t.escalated.reason, 200)}` : ''}`,
    });
  else if (t.flags?.includes('senior_requested'))
    fields.push({ label: 'Senior agent', value: 'requested by the user' });
  const breaches = [
    t.sla?.firstResponseBreachedAt ? 'first response' : '',
    t.sla?.resolutionBreachedAt ? 'resolution' : '',
  ].filter(Boolean);
  if (breaches.length) fields.push({ label: '🚨 SLA missed', value: breaches.join(', ') });
  if (t.closedBecause) fields.push({ label: 'Closed', value: t.closedBecause });
  if (t.script === 'Hant') fields.push({ label: 'Script', value: 'Traditional Chinese' });
  for (const [slot, value] of Object.entries(t.fields)) {
    const name = fieldLabel(slot, texts);
    const shown = clip(value, CARD_VALUE_MAX);
    fields.push({
      label: name,
      value: t.unverified.includes(slot) ? `${shown} (unverified)` : shown,
    });
  }
  if (t.evidence.length) fields.push({ label: 'Files', value: String(t.evidence.length) });
  const times = serviceTimes(t);
  if (times.firstResponseMs !== undefined)
    fields.push({ label: 'First response', value: duration(times.firstResponseMs) });
  if (times.resolutionMs !== undefined)
    fields.push({ label: 'Resolved in', value: duration(times.resolutionMs) });
  if (t.rating !== undefined)
    fields.push({
      label: 'Rating',
      value: `${t.rating}/5${t.ratingComment ? ` — ${clip(t.ratingComment, CARD_WORDS_MAX)}` : ''}`,
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
    userWords: clip(t.userWords, CARD_WORDS_MAX),
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
