import type { EvidenceFile } from '../evidence.ts';
import type { Turn } from './step-turn.ts';
import { confirm } from './summary.ts';

/**
 * A threat of violence against our staff or the company: "I know where your office is, I'll come
 * and hurt your agents", "我要去你们公司砍人", "我知道你哋寫字樓喺邊，我上嚟斬死你哋啲職員", "I know where
 * you live". The desk has to see it (a senior decides what to do), so the case is flagged; the
 * user hears one calm, firm line — no lecture, no promise of what will happen — and nothing is
 * sped up for it (the priority stays the problem's: a threat jumps no queue). They had been given
 * a clarifying menu, or a complaint's apology, and no one was told. Tested on folded words (lower
 * case, Simplified).
 *
 * Narrow on purpose: anger and swearing are not threats — "this is f***ing ridiculous", "I could
 * scream", "I'll sue you", "I'll hurt your reputation with reviews", "I'll shoot you an email",
 * "气死我了", "你们这些骗子去死吧", "气得想砍人" (a figure of speech, no plan), "砍价".
 */
export function threatensStaff(folded: string): boolean {
  return THREAT_EN.test(folded) || THREAT_ZH.test(folded);
}

/** Someone of ours, or the place we work: what a threat is against ("your company's reputation" is not). */
const NOT_HARM = String.raw`(?!'s|\s+(?:reputation|rating|ratings|business|sales|image|name|stock|brand|feelings)\b|\s+with\s+(?:e-?mails?|messages|calls|complaints|reviews|tickets|spam)\b)`;
const PERSON_EN = String.raw`(?:(?:you|u)\b(?!\s+(?:an?|the|another|my|over|a quick|some)\b)(?:\s+(?:all|guys|people|lot))?|y'?all\b|all of you\b|every(?:one|body)\s+(?:there|at (?:your|the) (?:office|company))|(?:your|the|that|this)\s+(?:\w+\s+)?(?:agents?|staff|people|team|employees?|workers?|ceo|boss|managers?|support(?: team| staff)?|family|kids)\b)${NOT_HARM}`;
const PLACE_EN = String.raw`(?:your|the|that|this)\s+(?:\w+\s+)?(?:office|offices|company|building|headquarters|hq|store|shop)\b${NOT_HARM}`;
const HURT_EN = String.raw`(?:hurt|kill|murder|stab|shoot|gun down|beat up|beat the (?:\w+ )?out of|punch|strangle|choke|slap|break the legs of|hunt down|cut)`;
const WRECK_EN = String.raw`(?:bomb|blow up|burn down|set fire to|torch|firebomb|shoot up|smash up)`;
/** The first person, then no word that says the opposite ("I would never hurt you"). */
const I_EN = String.raw`\b(?:i|im|i'm|i'll|i'd|ima|imma|we|we'll)\b(?:(?!\b(?:never|not|no|don'?t|won'?t|wouldn'?t|didn'?t|nobody|hope|if (?:anyone|someone))\b)[^.!?]){0,40}?\b`;
const THREAT_EN = new RegExp(
  [
    // "I'll come and hurt your agents", "i'm going to kill you all", "we will burn down your office"
    String.raw`${I_EN}(?:${HURT_EN}\s+${PERSON_EN}|(?:${WRECK_EN}|${HURT_EN})\s+${PLACE_EN})`,
    // "i'm going to find your agents and beat the crap out of them"
    String.raw`${I_EN}(?:find|get|catch|come for|go after|wait for)\s+${PERSON_EN}[^.!?]{0,30}?\b(?:${HURT_EN})\b`,
    // "I know where you live", "i know where your agents live"
    String.raw`\bi know where (?:you|u|your \w+(?: \w+)?) (?:live|lives|sleep|sleeps)\b`,
    // "I know where your office is … I'm coming", "you're all dead", "watch your back"
    String.raw`\bi know where your (?:office|company|building|headquarters|hq|agents?|staff) (?:is|are)\b[^.!?]{0,60}\b(?:com(?:e|ing) (?:for|after|to get|down there|over there|there)|pay (?:you|them) a visit|see you (?:soon|there)|watch (?:your|their) backs?|you'?ll see)`,
    String.raw`\b(?:you(?:'re| are)|y'?all are|you guys are)\s+(?:all\s+)?(?:dead|dead meat|going to die|gonna die)\b(?!\s+to\s+me)|\bwatch your back\b|\bsleep with one eye open\b`,
  ].join('|'),
  'i',
);

