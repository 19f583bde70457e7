import type { IntentCatalog } from '../intents.ts';
import type { CaseCard, Priority } from '../types.ts';
import { serviceTimes, type Ticket } from './ticket.ts';

export const PRIORITY_MARK: Record<Priority, string> = {
  urgent: '🔴',
  high: '🟠',
  normal: '🟢',
  low: '⚪',
};

const FIELD_LABELS: Record<string, string> = {
  transaction_id: 'Transaction ID',
  amount: 'Amount',
  date: 'Date',
  error_text: 'Error message',
  description: 'Description',
  reason: 'Reason',
  notes: 'Additional details',
};

/** The case header agents see: built from the ticket alone, so any desk can render it again. */
export function buildCard(t: Ticket, catalog: IntentCatalog): CaseCard {
  const fields: CaseCard['fields'] = [
    { label: 'Problem', value: catalog.problem(t.intent)?.label.en ?? t.intent },
    { label: 'Priority', value: t.priority },
  ];
  for (const [slot, value] of Object.entries(t.fields)) {
    const name =
      FIELD_LABELS[slot] ?? slot.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
    fields.push({
      label: name,
      value: t.unverified.includes(slot) ? `${value} (unverified)` : value,
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
      value: `${t.rating}/5${t.ratingComment ? ` — ${t.ratingComment}` : ''}`,
    });
  const card: CaseCard = {
    ticketId: t.id,
    title: `${PRIORITY_MARK[t.priority]} ${t.id} · ${t.intent} · ${t.lang}`.slice(0, 100),
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
    userWords: t.userWords,
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
