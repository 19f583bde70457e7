/**
 * Recovery phrases (BIP-39, https://github.com/bitcoin/bips/blob/master/bip-0039.mediawiki):
 * whoever has the 12 to 24 words has the wallet. Found whole (12+ list words in a row, numbered or
 * not, joined by one sign, with a typo or from another wallet's list), in parts sent over several
 * messages, or after words announcing one ("my recovery phrase is …"); the Chinese lists' own
 * cases are in chinese-phrases.ts. Ordinary English rarely strings list words together without a
 * function word ("the", "my", "is"), which is what tells a phrase from prose.
 */
import { wordVectors } from '../nlu/vectors.ts';
import { RECOVERY_PHRASE_MARK, maskSpans, type SensitiveKind, type Span } from './kinds.ts';
import { foldLookalikes } from './lookalikes.ts';
import {
  DOTTED_WORD,
  FUNCTION_WORDS,
  LATIN_WORD,
  MIN_EN_PHRASE_WORDS,
  MIN_PHRASE_WORDS,
  NUMBERING,
  PHRASE_CUE,
  PIECE,
  PLAIN_WORD,
  SENTENCE_END,
  WORD_LISTS,
  wordsAtMost,
} from './phrase-words.ts';
import {
  HAN,
  MAX_ZH_RUN,
  bareZhPhrases,
  proseWords,
  unseparatedZhPhrases,
  zhListGroups,
  zhPartAlone,
  zhPhrasePart,
} from './chinese-phrases.ts';
import { CHAT_LIST_WORDS } from './chat-list-words.ts';

/** Runs of 12+ consecutive words of one list, separated like a phrase is written down. */
function separatedPhraseRuns(
  text: string,
  spans: Span[],
  minWords: (list: number) => number = (list) =>
    list === 0 ? MIN_EN_PHRASE_WORDS : MIN_PHRASE_WORDS,
): void {
  const start = [-1, -1, -1];
  const end = [0, 0, 0];
  const count = [0, 0, 0];
  const close = (l: number) => {
    // Chinese written with a space after each character is prose when an everyday word runs
    // across them ("我 的 钱 包 没 有 收 到"): a random phrase holds one 7 times in 10,000.
    if (
      count[l]! >= minWords(l) &&
      (l === 0 ||
        proseWords(text.slice(start[l]!, end[l]!).replace(/[^\p{Script=Han}]/gu, '')) === 0)
    )
      spans.push({ start: start[l]!, end: end[l]! });
    start[l] = -1;
    count[l] = 0;
  };
  const closeAll = () => {
    for (let l = 0; l < WORD_LISTS.length; l++) close(l);
  };
  // "abandon. ability. able. …": a full stop after every word is how this list is written, not
  // the end of a sentence each time (prose does not put a phrase's share of one-word sentences).
  const dottedList = (text.match(DOTTED_WORD)?.length ?? 0) >= MIN_FRAGMENT_WORDS;
  for (const m of text.matchAll(PIECE)) {
    const piece = m[0];
    const at = m.index;
    let word: string | undefined;
    let breakBefore = false;
    let breakAfter = false;
    let length = piece.length; // a full stop after the last word stays
    if (NUMBERING.test(piece)) {
      for (let l = 0; l < WORD_LISTS.length; l++) if (start[l]! < 0) start[l] = at;
      continue;
    }
    const latin = LATIN_WORD.exec(piece);
    let lead = 0; // "？" before the word ends the sentence before it: not part of the phrase
    if (latin) {
      if (SENTENCE_END.test(latin[1]!)) lead = 1;
      word = latin[2]!.toLowerCase();
      // A word in quotes of its own ("foot" "dilemma" …) is a listed word, not a quotation.
      const quoted = latin[1] !== '' && latin[3] !== '' && !SENTENCE_END.test(latin[1]!);
      breakBefore = latin[1] !== '' && !quoted;
      breakAfter =
        (latin[3] !== '' && !quoted) || (latin[4] !== '' && !(dottedList && latin[4] === '.'));
      length -= latin[4]!.length;
    } else if (piece.length === 1 && /\p{Script=Han}/u.test(piece)) {
      word = piece;
    }
    if (word === undefined) {
      closeAll();
      continue;
    }
    if (breakBefore) closeAll();
    for (let l = 0; l < WORD_LISTS.length; l++) {
      if (!WORD_LISTS[l]!.has(word)) {
        close(l);
        continue;
      }
      if (start[l]! < 0) start[l] = at + lead;
      count[l]!++;
      end[l] = at + length;
    }
    if (breakAfter) closeAll();
  }
  closeAll();
}

