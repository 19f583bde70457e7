import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sharedTexts } from '../../src/app.ts';
import { amountKind, SnippetFileError, Snippets } from '../../src/core/snippets.ts';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});
const { traditional } = sharedTexts();

/** snippets/en.yaml and zh.yaml as given, next to an intents/ of two problems and a smalltalk. */
function load(en: string, zh: string): Snippets {
  const root = mkdtempSync(join(tmpdir(), 'wsb-snippets-'));
  dirs.push(root);
  const dir = join(root, 'snippets');
  const intentsDir = join(root, 'intents');
  mkdirSync(dir);
  mkdirSync(intentsDir);
  writeFileSync(join(dir, 'en.yaml'), en);
  writeFileSync(join(dir, 'zh.yaml'), zh);
  writeFileSync(join(intentsDir, 'refund.yaml'), 'id: refund\nkind: problem\n');
  writeFileSync(
    join(intentsDir, 'withdrawal_pending.yaml'),
    'id: withdrawal_pending\nkind: problem\n',
  );
  writeFileSync(join(intentsDir, 'greeting.yaml'), 'id: greeting\nkind: smalltalk\n');
  return Snippets.load(dir, traditional, undefined, { intentsDir });
}
const error = (en: string, zh: string): string => {
  try {
    load(en, zh);
  } catch (err) {
    expect(err).toBeInstanceOf(SnippetFileError);
    return (err as Error).message;
  }
  throw new Error('loaded');
};

describe('snippets that declare what they fit', () => {
  const en = [
    'hi: "Hello {name}"',
    'traced:',
    '  text: "Your bank withdrawal of {amount}"',
    '  intents: [withdrawal_pending]',
    '  amount: fiat',
    'refunded:',
    '  text: "Refund of {amount} started"',
    '  intents: [refund]',
  ].join('\n');
  const zh =
    'hi: "{name}，您好"\ntraced: "您的银行提现（{amount}）"\nrefunded: "已退款 {amount}"\n';

  it('a text fits any case; a fit is kept from en.yaml, its text rendered in both languages', () => {
    const s = load(en, zh);
    expect(s.names()).toEqual(['hi', 'refunded', 'traced']);
    expect(s.render('traced', 'en', { amount: '$5' })).toBe('Your bank withdrawal of $5');
    expect(s.render('traced', 'zh-Hans', { amount: '$5' })).toBe('您的银行提现（$5）');
    const usdt = { problems: ['withdrawal_pending'], amount: 'crypto' as const };
    expect(s.misfit('hi', usdt)).toBeUndefined();
    expect(s.misfit('traced', usdt)).toEqual({ amount: 'fiat' });
    expect(s.misfit('refunded', usdt)).toEqual({ intents: ['refund'] });
    // A problem raised on the same case (`also`) counts; an amount without a currency fits both.
    expect(s.misfit('refunded', { problems: ['withdrawal_pending', 'refund'] })).toBeUndefined();
    expect(s.misfit('traced', { problems: ['withdrawal_pending'] })).toBeUndefined();
    expect(s.forCase(usdt)).toEqual({ fit: ['hi'], other: ['refunded', 'traced'] });
    expect(s.forCase({ problems: ['withdrawal_pending'], amount: 'fiat' })).toEqual({
      fit: ['traced', 'hi'],
      other: ['refunded'],
    });
  });

  it('refuses to start on an unknown key, intent or amount kind, a fit in zh.yaml, or a missing name', () => {
    const bad = [
      'a:',
      '  text: "A"',
      '  intent: [refund]',
      'b:',
      '  text: "B"',
      '  intents: [withdrawl_pending, greeting]',
      'c:',
      '  text: "C"',
      '  amount: usdt',
      'd:',
      '  intents: [refund]',
      'e: "E"',
    ].join('\n');
    const msg = error(bad, 'a: "甲"\nb: "乙"\nc: "丙"\nd: "丁"\ne:\n  text: "戊"\nf: "己"\n');
    expect(msg).toMatch(/en\.yaml: "a" has "intent"; known: text, intents, amount/);
    expect(msg).toMatch(
      /en\.yaml: "b": intents: "withdrawl_pending" is no problem in intents\/; known: refund, withdrawal_pending/,
    );
    // A smalltalk intent is never a case's problem.
    expect(msg).toMatch(/"b": intents: "greeting" is no problem in intents\//);
    expect(msg).toMatch(/en\.yaml: "c": amount: "usdt"; known: crypto, fiat/);
    expect(msg).toMatch(/en\.yaml: "d" must be a text \(text: …\)/);
    expect(msg).toMatch(
      /zh\.yaml: "e" must be a text: what a snippet fits is declared once, in en\.yaml/,
    );
    expect(msg).toMatch(/en\.yaml: missing "f" \(it is in zh\.yaml\)/);
    expect(error('a:\n  text: "A"\n  intents: []\n', 'a: "甲"\n')).toMatch(
      /"a": intents must be a list of intent ids/,
    );
  });

  it('the shipped snippets: the withdrawal texts for their amount kind, the refund for payment problems, the rest for every case', () => {
    const s = sharedTexts().snippets;
    expect(s.fit('withdrawal_traced')).toEqual({ intents: ['withdrawal_pending'], amount: 'fiat' });
    expect(s.fit('withdrawal_onchain')).toEqual({
      intents: ['withdrawal_pending'],
      amount: 'crypto',
    });
    expect(s.fit('refund_started').intents).toContain('refund');
    for (const name of ['checking', 'need_screenshot', 'security_steps', 'closing'])
      expect(s.fit(name)).toEqual({});
  });

  it('reads an amount as crypto or fiat money, as cases keep it and agents write it', () => {
    expect(['500 USDT', '0.5 BTC', '2 ETH', '100 XLM'].map(amountKind)).toEqual(
      Array(4).fill('crypto'),
    );
    expect(['1280 TWD', 'NT$3,000', '3,000 元', '$250', 'HK$500.50'].map(amountKind)).toEqual(
      Array(5).fill('fiat'),
    );
    expect(amountKind('250')).toBeUndefined();
  });
});
