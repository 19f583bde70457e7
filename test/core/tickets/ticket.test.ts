import { describe, expect, it } from 'vitest';
import { testTicket } from '../../support/tickets.ts';
import {
  addNote,
  agentReply,
  appendUserMessage,
  claim,
  close,
  raiseForSecurity,
  reopen,
  type Ticket,
} from '../../../src/core/tickets/ticket.ts';

const alice = { platform: 'tg', userId: '1', displayName: 'Alice', isAgent: true };
const bob = { platform: 'tg', userId: '2', displayName: 'Bob', isAgent: true };
const base: Ticket = testTicket(
  {
    id: 'T-ABCDEF',
    intent: 'refund',
    user: { platform: 'tg', userId: '9' },
    userAddress: { platform: 'tg', chatId: '9' },
    userWords: 'refund pls',
  },
  1000,
);
const ok = (r: ReturnType<typeof claim>): Ticket => {
  if (!r.ok) throw new Error(r.reason);
  return r.ticket;
};

describe('ticket transitions', () => {
  it.each([
    ['claim an open ticket', () => claim(base, alice, 2000), { ok: true }],
    [
      'claim one held by someone else',
      () => claim(ok(claim(base, alice, 2000)), bob, 3000),
      { ok: false, reason: 'claimed_by_other', holder: 'Alice' },
    ],
    [
      'claim one you hold',
      () => claim(ok(claim(base, alice, 2000)), alice, 3000),
      { ok: false, reason: 'already_yours' },
    ],
    [
      'close one held by someone else',
      () => close(ok(claim(base, alice, 2000)), bob, 3000),
      { ok: false, reason: 'claimed_by_other', holder: 'Alice' },
    ],
    [
      'close a closed one',
      () => close(ok(close(base, alice, 2000)), alice, 3000),
      { ok: false, reason: 'closed' },
    ],
    ['reopen an open one', () => reopen(base, alice, 2000), { ok: false, reason: 'not_closed' }],
    [
      'reply to a closed one',
      () => agentReply(ok(close(base, alice, 2000)), alice, 'hi', [], 3000),
      { ok: false, reason: 'closed' },
    ],
  ] as const)('%s', (_name, run, expected) => {
    expect(run()).toMatchObject(expected);
  });

  it('a first reply claims an open ticket and records the first-response time once', () => {
    const t1 = ok(agentReply(base, alice, 'hello', [], 5000));
    const t2 = ok(agentReply(t1, alice, 'again', [], 9000));
    expect([t2.status, t2.assignee?.displayName, t2.firstResponseAt]).toEqual([
      'claimed',
      'Alice',
      5000,
    ]);
    expect(t2.transcript.filter((e) => e.from === 'agent').map((e) => e.delivery)).toEqual([
      'pending',
      'pending',
    ]);
  });

  it('reopen assigns the agent who reopened it and clears the closing', () => {
    const closed = ok(close(ok(claim(base, alice, 2000)), alice, 3000));
    const again = ok(reopen({ ...closed, rating: 2 }, bob, 4000));
    expect([
      again.status,
      again.assignee?.displayName,
      again.closedAt,
      again.rating,
      again.reopenCount,
    ]).toEqual(['claimed', 'Bob', undefined, undefined, 1]);
  });

  it('keeps every message with its time: user, agent, note', () => {
    let t = appendUserMessage(base, 'still waiting', [], 2000, 'm1');
    t = appendUserMessage(t, 'still waiting', [], 2001, 'm1');
    t = addNote(t, alice, 'checked', 3000);
    expect(t.transcript.map((e) => [e.from, e.at])).toEqual([
      ['user', 1000],
      ['user', 2000],
      ['note', 3000],
    ]);
  });
});

describe('a threat against our staff on an open case', () => {
  it('flags the case and leaves its priority: a threat jumps no queue (a report still raises it)', () => {
    const t = raiseForSecurity(base, { threat: true, secrets: [] }, 5000);
    expect([t.priority, t.flags]).toEqual([base.priority, ['threat']]);
    expect(t.transcript.at(-1)).toMatchObject({ from: 'system', event: { key: 'flaggedThreat' } });
    // Flagged already: nothing changes.
    expect(raiseForSecurity(t, { threat: true, secrets: [] }, 6000)).toBe(t);
    // With a security report: urgent, both marks.
    const both = raiseForSecurity(base, { report: true, threat: true, secrets: [] }, 5000);
    expect([both.priority, both.flags]).toEqual(['urgent', ['threat']]);
    expect(both.also).toEqual(['security_report']);
  });
});
