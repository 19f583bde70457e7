/**
 * Finding the problem: a new message read for the problem it names (or the parts of it that do),
 * a short clarifying question when unsure, a compact menu (never the same twice in a row), the
 * service hours, the start of a problem (self-help, protective steps or straight to the
 * questions, with ids, amounts and dates taken from the words already said), and a switch to
 * another problem, confirmed before it happens.
 */
import type { EvidenceFile } from '../evidence.ts';
import type { ProblemIntentSpec } from '../intents.ts';
import { findDate, findIdentifiers } from '../nlu/entities.ts';
import { foldText } from '../nlu/text.ts';
import { wallAt } from '../time/zone.ts';
import { advance, absorb, absorbIds, amountIn, ask, slotSpec, startCollect } from './collect.ts';
import { bestFaq, didItHelp, faqAnswer, handedOver, selfHelpChoices } from './self-help.ts';
import { confirm, summary } from './summary.ts';
import {
  formatAmount,
  formatDate,
  MAX_SLOT_TEXT,
  maxPriority,
  NOTES,
  PRIORITY_RANK,
  REOPEN_BY_USER_MS,
  saysAny,
  stripMarks,
  WALLET_ADDRESS,
  type Turn,
} from './step-turn.ts';
import {
  asksHoursQuestion,
  asksServiceHours,
  changesSubject,
  isHello,
  isHuman,
  isQuestion,
  asksAccountChange,
  asksForPhone,
  isBareAck,
  isGoodbye,
  isSolvedNow,
  asksIfBot,
  asksForPerson,
  isThanks,
  THANKS_FIRST,
  fewWords,
  isNewToApps,
  isVagueHelp,
  isNo,
  isYes,
  clauses,
  problemParts,
  CHARGED_NOT_CREDITED,
  NOT_MINE,
  asksHowToPrevent,
  asksHowToReport,
  asksIfSafe,
  asksMarket,
  notASecurityReport,
  wantsSenior,
} from './understand.ts';

/** Words about the user's money or wallet. */
const MONEY_WORDS =
  /\b(?:money|funds?|balance|usdt|btc|eth|crypto|coins?|wallet|account|payment|paid|transfer|deposit|withdraw\w*|cash|dollars?|euros?)\b|钱|錢|余额|餘額|资金|資金|币|幣|钱包|錢包|账户|帳戶|賬戶|转账|轉帳|充值|提现|提現|存款|款/i;

/** How sure the classifier must be before a message may change the problem being handled. */
export const SWITCH_CONFIDENCE = 0.6;
/** After self-help most messages are about the same problem: a switch must be said clearly. */
export const SWITCH_CONFIDENCE_SELF_HELP = 0.75;
/** Mid-intake a new problem must be clearer: most messages there are details of this one. */
export const SWITCH_CONFIDENCE_COLLECTING = 0.8;
/** A second problem in the same message must be said clearly (a part of a sentence is short). */
const SECOND_PROBLEM_CONFIDENCE = 0.8;
/** A deposit next to a withdrawal (or the reverse): named in so many words, a likely guess is enough. */
const OTHER_WAY_CONFIDENCE = 0.5;
/**
 * Intents that say how the user feels or whom they want (a complaint, a human), not what went
 * wrong: never a second problem, a correction or a reason to leave the survey.
 */
export const TONE_INTENTS = ['complaint', 'contact_human'];
const isTone = (id: string) => TONE_INTENTS.includes(id);

/** The problem's family ("money not arrived", "access"): one problem told twice is one case. */
export const familyOf = (t: Turn, id: string) => t.ctx.catalog.problem(id)?.family ?? id;

/** Below this the bot asks which problem it is instead of guessing. */
const CLEAR_CONFIDENCE = 0.7;
/** A problem this likely is asked about ("is it about one of these?") before a general answer. */
const LIKELY_PROBLEM_CONFIDENCE = 0.4;

/** "None of these": an open question instead of the same choice again. */
export function askOpen(t: Turn): void {
  t.state.phase = 'idle';
  t.reply(t.t('say.askDescribe'));
}

/** A problem solved or a case closed this recently is what a "thanks" is for. */
const HELPED_LATELY_MS = 24 * 3_600_000;
/** "all sorted thanks", "搞掂咗 唔該": something was solved, whatever the bot knows of it. */
const SAYS_SORTED =
  /\b(?:sorted|fixed|works|solved|arrived|came through|went through|got it back|is back)\b|好了|解决|搞掂|ok咗|到了|到账了|收到了|到咗|退回来了/;

/** Problems the menu shows (a button each, one per row on Telegram), then "Talk to a human". */
const MENU_PROBLEMS = 8;

/** A menu of the problems (compact: the likeliest first), never the same menu twice in a row. */
export function menu(t: Turn, ranked: string[] = [], intro = 'say.menu'): void {
  t.state.phase = 'idle';
  if (t.state.menuAt !== undefined && t.state.menuAt === t.state.prompt) {
    t.reply(t.t('say.menuAgain'), [['human', t.t('ui.human')]]);
    return;
  }
  // The commonest problems first (`menu:` in intents/): the menu had shown the first six files,
  // without withdrawals, transfers or a payment the user does not recognise.
  const problems = [...t.ctx.catalog.problems.values()]
    .filter((p) => p.id !== 'contact_human')
    .sort((a, b) => (a.menu ?? Infinity) - (b.menu ?? Infinity));
  const order = [
    ...ranked.filter((id) => problems.some((p) => p.id === id)),
    ...problems.map((p) => p.id).filter((id) => !ranked.includes(id)),
  ];
  const choices: Array<[string, string]> = order
    .slice(0, MENU_PROBLEMS)
    .map((id) => [`i:${id}`, t.intentLabel(id)]);
  choices.push(['human', t.t('ui.human')]);
  t.reply(t.t(intro), choices);
  t.state.menuAt = t.state.prompt;
}

/**
 * A message when no problem is being handled: greetings and thanks answered, a wish for a human
 * or a manager, service hours, a problem named clearly (several: the most urgent first), else one
 * clarifying question between the likeliest, else a compact menu.
 */
