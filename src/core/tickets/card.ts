import type { IntentCatalog } from '../intents.ts';
import type { CaseCard, Priority } from '../types.ts';
import type { Ticket } from './ticket.ts';

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
