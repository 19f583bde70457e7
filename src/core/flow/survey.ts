/**
 * The satisfaction survey after an agent closes a case: a rating (buttons, "4/5", "五星",
 * "非常满意"), then a comment or skip, sent to the ticket.
 */
import type { EvidenceFile } from '../evidence.ts';
import { resetCase } from './state.ts';
import { MAX_SLOT_TEXT, type Turn } from './step-turn.ts';
import type { ReopenWhy } from '../tickets/ticket.ts';
import { isAngry } from './understand.ts';
import { foldText } from '../nlu/text.ts';

const ZH_DIGIT: Record<string, number> = { 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5 };
const SATISFACTION: Array<[RegExp, number]> = [
  [
    /^(非常满意|很满意|超满意|太棒了|满分|excellent|perfect|amazing|great job|非常好|劲好|好好|(?:给你?个?|五星)?好评|好正|正(?:呀|啊|喔|嘢)?(?=$|[\s,，!！。]))/,
    5,
  ],
  // (好差, 超差: "very bad" in Cantonese and in chat; 0 or 零分 below the lowest star.)
  [
    /^(非常不满意|很不满意|太差|好差|超差|极差|差劲|垃圾|零分|0分|0(?=$|[\s/,，!！。])|zero|terrible|awful|very bad|very poor)/,
    1,
  ],
  [/^(不满意|不太满意|不怎么样|不太好|麻麻(?:哋|地)?|(?:给你?个?)?差评|差|bad|poor|not good)/, 2],
  [/^(一般|普普通通|还行|还可以|还好|ok啦|ok吧|so-so|ok-ish|average|okay-ish)/, 3],
  // "ok", "meh", "it was ok i guess": middling — the whole answer, not "ok, but…".
  [/^(?:it was |it's |its )?(?:ok|okay|fine|alright|meh|so so)(?: i guess)?[\s.!~]*$/, 3],
  [/^(满意|挺好|不错|还不错|唔错|good|great|nice)/, 4],
];
const NUMBER_WORD: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };

/**
 * A satisfaction word and a comment after it: "一般般 客服回覆太慢了", "terrible, nobody helped"
 * (the rating had been taken and the comment asked for, as if it had not been said).
 */
export function satisfactionWithComment(
  folded: string,
  text: string,
): { rating: number; comment: string } | undefined {
  const t = folded.trim();
  // ("還不錯啦，給你四顆星": the stars said are the rating; ratingIn reads that.)
  if (ratingIn(text)) return undefined;
  for (const [re, n] of SATISFACTION) {
    const m = re.exec(t);
    if (!m) continue;
    const rest = t.slice(m[0].length).replace(/^(?:般|[\s,，.。!！~～:：-])+/u, '');
    if (!/\p{L}/u.test(rest) || RATING_WORDS.test(rest)) return undefined;
    // The comment as the user wrote it (its last characters, as many as the rest).
    return { rating: n, comment: text.trim().slice(-rest.length) };
  }
  return undefined;
}

/** "4", "4/5", "4 stars!", "⭐⭐⭐⭐", "五星", "非常满意" → a rating 1–5; anything else → undefined. */
export function parseRating(folded: string): number | undefined {
  const t = folded.trim();
  if (t.length > 24) return undefined;
  const stars = t.match(/⭐|★/g)?.length ?? 0;
  if (stars >= 1 && stars <= 5 && /^[⭐★\s]+$/.test(t)) return stars;
  const m =
    /^(?:i give |rating:? |给你?|給你?|打)?([1-5])\s*(?:\/\s*5|out of 5)?\s*(?:stars?|星|分|颗星|顆星)?(?:\b|(?<=[星分])).{0,12}$/i.exec(
      t,
    ) ?? /^(?:给你?|給你?|打)?([一二两兩三四五])\s*(?:星|颗星|顆星|分)/.exec(t);
  if (m) return /\d/.test(m[1]!) ? Number(m[1]) : ZH_DIGIT[m[1]!];
  // "five", "four!": the number as a word, alone.
  const word = /^(one|two|three|four|five)[\s.!]*$/.exec(t);
  if (word) return NUMBER_WORD[word[1]!];
  // "10/10 great", "8/10": out of ten, halved.
  const tenth = /^(10|[1-9])\s*\/\s*10(?!\d)/.exec(t);
  if (tenth) return Math.max(1, Math.round(Number(tenth[1]) / 2));
  // ("还不错啦，给你四颗星": the stars said later are the rating, read with the comment by ratingIn.)
  if (LATER_STARS.test(t)) return undefined;
  for (const [re, n] of SATISFACTION) if (re.test(t)) return n;
  return undefined;
}
const LATER_STARS = /.[一二两兩三四五1-5]\s*(?:颗星|顆星|星|stars?\b)/;

/**
 * A comment that finds fault ("客服回覆太慢了", "too slow", "rude", "why did it take 2 days to get an
 * answer?", "为什么要等两天才回复？"): a sorry, not "thanks!".
 */
const COMPLAINS =
  /\b(?:too slow|slow|took (?:too |so |that )?long|take (?:so|that) long|rude|useless|unhelpful|not helpful|waste of time|never answered|ignored)\b|\bwhy did (?:it|you|this) (?:take|need)\b|太慢|很慢|好慢|慢死|有点慢|有啲慢|慢咗|态度差|态度不好|没用|冇用|不专业|敷衍|没人理|冇人理|(?:为什么|为啥|点解)[^。！？?]{0,6}(?:要)?等|这么久|咁耐|等了(?:[一两二三四五六七八九十几\d]+)(?:天|日|个小时|小时)/;

/** The units of a rating in Chinese, and its number written as a word. */
const ZH_UNIT = String.raw`(?:星|颗星|顆星|分)`;
const ZH_NUMBER = String.raw`([一二两兩三四五])\s*${ZH_UNIT}`;
const UNIT = String.raw`(?:\/\s*5|out of 5|stars?(?![a-z])|${ZH_UNIT})`;
const SEP = String.raw`[,.;:!，。；：！—–-]`;
/** A rating said first, then a comment: "4 stars, agent good but…", "5/5 – fast!", "五星，客服很好". */
const RATING_THEN_COMMENT = new RegExp(
  String.raw`^(?:i give (?:you )?|rating:? |给你?|給你?|打)?(?:([1-5])\s*${UNIT}(?:好了|吧)?|([1-5])\s*${SEP}|([1-5])\s+(?=\p{Script=Han})|${ZH_NUMBER}(?:好了|吧)?)\s*${SEP}?\s*(\S.*)$`,
  'isu',
);
/** A comment first, then the rating with its unit: "agent was great, 5 stars", "很快，五星". */
const COMMENT_THEN_RATING = new RegExp(
  String.raw`^(\S.*?)(?:\s*${SEP}\s*|\s+)(?:([1-5])\s*${UNIT}|${ZH_NUMBER})[.!。！]*$`,
  'isu',
);

/** What follows a rating without being a comment: "5星好评", "5 stars, thanks!". */
const RATING_WORDS =
  /^(?:好评|好評|差评|差評|满意|滿意|谢谢|謝謝|多谢|多謝|唔该|唔該|thanks?|thank you|ty|吧|啦|喇|了|呢|啊|呀|哦|喔|好了)[!！。.]*$/i;

const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };
/**
 * A rating with its unit anywhere in the message: "都OK嘅，不過等得有啲耐，俾三粒星啦", "還不錯啦，
 * 給你四顆星", "唔該，3分啦", "i'd give you three stars". Never minutes: "等了5分钟" is no rating.
 */
