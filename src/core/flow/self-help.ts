/**
 * Self-help: the steps that solve most cases, "did this solve it?" in any wording, a question
 * about the advice answered from the intent's FAQ (then asked once more), and on to the questions
 * for an agent when it did not help.
 */
import type { EvidenceFile } from '../evidence.ts';
import type { ProblemIntentSpec } from '../intents.ts';
import { findIdentifiers, saysNoIdentifier } from '../nlu/entities.ts';
import { foldText } from '../nlu/text.ts';
import type { Lang } from '../types.ts';
import { correctValues, noteNoIdentifier, startCollect } from './collect.ts';
import {
  hours,
  mayChangeProblem,
  SWITCH_CONFIDENCE,
  SWITCH_CONFIDENCE_SELF_HELP,
} from './problems.ts';
import { resetCase } from './state.ts';
import { isSubstantial, type Turn } from './step-turn.ts';
import {
  asksHoursQuestion,
  asksNextStep,
  goesToTry,
  isBareAck,
  isDidntHelp,
  isGreetingOnly,
  isNotSolved,
  isHuman,
  isNo,
  isQuestion,
  isSkip,
  isYes,
  wantsSenior,
} from './understand.ts';

/** The two answers to "did this solve it?" (solved / not solved, need help). */
export function selfHelpChoices(t: Turn): Array<[string, string]> {
  const ask = t.spec()?.self_help_ask;
  return [
    ['solved', ask ? t.local(ask.yes[t.lang]) : t.t('ui.solved')],
    ['unsolved', ask ? t.local(ask.no[t.lang]) : t.t('ui.notSolved')],
  ];
}

/** "Did this solve it?", or the problem's own question (self_help_ask). */
export function didItHelp(t: Turn): string {
  const ask = t.spec()?.self_help_ask;
  return ask ? t.local(ask.question[t.lang]) : t.t('say.didItHelp');
}

/**
 * A reply to "did this solve it?": yes or no in any wording, "I'll try", no id, a wish for a
 * human or a manager, service hours, a question about the advice, another problem, or details.
 */
export function selfHelpReply(t: Turn, text: string, folded: string, files: EvidenceFile[]): void {
  // "ok here: 9a1b…": an id handed over is the case going on, not "ok, solved".
  if (findIdentifiers(text, t.ctx.txid).transactionIds.length) {
    t.keepWords(text);
    t.addFiles(files);
    return startCollect(t, t.state.intent!, 'say.startCollect');
  }
  // "sorry it was 150 not 105", "日期不对，是12月1号": the detail is put right, the question stays.
  if (correctValues(t, text)) {
    if (t.mayAsk('did_it_help')) return t.reply(didItHelp(t), selfHelpChoices(t));
    return startCollect(t, t.state.intent!, 'say.startCollect');
  }
  // "好，我先試試看", "ok i'll try": gone to try the steps, not solved yet.
  if (goesToTry(folded)) return t.reply(t.t('say.takeYourTime'), selfHelpChoices(t));
  // "ok", "嗯", "thank you dear": read, maybe not solved — asked once in plain words.
  if (isBareAck(folded) && t.firstTime('ack:did_it_help'))
    return t.reply(t.t('say.solvedCheck'), selfHelpChoices(t));
  if (isYes(folded) || isBareAck(folded)) return solved(t);
  // "照著做了 還是失敗", "tried it, still not working": not solved (not a new problem of failing).
  if (isNo(folded) || isDidntHelp(folded)) {
    t.keepWordsIfDetail(text);
    return startCollect(t, t.state.intent!, 'say.startCollect');
  }
  if (saysNoIdentifier(text) && !isSkip(folded)) {
    // "我没有单号 在哪看": not solved, and the id question is answered already.
    t.keepWords(text);
    noteNoIdentifier(t, text);
    return startCollect(t, t.state.intent!, 'say.startCollect');
  }
  t.addFiles(files);
  if (wantsSenior(folded)) {
    t.state.senior = true;
    t.keepWords(text);
    return startCollect(t, t.state.intent!, 'say.managerAck');
  }
  const c = t.classify(text);
  // "I need an agent" keeps the case (and the words) the user already described.
  if (isHuman(folded) || (c.intent === 'contact_human' && c.confidence >= SWITCH_CONFIDENCE))
    return startCollect(t, t.state.intent!, 'say.humanShortcut');
  if (asksHoursQuestion(folded)) {
    hours(t);
    return t.reply(didItHelp(t), selfHelpChoices(t));
  }
  if (isQuestion(folded) || asksNextStep(folded)) return answerQuestion(t, text, folded);
  if (isSubstantial(text) && mayChangeProblem(t, text, c, SWITCH_CONFIDENCE_SELF_HELP)) return;
  // Anything else: details of this problem. A statement means it is not solved; a short
  // unclear answer gets the question once more, then the case moves on.
  t.keepWords(text);
  if (isSubstantial(text)) return startCollect(t, t.state.intent!, 'say.startCollect');
  if (t.mayAsk('did_it_help')) return t.reply(t.t('say.didItHelpLast'), selfHelpChoices(t));
  startCollect(t, t.state.intent!, 'say.startCollect');
}

