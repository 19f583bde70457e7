/**
 * What masking deals in: the kinds of secrets it finds (SensitiveKind), what it returns
 * (MaskResult), the marks left where a phrase or a key was, a masker's shape, and how the spans
 * found in a text are replaced by a mark. Shared by every file of this folder.
 */

export type SensitiveKind =
  | 'recovery_phrase'
  | 'private_key'
  | 'card_number'
  | 'cvv'
  | 'password'
  | 'otp'
  | 'twofa_secret'
  | 'national_id'
  | 'passport';

export interface MaskResult {
  text: string;
  found: SensitiveKind[];
  /**
   * Fingerprints of the private keys masked (secretPrint), for the rest of the case; and, when
   * `codeHalf`, a mark of which half it was ("half:code" or "half:key", mask.ts HALF_MARK), so
   * the next message is read for the rest of that one only.
   */
  prints?: string[];
  /**
   * The message is list words and nothing else, not masked (too few yet, and not chat): the next
   * message may continue the run (`phraseBefore` of maskSensitive).
   */
  listOnly?: true;
  /**
   * The message ended with half a code after its label ("the code was 482"), or held a part of a
   * private key ("part 1 4c0883a6…"): the rest may follow (`codeBefore` of maskSensitive).
   */
  codeHalf?: true;
}

export const RECOVERY_PHRASE_MARK = '[recovery phrase removed]';
export const PRIVATE_KEY_MARK = '[private key removed]';

export interface Span {
  start: number;
  end: number;
}

export function maskSpans(text: string, spans: Span[], mark: string): string {
  if (!spans.length) return text;
  spans.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  let i = 0;
  while (i < spans.length) {
    const start = spans[i]!.start;
    let end = spans[i]!.end;
    while (++i < spans.length && spans[i]!.start <= end) end = Math.max(end, spans[i]!.end);
    out += text.slice(at, start) + mark;
    at = end;
  }
  return out + text.slice(at);
}

export type Masker = (text: string, found: Set<SensitiveKind>, expectPhrase?: boolean) => string;
