import { newTicket, type Ticket, type TicketDraft } from '../../src/core/tickets/ticket.ts';

/** A new ticket for tests: a Telegram user's withdrawal case, with `over` on top. */
export function testTicket(over: Partial<TicketDraft>, now: number): Ticket {
  return newTicket(
    {
      id: 'T-ABCDEF1',
      priority: 'normal',
      intent: 'withdrawal_pending',
      lang: 'en',
      user: { platform: 'telegram', userId: '1' },
      userAddress: { platform: 'telegram', chatId: '1' },
      fields: {},
      unverified: [],
      evidence: [],
      userWords: 'first words',
      ...over,
    },
    now,
  );
}