const RATING_ANYWHERE = new RegExp(
  String.raw`(?:(?:i(?:'d| would| will)? )?give (?:you |it |u )?|rate (?:you |it )?|俾你?|畀你?|给你?|給你?|打)?(?:(?<![\d.])([1-5])|([一二两兩三四五])|\b(one|two|three|four|five))\s*(?:\/\s*5|out of (?:5|five)|stars?(?![a-z])|颗星|顆星|粒星|星|分(?![钟鐘鍾]))`,
  'iu',
);
/** Punctuation and particles left around a comment once the rating is taken out. */
const LOOSE_ENDS =
  /^[\s,，.。!！;；:：—–-]+|[\s,，.。!！;；:：—–-]*(?:啦|吧|喇|呀|啊)?[\s,，.。!！~]*$/giu;

/** The rating said somewhere in the message, and what else it says (the comment). */
export function ratingIn(text: string): { rating: number; comment?: string } | undefined {
  const m = RATING_ANYWHERE.exec(text);
  if (!m) return undefined;
  const rating = m[1] ? Number(m[1]) : m[2] ? ZH_DIGIT[m[2]] : NUMBER_WORDS[m[3]!.toLowerCase()];
  if (!rating) return undefined;
  const rest = (text.slice(0, m.index) + ' ' + text.slice(m.index + m[0].length))
    .replace(/\s+/g, ' ')
    .replace(LOOSE_ENDS, '')
    .trim();
  return /\p{L}/u.test(rest) && !RATING_WORDS.test(rest) ? { rating, comment: rest } : { rating };
}