export function newProblem(t: Turn, text: string, files: EvidenceFile[]): void {
  t.addFiles(files);
  const folded = foldText(text);
  if (isHello(folded)) {
    t.state.phase = 'idle';
    // "hello, it's me again" a day after a case closed: that case named, as an agent would.
    const last = t.state.lastClosed;
    if (last && t.ctx.now - last.at < REOPEN_BY_USER_MS)
      return t.reply(
        t.t('say.greetingBack', {
          id: last.id,
          problem: last.intent ? t.intentLabel(last.intent) : '',
        }),
      );
    return t.reply(t.t('say.greeting'));
  }
  // "嗯", "ok" right after the menu of problems: no choice made, not "glad it's sorted".
  if (isBareAck(folded) && t.state.menuAt !== undefined && t.state.menuAt === t.state.prompt)
    return askOpen(t);
  // "ok bye": goodbye (it was "Great, glad it's sorted!" when nothing had been). "88", "886"
  // (拜拜, 拜拜啰 in Chinese chat) from a Chinese user is one too, not an amount to describe.
  const goodbye = t.ctx.catalog.smalltalk.get('goodbye');
  const bye88 = t.lang === 'zh' && /^\s*88+6?\s*$/.test(folded);
  if (goodbye && (bye88 || (isGoodbye(folded) && !isThanks(folded)))) {
    t.state.phase = 'idle';
    return t.reply(t.local(goodbye.reply[t.lang]));
  }
  // "俾錢嗰個都ok咗 唔該", "all good now thanks": nothing to do but be glad — and a "thanks" with
  // nothing helped with lately is "you're welcome" (it was "Great, glad it's sorted!").
  // "thank you. my account is locked now though", "thanks, it arrived. but now I can't log in":
  // the new problem, read without the thanks and what was sorted (which pull the model away) —
  // not "glad it's sorted". "thanks, the money is back" is sorted.
  if (isYes(folded) || isThanks(folded)) {
    const next = problemAfterThanks(t, text);
    if (next) return newProblem(t, next, files);
    t.state.phase = 'idle';
    // A thanks is "you're welcome" — after "glad it's sorted" too (it had been said twice); "ok"
    // or "thanks, the money is back" is glad only when something was helped with lately.
    const lately = (at?: number) => at !== undefined && t.ctx.now - at < HELPED_LATELY_MS;
    const helped =
      lately(t.state.lastSolved?.at) ||
      (lately(t.state.lastClosed?.at) && !t.state.lastClosed?.unhelped);
    const sorted = SAYS_SORTED.test(folded);
    if (isThanks(folded) && !sorted) return t.reply(t.t('say.thanksBye'));
    return t.reply(t.t(helped || sorted ? 'say.solvedBye' : 'say.okAnyTime'));
  }
  // No words ("", "500", "?", or only what masking left of a card — "•••• 1111 ••/•• •••", warned
  // about already): what it is about, not "outside what I can help with". (Emoji alone get the
  // menu: "😡😡😡" is a mood, and Talk to a human is on it.)
  if (!/[\p{L}\p{Extended_Pictographic}]/u.test(stripMarks(text).replace(/•/g, ''))) {
    t.state.phase = 'idle';
    return t.reply(t.t('say.askDescribe'));
  }
  // "你係咪真人嚟㗎", "are you a real person?": what the bot is and that people take the case over
  // (真人 had read as a wish for one, and a talk-to-a-human case opened).
  const whatIAm = asksIfBot(folded) ? bestFaq(t.ctx.catalog.sharedFaq, t.lang, folded) : undefined;
  if (whatIAm && !mentionsProblem(t, text)) {
    t.state.phase = 'idle';
    t.reply(t.local(whatIAm));
    // "are you a real person? i want to talk to a human": the truth, then a person (the wish had
    // been dropped).
    if (!asksForPerson(folded)) return;
  }
  if (wantsSenior(folded)) t.state.senior = true;
  // "我個戶口被凍結咗成個禮拜…即刻俾個經理我講": the problem is handled (its priority, its
  // questions) and the wish for a manager goes with it; only a wish alone is a "talk to a human".
  const named = t.state.senior && !isHuman(folded) ? problemNamed(t, text) : undefined;
  if (named) {
    t.keepWords(text);
    t.calmIfAngry(text);
    return startProblems(t, named, text);
  }
  // "现在有人工吗", "而家有冇真人？": a question about when people answer, not yet a wish for one
  // (told "passing you to an agent" at night, the user then waited for nobody).
  if (isHuman(folded) && asksHoursQuestion(folded) && !mentionsProblem(t, text)) {
    t.keepWords(text);
    hours(t);
    return t.reply(t.t('say.howCanIHelp'));
  }
  // "can you call me?", "你们的客服电话是多少": no phone line — and a caller saying they are us
  // is not (then, as asked, a person here).
  if (asksForPhone(folded) && !mentionsProblem(t, text)) {
    t.keepWords(text);
    t.reply(t.t('say.noPhone'));
    return startCollect(t, 'contact_human', 'say.humanShortcut');
  }
  // "how do i change my linked bank card", "取消自动扣款": an agent's job, said so, and the
  // request is the description (it got "that is outside what I can help with" and the menu).
  // The phone number is changed in the app (an FAQ answered everywhere says how, and that an
  // agent helps if the old number is gone): that answer, not a case — nor the password-reset steps.
  const how =
    asksAccountChange(folded) && PHONE_NUMBER.test(folded)
      ? bestFaq(t.ctx.catalog.sharedFaq, t.lang, folded)
      : undefined;
  if (how) {
    t.state.phase = 'idle';
    t.reply(t.local(how));
    return t.reply(t.t('say.howCanIHelp'));
  }
  if (asksAccountChange(folded) && !mentionsProblem(t, text)) {
    t.keepWords(text);
    startCollect(t, 'contact_human', 'say.accountChange', { description: text });
    return;
  }
  // ("人工客服工作时间" asks when people answer: the hours, below — not a case for them.)
  if ((isHuman(folded) && !asksServiceHours(folded)) || t.state.senior) {
    t.keepWords(text);
    return startCollect(
      t,
      'contact_human',
      t.state.senior ? 'say.managerAck' : 'say.humanShortcut',
    );
  }
  // "有个问题", "I have a problem": asked what it is before the classifier guesses (it read
  // "有个问题" as a complaint).
  if (isVagueHelp(folded)) {
    t.keepWords(text);
    t.state.phase = 'idle';
    return t.reply(t.t('say.askDescribe'));
  }
  // "我是阿嬤，孫子幫我裝的，不太會用", "I'm 78 and not good with apps": step by step, in their words
  // (not "I don't understand" and nine buttons) — unless a problem is said with it.
  // ("…本人今年六十八岁，不太会用手机。上个月二十号我用钱包给女儿转了三千元，女儿说一直没有收到…"
  // says its problem in a clause: it had been asked to say what happened.)
  if (isNewToApps(folded) && !mentionsProblem(t, text) && !problemsInParts(t, text).length) {
    t.keepWords(text);
    t.state.phase = 'idle';
    return t.reply(t.t('say.gentleStart'));
  }
  if (asksServiceHours(folded) && !mentionsProblem(t, text)) {
    t.keepWords(text);
    hours(t);
    // "is anyone there at night?" — yes, and then what it is about.
    return t.reply(t.t('say.howCanIHelp'));
  }
  // "my phone was stolen", "我的卡丢了", "i lost my card" and nothing more: what to do this minute,
  // and "I'm right here" — they had the steps for a charge nobody had mentioned
  // ("check whether the charge could still be yours") and "did this solve it?", or a clarifying
  // question. Money gone or a way in lost is the problem itself, handled below.
  const losses = t.ctx.catalog.sharedFaq.filter((f) => f.alone);
  const lossNow = bestFaq(losses, t.lang, folded);
  // "lost my phone and now i can't log in", or "i can't log in" after that first aid: what it
  // promised — an agent locks the account — urgent, at once; not the "forgot password" tips
  // (the codes go to the lost phone).
  if (
    LOCKED_OUT.test(folded) &&
    !NEW_AUTHENTICATOR.test(folded) &&
    (lossNow || bestFaq(losses, t.lang, foldText(t.state.userWords ?? '')))
  ) {
    if (lossNow) t.reply(t.local(lossNow));
    t.keepWords(text);
    t.state.minPriority = 'urgent';
    // To the agents at once, as a protective case: what happens at login is asked after.
    t.state.intent = 'login_problem';
    prefill(t, t.spec()!, t.state.userWords ?? text);
    t.reply(t.t('say.lockForYou'));
    return openAtOnce(t, t.spec()!);
  }
  const aid = NOTHING_GONE_YET(folded) ? lossNow : undefined;
  if (aid) {
    t.keepWords(text);
    t.state.phase = 'idle';
    t.reply(t.local(aid));
    return t.reply(t.t('say.afterLoss'));
  }
  // "how do I report a scam?", "點樣舉報騙子": how to report and what to send, and a report offered
  // — not an urgent case opened for a question (a scam told with it was a report before this).
  if (asksHowToReport(folded) && notASecurityReport(folded)) {
    t.state.phase = 'idle';
    t.reply(t.t('say.howToReport'), [
      ['i:security_report', t.t('ui.reportScam')],
      ['human', t.t('ui.human')],
    ]);
    t.state.offer = { intent: 'security_report', at: t.state.prompt };
    return;
  }
  // "what's the btc price today?", "should I stake my ETH?", "比特币会涨吗": no prices, forecasts
  // or investment advice, said plainly, then what the bot does help with (their coin words had
  // read as money problems: "I'm not sure I understood" and the menu).
  if (asksMarket(folded) && !mentionsProblem(t, text)) {
    t.keepWords(text);
    return menu(t, [], 'say.noMarketAdvice');
  }
  // Whatever the words turn out to be about, an angry user hears a calm line first (a problem
  // read with less confidence, or two of them, had gone without it).
  t.calmIfAngry(text);
  const c = t.classify(text);
  if (THEFT_READINGS.includes(c.intent) && notASecurityReport(folded)) {
    // "what should i do if someone steals my account": how to keep it safe, no urgent case (and
    // no menu of money not arrived: "點樣先可以唔俾人盜我個戶口？" had one).
    t.state.phase = 'idle';
    if (asksHowToPrevent(folded) || asksIfSafe(folded)) {
      const tip = bestFaq(t.ctx.catalog.sharedFaq, t.lang, folded);
      if (tip) t.reply(t.local(tip));
      return t.reply(t.t('say.howCanIHelp'));
    }
    // "i think the address was wrong": which money it was about (the model read a security report).
    t.keepWords(text);
    return clarify(t, ['withdrawal_pending', 'transfer_delayed']);
  }
  // "I deposited XLM without the memo", "我存XRP忘記填tag": the words say what it is and that an
  // agent does it (the model had offered "Can't log in", or read a withdrawal at 0.9 and gave its
  // steps) — unless the coins were withdrawn from here (the receiving platform recovers those).
  const handover = WITHDRAWN.test(folded)
    ? undefined
    : handedOver(t.ctx.catalog.problems.values(), folded);
  if (handover) {
    t.keepWords(text);
    return startProblems(t, handover, text);
  }
  const problem = t.ctx.catalog.problem(c.intent);
  if (problem && c.confidence >= CLEAR_CONFIDENCE) {
    t.keepWords(text);
    return startProblems(t, problem.id, text);
  }
  const small = t.ctx.catalog.smalltalk.get(c.intent);
  if (small && c.confidence >= CLEAR_CONFIDENCE) {
    if (small.id === 'service_hours') return hours(t);
    if (small.id === 'greeting') return t.reply(t.t('say.greeting'));
    return t.reply(t.local(small.reply[t.lang]));
  }
  // Unsure about the whole message: its parts may each name a problem clearly.
  const parts = problemsInParts(t, text);
  if (parts.length) {
    t.keepWords(text);
    return startProblems(t, parts[0]!, text);
  }
  // A general question ("what are the fees?", "每天最多能提多少"): answered from the entries every
  // problem shares, then what it is about (it got the menu of problems). What to do this minute
  // ("我手机丢了…怎么办") is answered whatever else; otherwise a likely problem is asked about
  // first: "我昨天提了一笔USDT 大概800U…到现在还没到 txid是… 地址好像填错了一位 怎么办" had the
  // wrong-network answer and "what can I help with?", its withdrawal, id and amount lost.
  const shared = t.ctx.catalog.sharedFaq;
  const likelyProblem =
    !!t.ctx.catalog.problem(c.best.intent) && c.best.p >= LIKELY_PROBLEM_CONFIDENCE;
  // ("…, can i claim" asks whether it is safe, with no question mark; "…點算" what to do.)
  const general = !(isQuestion(folded) || asksIfSafe(folded) || /点算|点办/.test(folded))
    ? undefined
    : (bestFaq(
        shared.filter((f) => f.first_aid),
        t.lang,
        folded,
      ) ?? (likelyProblem ? undefined : bestFaq(shared, t.lang, folded)));
  if (general) {
    t.state.phase = 'idle';
    t.reply(t.local(general));
    return t.reply(t.t('say.howCanIHelp'));
  }
  // A question the likely problem's own entries answer ("提領可以取消嗎？"): that problem, its
  // answer first — not "which of these is it?" (English words had been sure enough, Chinese not).
  const likelySpec = likelyProblem ? t.ctx.catalog.problem(c.best.intent) : undefined;
  if (likelySpec && isQuestion(folded) && bestFaq(likelySpec.faq, t.lang, folded)) {
    t.keepWords(text);
    return startProblems(t, likelySpec.id, text);
  }
  // Unsure: one short question between the likeliest problems, then a compact menu.
  t.keepWords(text);
  // "Talk to a human" is always the last button: not also one of the likely problems.
  const likely = c.ranking
    .filter(
      (r) =>
        t.ctx.catalog.problem(r.intent) && r.intent !== 'contact_human' && r.confidence >= 0.12,
    )
    .map((r) => r.intent)
    .slice(0, 3);
  if (c.intent === 'out_of_scope' && c.confidence >= 0.9 && !likely.length) {
    // "我那个钱怎么没有了" is about the user's money, whatever the classifier says: the problems
    // where money goes missing first, never "I can't help with that".
    if (MONEY_WORDS.test(foldText(text)))
      return menu(t, ['unknown_transaction', 'transfer_delayed', 'withdrawal_pending']);
    // Clearly not a wallet problem ("best pizza topping?"): say what the bot is for, once.
    return menu(t, [], 'say.outOfScope');
  }
  if (likely.length >= 1 && t.state.phase !== 'clarifying' && likely.length <= 3)
    return clarify(t, likely);
  menu(t, likely);
}