/**
 * Runs of 12+ plain words that are not all BIP-39 words: a BIP-39 phrase with a typo, or the
 * phrase of a wallet with another list (Electrum's first one, Monero), which users paste too —
 * "witch collapse practice feed shame open despair creek road again ice least" has 4 words that
 * are not BIP-39 words. Such a run is a phrase when two thirds of its words are BIP-39 words,
 * or half of them and the message calls them a phrase; never with a function word inside, nor
 * across a phrase found already.
 */
function plainWordPhrases(text: string, spans: Span[]): void {
  // Phrases already found stay as they are (the words between two of them are not one).
  const found = [...spans];
  let start = -1;
  let end = 0;
  let words = 0;
  let listed = 0;
  const cue = PHRASE_CUE.test(text);
  const close = () => {
    if (words >= MIN_PHRASE_WORDS && listed / words >= (cue ? 0.5 : 0.65))
      spans.push({ start, end });
    start = -1;
    words = listed = 0;
  };
  for (const m of text.matchAll(PIECE)) {
    const piece = m[0];
    if (NUMBERING.test(piece)) {
      if (start < 0) start = m.index;
      continue;
    }
    const latin = LATIN_WORD.exec(piece);
    const word = latin?.[2];
    const inFound = found.some((f) => m.index >= f.start && m.index < f.end);
    if (
      inFound ||
      !latin ||
      !word ||
      !PLAIN_WORD.test(word) ||
      FUNCTION_WORDS.has(word.toLowerCase())
    ) {
      close();
      continue;
    }
    if (latin[1] !== '') close();
    if (start < 0) start = m.index + (SENTENCE_END.test(latin[1]!) ? 1 : 0);
    words++;
    if (WORD_LISTS[0]!.has(word.toLowerCase())) listed++;
    end = m.index + piece.length - latin[4]!.length;
    if (latin[3] !== '' || latin[4] !== '') close();
  }
  close();
}

/**
 * Where the text holds a BIP-39 recovery phrase: 12+ consecutive words of one list (English,
 * simplified or traditional Chinese), separated by spaces, commas or line breaks, numbered or not,
 * in any case; Chinese characters written together count only after 助记词 and the like.
 * Ordinary English never gets there: "the", "my", "is", "and", "to", "I", "it", "of", "in", "for"…
 * are not list words, and every other word of the run must be one — or, for a phrase with a
 * typo or from another wallet's list, most of them (plainWordPhrases).
 */
export function findRecoveryPhrases(text: string, expectPhrase = false): Span[] {
  const spans: Span[] = [];
  if (expectPhrase) {
    // The words just before said a phrase comes, or were one: a few list words are its next part
    // (not chat made of them: "real human please").
    const n = listWordsOnly(text);
    if (!n || !readsAsChat(text, n, true)) expectedFragments(text, spans);
    if (spans.length) return spans;
  }
  if (wordsAtMost(text, MIN_FRAGMENT_WORDS - 1)) return spans;
  if (!wordsAtMost(text, MIN_EN_PHRASE_WORDS - 1)) {
    separatedPhraseRuns(text, spans);
    plainWordPhrases(text, spans);
    joinedPhrases(text, spans);
    if (HAN.test(text)) {
      unseparatedZhPhrases(text, spans);
      bareZhPhrases(text, spans);
    }
  }
  if (!spans.length) phraseFragments(text, spans);
  return spans;
}

/** How often English is written: GloVe's rank of its commonest words (0 = "the"). */
const EVERYDAY_RANK = 200;

/**
 * A run of list words that reads as chat, not as a part of a phrase: "thank you very much sorry
 * again", "please check again, same error again today". A word said twice (a phrase's words are
 * drawn at random from 2,048), or two of the 200 commonest English words (78 list words are among
 * them: a random part of six holds two 2 times in 100). (A Chinese run with an everyday word
 * across its characters is no run at all: separatedPhraseRuns.)
 */
function chatLike(run: string): boolean {
  const latin = run.toLowerCase().match(/[a-z]+/g) ?? [];
  const words = latin.length ? latin : (run.match(/\p{Script=Han}/gu) ?? []);
  if (new Set(words).size !== words.length) return true;
  const vectors = wordVectors();
  let everyday = 0;
  for (const w of latin) {
    const row = vectors.row(w);
    if (row >= 0 && vectors.ranks[row]! < EVERYDAY_RANK && ++everyday >= 2) return true;
  }
  return false;
}

