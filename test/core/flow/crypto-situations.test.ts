/**
 * Crypto-wallet situations an outside reviewer played black-box: each must get the answer a
 * crypto support team gives (not a fiat or card template), in English, Simplified and
 * Traditional / Cantonese. The answers are data (intents/*.yaml); these tests drive step().
 */
import { describe, expect, it } from 'vitest';
import { sharedNlu, sharedTexts } from '../../../src/app.ts';
import { alwaysOpenClock } from '../../../src/core/clock.ts';
import { newConversation, type Conversation, type Phase } from '../../../src/core/flow/state.ts';
import { step } from '../../../src/core/flow/step.ts';
import type { FlowContext, FlowInput } from '../../../src/core/flow/types.ts';
import { DEFAULT_TXID_SHAPE } from '../../../src/core/nlu/entities.ts';

const { catalog, classifier } = sharedNlu();
const NOW = Date.UTC(2026, 10, 30, 12);
const { texts, traditional } = sharedTexts();
const ctx: FlowContext = {
  catalog,
  classifier,
  texts,
  traditional,
  clock: alwaysOpenClock(),
  txid: DEFAULT_TXID_SHAPE,
  now: NOW,
  newTicketId: () => 'T-ABCDEFG',
  user: { platform: 'fake', userId: 'u1' },
  address: { platform: 'fake', chatId: 'u1' },
};
/** What the bot said in a step, its replies one per line. */
const say = (r: ReturnType<typeof step>) =>
  r.effects.flatMap((e) => (e.type === 'reply' ? [e.message.text] : [])).join('\n');

const text = (t: string): FlowInput => ({
  kind: 'text',
  text: t,
  files: [],
  rejected: [],
  sensitive: [],
});

function state(phase: Phase, patch: Partial<Conversation> = {}): Conversation {
  return { ...newConversation('en', 'text', NOW), phase, prompt: 7, ...patch };
}
/** The first message of a conversation. */
const first = (words: string) => step(state('idle'), text(words), ctx);
/** The case opened in a step, if any. */
const opened = (r: ReturnType<typeof step>) =>
  r.effects.flatMap((e) => (e.type === 'open_ticket' ? [e.draft] : []))[0];
/** How many times a pattern occurs in a reply. */
const count = (said: string, re: RegExp) => said.match(new RegExp(re, 'g'))?.length ?? 0;

describe('a card used by someone else is not a lost card (8)', () => {
  it('"我的信用卡被盜刷了": the fraud steps freeze the card once, not the lost card’s "unfreeze it when you find it"', () => {
    for (const words of [
      '我的信用卡被盜刷了',
      '我的信用卡被盗刷了',
      'my card was used by someone, not me',
    ]) {
      const r = first(words);
      const said = say(r);
      expect(said, words).not.toMatch(/找到卡後可以再解凍|找到卡后可以再解冻|if the card turns up/);
      expect(count(said, /凍結卡片|冻结卡片|Freeze your card/), said).toBe(1);
      expect(opened(r)?.intent, words).toBe('unknown_transaction');
    }
    // A card stolen is still the lost card's first aid.
    const stolen = first('我的信用卡被盗了');
    expect(say(stolen)).toMatch(/^请立即在 App 里冻结这张卡/);
    expect(stolen.state.phase).toBe('idle');
  });
});