/**
 * The new problem after a thanks ("thank you. my account is locked now though", "thanks! but now
 * I can't log in"), without the thanks and what was sorted; undefined if there is none.
 */
export function problemAfterThanks(t: Turn, text: string): string | undefined {
  if (!THANKS_FIRST.test(text)) return undefined;
  const next = text
    .replace(THANKS_FIRST, '')
    .split(THEN_ANOTHER)
    .map((p) => p.trim())
    .filter(Boolean)
    .at(-1);
  return next && next !== text && !isSolvedNow(foldText(next)) && mentionsProblem(t, next)
    ? next
    : undefined;
}

/** A code (SMS, e-mail, authenticator) in a message about logging in, no identity check named. */
const loginCode = (whole: string, part: string) =>
  /登录|登入|登陆|\blog ?in\b|\bsign ?in\b/.test(whole) &&
  /验证码|\bcodes?\b|\botp\b|\bsms\b|短信|简讯/.test(part) &&
  !/实名|身份|证件|\bkyc\b|自拍|人脸|护照|\bid\b|passport|selfie|identity/.test(part);

/** A transfer that would not go out: "转不出去", "汇不出去", "can't send", "won't go through". */
const NOT_SENT =
  /转不出去?|转不了|汇不出去?|发不出去|付不出去|\b(?:can'?t|cannot|unable to) (?:send|transfer)\b|\bwon'?t (?:send|go (?:out|through))\b/;

/** Coins sent out from here: "withdrew", "提币", "提領", "出金". */
const WITHDRAWN = /\bwithdr\w*|提现|提币|提领|提款|出金/;

/** "…, but now", "btw", "不过": what follows is another matter. */
const THEN_ANOTHER = /\b(?:but|however|btw|by the way|though)\b|不过|不過|但是|但係|另外/i;

/**
 * No money said to be gone, no payment named, no trouble getting in: a loss alone ("my card was
 * stolen", "i lost my phone") — not "…and there are payments i didn't make", "…now i can't log in".
 */
const NOTHING_GONE_YET = (folded: string) =>
  !/\b(?:used (?:it|them|my card)|charges?|charged|payments?|paid|purchases?|bought|transactions?|withdr\w*|transfer\w*|debit(?!\s+card)\w*|money|funds|balance|spent|spend|sent|usdt|usdc|btc|eth|crypto|coins?|not me|wasn'?t me|didn'?t (?:make|do)|unauthori[sz]ed|fraud\w*|log ?in|sign ?in|locked|2fa|authenticator|hack\w*)\b|扣|付款|支付|消费|交易|转|提现|钱(?!包)|余额|刷|碌|币|不是我|唔系我|有人用|用咗|用了我|登录|登入|登陆|锁|验证器|黑/.test(
    folded,
  );

/** Can't get into the account: "i can't log in", "locked out", "登录不了", "登入唔到". */
const LOCKED_OUT =
  /\b(?:can'?t|cannot|can not|unable to|not able to|couldn'?t)\s+(?:log ?in|login|sign ?in|get in(?:to)?|access)\b|\blocked out\b|\blog(?:in)? ?(?:唔到|不了|不到)|登录不了|登陆不了|登不进|登不上|登唔到|登入唔到|登录唔到|冇得登入|进不去|入唔到|(?:没办法|没法|无法|不能)(?:登录|登入|登陆)/;

/**
 * The authenticator was on the lost phone, or how to reset it is asked ("lost my phone w/ the
 * authenticator app. new phone now. how do i reset 2fa"): the 2FA reset answers that.
 */
const NEW_AUTHENTICATOR =
  /\b(?:2fa|authenticator|two.factor|how (?:do|can|should) i)\b|验证器|谷歌验证|怎么|点样/;

/** "Just to be sure — is it about one of these?": the options, something else, a person. */
function clarify(t: Turn, options: string[]): void {
  t.state.phase = 'clarifying';
  t.state.clarifyOptions = options;
  const choices: Array<[string, string]> = options.map((id) => [`i:${id}`, t.intentLabel(id)]);
  choices.push(['other', t.t('ui.somethingElse')], ['human', t.t('ui.human')]);
  t.reply(t.t('say.clarify'), choices);
}

const SECURITY_REPORT = 'security_report';
/** What the model makes of "怎么防止钱包被盗" or "the address was wrong": a theft of some kind. */
const THEFT_READINGS = [SECURITY_REPORT, 'unknown_transaction'];
/** Whether the text names a problem the classifier is sure about (not just a question of hours). */
function mentionsProblem(t: Turn, text: string): boolean {
  const c = t.classify(text);
  // (A wish for a human is not a problem of its own: "而家有冇真人？" asks when they answer; nor is
  // the tone of a complaint: "will anyone answer tonight?" had read as one at 0.77.)
  return !!t.ctx.catalog.problem(c.intent) && !isTone(c.intent) && c.confidence >= 0.7;
}

/** "Will anyone answer tonight?": the service hours, said plainly, and whether agents are in. */
export function hours(t: Turn): void {
  const clock = t.ctx.clock;
  const described = clock.describe(t.locale);
  if (!described) return t.reply(t.t('say.hoursAlways'));
  const next = clock.nextOpen(t.ctx.now);
  // "will anyone answer tonight?": open now, until when, and what happens to a case after that.
  const close = clock.closesAt(t.ctx.now);
  const reopen = close !== undefined ? clock.nextOpen(close) : undefined;
  const at = (ms: number) => clock.formatLocal(ms, t.locale, t.ctx.now, false);
  const now = clock.isOpen(t.ctx.now)
    ? close !== undefined && reopen !== undefined
      ? t.t('say.hoursOpenUntil', { close: at(close), next: at(reopen) })
      : t.t('say.hoursOpenNow')
    : next !== undefined
      ? t.t('say.hoursClosedNow', { next: clock.formatLocal(next, t.locale, t.ctx.now) })
      : '';
  t.reply(t.t('say.hoursAnswer', { hours: described, now }).replace(/\s{2,}/g, ' '));
}

/** A clause that is an id and its label, nothing more. */
function isOnlyAnId(t: Turn, part: string): boolean {
  const ids = findIdentifiers(part, t.ctx.txid).transactionIds;
  if (!ids.length) return false;
  let rest = part;
  for (const id of ids) rest = rest.split(id).join(' ');
  rest = rest.replace(ID_LABEL_WORDS, ' ').replace(/[\s\p{P}\p{S}\d]/gu, '');
  return rest.length < 4;
}
const ID_LABEL_WORDS =
  /transaction ids?|tx ?ids?|txn|txid|tx|ref(?:erence)?|order(?: no\.?| number| id)?|id|number|no\.?|hash|is|it'?s|my|the|交易(?:序号|序號|编号|編號|号|號|单号|單號|哈希)?|单号|單號|订单号?|訂單號?|流水号|流水號|哈希|编号|編號|序号|序號|是|係|系|为|為|：|:/gi;

/** Money coming in or going out, when a clause names only one of them. */
type Way = 'in' | 'out' | undefined;
function wayOf(part: string): Way {
  const folded = foldText(part);
  const into = DEPOSIT_WORDS.test(folded);
  const out = WITHDRAWAL_WORDS.test(folded);
  return into === out ? undefined : into ? 'in' : 'out';
}
const DEPOSIT_WORDS =
  /\b(?:deposit\w*|top(?:ped)?[ -]?ups?|topped up|fund(?:ed|ing)? my)\b|充值|充币|充幣|入金|存入|入數|入数|增值|儲值|储值/;
const WITHDRAWAL_WORDS =
  /\b(?:withdr[ae]w\w*|cash(?:ed)?[ -]?out)\b|提现|提現|提币|提幣|出金|提款|提領|提领/;

/**
 * The problems the parts of a message name clearly, one per family ("扣钱了 但是显示支付失败"
 * is one payment problem, not two) unless their money went opposite ways (a deposit and a
 * withdrawal); `first` comes first when given.
 */
function problemsInParts(t: Turn, text: string, first?: string): string[] {
  // The problem each clause names, and the way its money moved.
  const named: Array<{ intent: string; way: Way; clear: boolean }> = [];
  // "I topped up 50 EUR, the card was charged but the wallet was never credited": one top-up that
  // did not arrive, not also a charge the user does not recognise ("the card was charged" alone).
  const whole = foldText(text);
  const notCredited = CHARGED_NOT_CREDITED.test(whole) && !NOT_MINE.test(whole);
  for (const part of problemParts(text)) {
    // "交易序號 TX-20261203-7QW8E2R", "Transaction ID 係 …": an id given, not a problem (交易 read
    // as an unrecognised transaction and the withdrawal became a card-fraud case).
    if (isOnlyAnId(t, part)) continue;
    const c = t.classify(part);
    const intent = c.best.intent;
    if (notCredited && intent === 'unknown_transaction') continue;
    // "登录不上，验证码一直收不到": the login's code, not an identity check (it had become a
    // second problem, 注册与实名认证, announced as such).
    if (intent === 'verification_problem' && loginCode(whole, foldText(part))) continue;
    // "…oh and i think i typed one letter of the address wrong": their slip, not a security report.
    if (intent === SECURITY_REPORT && notASecurityReport(foldText(part))) continue;
    // "转账转不出去 一直显示失败": a transfer that could not be sent failed — it is not also money
    // sent that has not arrived (the misread review: a false second problem).
    if (intent === 'transfer_delayed' && NOT_SENT.test(foldText(part))) continue;
    if (
      t.ctx.catalog.problem(intent) &&
      // Frustration in a clause ("been like forever") is tone, not a second complaint.
      !isTone(intent) &&
      c.best.p >= OTHER_WAY_CONFIDENCE &&
      // "I have rent to pay TODAY" says why it is urgent, not that a payment failed: another
      // problem than the first is one the clause says something is wrong with.
      (!first ||
        intent === first ||
        (SOMETHING_WRONG.test(foldText(part)) && !isAsideQuestion(part) && !pointsBack(part)))
    )
      named.push({
        intent,
        way: wayOf(part),
        clear: c.intent === intent && c.confidence >= SECOND_PROBLEM_CONFIDENCE,
      });
  }
  // One per family, unless money went opposite ways: "my deposit has not arrived and my
  // withdrawal is still pending" is two cases of money not arriving (the deposit and withdrawal
  // words back a less certain guess).
  const wayOfIntent = (id: string) => named.find((n) => n.intent === id && n.way)?.way;
  const found: Array<{ intent: string; way: Way }> = first
    ? [{ intent: first, way: wayOfIntent(first) }]
    : [];
  const otherWay = (a: Way, b: Way) => !!a && !!b && a !== b;
  for (const n of named) {
    const inFamily = found.filter((f) => familyOf(t, f.intent) === familyOf(t, n.intent));
    if (found.some((f) => f.intent === n.intent)) continue;
    if (inFamily.length ? inFamily.every((f) => otherWay(f.way, n.way)) : n.clear) found.push(n);
  }
  return found.map((f) => f.intent);
}

/**
 * A few words asked about the first problem ("is it lost??", "还能找回吗？"): a question about it,
 * not another problem (the first read "lost" as a login problem).
 */
function isAsideQuestion(part: string): boolean {
  const folded = foldText(part);
  return isQuestion(folded) && fewWords(folded, 6, 4);
}

/**
 * A few words about what was just said ("…yesterday but it's not there", "但是它没到"): the same
 * problem, not another one (the first read "it's not there" as a charge not recognised).
 */
function pointsBack(part: string): boolean {
  const folded = foldText(part).trim();
  return fewWords(folded, 8, 6) && POINTS_BACK.test(folded);
}
// ("merchant said they refunded but i didnt get it": "i didnt get it" is the refund not arrived,
// not also a payment the user does not recognise — it had been handled first, freeze the card.)
const POINTS_BACK =
  /^(?:(?:but|and|so|yet)\s+)?(?:it|it'?s|its|that|that'?s|this|they|they'?re|them|he|she|he'?s|she'?s)\b|^(?:(?:but|and|so|yet)\s+)?i\s+(?:still\s+)?(?:didn'?t|did not|haven'?t|have not|never|don'?t|do not|can'?t|cannot)\s+(?:get|got|receive|received|see|seen|find|have)\s+(?:it|them|that|this|anything|the money|my money)\b|^(?:但是?|可是|不过|而且)?(?:它|这笔|這筆|那笔|那筆|佢)|^(?:但是?|可是|不过|而且)?(?:我)?(?:一直|还是|仍然)?(?:没|没有|沒|沒有|冇|未)(?:有)?(?:收到|到账|到帳|见到|見到|看到)(?:啊|呀|喔|哦|喎)?$/;

/** Words that say something is wrong (a clause without any names no problem of its own). */
// (Not 还 alone: "我今天还要转钱给供应商" says why it is urgent — 还没 / 还是不 are 没 and 不.)
const SOMETHING_WRONG =
  /\b(?:fail\w*|declin\w*|reject\w*|error|wrong|not|no|never|nothing|can'?t|cannot|couldn'?t|won'?t|didn'?t|doesn'?t|isn'?t|hasn'?t|haven'?t|wasn'?t|stuck|pending|missing|lost|locked|frozen|blocked|suspended|restricted|disabled|charged|twice|still|hack\w*|stole\w*|stolen|scam\w*|fraud\w*|unauthori[sz]ed|refund\w*|problem|issue|help|delay\w*|late|crash\w*|broken|bug\w*|freez\w*|full|gone|disappear\w*)\b|不|没|沒|未|无|無|失败|失敗|错|錯|冻结|凍結|锁|鎖|封|被|盗|盜|骗|騙|扣|退|卡住|问题|問題|唔|冇|咗|仲/i;

/**
 * Several problems in one message: the most urgent is handled first, the others stay on the
 * same case (listed on the card); the user is told.
 */
function startProblems(t: Turn, first: string, text: string): void {
  const found = problemsInParts(t, text, first);
  const ids = [...found].sort(
    (a, b) =>
      PRIORITY_RANK[t.ctx.catalog.problem(b)!.priority] -
      PRIORITY_RANK[t.ctx.catalog.problem(a)!.priority],
  );
  const [main, ...others] = ids;
  // "…，另外我想改绑定的银行卡": a request beside the problem goes on the same case, said so (it
  // was in the words only, and the user never heard it was seen).
  const request = accountChangeIn(text);
  // (Beside the problem: "點樣改手機號碼？" alone is the problem itself, answered by its FAQ.)
  const besides = request ? text.replace(request, '').replace(/[\s\p{P}\p{S}]/gu, '') : '';
  if (request && besides.length >= 6) {
    t.addNote(request);
    t.state.request = request;
    t.reply(t.t('say.requestNoted', { what: request }));
  }
  if (others.length) {
    t.state.also = [...new Set([...(t.state.also ?? []), ...others])];
    t.reply(
      t.t('say.twoProblems', {
        first: t.intentLabel(main!),
        second: others.map((o) => t.intentLabel(o)).join(', '),
      }),
    );
  }
  // With other problems beside it, the first one's details come from the clauses that name it:
  // "withdrawal of 300 usdt is stuck … also a 45 euro charge i dont recognise" had filed the
  // 300 USDT of the withdrawal under the unknown charge.
  const own = others.length
    ? clauses(text)
        .filter((c) => t.classify(c.toLowerCase()).best.intent === main)
        .join('\n')
    : '';
  if (own) t.state.focus = { intent: main!, words: own };
  startIntent(t, main!, own || undefined);
}

/**
 * The clause of a message that asks for a change to the account ("…，另外我想改绑定的银行卡"), as
 * written, without the word that joined it on ("另外", "also").
 */
export function accountChangeIn(text: string): string | undefined {
  return clauses(text, 3)
    .map((p) => p.replace(/^(?:also|and|btw|plus|oh)\s+/i, ''))
    .find((p) => asksAccountChange(foldText(p)));
}

const PHONE_NUMBER = /\bphone\b|\bmobile\b|\bnumber\b|手机|号码/;

/**
 * "also i want to change my phone number on the account", "另外我想改綁定的銀行卡" written to an
 * open case, claimed or not: the user is told once that it is with the case (it had been relayed
 * without a word) — and how a phone number is changed in the app, as before a case. Answers
 * whether it replied.
 */
export function requestOnCase(t: Turn, text: string): boolean {
  const request = accountChangeIn(text);
  if (!request || !t.firstTime(`request:${foldText(request)}`)) return false;
  const folded = foldText(request);
  const how = PHONE_NUMBER.test(folded)
    ? bestFaq(t.ctx.catalog.sharedFaq, t.lang, folded)
    : undefined;
  t.reply(how ? t.local(how) : t.t('say.requestOnCase', { what: request, id: t.state.ticketId! }));
  return true;
}

/**
 * Someone saying they are our staff, to have something done to an account ("I am the admin.
 * Disable 2FA for user @bob_crypto", "我是你们的管理员，帮我把用户…的手机号改成…"). ("I'm an
 * employee of a bank" is not.)
 */
export const CLAIMS_STAFF =
  /\b(?:i am|i'm|im|this is)\s+(?:the|your|ur)\s+(?:(?:head|senior|chief|platform|system|wallet)\s+)?(?:admin|administrator|moderator|supervisor|support (?:manager|lead|supervisor)|developer|staff member|employee)\b|\b(?:i am|i'm|im)\s+an?\s+(?:admin|administrator|moderator)\b(?!\s+(?:of|at|in|for)\s+(?:a|an|my|another)\b)|我是(?:你们|你們|你哋|贵司|貴司|平台|平臺)的?(?:管理员|管理員|客服主管|主管|员工|員工|工作人员|工作人員|技术人员|技術人員|开发人员|開發人員)|我是(?:管理员|管理員|客服主管)|我(?:係|系)(?:你哋|你們|你们)(?:嘅|的)?(?:管理員|管理员|客服主管|主管|員工|员工|職員|职员)|我(?:係|系)(?:管理員|管理员|客服主管)/;

/** The problem a message names clearly (not a complaint or a wish for a human), if any. */
function problemNamed(t: Turn, text: string): string | undefined {
  if (confidentProblem(t, text, CLEAR_CONFIDENCE, TONE_INTENTS)) return t.classify(text).intent;
  return problemsInParts(t, text).find((id) => !isTone(id));
}

/** The problem handled is not also listed as another one on the same case. */
function notAlso(t: Turn, intent: string): void {
  if (!t.state.also?.includes(intent)) return;
  t.state.also = t.state.also.filter((a) => a !== intent);
  if (!t.state.also.length) delete t.state.also;
}

/** Starts a problem; ids, amounts and dates are taken from `words` (default: all the user said). */
export function startIntent(t: Turn, intent: string, words = t.state.userWords ?? ''): void {
  const spec = t.ctx.catalog.problem(intent);
  if (!spec) return menu(t);
  if (t.state.intent && t.state.intent !== intent) {
    // A different problem: the old one's priority stays (it never drops silently).
    const old = t.spec();
    if (old) t.state.minPriority = maxPriority(old.priority, t.state.minPriority);
  }
  t.state.intent = intent;
  notAlso(t, intent);
  delete t.state.clarifyOptions;
  prefill(t, spec, words);
  const numbered = numberedSteps(t, spec);
  // A question in the first words ("they want 400 USDT tax before I can withdraw — can I pay
  // it?", "Is this normal?") is answered first, before the steps.
  const asked = spec.flow === 'complaint' ? '' : firstAnswer(t, words);
  if (asked) t.reply(t.local(asked));
  const folded = foldText(words);
  const protective = spec.flow === 'self_help' && saysAny(folded, spec.protective_when);
  switch (protective ? 'protective' : spec.flow) {
    case 'direct':
      return startCollect(t, intent, 'say.humanShortcut');
    case 'complaint':
      t.state.phase = 'collecting';
      t.state.slot = -1;
      // (One sorry: after the calming line, the complaint's intro without its own.)
      t.reply(t.t(t.calmedNow ? 'say.complaintIntroCalmed' : 'say.complaintIntro'));
      return advance(t);
    case 'protective':
      // Minutes count (money may be leaving now, and a user in panic may leave the chat): the
      // urgent case goes to the agents at once with what is known, and what would help them is
      // asked for after — the answers go to the case as they come.
      t.state.minPriority = 'urgent';
      t.reply(t.t('say.protectiveFirst', { steps: numbered }));
      t.protectiveShown = true;
      return openAtOnce(t, spec);
    case 'self_help':
      if (spec.self_help[t.lang].length === 0) return startCollect(t, intent, 'say.humanShortcut');
      // "充XRP忘了填tag": its answer said an agent recovers it — the details for them, not the
      // steps and "did this solve it?".
      if (handedOver([spec], folded)) return startCollect(t, intent, 'say.toAgentDetails');
      // "…i want a manager NOW": no quick fixes to try first, the senior agent gets the case.
      if (t.state.senior) return startCollect(t, intent, 'say.managerAck');
      // The same problem as a case closed in the last days ("it happened again with another
      // withdrawal"): its quick fixes were given then — straight to the details for an agent.
      if (
        t.state.lastClosed?.intent === intent &&
        t.ctx.now - t.state.lastClosed.at < REOPEN_BY_USER_MS
      )
        return startCollect(t, intent, 'say.sameAsLastCase', {}, { id: t.state.lastClosed.id });
      t.state.phase = 'self_help';
      t.mayAsk('did_it_help');
      t.reply(
        t.t('say.selfHelp', {
          title: t.intentLabel(intent),
          steps: numbered,
          question: didItHelp(t),
        }),
        selfHelpChoices(t),
      );
  }
}

/**
 * A problem's self-help steps in the user's language, numbered one per line — without those the
 * user's words say do not apply (self_help_skip: "the shop already refunded me").
 */
export function numberedSteps(t: Turn, spec: ProblemIntentSpec): string {
  const words = foldText(t.state.userWords ?? '');
  const skipped = new Set([
    ...(spec.self_help_skip ?? [])
      .filter((s) => saysAny(words, s.when) && !saysAny(words, s.unless))
      .map((s) => s.step - 1),
    ...(spec.self_help_only ?? []).filter((s) => !saysAny(words, s.when)).map((s) => s.step - 1),
  ]);
  return spec.self_help[t.lang]
    .filter((_, i) => !skipped.has(i))
    .map((s, i) => `${i + 1}. ${t.local(s)}`)
    .join('\n');
}

/** A protective case sent without questions first; what is still missing is asked after. */
function openAtOnce(t: Turn, spec: ProblemIntentSpec): void {
  const missing = t
    .slots()
    .filter((s) => s.type !== 'images' && t.state.values[s.slot] === undefined);
  const asks = missing.map((s) => t.local(s.prompt?.[t.lang] ?? ''));
  confirm(t);
  // The steps were given for this case: told again later, it is not raised again (security.ts).
  if (t.state.ticketId) {
    t.state.securityOn = t.state.ticketId;
    // What is asked below goes on the card as it is answered (fieldsGivenLater).
    if (missing.length) t.state.askedAfter = { id: t.state.ticketId, at: t.ctx.now };
  }
  const screenshots =
    spec.id === 'security_report' ? 'say.securityScreenshots' : 'say.caseScreenshots';
  t.reply([...asks.filter(Boolean), t.t(screenshots)].join('\n'));
}

const HOW_DO_I =
  /\bhow (?:do|can|should|would) i\b|怎么办|怎麼辦|如何|怎样|怎樣|点样|點樣|点算|點算/;

/** The FAQ answer to the user's words when they ask a question, if there is one. */
function firstAnswer(t: Turn, words: string): string | undefined {
  const folded = foldText(words);
  // "…new phone now. how do i reset 2fa": a question at the end of the story is still one.
  if (/[?？]/.test(words) || isQuestion(folded) || HOW_DO_I.test(folded))
    return faqAnswer(t, folded);
  // "my card was stolen", "手机丢了": what to do this minute, asked or not.
  return bestFaq(
    t.ctx.catalog.sharedFaq.filter((f) => f.first_aid),
    t.lang,
    folded,
  );
}

/** Users never repeat themselves: ids, amounts and dates in their words fill slots. */
export function prefill(t: Turn, spec: ProblemIntentSpec, text: string): void {
  if (!text) return;
  const ids = findIdentifiers(text, t.ctx.txid);
  for (const slot of spec.collect) {
    if (t.state.values[slot.slot]) continue;
    if (slot.type === 'transaction_id') {
      if (ids.transactionIds.length) t.state.values[slot.slot] = ids.transactionIds.join(', ');
    } else if (slot.type === 'amount') {
      const a = amountIn(t, text, false);
      if (a) t.state.values[slot.slot] = formatAmount(a.value, a.currency);
    } else if (slot.type === 'date') {
      const d = findDate(text, t.ctx.now, t.zone);
      // What went wrong happened already: "has not arrived after 2 days" is no date of it.
      const today = new Date(wallAt(t.zone, t.ctx.now)).toISOString().slice(0, 10);
      if (d && d.iso <= today) t.state.values[slot.slot] = formatDate(d);
    } else if (slot.answered_by) {
      // "退貨了 店家說已經退款 可是我錢包沒看到": the reason is in the first words.
      const words = [...slot.answered_by.en, ...slot.answered_by.zh].map(foldText);
      const part = text.split(CLAUSE).find((p) => {
        const folded = foldText(p);
        return folded.trim() && words.some((w) => folded.includes(w));
      });
      if (part) t.state.values[slot.slot] = part.trim().slice(0, MAX_SLOT_TEXT);
    } else if (slot.story && toldTheStory(text)) {
      // "自称你们客服的人打电话给我 让我把验证码告诉他": the story is told; not asked for again.
      t.state.values[slot.slot] = text.slice(0, MAX_SLOT_TEXT);
    }
  }
  if (ids.addresses.length && !t.state.values[WALLET_ADDRESS])
    t.state.values[WALLET_ADDRESS] = ids.addresses.map((a) => a.value).join(', ');
}

/**
 * Clauses of the first words: at punctuation (a point or comma inside a number is not: "its
 * 3.50" had become the reason "…its 3"), "and" / "but", and spaces between Chinese.
 */
const CLAUSE =
  /(?:[;!?，。；！？\n]|[,.](?!\d)|(?<!\d)[,.])+|\s+(?:and|but)\s+|(?<=\p{Script=Han})\s+|\s+(?=\p{Script=Han})/iu;

/** Words enough to be the story itself: 12 words, or 16 Chinese characters. */
export function toldTheStory(text: string): boolean {
  const words = stripMarks(text);
  const han = words.match(/\p{Script=Han}/gu)?.length ?? 0;
  return han >= 16 || words.trim().split(/\s+/).length >= 12;
}

/** Whether the classifier names a problem (not one of `not`) at `min` confidence or more. */
export function confidentProblem(
  t: Turn,
  text: string,
  min = SWITCH_CONFIDENCE,
  not: string[] = [],
): boolean {
  const c = t.classify(text);
  return !!t.ctx.catalog.problem(c.intent) && c.confidence >= min && !not.includes(c.intent);
}

/**
 * A message that may change the problem is confirmed before switching (security excepted, see
 * securityInterrupt); answers whether it started that confirmation.
 */
export function mayChangeProblem(
  t: Turn,
  text: string,
  c: { intent: string; confidence: number },
  min: number,
): boolean {
  if (
    t.leaked ||
    !t.ctx.catalog.problem(c.intent) ||
    c.intent === t.state.intent ||
    c.intent === 'contact_human' ||
    (t.state.also ?? []).includes(c.intent) ||
    c.confidence < min
  )
    return false;
  // "now there's a withdrawal i didn't make!!!", "密码改了 设备也都退出了" in a security case are the
  // same incident: kept on the case (listed, its words noted), the case's questions go on — no
  // "is this a new problem?".
  if (t.state.intent === 'security_report' && SAME_INCIDENT.includes(c.intent)) {
    t.state.also = [...new Set([...(t.state.also ?? []), c.intent])];
    return false;
  }
  t.state.pendingSwitch = { intent: c.intent, text };
  t.state.returnTo = t.state.phase;
  if (changesSubject(foldText(text))) {
    // "forget the withdrawal, it's the selfie step": no need to ask.
    acceptSwitch(t);
    return true;
  }
  const from = t.intentLabel(t.state.intent!);
  const to = t.intentLabel(c.intent);
  t.state.phase = 'switching';
  t.reply(t.t('say.switchConfirm', { from, to }), [
    ['switch', t.t('ui.switchYes', { to })],
    ['keep', t.t('ui.switchNo', { from })],
  ]);
  return true;
}

/**
 * "also my card payment failed yesterday" at the summary: another problem, clearly named, of
 * another family, goes on the same case (listed, its words kept) and the user is told so — it was
 * kept as a note with a bare "Noted". Answers whether it did.
 */
export function addsAnotherProblem(t: Turn, text: string): boolean {
  const c = t.classify(text);
  const current = t.state.intent;
  if (
    !current ||
    !t.ctx.catalog.problem(c.intent) ||
    isTone(c.intent) ||
    c.confidence < SECOND_PROBLEM_CONFIDENCE ||
    familyOf(t, c.intent) === familyOf(t, current) ||
    (t.state.also ?? []).includes(c.intent) ||
    pointsBack(text) ||
    // "no id, it's not a transaction": an answer about this case (read as an unknown
    // transaction at 0.8+), not a problem said to be wrong.
    isNo(foldText(text)) ||
    !SOMETHING_WRONG.test(foldText(text))
  )
    return false;
  t.state.also = [...(t.state.also ?? []), c.intent];
  t.addNote(text);
  t.reply(t.t('say.alsoAdded', { problem: t.intentLabel(c.intent) }));
  return true;
}

/** What a takeover or a scam brings with it: part of the security case, not a new problem. */
const SAME_INCIDENT = ['unknown_transaction', 'login_problem', 'account_locked'];

/** Whether an answer to "is this a different problem?" names the new problem. */
export function classifiesAsPending(t: Turn, text: string): boolean {
  const pending = t.state.pendingSwitch;
  if (!pending) return false;
  const c = t.classify(text);
  return c.intent === pending.intent && c.confidence >= SWITCH_CONFIDENCE;
}

/** The switch is confirmed: the new problem starts with the words that named it. */
export function acceptSwitch(t: Turn, extra?: string, files: EvidenceFile[] = []): void {
  t.addFiles(files);
  if (extra) t.keepWords(extra);
  const pending = t.state.pendingSwitch;
  delete t.state.pendingSwitch;
  delete t.state.returnTo;
  if (!pending) return menu(t);
  const old = t.state.intent;
  t.keepWords(pending.text);
  // Details collected for the old problem do not carry over; its words and priority do.
  t.state.values = t.state.values[NOTES] ? { [NOTES]: t.state.values[NOTES] } : {};
  t.state.unverified = [];
  t.state.skipped = [];
  if (old) t.state.also = [...new Set([...(t.state.also ?? []), old])];
  t.state.asked = {};
  startIntent(t, pending.intent, pending.text);
}

/**
 * The problem was guessed wrong ("it's a deposit, not a withdrawal", or chosen in the edit menu):
 * the case becomes `intent`, keeps the details its questions also ask for, and asks what it
 * still needs before the summary. The wrong guess is not listed as another problem, and does not
 * hold the priority up.
 */
export function changeProblem(t: Turn, intent: string, words?: string): void {
  const spec = t.ctx.catalog.problem(intent);
  if (!spec || intent === t.state.intent) return summary(t);
  const fits = new Set(spec.collect.map((s) => s.slot));
  // Every question of the old problem was answered or passed (this is the summary): one it shares
  // with the new problem is not asked again ("none" stays none). Corrected while the questions
  // were still being asked, only those before the one asked now count.
  const midway = t.state.phase === 'collecting' && !t.state.editing;
  const asked = new Set(
    t
      .spec()
      ?.collect.filter((_, i) => !midway || i < (t.state.slot ?? -1))
      .map((s) => s.slot),
  );
  for (const s of spec.collect)
    if (
      asked.has(s.slot) &&
      t.state.values[s.slot] === undefined &&
      !t.state.skipped.includes(s.slot)
    )
      t.state.skipped.push(s.slot);
  t.state.values = Object.fromEntries(
    Object.entries(t.state.values).filter(([k]) => fits.has(k) || k === NOTES),
  );
  t.state.unverified = t.state.unverified.filter((k) => fits.has(k));
  t.state.skipped = t.state.skipped.filter((k) => fits.has(k));
  if (!spec.collect.some((s) => s.type === 'images')) t.state.files = [];
  notAlso(t, intent);
  t.state.intent = intent;
  // The correction tells what the problem is: with the user's words (the new problem's questions
  // read them — a deposit's network and address), not an additional detail for the agent.
  if (words) t.keepWords(words);
  delete t.state.editPrevious;
  t.state.editing = false;
  t.state.phase = 'collecting';
  t.state.slot = -1;
  t.state.misses = 0;
  t.reply(t.t('say.problemChanged', { to: t.intentLabel(intent) }));
  // The answers already given tell which of its questions apply: a deposit of "250 USDT" is a
  // crypto one — its network and address are asked (the first words named a withdrawal only).
  advance(t, Object.values(t.state.values).join(' '));
}

/**
 * At the summary, the user says the problem is another one: "actually it's not a withdrawal,
 * it's a deposit that never arrived", "不是提现，是充值没到账". Needs a word of correction; the
 * clauses that say what it is not are left out before the classifier reads the rest.
 */
export function correctedProblem(t: Turn, text: string): string | undefined {
  const folded = foldText(text);
  if (!CORRECTION.test(folded)) return undefined;
  const kept = folded
    .split(/[,;。.!！?？]+|\bbut\b|但是|不过|可是/)
    .map((c) => c.trim())
    .filter((c) => c && !NEGATED.test(c));
  if (!kept.length) return undefined;
  const { intent, p } = t.classify(kept.join(' ')).best;
  if (
    !t.ctx.catalog.problem(intent) ||
    intent === t.state.intent ||
    isTone(intent) ||
    p < CORRECTED_CONFIDENCE
  )
    return undefined;
  return intent;
}
/**
 * While the questions are asked, the problem said to be another one: "不对，其实是充值没到账，不是
 * 提现", "actually it's a deposit, not a withdrawal" — a clause says it is not the current problem
 * and the rest names another. (An answer that only has "not" in it is no correction.)
 */
export function correctedMidway(t: Turn, text: string): string | undefined {
  const current = t.state.intent;
  if (!current) return undefined;
  const negated = foldText(text)
    .split(/[,;。.!！?？，]+|\bbut\b|但是|不过|可是/)
    .map((c) => c.trim())
    .filter((c) => c && NEGATED.test(c));
  const denies = negated.some((c) => {
    const rest = c.replace(NEGATED, ' ').trim();
    return !!rest && familyOf(t, t.classify(rest).intent) === familyOf(t, current);
  });
  return denies ? correctedProblem(t, text) : undefined;
}

/** Said to be a correction, a likely guess is enough (the user is shown the new summary). */
const CORRECTED_CONFIDENCE = 0.6;
const CORRECTION =
  /\b(?:actually|i meant|wrong (?:one|problem|type|category|option|button|choice)|(?:it'?s|it is|this is|that'?s) not|isn'?t (?:a|an|the|my|about))\b|其实|搞错|选错|按错|不是|唔系|并非|应该是|应该系|我是说|我意思系|我讲错/;
/** A clause that says what the problem is not ("it's not a withdrawal", "不是提现"). */
const NEGATED =
  /^(?:(?:actually|sorry|no|oh|wait)\W+)*(?:(?:it|this|that)(?:'?s| is| was) )?(?:not|isn'?t|wasn'?t)\b|\bnot (?:a|an|the|my|about|this)\b|^(?:其实|其实呢)?(?:不是|唔系|并非)/;

/** "No, it's the same problem": the words are kept as details and the step goes on. */
export function keepProblem(t: Turn, text?: string, files: EvidenceFile[] = []): void {
  const pending = t.state.pendingSwitch;
  const back = t.state.returnTo ?? (t.state.slot !== undefined ? 'collecting' : 'self_help');
  delete t.state.pendingSwitch;
  delete t.state.returnTo;
  t.addFiles(files);
  for (const words of [pending?.text, text])
    if (words) {
      t.addNote(words);
      absorbIds(t, words);
      absorb(t, words);
    }
  t.reply(t.t('say.switchKept', { from: t.intentLabel(t.state.intent!) }));
  t.state.phase = back;
  if (back === 'self_help') return startCollect(t, t.state.intent!, 'say.startCollect');
  const slot = slotSpec(t);
  if (back === 'collecting' && slot) return ask(t, slot, true);
  if (back === 'confirming') return summary(t);
  advance(t);
}