/** The fewest list words in a row that are a part of a phrase sent on its own. */
const MIN_FRAGMENT_WORDS = 6;
/** The message says it holds a part: "… is the second half", "剩下的是 …". */
const FRAGMENT_CUE = /\b(?:half|rest|remaining)\b|另一半|后半|後半|前半|剩下的/i;
/** Words outside the run a message with a part of a phrase may hold ("and the rest:"). */
const FRAGMENT_OTHER_WORDS = 3;

/**
 * A phrase sent in parts ("abandon ability able about above absent", then the next six): each
 * part is too short to be a phrase, and the first had reached the agents as it was. A message
 * that is little else than 6+ list words in a row is such a part — prose does not put six list
 * words together without a word outside the list ("the", "my", "is" …) — or that says what they
 * are ("the first six words are …"), and is masked like a phrase.
 */
function phraseFragments(text: string, spans: Span[]): void {
  // "the first six words are: …": any words around them, when the message says what they are.
  const cue = PHRASE_CUE.test(text) || FRAGMENT_CUE.test(text);
  // Else a part is most of the message: one of up to 11 words (longer runs are whole phrases,
  // found before) and a few more. A longer message, nearly every message, is not searched again.
  if (!cue && !wordsAtMost(text, MIN_EN_PHRASE_WORDS + FRAGMENT_OTHER_WORDS)) return;
  partsOfPhrase(text, spans, MIN_FRAGMENT_WORDS, cue);
}

/** The fewest list words of a message that is nothing else, masked as a part of a phrase alone. */
const MIN_ALONE_WORDS = 4;

/**
 * How many words a message holds when it is recovery-phrase list words and nothing else
 * (numbering and punctuation aside: "legal winner thank", "的 一 是", "4. wave"), else 0.
 * Chat is rarely that: of 2,600 messages of our writers and intents none of 4 such words or more
 * but a word said again ("live agent. live agent. LIVE AGENT.").
 */
export function listWordsOnly(written: string): number {
  // "接着 absurd amount doctor", "然后 acoustic avoid letter": a word of sequence before Latin
  // list words is no word of the phrase (it had made the part prose, and it went to the desk).
  const text = LEAD_CONNECTOR.test(written) ? written.replace(LEAD_CONNECTOR, '') : written;
  let n = 0;
  // The lists holding every word so far (one bit each): a phrase's words are of one list.
  let lists = (1 << WORD_LISTS.length) - 1;
  for (const m of text.matchAll(PIECE)) {
    const piece = m[0];
    if (NUMBERING.test(piece)) continue;
    const latin = LATIN_WORD.exec(piece);
    const word = latin
      ? latin[2]!.toLowerCase()
      : piece.length === 1 && HAN.test(piece)
        ? piece
        : undefined;
    if (word === undefined) return 0;
    for (let l = 0; l < WORD_LISTS.length; l++) if (!WORD_LISTS[l]!.has(word)) lists &= ~(1 << l);
    if (!lists) return 0;
    n++;
  }
  return n;
}

/** A word of sequence in Chinese before Latin words: "接着", "然後", "最后", "第二组：". */
const LEAD_CONNECTOR =
  /^\s*(?:接着|接著|然后|然後|最后|最後|还有|還有|再来|再來|跟住|之后|之後|后面|後面|下面|中间|中間|第[一二三四五六七八九十\d]+(?:组|組|段|部分|个|個)?)[：:，,\s]*(?=[a-z])/i;

/**
 * A phrase typed a few words per message ("legal winner thank year", "wave sausage worth", or a
 * word at a time after "here is my seed phrase"): a message of list words and nothing else is
 * its part — 4 words or more on their own, any number when a phrase was announced, or when the
 * messages just before (`before`) were such words too and 6 are together. Unless the words,
 * with those before, read as chat ("thank you very much", "hello" sent again and again): then
 * no part, nor the start of a run. 'run': not a part yet, but the start or next of a run.
 */
export function phrasePart(text: string, expectPhrase: boolean, before: string): boolean | 'run' {
  if (expectPhrase && zhPartAlone(text)) return true;
  const n = listWordsOnly(text);
  if (!n) return false;
  const joined = before ? listWordsOnly(`${before}\n${text}`) : 0;
  const run = joined ? `${before}\n${text}` : text;
  // "make", "make run" after "adapt" / "patrol eternal modify": words of chat a phrase holds too.
  // Such a message goes on a run whose words, with it, do not read as chat (it had ended the run,
  // and the words before it reached the desk for good); it starts none.
  if (
    readsAsChat(text, n, expectPhrase) &&
    (expectPhrase || !joined || /[?？]\s*$/.test(text) || readsAsChat(run, joined, false))
  )
    return false;
  if (expectPhrase) return true;
  const words = joined || n;
  if (words >= 2 && chatLike(run)) return false;
  return n >= MIN_ALONE_WORDS || words >= MIN_FRAGMENT_WORDS ? true : 'run';
}

