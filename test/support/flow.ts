/**
 * What tests that drive `step()` share: a flow context on the shared model and texts (the clock
 * always open, a fixed now), a conversation at a phase, a text message, and what the bot said.
 */
import { sharedNlu, sharedTexts } from '../../src/app.ts';
import { alwaysOpenClock } from '../../src/core/clock.ts';
import { newConversation, type Conversation, type Phase } from '../../src/core/flow/state.ts';
import type { step } from '../../src/core/flow/step.ts';
import type { FlowContext, FlowInput } from '../../src/core/flow/types.ts';
import { DEFAULT_TXID_SHAPE } from '../../src/core/nlu/entities.ts';

export const NOW = Date.UTC(2026, 10, 30, 12);

/** A flow context on the shared model and texts, now = NOW, case ids T-ABCDEFG. */
export function flowContext(): FlowContext {
  const { catalog, classifier } = sharedNlu();
  const { texts, traditional } = sharedTexts();
  return {
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
}

/** What the bot said in a step, its replies one per line. */
export const say = (r: ReturnType<typeof step>) =>
  r.effects.flatMap((e) => (e.type === 'reply' ? [e.message.text] : [])).join('\n');

/** A text message from the user. */
export const text = (
  t: string,
  extra: Partial<Extract<FlowInput, { kind: 'text' }>> = {},
): FlowInput => ({ kind: 'text', text: t, files: [], rejected: [], sensitive: [], ...extra });

/** A conversation at `phase` (English, prompt 7), with `patch` over it. */
export function state(phase: Phase, patch: Partial<Conversation> = {}): Conversation {
  return { ...newConversation('en', 'text', NOW), phase, prompt: 7, ...patch };
}