/** A question about the advice: answered from the intent's FAQ, then "did this solve it?" once more. */
function answerQuestion(t: Turn, text: string, folded: string): void {
  const answer = faqAnswer(t, folded);
  // "I did all that, what now?": the next step is an agent, not the same question again.
  if (!answer && asksNextStep(folded)) return startCollect(t, t.state.intent!, 'say.nextIsAgent');
  // The question stays on the case either way: the agent sees what the user wanted to know.
  if (!isGreetingOnly(folded)) t.addNote(text);
  t.reply(answer ? t.local(answer) : noAnswer(t, folded));
  if (t.mayAsk('did_it_help')) return t.reply(didItHelp(t), selfHelpChoices(t));
  startCollect(t, t.state.intent!, 'say.startCollect');
}

/** Self-help worked: the case ends here, with nothing sent to agents. */
export function solved(t: Turn): void {
  const { intent, userWords, request } = t.state;
  t.state = resetCase(t.state);
  if (intent)
    t.state.lastSolved = { intent, at: t.ctx.now, ...(userWords ? { words: userWords } : {}) };
  // The problem is sorted, the change to the account asked for beside it is not: on to an agent
  // with it (it ended with "glad it's sorted" and the request dropped).
  if (request) {
    t.reply(t.t('say.solvedButRequest', { what: request }));
    t.keepWords(request);
    return startCollect(t, 'contact_human', 'say.detailsFirst', { description: request });
  }
  t.reply(t.t('say.solvedBye'));
}

/** How long after "solved" an "actually no, it happened again" goes back to that problem. */
export const UNSOLVED_AGAIN_MS = 30 * 60_000;

/**
 * "actually no it happened again just now", "还是不行" right after pressing "solved": the same
 * problem, its words kept, and on to the questions for an agent (it got a menu, the problem lost).
 */
export function solvedTooSoon(t: Turn, text: string, folded: string): boolean {
  const last = t.state.lastSolved;
  if (!last || t.ctx.now - last.at > UNSOLVED_AGAIN_MS) return false;
  if (!(isNotSolved(folded) || isDidntHelp(folded) || AGAIN.test(folded))) return false;
  if (!t.ctx.catalog.problem(last.intent)) return false;
  delete t.state.lastSolved;
  if (last.words) t.state.userWords = last.words;
  t.keepWords(text);
  startCollect(t, last.intent, 'say.startCollect');
  return true;
}
const AGAIN =
  /^(?:(?:actually|wait|sorry|hmm|oh)[\s,]+)*(?:no|nope|not really)\b|\b(?:happened|happening|happens|failed|declined|stuck) again\b|\bagain (?:just now|today)\b|又(?:失败|失敗|来了|來了|卡|被|出现|出現|发生|發生)|又係咁|又系咁/;