/**
 * A message of list words that reads as chat, not as a part of a phrase: half of its words or
 * more are words users write in support chat (a random part of four holds two of them 4 times in
 * 100), it asks something ("hello?"), or, in Chinese, everyday words run across its characters.
 */
function readsAsChat(text: string, n: number, expectPhrase: boolean): boolean {
  if (/[?？]\s*$/.test(text)) return true;
  const latin = text.toLowerCase().match(/[a-z]+/g) ?? [];
  if (!latin.length) return proseWords(text.replace(/[^\p{Script=Han}]/gu, '')) > 0;
  const chat = latin.filter((w) => CHAT_LIST_WORDS.has(w)).length;
  // A phrase announced or a part of it just masked: a word at a time is its next part ("thank"),
  // chat only when every word of two or more is ("agent please").
  if (expectPhrase) return n >= 2 && chat === n;
  return chat >= Math.max(1, Math.ceil(n / 2));
}

/** The fewest list words of a part of a phrase when one is expected ("1. legal 2. winner 3. thank"). */
const MIN_EXPECTED_WORDS = 3;

/**
 * A phrase typed over several messages after "my recovery phrase is" (or after a phrase or part
 * of one was masked): a message that is little else than 3+ list words in a row is its next part —
 * each part alone is too short to tell from chat, but the message before said what comes.
 */
function expectedFragments(text: string, spans: Span[]): void {
  partsOfPhrase(text, spans, MIN_EXPECTED_WORDS, false);
  if (spans.length) return;
  // "then common noble salute and finally lecture detail aim": parts with a few words between
  // them, more of the message than those words are. Not parts that read as chat ("please check
  // again"): half of their words or more are words of support chat.
  const runs: Span[] = [];
  separatedPhraseRuns(text, runs, () => MIN_EXPECTED_WORDS);
  let words = 0;
  let rest = text;
  const parts = runs.filter((r) => {
    const run = text.slice(r.start, r.end);
    const n = run.match(WORD)?.length ?? 0;
    return !chatLike(run) && !readsAsChat(run, n, false) && (words += n) > 0;
  });
  for (const p of parts)
    rest = rest.slice(0, p.start) + ' '.repeat(p.end - p.start) + rest.slice(p.end);
  if (parts.length && words > (rest.match(WORD)?.length ?? 0)) spans.push(...parts);
}
/** A word, as counted for a part: Latin letters, or one Chinese character. */
const WORD = /[a-z]+|\p{Script=Han}/giu;

/**
 * Runs of `minWords`+ list words that are a part of a phrase: with `anyWordsAround` every run,
 * else a run that is most of the message (a few other words) and does not read as chat.
 */
function partsOfPhrase(
  text: string,
  spans: Span[],
  minWords: number,
  anyWordsAround: boolean,
): void {
  const runs: Span[] = [];
  separatedPhraseRuns(text, runs, () => minWords);
  for (const run of runs) {
    const rest = text.slice(0, run.start) + ' ' + text.slice(run.end);
    if (
      anyWordsAround ||
      (wordsAtMost(rest, FRAGMENT_OTHER_WORDS) && !chatLike(text.slice(run.start, run.end)))
    )
      spans.push(run);
  }
}

/**
 * "my recovery phrase is", "here are my 12 words:", "助记词如下": the message says a phrase
 * follows, without it (it comes in the next messages).
 */