/**
 * A rating with a comment in the same message (the rating is not the whole message, see
 * parseRating): the rating 1–5 and the comment as the user wrote it; undefined otherwise.
 */
export function parseRatedComment(text: string): { rating: number; comment: string } | undefined {
  const t = text.trim();
  const first = RATING_THEN_COMMENT.exec(t);
  const last = first ? undefined : COMMENT_THEN_RATING.exec(t);
  const m = first ?? last;
  if (!m) return undefined;
  const digit = first ? (first[1] ?? first[2] ?? first[3] ?? first[4]) : (last![2] ?? last![3]);
  const rating = /\d/.test(digit!) ? Number(digit) : ZH_DIGIT[digit!];
  const comment = (first ? first[5] : last![1])!.trim();
  // Words, not just the "!" after "5 stars" or the 好评 of "5星好评" (the rating said again).
  return rating && /\p{L}/u.test(comment) && !RATING_WORDS.test(comment)
    ? { rating, comment }
    : undefined;
}

/**
 * Words about the help just given — the bot, the agent, the answers, the speed — that make a
 * survey comment feedback rather than a new problem.
 */
const FEEDBACK =
  /\b(?:bot|robot|agents?|support|service|staff|team|you guys|your (?:app|team|support)|answer(?:ed|s)?|repl(?:y|ied|ies)|respon(?:se|ded|d)|questions?|asked|fast|slow|quick(?:ly)?|helpful|rude|polite|friendly|experience|wait(?:ed|ing)?|thanks?|thank you)\b|机器人|機器人|客服|人工|服务|服務|态度|態度|回复|回覆|回應|太慢|很慢|很快|效率|体验|體驗|问我|問我|谢谢|謝謝/;

/** A survey comment about the help (see FEEDBACK). */
export function isFeedback(folded: string): boolean {
  return FEEDBACK.test(folded);
}

/**
 * "还是没到账啊" at the survey: the case just closed opens again with the words, the survey is
 * left (a rating already given is dropped with it, like any reopen), and the user is told.
 */
