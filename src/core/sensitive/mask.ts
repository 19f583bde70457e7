/**
 * The masking itself: maskSensitive (users' words: every kind) and maskAgentText (agents' words:
 * only the secret values — cards, phrases, keys, ids — never their instructions about passwords or
 * codes), the order the maskers run in, look-alike letters read as what they look like, and what
 * carries over to the next message (half a code or a key, a phrase's part, a key's print).
 */
import { RECOVERY_PHRASE_MARK, type MaskResult, type Masker, type SensitiveKind } from './kinds.ts';
import { INVISIBLE, INVISIBLE_BETWEEN_LETTERS, foldLookalikes } from './lookalikes.ts';
import {
  findRecoveryPhrases,
  maskAnnouncedWords,
  maskRecoveryPhrases,
  phrasePart,
} from './recovery-phrases.ts';
import {
  HEX_PART,
  KEY_CANDIDATE,
  maskKeyRest,
  maskKnown,
  maskPrivateKeys,
  secretPrint,
} from './private-keys.ts';
import { maskCards, maskIds } from './cards-ids.ts';
import { CODE_HALF, CODE_REST, maskCredentials } from './codes-passwords.ts';

/** Secret values whoever writes them. Keys first: a hex key may contain a card-like digit run. */
const VALUES: readonly Masker[] = [
  maskPrivateKeys,
  maskRecoveryPhrases,
  maskAnnouncedWords,
  maskIds,
  maskCards,
];

function run(input: string, maskers: readonly Masker[], expectPhrase = false): MaskResult {
  // Invisible characters are dropped (a card number or a password split by them), except
  // between the words of a recovery phrase ("foot\u200bdilemma\u200b…"), which they separate.
  const spaced = input.replace(INVISIBLE_BETWEEN_LETTERS, ' ');
  const words = spaced !== input && findRecoveryPhrases(spaced.replace(INVISIBLE, '')).length;
  const text = (words ? spaced : input).replace(INVISIBLE, '');
  const masked = runMaskers(text, maskers, expectPhrase);
  // A phrase in look-alike letters ("lеgal winnеr …"): masked as read. The rest of the message
  // keeps the Latin letters they stand for, only then.
  if (masked.found.includes('recovery_phrase')) return masked;
  const folded = foldLookalikes(text);
  if (folded === text) return masked;
  const read = runMaskers(folded, maskers, expectPhrase);
  return read.found.includes('recovery_phrase') ? read : masked;
}

function runMaskers(input: string, maskers: readonly Masker[], expectPhrase: boolean): MaskResult {
  const found = new Set<SensitiveKind>();
  let text = input;
  for (const mask of maskers) text = mask(text, found, expectPhrase);
  return { text, found: [...found] };
}

/**
 * What the message before a `codeBefore` one ended with, remembered with the key prints (the
 * conversation's secretPrints, `knownKeys` here; the flow times the window): half a code
 * ("the code was 482", whose rest is 2–4 digits) or a part of a key (whose rest is hex).
 */
export const HALF_MARK = 'half:';
const halfMark = (code: boolean) => `${HALF_MARK}${code ? 'code' : 'key'}`;
/** The newest half mark among the prints: 'code', 'key', or undefined (none kept). */
function lastHalf(prints: readonly string[]): string | undefined {
  const mark = prints.findLast((p) => p.startsWith(HALF_MARK));
  return mark?.slice(HALF_MARK.length);
}

/**
 * Masks every secret a user may paste: values after labels as well as cards, phrases and keys.
 * `expectPhrase`: the user's message before announced a recovery phrase or held one (or a part),
 * so a few list words are its next part (expectedFragments).
 */
export function maskSensitive(
  input: string,
  knownKeys: readonly string[] = [],
  expectPhrase = false,
  phraseBefore = '',
  codeBefore = false,
): MaskResult {
  const part = phrasePart(
    foldLookalikes(input.replace(INVISIBLE, '')),
    expectPhrase,
    foldLookalikes(phraseBefore),
  );
  if (part === true) return { text: RECOVERY_PHRASE_MARK, found: ['recovery_phrase'] };
  // "913" right after "the code was 482": the rest of the code. Not after a part of a key, whose
  // rest is hex: "100" or "12" then is a number (it had been masked as a code for 2 minutes).
  if (codeBefore && lastHalf(knownKeys) !== 'key' && CODE_REST.test(input))
    return { text: '•••', found: ['otp'] };
  const masked = run(
    input,
    [
      ...VALUES,
      maskCredentials,
      ...(knownKeys.length ? [maskKnown(knownKeys)] : []),
      ...(codeBefore ? [maskKeyRest] : []),
    ],
    expectPhrase,
  );
  // The keys taken out, remembered by fingerprint: pasted again alone later (a bare 64-hex
  // string at the transaction id question), they are still the key, not an id.
  const prints = [...input.matchAll(KEY_CANDIDATE)]
    .map((m) => m[0])
    .filter((token) => !masked.text.includes(token))
    .map(secretPrint);
  // "the code was 482": half a code, masked, and the next message may hold the rest; so may the
  // next message after a part of a key ("part 1 4c0883a6…", 32 hex digits of 64).
  const keyPart =
    [...input.matchAll(HEX_PART)]
      .filter((m) => !masked.text.includes(m[0]))
      .reduce((n, m) => n + m[0].replace(/^0x/i, '').length, 0) %
      64 !==
    0;
  let half = false;
  const halved = masked.text.replace(CODE_HALF, (_m, label: string) => {
    half = true;
    return `${label}•••`;
  });
  return {
    ...masked,
    ...(half ? { text: halved, found: [...new Set([...masked.found, 'otp' as const])] } : {}),
    ...(half || keyPart ? { codeHalf: true as const } : {}),
    ...(prints.length || half || keyPart
      ? { prints: [...new Set(prints), ...(half || keyPart ? [halfMark(half)] : [])] }
      : {}),
    ...(part === 'run' && !masked.found.length ? { listOnly: true as const } : {}),
  };
}

/**
 * Masks text agents write: only secret values (card numbers, recovery phrases, private keys,
 * national ids, passports). Instructions such as "请立即修改密码并开启双重验证" or "enter the code we
 * sent" are never touched.
 */
export function maskAgentText(input: string): MaskResult {
  return run(input, VALUES);
}
