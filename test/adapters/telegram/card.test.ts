import { describe, expect, it } from 'vitest';
import {
  renderCard,
  renderPost,
  topicIconColor,
  topicName,
  TOPIC_ICON_COLORS,
} from '../../../src/adapters/telegram/card.ts';
import type { CaseCard } from '../../../src/core/types.ts';
import { htmlToPlain } from '../../emulators/telegram/html.ts';

const card: CaseCard = {
  ticketId: 'T-7K3Q9X',
  title: '🔵 T-7K3Q9X · withdrawal_pending · zh',
  status: 'open',
  priority: 'normal',
  intent: 'withdrawal_pending',
  lang: 'zh',
  user: { platform: 'telegram', userId: '501', displayName: 'Mei <b>Lin</b>', username: 'meilin' },
  fields: [
    { label: 'Transaction ID', value: 'TX12345678AB' },
    { label: 'Amount', value: '<100 & "more">' },
  ],
  userWords: 'my withdrawal <script>alert(1)</script> & still pending',
  createdAt: Date.UTC(2024, 10, 20, 9, 30),
};

describe('renderCard', () => {
  it("shows the user's words verbatim to the reader (escaped, not interpreted)", () => {
    expect(htmlToPlain(renderCard(card).html)).toContain(
      'my withdrawal <script>alert(1)</script> & still pending',
    );
  });

  it('escapes names and field values too', () => {
    const plain = htmlToPlain(renderCard(card).html);
    expect(plain).toContain('Mei <b>Lin</b>');
    expect(plain).toContain('Amount: <100 & "more">');
  });

  it('reports the visible length, which is what Telegram limits', () => {
    const rendered = renderCard(card);
    expect(rendered.plainLength).toBe([...htmlToPlain(rendered.html)].length);
  });

  it("cuts very long user words so the card fits one message, keeping the ticket's facts", () => {
    const rendered = renderCard({ ...card, userWords: 'x'.repeat(10_000) });
    const plain = htmlToPlain(rendered.html);
    expect([...plain].length).toBeLessThanOrEqual(4096);
    expect(plain).toContain('TX12345678AB');
  });

  it('shows status and assignee', () => {
    const plain = htmlToPlain(renderCard({ ...card, status: 'claimed', assignee: 'Alice' }).html);
    expect(plain).toMatch(/Status: 🟡 claimed/);
    expect(plain).toMatch(/Assignee: Alice/);
  });

  it('links a Telegram user to their profile', () => {
    expect(renderCard(card).html).toContain('href="tg://user?id=501"');
  });

  it('does not link a user from another platform', () => {
    expect(
      renderCard({ ...card, user: { platform: 'discord', userId: '1234' } }).html,
    ).not.toContain('tg://');
  });
});

describe('renderPost', () => {
  it("puts the user's name over their escaped words", () => {
    const [only] = renderPost({ from: 'user', authorName: 'Mei', text: 'a < b' });
    expect(htmlToPlain(only!.html)).toBe('👤 Mei\na < b');
  });

  it('splits a long post into several messages, the header only on the first', () => {
    const parts = renderPost({ from: 'user', authorName: 'Mei', text: 'word '.repeat(2000) });
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.plainLength <= 4096)).toBe(true);
    expect(parts.filter((p) => p.html.includes('👤'))).toHaveLength(1);
  });

  it('renders a status line in italics', () => {
    const [only] = renderPost({ from: 'system', text: 'user blocked the bot' });
    expect(only!.html).toBe('ℹ️ <i>user blocked the bot</i>');
  });
});

describe('topic', () => {
  it('uses the card title as the topic name, cut to 128 characters', () => {
    expect([...topicName({ ...card, title: 'T'.repeat(300) })]).toHaveLength(128);
  });

  it('colours urgent topics red and normal ones blue', () => {
    expect([topicIconColor('urgent'), topicIconColor('normal')]).toEqual([
      TOPIC_ICON_COLORS.red,
      TOPIC_ICON_COLORS.blue,
    ]);
  });
});