export function reopenCase(
  t: Turn,
  text: string,
  files: EvidenceFile[],
  id = t.state.ticketId,
  /** Details the user sent after the close (a TXID, an address), or a question: not "unsolved". */
  why?: ReopenWhy,
): void {
  if (!id) return;
  // A rating given before ("1", then "the agent was rude and my money is not back"): kept.
  const said = [t.state.surveyNote, text].filter(Boolean).join(' / ').slice(0, MAX_SLOT_TEXT);
  if (t.state.rating && t.state.ticketId === id)
    t.effects.push({ type: 'rate', ticketId: id, rating: t.state.rating, comment: said });
  t.effects.push({ type: 'reopen', ticketId: id, text, files, ...(why ? { why } : {}) });
  t.state = { ...resetCase(t.state), phase: 'handed_off', ticketId: id };
  t.reply(t.t(REOPENED_SAY[why ?? 'unsolved'], { id }));
}

const REOPENED_SAY: Record<ReopenWhy | 'unsolved', string> = {
  unsolved: 'say.reopenedByYou',
  info: 'say.reopenedWithInfo',
  question: 'say.reopenedForQuestion',
  senior: 'say.reopenedForSenior',
};

/** An answer that is not a rating: the stars once more. */
export function askRatingAgain(t: Turn, key = 'say.survey'): void {
  const choices: Array<[string, string]> = [1, 2, 3, 4, 5].map((n) => [`r:${n}`, '⭐'.repeat(n)]);
  const closed = t.state.closedAt ?? t.ctx.now;
  const date = t.ctx.clock.formatLocal(closed, t.locale, t.ctx.now);
  t.reply(t.t(key, { id: t.state.ticketId ?? '', date }), choices);
}

/** A rating 1–5: kept, and a comment asked for (skippable). */
export function rated(t: Turn, n: number): void {
  if (!(n >= 1 && n <= 5)) return t.reply(t.t('say.staleButton'));
  t.state.rating = n;
  t.state.phase = 'survey_comment';
  // A low rating is not thanked: the user is asked what went wrong.
  t.reply(t.t(n <= 2 ? 'say.surveyCommentLow' : 'say.surveyComment'), [['skip', t.t('ui.skip')]]);
}

/**
 * The rating and comment go to the ticket (a comment without stars too); thanked unless a new
 * problem follows.
 */
export function finishSurvey(t: Turn, comment?: string, thank = true): void {
  const said = [t.state.surveyNote, comment].filter(Boolean).join(' / ');
  // Let down (1–2 stars, or angry words): how to reopen, not a cheerful thanks — and sorry, unless
  // the low rating's question said so already. Nothing written ("skip" at the stars, Skip after
  // one star): a short thanks, nothing said to be passed on.
  const low = t.state.rating !== undefined && t.state.rating <= 2;
  const apologised = low && t.state.phase === 'survey_comment';
  const thanks = !said
    ? t.state.rating === undefined
      ? 'say.surveySkipped'
      : low
        ? 'say.surveyThanksLowSkipped'
        : 'say.surveyThanks'
    : apologised
      ? 'say.surveyThanksLow'
      : low || isAngry(said) || COMPLAINS.test(foldText(said))
        ? 'say.surveyThanksSorry'
        : 'say.surveyThanks';
  // Only what the case does not have yet: the words at the stars went to it when said (they had
  // been posted again, and a turn with a post to the closed case wrote its replies — a new
  // problem's self-help — into that case's transcript).
  if (t.state.ticketId && (t.state.rating !== undefined || comment)) {
    t.effects.push({
      type: 'rate',
      ticketId: t.state.ticketId,
      ...(t.state.rating ? { rating: t.state.rating } : {}),
      ...(comment ? { comment: said } : {}),
    });
  }
  // Remembered past the survey: "still not arrived" in the next days opens it again.
  const closed = t.state.ticketId
    ? {
        id: t.state.ticketId,
        // (Closed when the agent closed it, not when the survey ended: "closed today 16:38" for
        // yesterday's case.)
        at: t.state.closedAt ?? t.ctx.now,
        ...(t.state.closedIntent ? { intent: t.state.closedIntent } : {}),
      }
    : undefined;
  t.state = resetCase(t.state);
  if (closed) t.state.lastClosed = closed;
  if (thank) t.reply(t.t(thanks));
}
