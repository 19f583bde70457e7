import type { EvidenceFile } from '../evidence.ts';
import type { Turn } from './step-turn.ts';
import { confirm } from './summary.ts';

/**
 * A user who writes that they may harm themselves ("I lost all my savings … I'm going to kill
 * myself", "钱没了我不想活了", "我要跳楼", "唔想生存落去"): before anything about the money, a person
 * — a caring line with where to find help now, and the case urgent for a human, flagged on the
 * card so the agent answers with care. (They had been given a problem menu, or the quick fixes,
 * and a normal case with a 4-hour target.) Tested on folded words (lower case, Simplified).
 *
 * Narrow on purpose: "this app is killing me", "I could kill for a coffee", "you're killing my
 * business" and "急死了", "气死我了", "笑死" are ways of speaking, not this.
 */
export function speaksOfSelfHarm(folded: string): boolean {
  return SELF_HARM.test(folded) && !FIGURE_OF_SPEECH.test(folded);
}

const SELF_HARM = new RegExp(
  [
    String.raw`\b(?:kill|killing|hurt|hurting|harm|harming)\s+my\s*self\b`,
    String.raw`\bend(?:ing)?\s+(?:my|it)\s+(?:life|all)\b`,
    String.raw`\b(?:take|taking)\s+my\s+(?:own\s+)?life\b`,
    String.raw`\bsuicid(?:e|al)\b`,
    String.raw`\b(?:i\s+)?(?:don'?t|do not|dont)\s+want\s+to\s+(?:live|be alive)\b`,
    String.raw`\bno\s+reason\s+to\s+live\b`,
    String.raw`\b(?:want|wanna|going)\s+to\s+die\b`,
    String.raw`\bjump\s+(?:off|from)\s+(?:a|the|my)\s+(?:building|roof|bridge|balcony)\b`,
    '不想活|活不下去|活着没意思|想死|去死算了|死了算了|自杀|轻生|跳楼|寻死|了结自己|结束(?:自己的)?生命|唔想(?:生存|活)|想死咗佢|冇得活',
  ].join('|'),
  'i',
);

/** "想死你了" (miss you), "笑死", "急死", "气死" — 死 as emphasis; "不想死" is not wanting to. */
const FIGURE_OF_SPEECH = /想死你|想死我了|不想死|\bnot\s+suicidal\b/;

/**
 * Handles such words in any step: on an open case, the caring line once and the case raised to
 * urgent and flagged (TicketRaise.distress); before a case, the caring line and a case sent to
 * the agents at once, urgent and flagged, their words on it — no questions first. Answers
 * whether it handled the message.
 */
export function selfHarm(t: Turn, text: string, files: EvidenceFile[]): boolean {
  const ticketId = t.state.ticketId;
  if (t.state.phase === 'handed_off' && ticketId) {
    if (t.firstTime('distress')) t.reply(t.t('say.distressOnCase', { id: ticketId }));
    t.effects.push({
      type: 'relay',
      ticketId,
      text,
      files,
      raise: { distress: true, secrets: [] },
    });
    return true;
  }
  t.reply(t.t('say.distress'));
  t.keepWords(text);
  t.addFiles(files);
  t.state.distress = true;
  t.state.minPriority = 'urgent';
  // A problem being worked on keeps its intent (its details so far go with it); else a case for
  // a person, their words its description.
  if (!t.state.intent || !t.spec()) {
    t.state.intent = 'contact_human';
    t.state.values['description'] ??= text;
  }
  confirm(t);
  return true;
}
