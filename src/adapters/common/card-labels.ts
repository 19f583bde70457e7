import type { CaseCard } from '../../core/types.ts';

export type CardLabels = NonNullable<CaseCard['labels']>;

/**
 * The card's headings as the core wrote them in the desk's language (DESK_LANG), or in English
 * for a card built without them (an older record, a test).
 */
export function cardLabels(card: CaseCard): CardLabels {
  return (
    card.labels ?? {
      status: 'Status',
      statusValue: card.status,
      priority: 'Priority',
      priorityValue: card.priority,
      assignee: 'Assignee',
      userWords: "User's words",
      opened: 'Opened',
      user: 'User',
      intent: 'Intent',
      language: 'Language',
    }
  );
}