/** Person or place of ours after a violent verb: 你/你们/你哋, 客服, 员工, 公司, 办公室, 写字楼, 人. */
const TARGET_ZH =
  '(?:你们|你哋|你地|你|客服|员工|职员|同事|老板|公司|办公室|写字楼|总部|大楼|门店|人|全家|晒你哋|晒你们)';
const VIOLENCE_ZH =
  '(?:砍(?!价)|捅|杀(?!猪|价|毒)|宰(?!客)|劈|斩|弄死|打死|搞死|揼死|拿刀(?:砍|捅|劈|斩)?|带刀(?:砍|捅|劈|斩)?|动刀|血洗)';
const THREAT_ZH = new RegExp(
  [
    // A plan: "我要去你们公司砍人", "我上嚟斬死你哋啲職員", "老子迟早弄死你", "我搵人劈你"
    `(?:我|老子|本人|我们|我哋|我地)[^。！？!?]{0,10}?(?:要|会|就|去|来|上|到|过去|过来|嚟|黎|返|找人|叫人|搵人|揾人|一定|迟早|准备|马上|现在就|将)[^。！？!?]{0,10}?${VIOLENCE_ZH}(?:死|伤|残|了|咗|晒|埋)?[^。！？!?,，]{0,3}?${TARGET_ZH}`,
    // Said without a plan, but a threat all the same: "弄死你", "炸了你们公司", "同归于尽"
    '(?:弄死|搞死|砍死|捅死|劈死|斩死|打死|揼死|杀死|杀了|宰了)(?:你们|你哋|你地|你)',
    '(?:炸|烧)(?:了|掉|咗|平|死|晒)?(?:你们|你哋|你地)(?:的|嘅|间|个)?(?:公司|办公室|写字楼|总部|大楼|全家)?',
    '(?:放火|纵火)(?:烧)?(?:你们|你哋|你地)|(?:泼|淋)(?:你们|你哋|你地)?(?:硫酸|汽油|红油|天拿水|电油|油漆)|(?:同|跟|和)(?:你们|你哋|你地|你)(?:同归于尽|拼命|拼了)|同归于尽',
    '你(?:们|哋|地)?(?:全家)?(?:死定了|死梗|死硬)|我知(?:道)?你(?:们|哋|地)?(?:住|住在|住喺)(?:哪|哪里|哪儿|边|边度)',
    `我知(?:道)?你(?:们|哋|地)(?:的|嘅)?(?:公司|办公室|写字楼|总部)(?:在|喺)(?:哪|哪里|哪儿|边|边度)[^。！？!?]{0,20}(?:来|去|上|嚟|等着|等住|小心|${VIOLENCE_ZH})`,
  ].join('|'),
);

/**
 * Handles a threat in any step, after the security and self-harm rules (a threat told with a
 * scam or with words of self-harm is handled by those, and flagged too: threatNoted). On an open
 * case, the line once per case and the message relayed with the flag (TicketRaise.threat, the
 * priority unchanged); before a case, the line and a case sent to the agents at once, flagged,
 * their words on it (a problem being worked on keeps its intent and details). Answers whether it
 * handled the message.
 */
export function threatened(t: Turn, text: string, files: EvidenceFile[]): boolean {
  const ticketId = t.state.ticketId;
  if (t.state.phase === 'handed_off' && ticketId) {
    t.effects.push({ type: 'relay', ticketId, text, files, raise: { threat: true, secrets: [] } });
    return true;
  }
  t.keepWords(text);
  t.addFiles(files);
  t.state.threat = true;
  if (!t.state.intent || !t.spec()) {
    t.state.intent = 'contact_human';
    t.state.values['description'] ??= text;
  }
  confirm(t);
  return true;
}

/**
 * A threat is said: the firm line first (once per case; not to someone who also says they may
 * harm themselves — the caring line is theirs), and the flag noted for a case opened by this or a
 * later message. Called before the security and self-harm rules, which may take the message.
 */
export function threatNoted(t: Turn, selfHarm: boolean): void {
  t.threatened = true;
  if (t.state.phase !== 'handed_off') t.state.threat = true;
  if (selfHarm || !t.firstTime('threat')) return;
  const id = t.state.ticketId;
  t.reply(
    t.state.phase === 'handed_off' && id ? t.t('say.threatOnCase', { id }) : t.t('say.threat'),
  );
}

/**
 * After the turn: a threat said on an open case goes to it flagged, whichever rule relayed it
 * (the security or self-harm rule's relay too).
 */
export function flagThreatRelays(t: Turn): void {
  if (!t.threatened) return;
  for (const e of t.effects)
    if (e.type === 'relay') e.raise = { ...(e.raise ?? { secrets: [] }), threat: true };
}
