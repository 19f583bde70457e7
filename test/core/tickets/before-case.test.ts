import { describe, expect, it } from 'vitest';
import { newConversation, type Conversation } from '../../../src/core/flow/state.ts';
import type { FlowInput } from '../../../src/core/flow/types.ts';
import { beforeCaseAfter } from '../../../src/core/tickets/before-case.ts';

const NOW = Date.UTC(2026, 11, 7, 10);
const text = (t: string): FlowInput => ({
  kind: 'text',
  text: t,
  files: [],
  rejected: [],
  sensitive: [],
});
const conv = (patch: Partial<Conversation> = {}): Conversation => ({
  ...newConversation('en', 'default', NOW),
  ...patch,
});

describe('what was said before a case opened', () => {
  it('adds the user line and the bot replies with their buttons; a pressed button by its label', () => {
    const first = beforeCaseAfter(
      conv(),
      text('my withdrawal is stuck'),
      [
        {
          text: 'Did this solve it?',
          choices: [
            { id: '3:solved', label: '✅ Yes' },
            { id: '3:unsolved', label: '❌ No' },
          ],
        },
      ],
      NOW,
    )!;
    expect(first.map((e) => [e.from, e.text])).toEqual([
      ['user', 'my withdrawal is stuck'],
      ['bot', 'Did this solve it?\n  [✅ Yes] [❌ No]'],
    ]);
    const pressed = beforeCaseAfter(
      conv({
        phase: 'self_help',
        beforeCase: first,
        lastReplies: {
          messageId: 'm1',
          messages: [
            { text: 'Did this solve it?', choices: [{ id: '3:unsolved', label: '❌ No' }] },
          ],
        },
      }),
      { kind: 'choice', id: '3:unsolved' },
      [{ text: "What's the withdrawal ID?" }],
      NOW + 1_000,
    )!;
    expect(pressed.slice(2)).toEqual([
      { at: NOW + 1_000, from: 'user', text: '❌ No', pressed: true },
      { at: NOW + 1_000, from: 'bot', text: "What's the withdrawal ID?" },
    ]);
    expect(beforeCaseAfter(conv(), { kind: 'command', command: 'start' }, [], NOW)).toEqual([
      { at: NOW, from: 'user', text: '/start' },
    ]);
  });

  it('adds nothing on an open case or in its survey (the ticket has those)', () => {
    for (const phase of ['handed_off', 'survey_rating', 'survey_comment'] as const)
      expect(
        beforeCaseAfter(conv({ phase }), text('hello?'), [{ text: 'x' }], NOW),
        phase,
      ).toBeUndefined();
  });

  it('keeps the newest 40 lines of the last day, each at most 2000 characters', () => {
    const old = Array.from({ length: 50 }, (_, i) => ({
      at: NOW - (i < 10 ? 2 * 86_400_000 : 60_000),
      from: 'user' as const,
      text: `line ${i}`,
    }));
    const lines = beforeCaseAfter(conv({ beforeCase: old }), text('x'.repeat(5_000)), [], NOW)!;
    expect(lines).toHaveLength(40);
    expect(lines[0]!.text).toBe('line 11');
    expect(lines.at(-1)!.text).toHaveLength(2_000);
    expect(lines.at(-1)!.text.endsWith('…')).toBe(true);
  });

  it("keeps the longest self-help answer whole (the withdrawal's had lost its last step)", () => {
    const steps = 'x'.repeat(1_600);
    const lines = beforeCaseAfter(
      conv(),
      text('my withdrawal is pending'),
      [{ text: steps }],
      NOW,
    )!;
    expect(lines.at(-1)!.text).toBe(steps);
  });
});