/**
 * A FAQ match word in the user's folded text: Latin ones from the start of a word ("limit" is not
 * in "unlimited", "email" not in "gmail"), as stems ("scam" is in "scammed"); Chinese anywhere.
 */
const matchers = new Map<string, (folded: string) => boolean>();
function matcher(word: string): (folded: string) => boolean {
  let m = matchers.get(word);
  if (m) return m;
  const w = foldText(word);
  if (/^[a-z0-9]/.test(w)) {
    const escaped = w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`(?<![a-z0-9])${escaped}`);
    m = (folded) => re.test(folded);
  } else m = (folded) => folded.includes(w);
  matchers.set(word, m);
  return m;
}

/** The FAQ answer whose words match the question best (at least one), if any. */
export function bestFaq(
  faq: ProblemIntentSpec['faq'],
  lang: Lang,
  folded: string,
): string | undefined {
  let best: { score: number; answer: string } | undefined;
  for (const entry of faq) {
    const words = [...entry.match[lang], ...entry.match[lang === 'en' ? 'zh' : 'en']];
    const score = words.filter((w) => matcher(w)(folded)).length;
    if (score > 0 && (!best || score > best.score)) best = { score, answer: entry.answer[lang] };
  }
  return best?.answer;
}

/**
 * The problem whose answer says only an agent can do it (`to_agent`: "forgot the memo on my XRP
 * deposit"), matched in the words; undefined if none.
 */
export function handedOver(
  problems: Iterable<ProblemIntentSpec>,
  folded: string,
): string | undefined {
  for (const spec of problems)
    for (const entry of spec.faq)
      if (entry.to_agent && [...entry.match.en, ...entry.match.zh].some((w) => matcher(w)(folded)))
        return spec.id;
  return undefined;
}

/**
 * What is said to a question the data has no answer for: "hello??", "在吗" in the middle of a
 * case is someone checking the bot is still there ("I'm here."), not a question for an agent.
 */
export function noAnswer(t: Turn, folded: string): string {
  return isGreetingOnly(folded) ? t.t('say.stillHere') : t.t('say.faqFallback');
}

/**
 * The answer to a question about the advice: the problem's own FAQ first, then the entries every
 * problem shares ("was that you guys?" asked about a scammer in the middle of a withdrawal case).
 */
export function faqAnswer(
  t: Turn,
  folded: string,
  spec: ProblemIntentSpec | undefined = t.spec(),
): string | undefined {
  const answer =
    (spec && bestFaq(spec.faq, t.lang, folded)) ?? bestFaq(t.ctx.catalog.sharedFaq, t.lang, folded);
  if (answer || !spec || !t.state.userWords || !FOLLOW_UP.test(folded)) return answer;
  // "how long does that take?" after "my authenticator app was on my old phone which broke": the
  // question is about what they told us — read with their words (it had been "I can't answer
  // that one myself", the 24-hour 2FA reset in the problem's own answers).
  return bestFaq(spec.faq, t.lang, `${folded} ${foldText(t.state.userWords)}`);
}

/**
 * A short question that points back at what was said: "how long does that take?", "is it safe?",
 * "那要等多久？", "咁要等幾耐？" — its subject is the user's first words.
 */
const FOLLOW_UP =
  /^(?:(?:so|and|ok|okay)\s+)?(?:how long|how much longer|how many days|when|is (?:it|that)|does (?:it|that)|will (?:it|that)|what about (?:it|that)|can (?:it|that))\b[^.?!]{0,30}[?？]?$|^(?:那|那么|那麼|咁|噉|所以)?(?:要|需要|大概)?(?:等)?(?:多久|几天|幾天|幾耐|几耐|几时|幾時|多长时间|多長時間)/;
