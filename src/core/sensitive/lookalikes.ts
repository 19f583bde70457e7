/**
 * The look-alike normalisation: characters that hide in a text without showing (zero-width space,
 * soft hyphen, word joiner, BOM…), and Cyrillic, Greek and IPA letters that pass for Latin ones.
 * A card number split by a zero-width space, or a recovery phrase typed with a Cyrillic "е", reads
 * the same to whoever sees it, so it is read the same here. Unicode lists such characters in its
 * confusables data (UTS #39, https://www.unicode.org/reports/tr39/); only the letters a reader
 * takes for Latin at a glance are folded (see LOOKALIKE_PAIRS).
 */

/**
 * Characters that hide inside a number without showing: soft hyphen, zero-width space, word
 * joiner, invisible operators, BOM. Removed before anything is looked at.
 */
const INVISIBLE_CHARS = '[\\u00ad\\u180e\\u200b\\u2060-\\u2064\\ufeff]';
export const INVISIBLE = new RegExp(INVISIBLE_CHARS, 'g');
export const INVISIBLE_BETWEEN_LETTERS = new RegExp(
  `(?<=\\p{L})${INVISIBLE_CHARS}+(?=\\p{L})`,
  'gu',
);

/**
 * Cyrillic and Greek letters that look like Latin ones, and the Latin letters they pass for: a
 * phrase typed with them ("lеgal winnеr thank …", a Cyrillic е) reads the same to whoever sees
 * it. Only letters a reader takes for Latin at a glance (not к, м, т, н, small capitals).
 * (Unicode's confusables, as npm's packages of them apply, also fold digits and Latin letters
 * into one another — 0 into O, 1 into l — which the card and code masks must tell apart.)
 */
const LOOKALIKE_PAIRS = [
  // Cyrillic, then Greek, then IPA's ɡ and ɑ and Turkish ı: each letter, then the one it passes for.
  'аaеeоoрpсcуyхxѕsіiјjһhԁdԛqԝwӏlүyАAВBЕEКKМMНHОOРPСCТTХXУYЅSІIЈJԚQԜW',
  'αaοoνvιiκkρpυuχxϲcεeγyΑAΒBΕEΖZΗHΙIΚKΜMΝNΟOΡPΤTΥYΧX',
  'ɡgɑaıi',
].join('');
export const LOOKALIKES: ReadonlyMap<string, string> = new Map(
  Array.from({ length: LOOKALIKE_PAIRS.length / 2 }, (_, i) => [
    LOOKALIKE_PAIRS[2 * i]!,
    LOOKALIKE_PAIRS[2 * i + 1]!,
  ]),
);
const LOOKALIKE = new RegExp(`[${[...LOOKALIKES.keys()].join('')}]`, 'gu');

/** The text with look-alike letters as the Latin letters they pass for (same length). */
export function foldLookalikes(text: string): string {
  return text.replace(LOOKALIKE, (ch) => LOOKALIKES.get(ch)!);
}
