import { describe, expect, it } from 'vitest';
import { newTicketId, TICKET_ID } from '../../../src/core/tickets/ids.ts';

describe('ticket ids', () => {
  it('are short, readable (no 0/O, 1/I/L) and do not repeat', () => {
    const ids = Array.from({ length: 2000 }, () => newTicketId());
    expect(ids.every((id) => TICKET_ID.test(id))).toBe(true);
    expect(ids.some((id) => /[01OIL]/.test(id.slice(2)))).toBe(false);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