export function announcesPhrase(text: string): boolean {
  return PHRASE_ANNOUNCE.test(text.trim());
}
const PHRASE_ANNOUNCE =
  /\b(?:my|the)\s+(?:(?:12|24|twelve|twenty[- ]four)\s+)?words\s*(?:are|is|:)\W*$|\b(?:recovery|seed|secret|backup|mnemonic)\s+(?:phrase|words?)\b.{0,20}(?:\bis|\bare|:|\bbelow|\bhere)\W*$|\b(?:here(?:'s| is| are)|this is|these are)\s+(?:my|the)\s+(?:(?:12|24|twelve|twenty[- ]four)\s+)?(?:recovery|seed|secret|backup|mnemonic|wallet)?\s*(?:phrase|words|seed)\W*$|(?:这是|這是|呢个係|呢個係|以下是)我?的?(?:助记词|助記詞|种子词|種子詞)\W*$|\b(?:12|24|twelve|twenty[- ]four)\s+words\b.{0,20}(?:\bis|\bare|:|\bbelow|\bhere)\W*$|(?:助记词|助記詞|助記字|种子词|種子詞|恢复短语|恢復短語)[^。！？!?]{0,8}(?:是|係|如下|[:：])\s*$/i;

/** Words joined by one sign instead of spaces: "toss-mirror-task-…", "foot.dilemma.…", "a_b_…". */
const JOINED =
  /(?<![A-Za-z])[A-Za-z]{3,8}(?:([-._/+])[A-Za-z]{3,8})(?:\1[A-Za-z]{3,8}){9,}(?![A-Za-z])/g;

function joinedPhrases(text: string, spans: Span[]): void {
  for (const m of text.matchAll(JOINED)) {
    const words = m[0].toLowerCase().split(m[1]!);
    const listed = words.filter((w) => WORD_LISTS[0]!.has(w)).length;
    if (listed >= MIN_EN_PHRASE_WORDS && listed / words.length >= 0.8)
      spans.push({ start: m.index, end: m.index + m[0].length });
  }
}

export function maskRecoveryPhrases(
  text: string,
  found: Set<SensitiveKind>,
  expectPhrase = false,
): string {
  const spans = findRecoveryPhrases(text, expectPhrase);
  if (spans.length) found.add('recovery_phrase');
  return maskSpans(text, spans, RECOVERY_PHRASE_MARK);
}

/**
 * Words that say the phrase follows, and then its words in the same message: "my recovery phrase
 * is legal winner thank", "here are my words so you can check: legal winner", "我的助记词前三个是
 * letter advice cage". A few words are its part (a run of list words alone had to be a whole
 * phrase): two or more list words, not all of them words of chat ("my recovery phrase is lost").
 * They had reached the desk as they were.
 */
const PHRASE_LEAD =
  /(?:\b(?:recovery|seed|secret|backup|mnemonic)\s+(?:phrase|words?)|\b(?:my|the)\s+(?:(?:12|24|twelve|twenty[- ]four)\s+)?(?:words|seed)|助记词|助記詞|助記字|种子词|種子詞|恢复短语|恢復短語)[^.!?。！？\n]{0,30}?(?:\bis\b|\bare\b|\bwas\b|\bwere\b|[:：]|是|係|如下)[\s"'“:：]*/giu;
const LEAD_RUN = /^(?:[a-z]+[\s,，、]*)+/i;

export function maskAnnouncedWords(text: string, found: Set<SensitiveKind>): string {
  if (!text.includes(' ') && !/[:：是係]/.test(text)) return text;
  let out = '';
  let from = 0;
  for (const m of text.matchAll(PHRASE_LEAD)) {
    const start = m.index + m[0].length;
    if (start < from) continue;
    if (HAN.test(text[start] ?? '')) {
      // "我的助记词是 生郭财捕", "助记词前三个是 生 郭 财", "my seed phrase is 生 郭 财 捕".
      const { end, chars, separated } = zhListGroups(text.slice(start, start + MAX_ZH_RUN));
      if (!zhPhrasePart(chars, separated)) continue;
      out += text.slice(from, start) + RECOVERY_PHRASE_MARK;
      from = start + end;
      found.add('recovery_phrase');
      continue;
    }
    const run = LEAD_RUN.exec(text.slice(start))?.[0] ?? '';
    const words = run.toLowerCase().match(/[a-z]+/g) ?? [];
    // The list words from the start of the run (the phrase's part), up to the first other word.
    let n = 0;
    while (n < words.length && WORD_LISTS[0]!.has(words[n]!)) n++;
    if (n < 2 || words.slice(0, n).every((w) => CHAT_LIST_WORDS.has(w))) continue;
    // Where the n-th list word ends in the text.
    const lower = text.toLowerCase();
    let end = start;
    for (let i = 0; i < n; i++) end = lower.indexOf(words[i]!, end) + words[i]!.length;
    out += text.slice(from, start) + RECOVERY_PHRASE_MARK;
    from = end;
    found.add('recovery_phrase');
  }
  return from ? out + text.slice(from) : text;
}

/**
 * The earlier parts of a phrase, let through before the part that told what they were: each line
 * of list words and nothing else in `text` masked (the count in `masked`).
 */
export function maskPhraseParts(text: string, masked = { n: 0 }): string {
  return text
    .split('\n')
    .map((line) =>
      listWordsOnly(foldLookalikes(line)) ? (masked.n++, RECOVERY_PHRASE_MARK) : line,
    )
    .join('\n');
}
