import { ButtonStyle, ComponentType, type APIMessageTopLevelComponent } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { escapeDiscord } from '../../../src/adapters/discord/markdown.ts';
import {
  choiceRows,
  disableChoices,
  renderCaseCard,
  renderDeskPost,
  renderUserMessage,
  splitText,
  threadName,
} from '../../../src/adapters/discord/render.ts';
import type { CaseCard } from '../../../src/core/types.ts';

const card = (extra: Partial<CaseCard> = {}): CaseCard => ({
  ticketId: 'T-7K3Q9X',
  title: '🟡 T-7K3Q9X · withdrawal_pending · en',
  status: 'open',
  priority: 'normal',
  intent: 'withdrawal_pending',
  lang: 'en',
  user: { platform: 'telegram', userId: '42', displayName: 'Alice', username: 'alice_w' },
  fields: [
    { label: 'Transaction ID', value: 'TX1234****AB' },
    { label: 'Amount', value: '250.00' },
  ],
  userWords: 'my withdrawal has been pending for 3 days',
  createdAt: Date.UTC(2026, 10, 30, 10, 0, 0),
  ...extra,
});

describe('escapeDiscord', () => {
  it('escapes inline markdown so it reads literally', () => {
    expect(escapeDiscord('**bold** _it_ ~~s~~ ||spoiler|| `code`')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~ \\|\\|spoiler\\|\\| \\`code\\`',
    );
  });

  it('escapes headings, lists, quotes and subtext at the start of a line', () => {
    expect(escapeDiscord('# title\n- item\n1. first\n> quote\n-# small')).toBe(
      '\\# title\n\\- item\n1\\. first\n\\> quote\n\\-# small',
    );
  });

  it('escapes server-navigation and soundboard syntax', () => {
    expect(escapeDiscord('<id:customize> <sound:123:456>')).toBe(
      '\\<id:customize> \\<sound:123:456>',
    );
  });

  it('leaves URLs intact', () => {
    expect(escapeDiscord('see https://help.example.com/a_b_c?q=*x*')).toBe(
      'see https://help.example.com/a_b_c?q=*x*',
    );
  });

  it('escapes masked links and mention syntax', () => {
    expect(escapeDiscord('[click](https://evil.example) <@123> <@&456>')).toBe(
      '\\[click\\](https://evil.example) \\<@123> \\<@&456>',
    );
  });
});

