/**
 * The satisfaction survey after an agent closes a case: a rating (buttons, "4/5", "五星",
 * "非常满意"), then a comment or skip, sent to the ticket.
 */
import { resetCase } from './state.ts';
import type { Turn } from './step-turn.ts';

const ZH_DIGIT: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };
const SATISFACTION: Array<[RegExp, number]> = [
  [/^(非常满意|很满意|超满意|太棒了|excellent|perfect|amazing|great job|非常好)/, 5],
  [/^(非常不满意|很不满意|太差|terrible|awful|very bad|very poor)/, 1],
  [/^(不满意|不太满意|差|bad|poor|not good)/, 2],
  [/^(一般|还行|还可以|so-so|ok-ish|average|okay-ish)/, 3],
  [/^(满意|挺好|不错|good|great|nice)/, 4],
];

/** "4", "4/5", "4 stars!", "⭐⭐⭐⭐", "五星", "非常满意" → a rating 1–5; anything else → undefined. */
export function parseRating(folded: string): number | undefined {
  const t = folded.trim();
  if (t.length > 24) return undefined;
  const stars = t.match(/⭐|★/g)?.length ?? 0;
  if (stars >= 1 && stars <= 5 && /^[⭐★\s]+$/.test(t)) return stars;
  const m =
    /^(?:i give |rating:? )?([1-5])\s*(?:\/\s*5|out of 5)?\s*(?:stars?|星|分|颗星)?\b.{0,12}$/i.exec(
      t,
    ) ?? /^([一二两三四五])\s*(?:星|颗星|分)/.exec(t);
  if (m) return /\d/.test(m[1]!) ? Number(m[1]) : ZH_DIGIT[m[1]!];
  for (const [re, n] of SATISFACTION) if (re.test(t)) return n;
  return undefined;
}

/** An answer that is not a rating: the stars once more. */
export function askRatingAgain(t: Turn): void {
  const choices: Array<[string, string]> = [1, 2, 3, 4, 5].map((n) => [`r:${n}`, '⭐'.repeat(n)]);
  t.reply(t.t('say.survey', { id: t.state.ticketId ?? '' }), choices);
}

/** A rating 1–5: kept, and a comment asked for (skippable). */
export function rated(t: Turn, n: number): void {
  if (!(n >= 1 && n <= 5)) return t.reply(t.t('say.staleButton'));
  t.state.rating = n;
  t.state.phase = 'survey_comment';
  t.reply(t.t('say.surveyComment'), [['skip', t.t('ui.skip')]]);
}

/** The rating (and comment) go to the ticket; thanked unless a new problem follows. */
export function finishSurvey(t: Turn, comment?: string, thank = true): void {
  if (t.state.ticketId && t.state.rating) {
    t.effects.push({
      type: 'rate',
      ticketId: t.state.ticketId,
      rating: t.state.rating,
      ...(comment ? { comment } : {}),
    });
  }
  t.state = resetCase(t.state);
  if (thank) t.reply(t.t('say.surveyThanks'));
}
