import { describe, expect, it } from 'vitest';
import { sharedNlu, sharedTexts } from '../../../src/app.ts';
import { renderCaseCard } from '../../../src/adapters/discord/render.ts';
import { renderCard } from '../../../src/adapters/telegram/card.ts';
import { buildCard, cardOverflow, duration } from '../../../src/core/tickets/card.ts';
import { agentReply, close, newTicket } from '../../../src/core/tickets/ticket.ts';

const { catalog } = sharedNlu();
const { texts } = sharedTexts();
const agent = { platform: 'fake', userId: 'a1', displayName: 'Alice', isAgent: true };
const T0 = Date.UTC(2026, 10, 30, 8);

const ticket = newTicket(
  {
    id: 'T-ABCDEF',
    priority: 'urgent',
    intent: 'unknown_transaction',
    lang: 'zh',
    user: { platform: 'telegram', userId: '42', displayName: 'Li' },
    userAddress: { platform: 'telegram', chatId: '42' },
    fields: { transaction_id: 'abc', amount: '900 USD' },
    unverified: ['transaction_id'],
    evidence: [],
    userWords: '有一笔不是我本人的扣款',
  },
  T0,
);

describe('the case card', () => {
  it('names the case by priority, id, intent and language, and marks unverified fields', () => {
    const card = buildCard(ticket, catalog, texts);
    expect(card.title).toBe('🔴 T-ABCDEF · unknown_transaction · zh');
    expect(card.fields).toContainEqual({ label: 'Transaction ID', value: 'abc (unverified)' });
    expect(card.fields).toContainEqual({ label: 'Amount', value: '$900' });
    expect(card.userWords).toBe('有一笔不是我本人的扣款');
  });

  it('says the first words once: not again under "User\'s words" when the description is them', () => {
    const words = 'someone stole my account and withdrew 300 USDT';
    const t = { ...ticket, fields: { description: words }, userWords: words };
    const card = buildCard(t, catalog, texts, 'en');
    expect(card.fields.filter((f) => f.value === words)).toHaveLength(1);
    expect(card.userWords).toBe('');
    expect(renderCard(card)).not.toContain("User's words");
    // Words the description does not repeat stay.
    expect(buildCard({ ...t, userWords: 'hacked' }, catalog, texts, 'en').userWords).toBe('hacked');
    // "talk to a human", then the story that became the description: the first line only, and a
    // long story posted in full once under the card (not as the words and again as the field).
    const story = `${'My withdrawal failed again. '.repeat(60)}The end.`;
    const told = { ...t, fields: { description: story }, userWords: `talk to a human\n${story}` };
    expect(buildCard(told, catalog, texts, 'en').userWords).toBe('talk to a human');
    expect(cardOverflow(told, texts)!.split('The end.')).toHaveLength(2);
  });

  it("shows what the user could not give in the desk's language, never as unverified", () => {
    const t = {
      ...ticket,
      fields: { transaction_id: '使用者沒有', reason: '未提供' },
      unverified: ['transaction_id', 'reason'],
    };
    const card = buildCard(t, catalog, texts, 'en');
    expect(card.fields).toContainEqual({
      label: 'Transaction ID',
      value: 'the user does not have it',
    });
    expect(card.fields).toContainEqual({ label: 'Reason', value: 'not provided' });
    const zh = buildCard({ ...t, fields: { reason: 'not provided' } }, catalog, texts, 'zh-Hans');
    expect(zh.fields.find((f) => f.value.startsWith('未提供'))?.value).toBe('未提供');
  });

  it("shows a threat against our staff for a senior to review, in the desk's language", () => {
    const t = { ...ticket, priority: 'normal' as const, flags: ['threat'] };
    expect(buildCard(t, catalog, texts, 'en').fields).toContainEqual({
      label: '⚠️ Threat',
      value:
        'the user threatened our staff or the company — a senior should review it; the priority was not raised',
    });
    expect(buildCard(t, catalog, texts, 'zh-Hant').fields).toContainEqual({
      label: '⚠️ 威脅',
      value: '使用者威脅我們的工作人員或公司——請資深客服查看；優先級未因此提高',
    });
    expect(buildCard(ticket, catalog, texts, 'en').fields.map((f) => f.label)).not.toContain(
      '⚠️ Threat',
    );
  });

  it('tells the desk that the user writes Cantonese (Hong Kong)', () => {
    const card = buildCard({ ...ticket, script: 'HK' }, catalog, texts, 'en');
    expect(card.fields).toContainEqual({
      label: 'Script',
      value: 'Traditional Chinese, Cantonese (Hong Kong)',
    });
    expect(texts.get('zh-HK', 'say.notProvided')).toBe('未提供');
    expect(texts.get('zh-HK', 'card.traditional')).toBe(texts.get('zh-Hant', 'card.traditional'));
  });

  it('shows first-response and resolution times once they happen', () => {
    const replied = agentReply(ticket, agent, 'hi', [], T0 + 7 * 60_000);
    if (!replied.ok) throw new Error('reply refused');
    const closed = close(replied.ticket, agent, T0 + 3 * 3600_000 + 5 * 60_000);
    if (!closed.ok) throw new Error('close refused');
    const card = buildCard(closed.ticket, catalog, texts);
    expect(card.fields).toContainEqual({ label: 'First response', value: '7 min' });
    expect(card.fields).toContainEqual({ label: 'Resolved in', value: '3 h 5 min' });
    expect(card.status).toBe('closed');
    expect(card.assignee).toBe('Alice');
  });

  it('is all in Chinese on a Chinese desk (DESK_LANG=zh): headings, status and priority', () => {
    const card = buildCard(ticket, catalog, texts, 'zh-Hans');
    expect(card.fields).toContainEqual({ label: '优先级', value: '紧急' });
    const telegram = renderCard(card).html;
    expect(telegram).toContain('状态: 🟢 待处理 · 优先级: 紧急');
    expect(telegram).toMatch(/负责人: —\n用户: /);
    expect(telegram).toContain('创建于: 2026-11-30 08:00 UTC');
    expect(telegram).toContain('<b>用户原话</b>');
    const discord = renderCaseCard(buildCard(ticket, catalog, texts, 'zh-Hant'));
    expect(discord.fields?.map((f) => f.name).slice(0, 5)).toEqual([
      '狀態',
      '優先級',
      '問題類型',
      '語言',
      '使用者',
    ]);
    expect(discord.fields?.[1]?.value).toBe('緊急');
    // The English desk keeps its words.
    expect(renderCard(buildCard(ticket, catalog, texts)).html).toContain(
      'Status: 🟢 open · Priority: urgent',
    );
  });

  it('writes durations for people', () => {
    expect([duration(42_000), duration(7 * 60_000), duration(26 * 3600_000)]).toEqual([
      '42 s',
      '7 min',
      '1 d 2 h',
    ]);
  });
});