describe('renderUserMessage', () => {
  it('sends plain text escaped, with mentions disabled', () => {
    const [msg] = renderUserMessage({ text: 'Press *Withdraw* @everyone' });
    expect(msg!.body.content).toBe('Press \\*Withdraw\\* @everyone');
    expect(msg!.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('splits text over 2000 characters at line breaks, every chunk within the limit', () => {
    const text = Array.from({ length: 60 }, (_, i) => `${i}: ${'x'.repeat(60)}`).join('\n');
    const parts = renderUserMessage({ text });
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.body.content!.length).toBeLessThanOrEqual(2000);
    expect(parts.map((p) => p.body.content).join('\n')).toBe(text);
  });

  it('cuts a single word longer than a message without breaking an escape', () => {
    const chunks = splitText('_'.repeat(3000));
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(2000);
      expect(c).toMatch(/^(\\_)+$/);
    }
  });

  it('puts the buttons on the last message only', () => {
    const parts = renderUserMessage({
      text: 'a\n'.repeat(1500),
      choices: [{ id: 'yes', label: 'Yes' }],
    });
    expect(parts.length).toBe(2);
    expect(parts[0]!.body.components).toBeUndefined();
    expect(parts[1]!.body.components).toHaveLength(1);
  });

  it('attaches files, at most 10 per message', () => {
    const files = Array.from({ length: 12 }, (_, i) => ({
      fileName: `s${i}.png`,
      mimeType: 'image/png',
      bytes: new Uint8Array([i]),
    }));
    const parts = renderUserMessage({ text: 'your screenshots', files });
    expect(parts.map((p) => p.files.length)).toEqual([10, 2]);
    expect(parts[0]!.body.content).toBe('your screenshots');
    expect(parts[0]!.body.attachments).toHaveLength(10);
  });
});

describe('buttons', () => {
  it('makes one button per choice with custom_id = Choice.id, 5 per row', () => {
    const rows = choiceRows(
      Array.from({ length: 7 }, (_, i) => ({ id: `c${i}`, label: `Choice ${i}` })),
    );
    expect(rows.map((r) => r.components.length)).toEqual([5, 2]);
    expect(rows[0]!.components[0]).toMatchObject({
      type: ComponentType.Button,
      custom_id: 'c0',
      label: 'Choice 0',
    });
  });

  it('cuts labels to 80 characters', () => {
    const [row] = choiceRows([{ id: 'long', label: 'y'.repeat(120) }]);
    const button = row!.components[0] as { label: string };
    expect(button.label.length).toBe(80);
  });

  it('disables every button of a pressed set and highlights the pressed one', () => {
    const rows = choiceRows([
      { id: 'solved', label: 'Solved' },
      { id: 'not_solved', label: 'Not solved' },
    ]) as APIMessageTopLevelComponent[];
    const [row] = disableChoices(rows, 'not_solved') as Array<{
      components: Array<{ disabled: boolean; style: number }>;
    }>;
    expect(row!.components.map((b) => [b.disabled, b.style])).toEqual([
      [true, ButtonStyle.Secondary],
      [true, ButtonStyle.Success],
    ]);
  });
});

describe('renderCaseCard: a long first message once', () => {
  const story = Array.from({ length: 12 }, (_, i) => `Point ${i} of what happened.`).join(' ');
  const count = (embed: object, text: string) => JSON.stringify(embed).split(text).length - 1;

  it("shows a field that repeats the user's words as a pointer to them, not a second copy", () => {
    const embed = renderCaseCard(
      card({
        userWords: `talk to a human\n${story}`,
        fields: [{ label: 'What happened', value: story }],
      }),
    );
    expect(count(embed, 'Point 5 of what happened')).toBe(1);
    expect(embed.fields!.find((f) => f.name === 'What happened')!.value).toBe("↑ User's words");
    // Short values are no repeat: "250 USDT" in the words keeps its field.
    const amount = renderCaseCard(
      card({
        userWords: 'my 250 USDT withdrawal is stuck',
        fields: [{ label: 'Amount', value: '250 USDT' }],
      }),
    );
    expect(amount.fields!.find((f) => f.name === 'Amount')!.value).toBe('250 USDT');
  });

  it('points to the post under the card instead of showing a cut copy of what it has in full', () => {
    const cutWords = `${story.slice(0, 99)}…`;
    const embed = renderCaseCard(
      card({
        userWords: cutWords,
        wordsInFullBelow: true,
        fields: [
          { label: 'What happened', value: `${story.slice(0, 59)}…`, inFullBelow: true },
          { label: 'Amount', value: '250 USDT' },
        ],
        labels: {
          status: 'Status',
          statusValue: 'open',
          priority: 'Priority',
          priorityValue: 'normal',
          assignee: 'Assignee',
          userWords: "User's words",
          opened: 'Opened',
          user: 'User',
          intent: 'Intent',
          language: 'Language',
          inFullBelow: '⬇️ in full in the message below',
        },
      }),
    );
    expect(count(embed, 'Point 1 of what happened')).toBe(0);
    expect(embed.description).toBe("User's words — *⬇️ in full in the message below*");
    expect(embed.fields!.find((f) => f.name === 'What happened')!.value).toBe(
      '*⬇️ in full in the message below*',
    );
    expect(embed.fields!.find((f) => f.name === 'Amount')!.value).toBe('250 USDT');
  });
});

describe('renderCaseCard', () => {
  it('shows status, priority, intent, language, user and the collected fields', () => {
    const embed = renderCaseCard(card());
    expect(embed.fields!.map((f) => [f.name, f.value])).toEqual([
      ['Status', 'open'],
      ['Priority', 'normal'],
      ['Intent', 'withdrawal\\_pending'],
      ['Language', 'en'],
      ['User', 'Alice @alice\\_w (telegram 42)'],
      ['Transaction ID', 'TX1234\\*\\*\\*\\*AB'],
      ['Amount', '250.00'],
    ]);
    expect(embed.footer?.text).toBe('T-7K3Q9X');
  });

  it("quotes the user's words with their markdown escaped", () => {
    const embed = renderCaseCard(card({ userWords: '**urgent** [link](https://x.example) <@1>' }));
    expect(embed.description).toBe('>>> \\*\\*urgent\\*\\* \\[link\\](https://x.example) \\<@1>');
  });

  it('shows the assignee once the case is claimed', () => {
    const embed = renderCaseCard(card({ status: 'claimed', assignee: 'Ana' }));
    expect(embed.fields![0]).toMatchObject({ name: 'Status', value: 'claimed · Ana' });
  });

  it("keeps a long user text within Discord's 6000-character embed total", () => {
    const embed = renderCaseCard(
      card({
        userWords: '*'.repeat(9000),
        fields: Array.from({ length: 10 }, (_, i) => ({ label: `f${i}`, value: 'v'.repeat(1000) })),
      }),
    );
    const total =
      (embed.title?.length ?? 0) +
      (embed.description?.length ?? 0) +
      (embed.footer?.text.length ?? 0) +
      embed.fields!.reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(6000);
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    expect(embed.description).not.toMatch(/(?<!\\)\\…$/);
  });

  it('keeps a long field whole when the embed has room for it, and shares the rest fairly', () => {
    const reason = 'r'.repeat(1000);
    const many = Array.from({ length: 12 }, (_, i) => ({
      label: `Field ${i}`,
      value: 'v'.repeat(300),
    }));
    const one = renderCaseCard(
      card({ fields: [{ label: 'Reason', value: reason }, ...card().fields] }),
    );
    expect(one.fields!.find((f) => f.name === 'Reason')!.value).toBe(reason);
    const crowded = renderCaseCard(card({ fields: many, userWords: 'w'.repeat(2500) }));
    const total = JSON.stringify(crowded).length;
    expect(
      crowded.fields!.filter((f) => f.name.startsWith('Field')).every((f) => f.value.length >= 150),
    ).toBe(true);
    expect(total).toBeLessThan(6000 + 2000); // JSON overhead on top of Discord's 6000 counted characters
  });

  it('names the thread after the card title, within 100 characters', () => {
    expect(threadName(card())).toBe('🟡 T-7K3Q9X · withdrawal_pending · en');
    expect([...threadName(card({ title: `T-1 · ${'a'.repeat(200)}` }))].length).toBeLessThanOrEqual(
      100,
    );
  });
});

describe('renderDeskPost', () => {
  it("labels a relayed user message with the user's name and escapes the text", () => {
    const [msg] = renderDeskPost({ from: 'user', authorName: 'Alice_W', text: 'still *nothing*' });
    expect(msg!.body.content).toBe('👤 **Alice\\_W**\nstill \\*nothing\\*');
  });

  it('marks a system line and attaches files', () => {
    const [msg] = renderDeskPost({
      from: 'system',
      text: 'User closed DMs',
      files: [{ fileName: 'a.png', mimeType: 'image/png', bytes: new Uint8Array([1]) }],
    });
    expect(msg!.body.content).toBe('ℹ️\nUser closed DMs');
    expect(msg!.files.map((f) => f.name)).toEqual(['a.png']);
  });

  it('pings the senior role, and only it, when the post calls the seniors', () => {
    const post = { from: 'system' as const, text: '🚨 T-1: missed', mentionSeniors: true };
    const [msg] = renderDeskPost(post, '1300000000000000099');
    expect(msg!.body.content).toBe('ℹ️\n🚨 T-1: missed\n🔔 <@&1300000000000000099>');
    expect(msg!.body.allowed_mentions).toEqual({ parse: [], roles: ['1300000000000000099'] });
    // Without a senior role, or for an ordinary post, nobody is pinged.
    expect(renderDeskPost(post)[0]!.body).toMatchObject({ allowed_mentions: { parse: [] } });
    expect(
      renderDeskPost({ from: 'system', text: 'x' }, '1300000000000000099')[0]!.body.content,
    ).toBe('ℹ️\nx');
  });

  it('keeps a long post that pings the seniors within 2,000 characters per message', () => {
    const parts = renderDeskPost(
      { from: 'system', text: 'word '.repeat(700), mentionSeniors: true },
      '1300000000000000099',
    );
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => [...(p.body.content ?? '')].length <= 2000)).toBe(true);
    expect(parts[0]!.body.content).toMatch(/🔔 <@&1300000000000000099>$/);
  });
});
