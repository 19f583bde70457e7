import { describe, expect, it } from 'vitest';
import { sharedTexts } from '../../../src/app.ts';
import { newConversation } from '../../../src/core/flow/state.ts';
import { beforeCaseAfter } from '../../../src/core/tickets/before-case.ts';
import { entryLine, userEntryText } from '../../../src/core/tickets/transcript.ts';

const { texts } = sharedTexts();
const NOW = Date.UTC(2026, 11, 7, 10);

describe("a user's forwarded or edited words, as agents read them", () => {
  const forwarded = {
    text: 'Verify your wallet at wallet-verify.example',
    forwarded: { name: 'Wallet Support', username: 'wallet_support_help' },
  };

  it('says who wrote a forwarded message, in the desk language', () => {
    expect(userEntryText(forwarded, texts, 'en')).toBe(
      '↪️ Forwarded from Wallet Support (@wallet_support_help):\nVerify your wallet at wallet-verify.example',
    );
    expect(userEntryText(forwarded, texts, 'zh-Hans')).toMatch(
      /^↪️ 转发自 Wallet Support \(@wallet_support_help\)：\n/,
    );
    expect(
      userEntryText({ text: 'hi', forwarded: { name: 'Anna', hidden: true } }, texts, 'zh-Hant'),
    ).toBe('↪️ 轉寄自 Anna（帳號已隱藏）：\nhi');
  });

  it('marks an edit, and the transcript line carries both', () => {
    expect(userEntryText({ text: 'TX-20261120-8F3K2Q9', edited: true }, texts, 'en')).toBe(
      '✏️ Edited: TX-20261120-8F3K2Q9',
    );
    expect(
      entryLine(
        { at: NOW, from: 'user', text: 'the amount was 250', edited: true },
        texts,
        'zh-Hans',
      ),
    ).toBe('用户: ✏️ 已编辑：the amount was 250');
    expect(entryLine({ at: NOW, from: 'user', text: 'plain' }, texts, 'en')).toBe('user: plain');
  });

  it('keeps the mark on the line said before the case opened', () => {
    const lines = beforeCaseAfter(
      newConversation('en', 'default', NOW),
      { kind: 'text', text: forwarded.text, files: [], rejected: [], sensitive: [] },
      [{ text: 'Please do this now' }],
      NOW,
      undefined,
      { forwarded: forwarded.forwarded },
    )!;
    expect(lines.map((e) => [e.from, e.forwarded])).toEqual([
      ['user', forwarded.forwarded],
      ['bot', undefined],
    ]);
  });
});
