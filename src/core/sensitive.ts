/**
 * Masks secrets a user pastes before anything is stored, logged or forwarded: wallet recovery
 * phrases, private keys, Luhn-valid card numbers, CVV, passwords, one-time codes, national id and
 * passport numbers. Real support never asks for them, and the bot tells the user so.
 *
 * Values are masked, not words: "my password is hunter2" loses "hunter2", "I forgot my password"
 * stays as it is. `maskAgentText` masks only the secret values themselves (cards, phrases, keys,
 * ids), never an agent's instructions about passwords or codes.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as simplifiedChinese } from '@scure/bip39/wordlists/simplified-chinese.js';
import { wordlist as traditionalChinese } from '@scure/bip39/wordlists/traditional-chinese.js';
import { wordVectors } from './nlu/vectors.ts';

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
  /** Fingerprints of the private keys masked (secretPrint), for the rest of the case. */
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

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Mainland China resident id: 17 digits + check digit (ISO 7064 MOD 11-2). */
export function cnIdValid(id: string): boolean {
  if (!/^\d{17}[\dx]$/i.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * weights[i]!;
  return '10X98765432'[sum % 11] === id[17]!.toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// Recovery phrases (BIP-39)
// ---------------------------------------------------------------------------------------------

/** The BIP-39 lists a phrase may come from; a phrase uses one list only. Built once. */
const WORD_LISTS: readonly ReadonlySet<string>[] = [
  new Set(english),
  new Set(simplifiedChinese),
  new Set(traditionalChinese),
];
const require = createRequire(import.meta.url);
// natural's package root loads dotenv and databases (docs/platform-facts.md): the submodule only.
const { words: STOP_WORDS } = require('natural/lib/natural/util/stopwords.js') as {
  words: string[];
};

/** Phrases have 12, 15, 18, 21 or 24 words; any longer run of list words is masked whole. */
const MIN_PHRASE_WORDS = 12;
/**
 * English words of the list in a row: 11 is a 12-word phrase with one word left out, which is
 * enough to rebuild the wallet (2,048 tries for the last word). Prose does not hold 11 list
 * words in a row without a word outside the list ("the", "my", "is", "to" …).
 */
const MIN_EN_PHRASE_WORDS = 11;

/**
 * Pieces of text between separators (whitespace, commas, semicolons, colons, "=", "|"). Chinese
 * characters are pieces of their own, so one written alone ("的 一 是") can be told from one
 * inside a run ("的一是", which counts only after a phrase word, below).
 */
const PIECE = /\p{Script=Han}+|[^\s,，、;；:：=|\p{Script=Han}]+/gu;
/** Numbering and bullets between the words ("1.", "2)", "(3)", "#4", "-"): neither word nor break. */
const NUMBERING = /^(?:[#(（]?\d{1,2}[.)）-]?|[-–—•·*/\\]+)$/;
/**
 * A Latin word, maybe numbered ("1.abandon", or "1abandon" as a numbered backup is copied), quoted,
 * ending a sentence ("about."), or right after one ("核對？legal": Chinese punctuation is not a
 * separator).
 */
const LATIN_WORD =
  /^(?:[#(（]?\d{1,2}[.)）-]?)?(["'“‘(（[「『？！。?!]?)([a-z]+)(["'”’)）\]」』]?)([.!?。！？]?)$/i;
/** A word with a full stop after it ("about."), counted to tell a list written so from prose. */
const DOTTED_WORD = /(?<![\w.])[a-z]+\.(?=\s|$)/gi;

const SENTENCE_END = /^[？！。?!]$/;

interface Span {
  start: number;
  end: number;
}

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
 * English function words that are not BIP-39 words ("the", "my", "is", "to", "was", "you"…, from
 * natural's stop-word list): a sentence of 12 words nearly always holds one, a phrase never does.
 * ("about", "again", "never"… are on the list, so they are not among them.)
 */
const FUNCTION_WORDS = new Set(
  STOP_WORDS.filter((w) => /^[a-z]{2,}$/.test(w) && !WORD_LISTS[0]!.has(w)),
);
/** A plain word as phrases are written: lower, Title or UPPER case (not camelCase), 3–10 letters. */
const PLAIN_WORD = /^(?:[a-z]{3,10}|[A-Z][a-z]{2,9}|[A-Z]{3,10})$/;
/** The message itself says that words are a phrase ("the words are:", "my seed", "24 words"). */
const PHRASE_CUE =
  /\b(?:words?|phrase|seed|mnemonic|recovery|backup|secret|paper|electrum|monero)\b|\b(?:12|24)\b/i;

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
 * A phrase word in Chinese, then maybe "是", "为", "如下" and a colon: 助记词, 助記詞, 恢复短语,
 * 种子, 種子, 密语, 备份词…
 */
const ZH_PHRASE_WORD =
  /(?:助[记記](?:[词詞字]|符)?|恢[复復](?:短[语語]|[词詞])|[种種]子(?:短[语語]|[词詞])?|密[语語]|[备備]份(?:短[语語]|[词詞])|[钱錢]包短[语語])(?:\s*(?:是|为|為|如下))?\s*[:：=]?\s*/g;
const ZH_SEPARATOR = /[ \t\n,，、]/;
const HAN = /\p{Script=Han}/u;
/**
 * Two-character words of ordinary Chinese sentences (simplified and traditional). 2,048
 * characters cover almost all of everyday Chinese, so "助记词丢了怎么办我的钱包…" is made of list
 * characters too; a phrase is random characters, which seldom hold one of these words (about 7 in
 * 10,000 phrases) and almost never two.
 */
const ZH_PROSE = new Set(
  (
    '什么 什麼 怎么 怎麼 怎样 怎樣 为啥 為啥 干嘛 幹嘛 哪里 哪裡 哪裏 ' +
    '哪儿 哪兒 哪个 哪個 在哪 多少 几个 幾個 一共 是否 是不 能不 会不 ' +
    '會不 可不 有没 有沒 要不 我的 你的 他的 我们 我們 你们 你們 他们 ' +
    '他們 她们 她們 自己 别人 別人 大家 朋友 客服 你好 您好 谢谢 謝謝 ' +
    '麻烦 麻煩 请问 請問 请帮 請幫 帮我 幫我 帮忙 幫忙 帮助 幫助 现在 ' +
    '現在 刚才 剛才 刚刚 剛剛 今天 昨天 明天 之前 以前 以后 以後 后来 ' +
    '後來 然后 然後 马上 馬上 已经 已經 一直 还是 還是 还有 還有 还能 ' +
    '還能 还没 還沒 但是 可是 因为 因為 所以 如果 虽然 雖然 而且 或者 ' +
    '时候 時候 一下 一点 一點 一样 一樣 这样 這樣 那样 那樣 这个 這個 ' +
    '那个 那個 这些 這些 那些 这么 這麼 那么 那麼 这里 這裡 這裏 那里 ' +
    '那裡 那裏 应该 應該 需要 可以 可能 能够 能夠 知道 觉得 覺得 认为 ' +
    '認為 希望 想要 我想 不想 不知 不会 不會 不能 不要 不用 没有 沒有 ' +
    '没法 沒法 不到 不见 不見 找不 看不 打不 用不 收不 不对 不對 不行 ' +
    '不是 就是 只是 还要 還要 才能 记得 記得 忘了 忘记 忘記 丢了 丟了 ' +
    '丢失 丟失 被盗 被盜 盗了 盜了 转走 轉走 偷走 骗了 騙了 被骗 被騙 ' +
    '骗子 騙子 危险 危險 安全 保存 保管 备份 備份 写下 寫下 下来 下來 ' +
    '出来 出來 回来 回來 起来 起來 进去 進去 看到 看看 看见 看見 显示 ' +
    '顯示 提示 出现 出現 出错 出錯 错误 錯誤 无效 無效 失败 失敗 成功 ' +
    '原因 问题 問題 办法 辦法 方法 区别 區別 东西 東西 事情 意思 明白 ' +
    '清楚 理解 回事 注意 事项 事項 告诉 告訴 发给 發給 给你 給你 给我 ' +
    '給我 输入 輸入 导入 導入 导出 導出 复制 複製 粘贴 粘貼 截图 截圖 ' +
    '乱码 亂碼 钱包 錢包 账户 賬戶 賬户 账号 賬號 资产 資產 余额 餘額 ' +
    '交易 转账 轉賬 到账 到賬 提现 提現 充值 手机 手機 电脑 電腦 软件 ' +
    '軟件 应用 應用 下载 下載 安装 安裝 卸载 卸載 登录 登錄 注册 註冊 ' +
    '密码 密碼 私钥 私鑰 助记 助記 找回 恢复 恢復 重置 验证 驗證 地址 ' +
    '网络 網絡 官方 平台 平臺 系统 系統 前面 后面 後面 里面 裡面 裏面 ' +
    '上面 下面 顺序 順序 单词 單詞 短语 短語 好的 好像 比较 比較 非常 ' +
    '特别 特別 真的 一定 肯定 我不 尽快 儘快 着急 著急 紧急 緊急 重要 ' +
    '了吗 了嗎 了吧 了呢 的吗 的嗎 吗我 嗎我 呢我 帳戶 帳號 網路 軟體 帐户 帐号 ' +
    '网站 網站 一次 两次 兩次 给了 給了 输过 輸過 输了 輸了 填了 填过 填過 ' +
    '盗刷 盜刷 是谁 是誰'
  ).split(' '),
);

/** Two such words in the first 12 characters: a sentence, not a phrase (a few in a million). */
function looksLikeZhProse(run: string): boolean {
  return proseWords(run, 2) >= 2;
}

/** How many everyday two-character words the run holds (counting stops at `upTo`). */
function proseWords(run: string, upTo = Infinity): number {
  let words = 0;
  for (let i = 0; i + 1 < run.length && words < upTo; i++)
    if (ZH_PROSE.has(run.slice(i, i + 2))) words++;
  return words;
}

/**
 * Characters looked at after a phrase word: twice the longest phrase, so a phrase followed by
 * more list characters is covered, and text made of phrase words repeated stays linear.
 */
const MAX_ZH_RUN = 48;

/** "我的助记词是的一是在不了有和人这中大…": list characters right after a phrase word. */
function unseparatedZhPhrases(text: string, spans: Span[]): void {
  for (const m of text.matchAll(ZH_PHRASE_WORD)) {
    const from = m.index + m[0].length;
    let best: Span | undefined;
    let bestCount = 0;
    for (const list of WORD_LISTS.slice(1)) {
      let count = 0;
      let end = from;
      // Written together ("…给了别人的网站，我输过一次"), a comma or a space ends the run: a phrase
      // is written either all together or with a separator after every character.
      const together = !ZH_SEPARATOR.test(text[from + 1] ?? ' ');
      for (let i = from; i < text.length && count < MAX_ZH_RUN; i++) {
        const ch = text[i]!;
        if (ZH_SEPARATOR.test(ch)) {
          if (together && count > 0) break;
          continue;
        }
        if (!list.has(ch)) break;
        count++;
        end = i + 1;
      }
      if (count > bestCount) {
        bestCount = count;
        best = { start: from, end };
      }
    }
    if (!best || bestCount < MIN_PHRASE_WORDS) continue;
    // Prose check on the first 12 characters: a phrase followed by a sentence is still masked.
    let head = '';
    for (let i = best.start, n = 0; i < best.end && n < MIN_PHRASE_WORDS; i++) {
      const ch = text[i]!;
      if (HAN.test(ch)) n++;
      head += HAN.test(ch) ? ch : ' ';
    }
    if (looksLikeZhProse(head)) continue;
    spans.push(best);
  }
}

/**
 * Whether the text holds at most `n` words: runs of ASCII letters, and characters from U+2E80 on
 * (Chinese, counted one by one) — an upper bound of the words the searches above can count, so
 * a message with fewer than a phrase's words (nearly all) skips them, in one pass that allocates
 * nothing.
 */
function wordsAtMost(text: string, n: number): boolean {
  let words = 0;
  let inLatin = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 0x20; // ASCII letters folded to lower case
    const latin = c >= 97 && c <= 122;
    if ((latin && !inLatin) || text.charCodeAt(i) >= 0x2e80) if (++words > n) return false;
    inLatin = latin;
  }
  return true;
}

function maskSpans(text: string, spans: Span[], mark: string): string {
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
function phrasePart(text: string, expectPhrase: boolean, before: string): boolean | 'run' {
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
 * List words our users write in support chat: those in 8 or more of the English messages of
 * intents/ and intents/writers/ (2,634 messages; test/core/sensitive-phrase.test.ts derives the
 * set again from them). "hello agent please help", "sorry wrong account again" are all list words.
 */
const CHAT_LIST_WORDS = new Set([
  'about',
  'access',
  'account',
  'add',
  'address',
  'again',
  'agent',
  'all',
  'already',
  'amount',
  'another',
  'answer',
  'any',
  'ask',
  'balance',
  'because',
  'before',
  'bonus',
  'business',
  'call',
  'can',
  'cancel',
  'card',
  'case',
  'cash',
  'change',
  'charge',
  'chat',
  'check',
  'close',
  'code',
  'come',
  'company',
  'confirm',
  'connect',
  'day',
  'deposit',
  'device',
  'double',
  'else',
  'end',
  'enough',
  'enter',
  'error',
  'exchange',
  'explain',
  'face',
  'fee',
  'file',
  'find',
  'found',
  'friend',
  'frozen',
  'give',
  'good',
  'have',
  'hello',
  'help',
  'history',
  'hold',
  'hotel',
  'hour',
  'human',
  'idea',
  'inside',
  'into',
  'joke',
  'just',
  'keep',
  'know',
  'later',
  'left',
  'like',
  'limit',
  'link',
  'live',
  'lock',
  'long',
  'machine',
  'mail',
  'make',
  'match',
  'member',
  'message',
  'month',
  'morning',
  'move',
  'much',
  'name',
  'need',
  'never',
  'next',
  'night',
  'nothing',
  'notice',
  'now',
  'number',
  'off',
  'old',
  'one',
  'online',
  'only',
  'open',
  'order',
  'other',
  'over',
  'own',
  'page',
  'payment',
  'people',
  'person',
  'phone',
  'phrase',
  'please',
  'problem',
  'proof',
  'purchase',
  'put',
  'rate',
  'real',
  'reason',
  'receive',
  'remember',
  'rent',
  'report',
  'review',
  'right',
  'rude',
  'safe',
  'same',
  'say',
  'screen',
  'seed',
  'service',
  'shop',
  'side',
  'sign',
  'since',
  'someone',
  'speak',
  'staff',
  'step',
  'still',
  'sure',
  'talk',
  'team',
  'tell',
  'text',
  'thank',
  'that',
  'then',
  'there',
  'they',
  'thing',
  'this',
  'three',
  'ticket',
  'time',
  'today',
  'top',
  'transfer',
  'try',
  'twice',
  'two',
  'unable',
  'under',
  'unknown',
  'unlock',
  'update',
  'use',
  'used',
  'verify',
  'very',
  'wait',
  'want',
  'way',
  'what',
  'when',
  'where',
  'will',
  'work',
  'wrong',
  'you',
  'zero',
]);

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

/** For the test that derives CHAT_LIST_WORDS again from our messages. */
export const chatListWords = (): ReadonlySet<string> => CHAT_LIST_WORDS;

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

/** The 500 commonest characters of the Chinese lists (a quarter: a phrase holds about 3 in 12). */
const COMMONEST = new Set([
  ...simplifiedChinese.slice(0, 500),
  ...traditionalChinese.slice(0, 500),
]);

const PASTE_EDGE = /[ -~\s：「」“”『』]/;

/** Phrase lengths: a run of exactly this many list characters, with nothing around, is one. */
const PHRASE_LENGTHS = new Set([12, 15, 18, 21, 24]);

/**
 * "壤眉显听差丢灾叔劣吞相宿": Chinese list characters written together without a phrase word
 * before them — a whole run of a phrase's length, every character from one list, not prose.
 */
function bareZhPhrases(text: string, spans: Span[]): void {
  for (const m of text.matchAll(/\p{Script=Han}+/gu)) {
    const run = m[0];
    if (!PHRASE_LENGTHS.has(run.length)) continue;
    // Pasted on its own (the message, a line, between spaces), not a clause between Chinese
    // punctuation ("…用戶客訴匯率與手續費不透明、…").
    const before = text[m.index - 1];
    const after = text[m.index + run.length];
    if ((before && !PASTE_EDGE.test(before)) || (after && !PASTE_EDGE.test(after))) continue;
    if (spans.some((s) => m.index < s.end && m.index + run.length > s.start)) continue;
    if (!WORD_LISTS.slice(1).some((list) => [...run].every((ch) => list.has(ch)))) continue;
    // Stricter than after a phrase word: no everyday word at all (a random phrase holds one 7
    // times in 10,000) and no character twice (3 in 100): "帐户被冻结了怎么办急急急" is prose.
    if (new Set(run).size !== run.length || proseWords(run) > 0) continue;
    // A phrase draws its characters evenly from the 2,048; prose mostly from the commonest (the
    // lists are in order of frequency): "的一是在不了有和人这中大为上个" is not a phrase.
    if ([...run].filter((ch) => COMMONEST.has(ch)).length * 2 > run.length) continue;
    spans.push({ start: m.index, end: m.index + run.length });
  }
}

// ---------------------------------------------------------------------------------------------
// Private keys
// ---------------------------------------------------------------------------------------------

const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BASE58_VALUE = new Map([...BASE58_ALPHABET].map((c, i) => [c, i]));

function base58Decode(s: string): Uint8Array | undefined {
  const bytes: number[] = []; // little-endian
  for (const ch of s) {
    let carry = BASE58_VALUE.get(ch);
    if (carry === undefined) return undefined;
    for (let i = 0; i < bytes.length; i++) {
      carry += bytes[i]! * 58;
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  for (let i = 0; i < s.length && s[i] === '1'; i++) bytes.push(0);
  return Uint8Array.from(bytes.reverse());
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest();

/** The payload of a Base58Check string whose checksum (double SHA-256) matches. */
function base58Check(s: string): Uint8Array | undefined {
  const raw = base58Decode(s);
  if (!raw || raw.length < 5) return undefined;
  const payload = raw.subarray(0, raw.length - 4);
  const sum = sha256(sha256(payload));
  for (let i = 0; i < 4; i++) if (sum[i] !== raw[raw.length - 4 + i]) return undefined;
  return payload;
}

/** Wallet import format: 5… (51 chars) or K…/L… (52, compressed); 9…/c… on testnet. */
const WIF_SHAPE = /^(?:[59][1-9A-HJ-NP-Za-km-z]{50}|[KLc][1-9A-HJ-NP-Za-km-z]{51})$/;
/** BIP-32 extended private keys: xprv, yprv, zprv, tprv (and the multisig/testnet variants). */
const XPRV_SHAPE = /^[xyztuvYZUV]prv[1-9A-HJ-NP-Za-km-z]{90,}$/;

/**
 * A private key whatever the words around it: a WIF key with a valid Base58Check checksum, or an
 * extended private key (xprv…). A 64-hex-digit string is not one by itself: it is far more often
 * a transaction hash (see `isKeyIntroduced`).
 */
export function looksLikePrivateKey(token: string): boolean {
  const t = token.trim();
  if (XPRV_SHAPE.test(t)) return true;
  if (!WIF_SHAPE.test(t)) return false;
  const payload = base58Check(t);
  if (!payload || (payload[0] !== 0x80 && payload[0] !== 0xef)) return false;
  return payload.length === 33 || (payload.length === 34 && payload[33] === 0x01);
}

const KEY_LABEL = String.raw`(?:(?<![a-z])(?:private[\s_-]*key|priv[\s_-]*key|privkey|priv|secret(?:[\s_-]*key)?|(?:my|wallet|account|solana|sol|phantom|metamask|trust ?wallet|eth|ethereum|btc|bitcoin|tron|trx)[\s_-]+key|(?:phantom|metamask|wallet|key)[\s_-]+export(?:ed)?|exported[\s_-]+key|(?:the|your|ur|this|that)\s+key)(?![a-z])|私[钥鑰]|密[钥鑰])`;
const KEY_SEP = String.raw`(?:is|was|[:=：]|是|为|為|如下|係|即係|就係)`; // 係: Cantonese "is"
/** "private key: …", "my private key is …", "私钥是：…", "secret key (hex) = …". */
const KEY_INTRO = new RegExp(
  KEY_LABEL + String.raw`\s*(?:[(（][^()（）\n]{0,24}[)）]\s*)?(?:${KEY_SEP}\s*){0,2}$`,
  'i',
);
/**
 * "the private key of my wallet is …", "my private key so you can check the wallet: …": up to
 * eight words between the label and "is"/":".
 */
const KEY_INTRO_WORDS = new RegExp(
  KEY_LABEL + String.raw`((?:\s+[a-z']+){1,8}?)\s*(?:is|was|[:=：])\s*$`,
  'i',
);
/** "here my private key if it help you trace …": a few plain words, no "is", then the value. */
const KEY_NEAR = new RegExp(KEY_LABEL + String.raw`((?:\s+[a-z']+){1,6}?)\s*$`, 'i');
/** Words that show the value after them is something else ("private key and my tx is …"). */
const NOT_KEY_WORDS =
  /\b(?:tx|txn|txid|hash|transaction|id|and|but|or|not|address|public|pub|block|order|recovery|phrase|seed|words|mnemonic)\b/i;
/** Without "is" or ":" before the value, these also end the key's introduction ("… so i cant see"). */
const NOT_KEY_WORDS_LOOSE = /\b(?:so|then|because|lost|cant|can't|cannot)\b/i;

/**
 * Whether the text right before a value introduces it as a private key ("private key", "privkey",
 * "priv", "secret", "secret key", "私钥", "私鑰", "密钥", "密鑰", maybe followed by is/:/=/是/为).
 * The flow uses it so a key typed as an answer is never kept as a transaction id.
 */
export function isKeyIntroduced(textBefore: string): boolean {
  const tail = textBefore.slice(-80);
  // "here is the key part 1 …", "private key (1/2): …": the label before the part's number.
  const part = KEY_PART_MARK.exec(tail);
  if (part && part.index > 0 && keyIntroduced(tail.slice(0, part.index))) return true;
  return keyIntroduced(tail);
}

/**
 * "part 1", "(1/2)", "first half", "the rest", "前半部分", "第二段": a key said to come in parts,
 * between its label and its value.
 */
const KEY_PART_MARK =
  /\s*(?:[(（]?\s*(?:part|pt\.?|half|piece)\s*#?\s*\d\s*[)）]?|(?:first|1st|second|2nd|other|last)\s+(?:half|part)|(?:the\s+)?rest|[(（]?\d\s*\/\s*\d\s*[)）]?|第?[一二三123](?:部分|段|半)|[前后後上下]半(?:部分|段)?|剩下的?)\s*(?:is|[:：=]|是|係)?\s*$/i;

function keyIntroduced(tail: string): boolean {
  if (KEY_INTRO.test(tail)) return true;
  const m = KEY_INTRO_WORDS.exec(tail);
  if (m) return !NOT_KEY_WORDS.test(m[1]!);
  const near = KEY_NEAR.exec(tail);
  if (near) return !NOT_KEY_WORDS.test(near[1]!) && !NOT_KEY_WORDS_LOOSE.test(near[1]!);
  // "私钥我还有，是不是用私钥可以找回？0x…": 私钥 a few words before, no hash or id between.
  const zh = KEY_NEAR_ZH.exec(tail);
  return !!zh && !NOT_KEY_WORDS_ZH.test(zh[1]!);
}
const KEY_NEAR_ZH = /(?:私[钥鑰]|密[钥鑰])([^。.!！\n]{0,24})$/;
const NOT_KEY_WORDS_ZH = /哈希|雜湊|交易|单号|單號|订单|訂單|地址|txid|tx|hash|公[钥鑰]/i;

/** Long runs of letters and digits: hex (0x…), Base58 (WIF, xprv, Solana keys). */
const KEY_CANDIDATE = /(?<![0-9A-Za-z])[0-9A-Za-z]{32,}(?![0-9A-Za-z])/g;

/**
 * A hex key written in groups ("4c08 83a6 9102 …", 8 groups of 8, or its two halves side by
 * side): 64 hex digits in all, letters and digits among them. A transaction hash is copied, never
 * typed out so.
 */
const GROUPED_HEX =
  /(?<![0-9A-Za-z])(?:0x)?(?:[0-9a-f]{2,32}[ \t.:_-]{1,3}){1,31}[0-9a-f]{2,32}(?![0-9A-Za-z])/gi;
/**
 * A part of a hex key: 16 to 63 hex digits, letters and digits among them (its half is 32); not
 * 40, an Ethereum address.
 */
const HEX_PART =
  /(?<![0-9A-Za-z])(?:0x)?(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)(?![0-9a-f]{40}(?![0-9A-Za-z]))[0-9a-f]{16,63}(?![0-9A-Za-z])/gi;
/** "txid", "hash", "交易哈希" right before a value: a transaction's, not a key. */
const TX_BEFORE =
  /(?:(?<![a-z])(?:tx|txn|txid|txhash|hash|transaction(?:\s+(?:id|hash))?)(?![a-z])|交易哈希|哈希|交易号|交易號|雜湊)\W{0,3}$/i;

function maskPrivateKeys(text: string, found: Set<SensitiveKind>): string {
  const before = (whole: string, offset: number) => whole.slice(Math.max(0, offset - 80), offset);
  return text
    .replace(GROUPED_HEX, (m, offset: number, whole: string) => {
      const hex = m.replace(/^0x|[^0-9a-f]/gi, '');
      if (hex.length !== 64 || !/\d/.test(hex) || !/[a-f]/i.test(hex)) return m;
      const intro = before(whole, offset);
      if (TX_BEFORE.test(intro) && !isKeyIntroduced(intro)) return m;
      found.add('private_key');
      return PRIVATE_KEY_MARK;
    })
    .replace(KEY_CANDIDATE, (m, offset: number, whole: string) => {
      if (!looksLikePrivateKey(m) && !isKeyIntroduced(before(whole, offset))) return m;
      found.add('private_key');
      return PRIVATE_KEY_MARK;
    })
    .replace(HEX_PART, (m, offset: number, whole: string) => {
      // "private key part 1: 4c0883a69102937d", "part 2 fe5129617082792a…": a part of a key.
      const intro = before(whole, offset);
      if (!isKeyIntroduced(intro) && !KEY_PART_MARK.test(intro)) return m;
      found.add('private_key');
      return PRIVATE_KEY_MARK;
    });
}

/**
 * The rest of a key whose part ended the message before (`codeBefore` of maskSensitive): a part
 * of a hex key alone ("fe5129617082792ae468d01a3f362318"), unless said to be a transaction's.
 */
function maskKeyRest(text: string, found: Set<SensitiveKind>): string {
  return text.replace(HEX_PART, (m, offset: number, whole: string) => {
    if (TX_BEFORE.test(whole.slice(Math.max(0, offset - 24), offset))) return m;
    found.add('private_key');
    return PRIVATE_KEY_MARK;
  });
}

function maskRecoveryPhrases(
  text: string,
  found: Set<SensitiveKind>,
  expectPhrase = false,
): string {
  const spans = findRecoveryPhrases(text, expectPhrase);
  if (spans.length) found.add('recovery_phrase');
  return maskSpans(text, spans, RECOVERY_PHRASE_MARK);
}

// ---------------------------------------------------------------------------------------------
// Cards, ids, passports
// ---------------------------------------------------------------------------------------------

/** Issuer prefixes of Visa, Mastercard (incl. 2-series), Amex, Discover/UnionPay, JCB/Diners. */
const CARD_PREFIX = /^(4|5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720)|3[0478]|6)/;
/** "tx 4000…", "订单号 6000…": a numeric transaction or order id right before the digits, not a card. */
const ID_LABEL =
  /(?:(?<![a-z])(?:tx|txn|txid|transaction|trans|order|ref|reference)(?:\s*(?:id|no\.?|number|#))?|交易号?|订单号?|訂單號?|流水号?|单号|單號)\s*[:：#]?\s*$/i;
/**
 * "order no. 4539 …", "bank acct 6222…", "收款账号 6222…": the user's own order or bank account
 * number, which the agent needs (the withdrawal's destination), whatever its shape or checksum.
 */
const ACCOUNT_LABEL =
  /(?:(?<![a-z])(?:order|bank\s*(?:acct|account|a\/c)|(?:acct|account|a\/c)\s*(?:no\.?|number|#))(?:\s*(?:id|no\.?|number|#))?|订单号?|訂單號?|(?:银行|銀行|收款|提现|提現)?(?:账号|帐号|帳號|賬號|账户|帐户|帳戶|賬戶)(?:号码|號碼)?)\s*(?:(?:is|was|[:：#]|是|为|為|係)\s*)?$/i;
/** An expiry or a security code right after the number: a card, whatever the label before it. */
const CARD_DATA_AFTER =
  /^\D{0,12}?(?:(?<![a-z])(?:exp|expiry|expires|valid|cvv|cvc)(?![a-z])|有效期|安全码|安全碼|(?<!\d)(?:0?[1-9]|1[0-2])\s*\/\s*\d{2}(?!\d))/i;
/** The words that say a card number follows: "卡号", "银行卡号是", "card number:", "my visa". */
const CARD_LABEL =
  /(?:卡(?:号码|號碼|号|號)|(?:银行卡|銀行卡|信用卡|借记卡|借記卡|储蓄卡|儲蓄卡|扣账卡|扣賬卡|提款卡)(?:号码|號碼|号|號)?|(?<![a-z])(?:card|visa|mastercard|amex|unionpay)(?:\s*(?:number|no\.?|num|#|ending(?: in)?))?)\s*(?:(?:is|was|[:：=#]|是|为|為|係)\s*)?$/i;
/** How cards are printed: 4-4-4-4 (16, 19 digits) or 4-6-5 / 4-6-4 (Amex, Diners). */
const CARD_GROUPS = new Set(['4-4-4-4', '4-4-4-4-3', '4-6-5', '4-6-4']);
/**
 * Characters that hide inside a number without showing: soft hyphen, zero-width space, word
 * joiner, invisible operators, BOM. Removed before anything is looked at.
 */
const INVISIBLE_CHARS = '[\\u00ad\\u180e\\u200b\\u2060-\\u2064\\ufeff]';
const INVISIBLE = new RegExp(INVISIBLE_CHARS, 'g');
const INVISIBLE_BETWEEN_LETTERS = new RegExp(`(?<=\\p{L})${INVISIBLE_CHARS}+(?=\\p{L})`, 'gu');
const CN_ID = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;
const SSN = /(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)/g;
/** An SSN after its label, with or without dashes: "ssn 123456789", "social security number 123 45 6789". */
const SSN_LABELLED =
  /((?<![a-z])(?:ssn|social security(?:\s+(?:number|no\.?|#))?)(?![a-z]))(\s*(?:(?:is|was|[:：=#])\s*)?)(\d{3}[ -]?\d{2}[ -]?\d{4})(?!\d)/gi;
/** A passport number after its label: a letter and 7–8 digits, or 8–9 letters and digits. */
const PASSPORT =
  /((?<![a-z])passport(?:\s*(?:no\.?|number|num|#))?(?![a-z])|护照(?:号码?)?|護照(?:號碼?)?)(\s*(?:(?:is|was|[:：=#]|是|为|為)\s*)?|(?:\s+[a-z]+){1,2}?\s*(?:is|was|[:：=#])\s*)([A-Za-z0-9]{8,9})(?![A-Za-z0-9])/gi;
/**
 * 13–19 digits, grouped by spaces, line breaks, dots, dashes or slashes ("4111 1111 …",
 * "4111\n1111…", "4111/1111…", "4111 - 1111 …").
 */
const CARD = /(?<!\d)(?:\d[\s./\-\u200c\u200d]{0,3}){12,18}\d(?!\d)/g;

const maskTail = (s: string, keep: number) =>
  '•'.repeat(Math.max(0, s.length - keep)) + s.slice(s.length - keep);

function maskIds(text: string, found: Set<SensitiveKind>): string {
  let out = text.replace(CN_ID, (m) => {
    if (!cnIdValid(m)) return m;
    found.add('national_id');
    return maskTail(m, 4);
  });
  out = out.replace(SSN_LABELLED, (_m, label: string, sep: string) => {
    found.add('national_id');
    return `${label}${sep}•••-••-••••`;
  });
  out = out.replace(SSN, () => {
    found.add('national_id');
    return '•••-••-••••';
  });
  return out.replace(PASSPORT, (m, label: string, sep: string, value: string) => {
    if ((value.match(/\d/g)?.length ?? 0) < 5) return m;
    found.add('passport');
    return `${label}${sep}${'•'.repeat(value.length)}`;
  });
}

/** Letters typed for digits in a card number ("4lll llll llll llll", "4000 OOO2 OOOO OOO8"). */
const CARD_LETTERS = /(?<![A-Za-z\d])\d(?:[\s.-]{0,3}[\dlIoO|]){12,18}(?![A-Za-z\d])/g;
/** Chinese numerals as a card number is read out: "四一一一 一一一一 …". */
const ZH_NUMERALS = '零〇一二三四五六七八九幺两兩';
const ZH_NUMERAL_VALUE = new Map([...ZH_NUMERALS].map((ch, i) => [ch, '00123456789122'[i]!]));
const ZH_CARD = new RegExp(
  `(?<![${ZH_NUMERALS}\\d])[${ZH_NUMERALS}](?:[\\s,，、-]{0,2}[${ZH_NUMERALS}]){12,18}(?![${ZH_NUMERALS}\\d])`,
  'g',
);

/**
 * A card number written with letters for digits (l, I, | for 1; O, o for 0) or in Chinese
 * numerals, as digits when it is a card (a checksum, or a card's label before it), so the card
 * mask below reads it. Same length: a digit for each character.
 */
function cardDigits(text: string): string {
  const asCard = (mapped: string, m: string, offset: number, whole: string) =>
    cardIn(mapped, whole.slice(Math.max(0, offset - 24), offset)) ? mapped : m;
  return text
    .replace(CARD_LETTERS, (m, offset: number, whole: string) =>
      /[lIoO|]/.test(m)
        ? asCard(m.replace(/[lI|]/g, '1').replace(/[oO]/g, '0'), m, offset, whole)
        : m,
    )
    .replace(ZH_CARD, (m, offset: number, whole: string) =>
      asCard(
        m.replace(/./g, (ch) => ZH_NUMERAL_VALUE.get(ch) ?? ch),
        m,
        offset,
        whole,
      ),
    );
}

function maskCards(input: string, found: Set<SensitiveKind>): string {
  const text = cardDigits(input);
  const masked = text.replace(CARD, (m, offset: number, whole: string) => {
    const before = whole.slice(Math.max(0, offset - 24), offset);
    const card = cardIn(m, before, whole.slice(offset + m.length, offset + m.length + 32));
    if (card === undefined) return m;
    found.add('card_number');
    return `•••• •••• •••• ${card.digits.slice(-4)}${card.rest}`;
  });
  if (!found.has('card_number')) return masked;
  // "4111 1111 1111 1111 12/27 123": the expiry and the code written after the number.
  return masked.replace(CARD_TAIL, (_m, lead: string, cvvSep: string | undefined) =>
    cvvSep !== undefined ? `${lead}••/••${cvvSep}•••` : `${lead}••/••`,
  );
}

/**
 * The card in a run of digits (`m`, after `before`): all of it, or its first 13–19 digits when the
 * run goes on ("4111111111111111 12/27 123" runs into the expiry) — `rest` is what follows it.
 */
function cardIn(
  m: string,
  before: string,
  after = '',
): { digits: string; rest: string } | undefined {
  const labelled = CARD_LABEL.test(before);
  // "order no. 4539 1488 0343 6467", "bank acct 6222021234567890128 (my own ICBC)": kept.
  if (!labelled && ACCOUNT_LABEL.test(before) && !CARD_DATA_AFTER.test(after)) return undefined;
  const valid = (digits: string) =>
    // (Said to be a card, "卡号6222…": whatever the checksum, as some UnionPay cards fail it.)
    /^62\d{14,17}$/.test(digits) ||
    (digits.length >= 13 && digits.length <= 19 && CARD_PREFIX.test(digits) && luhnValid(digits));
  // The whole run, else its longest prefix of whole groups that is a card: one that passes the
  // checksum first, so "my card is 4111 1111 1111 1111 12/27 123" is the 16 digits and then the
  // expiry (said to be a card, 18 digits had been taken and "/27 123" left in clear).
  const groups = m.match(/\d+|\D+/g) ?? [];
  return (
    cardPrefix(groups, before, labelled, valid) ??
    (labelled
      ? cardPrefix(groups, before, labelled, (d) => d.length >= 12 && d.length <= 19)
      : undefined)
  );
}

function cardPrefix(
  groups: string[],
  before: string,
  labelled: boolean,
  isCard: (digits: string) => boolean,
): { digits: string; rest: string } | undefined {
  const m = groups.join('');
  for (let n = groups.length; n > 0; n--) {
    if (!/^\d/.test(groups[n - 1]!)) continue;
    const head = groups.slice(0, n).join('');
    const digits = head.replace(/\D/g, '');
    if (digits.length < 12) break;
    if (!isCard(digits)) continue;
    // "tx 4000…", "订单号 6000…": a numeric transaction or order id, unless printed like a card.
    if (!labelled && ID_LABEL.test(before)) {
      const shape = head
        .split(/\D+/)
        .filter(Boolean)
        .map((g) => g.length)
        .join('-');
      if (!CARD_GROUPS.has(shape)) return undefined;
    }
    return { digits, rest: m.slice(head.length) };
  }
  return undefined;
}

/**
 * After a masked card: an expiry (MM/YY, or MMYY when a 3–4 digit code follows: "4111 … 1111
 * 1227 123") and, after it, a 3–4 digit code.
 */
const CARD_TAIL =
  /(•••• •••• •••• \d{4}\s*[,;，]?\s*(?:(?:exp(?:iry|ires)?|valid\s+thru)\s*[:：]?\s*)?)(?:(?:0?[1-9]|1[0-2])\s*[/-]\s*(?:\d{2}|\d{4})|(?:0[1-9]|1[0-2])\d{2}(?=\s+\d{3,4}(?!\d)))(?!\d)(?:(\s*[,;，]?\s*(?:(?:cvv2?|cvc2?|csc)\s*[:：]?\s*)?)\d{3,4}(?!\d))?/gi;

// ---------------------------------------------------------------------------------------------
// CVV, one-time codes, passwords: values after a label, never the label alone
// ---------------------------------------------------------------------------------------------

const SEP = String.raw`(\s*(?:(?:is|was|are|[:=：-]|是|为|為|係)\s*)?)`;
/**
 * "cvv 123", "security code: 737", "the 3 digits on the back are 737", "安全码是四五六",
 * "背面的三位数是737", "背面嘅三個數字係 737" (係: Cantonese "is").
 */
const CVV = new RegExp(
  String.raw`\b(cvv2?|cvc2?|csc|security code|(?:(?:3|4|three|four)[- ]?digits?|digits|numbers?|code)\s+on\s+the\s+back(?:\s+of\s+(?:the|my|your)\s+card)?)(?:\s+(?:code|number|no\.?))?` +
    SEP +
    String.raw`(\d{3,4})\b|(安全码|安全碼|背面(?:的|嘅|个|個)?(?:(?:三|3|四|4)(?:位数字?|位數字?|位数?|位數?|碼|码|個數字|个数字|個數|个数)?|数字|數字|号码|號碼)|cvv码)` +
    SEP +
    String.raw`(\d{3,4}(?!\d)|[零〇一二三四五六七八九幺两兩]{3,4}(?![零〇一二三四五六七八九幺两兩]))`,
  'gi',
);
/** "code" that is an error, status, postal or promo code, not a one-time code. */
const NOT_OTP_BEFORE = String.raw`(?<!(?:error|err|status|response|reason|zip|postal|post|area|country|promo|promotion|referral|invite|invitation|coupon|discount|swift|sort|branch|bank|tracking|product|fault|exit|return|http|qr|bar|color|colour|memo|tag|reference|ref|transfer|deposit|payment|invoice|order|merchant|withdrawal|transaction|txn)[\s_-]{0,3})`;
/** Words after "code" that show the number is something else ("code of the error is 5003"). */
const NOT_OTP_WORD = String.raw`(?!(?:is|was|error|err|status|http|response|reason|order|ref|reference|tx|txn|transaction|id|amount|balance|fee|usdt|usd|number)\b)`;
/** "otp", "verification code", "sms code", "code" (not an error or order code…): a one-time code's label. */
const OTP_LABEL_EN = String.raw`(?<![a-z])(?:otp|one[- ]time (?:code|password|passcode)|verification code|2fa code|sms code|auth(?:entication)? code|${NOT_OTP_BEFORE}code)(?![a-z])`;
/** A digit in Chinese numerals, as codes are read out (幺 and 两 too). */
const ZH_DIGIT_CHARS = '零〇一二三四五六七八九幺两兩';
const ZH_DIGIT = `[${ZH_DIGIT_CHARS}]`;
const DIGIT_WORD = String.raw`(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)`;
/** A one-time code in words, after a word for one: 4 to 8 digit words, or Chinese numerals. */
const SPOKEN_CODE = new RegExp(
  String.raw`((?<![a-z])(?:otp|${NOT_OTP_BEFORE}code|passcode|pin)(?![a-z])[^.!?\n]{0,30}?)\b${DIGIT_WORD}(?:[\s,-]+${DIGIT_WORD}){3,7}\b` +
    String.raw`|((?:验证码|驗證碼|认证码|認證碼|动态码|動態碼|短信码|短信碼|簡訊碼|安全码|安全碼|otp)[^。！？\n\d]{0,6}?)${ZH_DIGIT}(?:[\s,，、]?${ZH_DIGIT}){3,7}(?![零〇一二三四五六七八九十百千万萬])`,
  'gi',
);
/** A code's digits: 4 to 8 of them, or 6 read out in halves, pairs or one by one ("482 913", "55 12 90", "4 8 2 9 1 3"). */
const CODE_DIGITS = String.raw`(\d{3}[ -]\d{3}(?!\d|[ -]\d)|\d{2}[ -]\d{2}[ -]\d{2}(?![ -]?\d)|\d(?:[ -]\d){3,7}(?![ -]?\d)|\d{4,8})`;
/**
 * "otp 123456", "OTP123456", "otp:123456", "verification code 482913", "the 6 digit code I got is
 * 482913", "code I received: 4829", "验证码482913", "收到的验证码是 482913", "OTP係 739201" (係:
 * Cantonese "is"), "驗證碼俾我 739201", "验证器上显示的是 482 913" (a code read out in two halves).
 */
const OTP = new RegExp(
  String.raw`(${OTP_LABEL_EN})` +
    String.raw`((?:[\s,]+${NOT_OTP_WORD}[a-z']+){0,4}?\s*(?:is|was|[:=：-]|是|为|為|係)\s*|\s*)${CODE_DIGITS}(?!\d)` +
    String.raw`|(验证码|驗證碼|认证码|認證碼|动态码|動態碼|短信码|短信碼|简讯码|簡訊碼|校验码|校驗碼|验证器|驗證器)((?:(?:(?![错錯码碼号號])[\u4e00-\u9fff]){0,6}?(?:是|为|為|係|[:：])?)?\s*)${CODE_DIGITS}(?!\d)(?![年月日号號点點])`,
  'gi',
);
/**
 * The first half of a code, its label before it, at the end of a message ("the code was 482",
 * "驗證碼係 四八二"): the rest comes in the next message (CODE_REST).
 */
const CODE_HALF = new RegExp(
  String.raw`(${OTP_LABEL_EN}(?:[\s,]+${NOT_OTP_WORD}[a-z']+){0,4}?\s*(?:is|was|[:=：-]|是|为|為|係)?\s*|(?:验证码|驗證碼|认证码|認證碼|动态码|動態碼|短信码|短信碼|简讯码|簡訊碼)[^\d。！？\n${ZH_DIGIT_CHARS}]{0,6}?\s*)(\d{2,3}|${DIGIT_WORD}(?:[\s,-]+${DIGIT_WORD}){1,2}|${ZH_DIGIT}{2,3})[\s.。!！]*$`,
  'i',
);
/** The rest of a code whose first half ended the message before: 2 to 4 digits and nothing else. */
const CODE_REST = new RegExp(
  String.raw`^\s*(?:\d{2,4}|${DIGIT_WORD}(?:[\s,-]+${DIGIT_WORD}){1,3}|${ZH_DIGIT}{2,4})[\s.。!！]*$`,
  'i',
);

/** The code before its label: "482 913 is the code they sent me", "739201 was the otp". */
const CODE_FIRST = new RegExp(
  String.raw`(?<![\d.,$€¥£#])${CODE_DIGITS}(?![\d.,])(\s+(?:is|was|=)\s+(?:the|my|your|their|his|her)?\s*(?:[a-z]+\s+){0,2}?(?:otp|one[- ]time (?:code|password)|(?:verification |sms |2fa |auth(?:entication)? |login |security )?code))(?![a-z])`,
  'gi',
);
/**
 * A password after a login's name and a slash or bar: "my login is alex / Hunter2!", "username:
 * alex | S3cret!" (with an e-mail, EMAIL_PASSWORD). A letter and a digit or sign in it.
 */
const LOGIN_PASSWORD =
  /((?<![a-z])(?:login|log-in|username|user\s*name|user|acct|account|帐号|账号|帳號|賬號|用户名|用戶名)(?![a-z])(?:\s+(?:is|was)\s+|\s*[:：=是係]\s*|\s+)[\w.+-]{2,}\s*[/|]\s*)(?=[^\s@]*[a-z])(?=[^\s@]*[\d!#$%^&*?])([^\s@/|]{4,})/gi;
/**
 * A passphrase after "password:" or "password =": plain words to the end of the sentence
 * ("password = correct horse battery staple"), none a function word ("password: hunter please
 * reset it" is a one-word password and a request).
 */
const PASSPHRASE =
  /((?<![a-z])(?:password|passwd|pwd|passphrase|pass|pw)\s*[:=：]\s*)([a-z]+(?:[ \t]+[a-z]+){1,5})(?=\s*(?:$|[.,;!?，。！？\n]))/gi;
/** A password after a login written as "email / password" ("alex@example.com / S3cretPass!"). */
const EMAIL_PASSWORD =
  /([\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*(?:\/|\||:|,)\s*)(?=[^\s@]*[a-z])(?=[^\s@]*[\d!#$%^&*?])([^\s@/]{4,})(?![^\s]*@)/gi;
/** The secret of an authenticator's setup link ("otpauth://totp/Wallet:alex?secret=JBSW…"). */
const OTPAUTH_SECRET = /(otpauth:\/\/\S*?[?&]secret=)([a-z2-7]+)/gi;

/**
 * "password is X", "password: X", "the password I use is X", "pwd=X", "pin: 1234"; a bare
 * "password X" only when X looks like one (has a digit or symbol). The separator decides how sure
 * we are: after ":" or "=" a value is a value ("password: correct horse battery"), after "is" it
 * may describe the password ("password is correct").
 */
const PASSWORD_EN = String.raw`(?<![a-z])(password|passwd|pwd|pass ?code|passphrase|pass|pw|pin(?: ?code)?)(?![a-z])((?:\s+[a-z']+){0,3}?\s*(?:is|was|[:=：]|是|为|為)\s*|\s+(?=\S*[\d!@#$%^&*]))([^\s\u3000-\u303f\u3400-\u9fff\uff00-\uffef]{2,})`;
/**
 * "密码是abc12345", "密碼：Qwerty!23", "支付密码 852963", "密码改成了abc123": a value is Latin
 * letters, digits or symbols; Chinese words after 密码 ("密码输错太多次") describe it.
 */
const PASSWORD_ZH = String.raw`(支付密[码碼]|登[录錄]密[码碼]|交易密[码碼]|[资資]金密[码碼]|密[码碼]|口令|pin[码碼])((?:[\u4e00-\u9fff]{0,4}?(?:是|为|為|係|改成了?|改为|改為|设为|設為|设成|設成|[:：=]))\s*|\s*)([!-~]+)`;
const PASSWORD = new RegExp(PASSWORD_EN + '|' + PASSWORD_ZH, 'gi');
/** Values after "password is" that describe a problem rather than being one. */
const NOT_A_SECRET =
  /^(reset|not|no|wrong|incorrect|forgot|forgotten|expired|invalid|changed|changing|required|needed|correct|right|working|blocked|locked|too|very|still|ok|okay|fine|doesn'?t|didn'?t|isn'?t|wasn'?t|won'?t|can'?t|cannot|again|field|page|link|recovery|manager|error|the|a|an|my|your|same|different|new|old|weak|strong|short|long|case|greyed|grayed|disabled|empty|blank|hidden|accepted|rejected|valid|saved|stored|set|gone|lost|stolen|compromised|leaked|hacked|being|now|also|always|never|probably|definitely|just|only|what|which|in|on|of|to|for|and|or|but|so|because|that|this|it|showing|shown|asked|asking|requested|sent|updated|mismatch|unknown)\W*$/i;
/** After "password:" nearly anything is the password; these few are a status instead. */
const NOT_A_SECRET_AFTER_COLON =
  /^(reset|wrong|incorrect|invalid|expired|required|forgot|forgotten|locked|blocked|none|n\/a|unknown|\?+)\W*$/i;
/** Words between "password" and "is" that make the sentence about something else. */
const NOT_A_PASSWORD_FILLER =
  /\b(field|box|page|link|reset|input|screen|option|button|form|prompt|requirements?|rules?|policy|length|change|manager|recovery|hint|strength|settings?|error|message|email|sms|expiry|expiration)\b/i;

/** A message about a one-time code: a bare 6-digit number in it is that code. */
const OTP_CONTEXT =
  /(?<![a-z])(?:otp|2fa|sms(?: code)?|text message|verification code|auth(?:enticator)? code|authenticator|one[- ]time)(?![a-z])|验证码|驗證碼|认证码|認證碼|动态码|動態碼|短信|簡訊|简讯|验证器|驗證器|谷歌验证|谷歌驗證/i;
/**
 * "…send my 2fa code, sent him 482913": six digits standing alone, not an amount, a year or a
 * date, nor a number labelled as something else (error, order, id…) just before it.
 */
const BARE_CODE =
  /(?<![\d.,$€¥£#])(?<!(?:(?<![a-z])(?:error|err|status|order|ref|reference|tx|txn|id|no|number|code of|http|ticket|case|paid|pay|amount|total|balance|price|fee)|订单号?|訂單號?|单号|單號|交易号|交易號|流水号|流水號|编号|編號|错误码|錯誤碼)\W{0,3})(?<![a-z])\d{6}(?![\d.,]|\s*(?:usdt|usd|eur|gbp|hkd|twd|cny|rmb|btc|eth|trx|u\b|元|块|塊|年|月|日|号|號)|[a-z])/gi;

/**
 * Words that introduce 2FA backup codes or an authenticator's secret key ("my backup codes are
 * 8821-4410 and 7730-1298", "2fa secret JBSWY3DPEHPK3PXP", "备用码 12345678"): whoever has them
 * gets past the second factor for good, like the password itself.
 */
const TWOFA_CONTEXT =
  /(?<![a-z])(?:backup|recovery|emergency|2fa|mfa)\s+codes?(?![a-z])|(?<![a-z])(?:2fa|mfa|totp|authenticator|setup|secret|(?:google\s+)?auth)\s+(?:secret|key|seed)(?![a-z])|备用码|備用碼|恢复码|恢復碼|备份码|備份碼|验证器密钥|驗證器密鑰|谷歌(?:验证器?|驗證器?)?(?:密钥|密鑰|秘钥|秘鑰)|(?:2fa|双重验证|雙重驗證)\s*(?:密钥|密鑰)/i;
/** Backup codes as services print them: 8821-4410, 8821 4410, 88214410, a1b2-c3d4. */
const BACKUP_CODE =
  /(?<![\w-])(?:\d{4}[- ]\d{4}|\d{8}|[a-z0-9]{4}-[a-z0-9]{4}(?:-[a-z0-9]{4})?)(?![\w-])/gi;
/**
 * An authenticator's secret key: Base32, 16 or more of A–Z and 2–7 (in groups of 4, or not), in
 * capitals or in small letters as Google Authenticator shows it ("jbsw y3dp ehpk 3pxp"); a digit
 * among them (checked where it is masked).
 */
const TOTP_SECRET =
  /(?<![A-Za-z0-9])(?:[A-Z2-7]{4}(?: ?[A-Z2-7]{4}){3,15}|[a-z2-7]{4}(?: ?[a-z2-7]{4}){3,15})(?![A-Za-z0-9])/g;
/** A card's expiry after its label: "exp 09/27", "valid thru 09/2027", "expiry 0927", "有效期 09/27". */
const CARD_EXPIRY =
  /((?<![a-z])(?:exp(?:iry|ires|iration)?(?:\s*date)?|valid\s+(?:thru|through|until))(?![a-z])\s*[:：]?\s*|有效期(?:至|到)?\s*[:：]?\s*)(?:(?:0?[1-9]|1[0-2])\s*[/-]\s*(?:\d{2}|\d{4})|(?:0[1-9]|1[0-2])\d{2})(?!\d)/gi;

function maskTwoFactor(text: string, found: Set<SensitiveKind>): string {
  const linked = text.replace(OTPAUTH_SECRET, (_m, head: string) => {
    found.add('twofa_secret');
    return `${head}••••••••`;
  });
  if (!TWOFA_CONTEXT.test(linked)) return linked;
  return linked
    .replace(TOTP_SECRET, (m) => {
      if (!/[2-7]/.test(m)) return m;
      found.add('twofa_secret');
      return '••••••••';
    })
    .replace(BACKUP_CODE, () => {
      found.add('twofa_secret');
      return '••••-••••';
    });
}

function maskCredentials(text: string, found: Set<SensitiveKind>): string {
  let out = maskTwoFactor(text, found).replace(CARD_EXPIRY, (_m, label: string) => `${label}••/••`);
  out = out.replace(CVV, (_m, k1, s1, _d1, k2, s2) => {
    found.add('cvv');
    return `${k1 ?? k2}${s1 ?? s2}•••`;
  });
  out = out.replace(OTP, (_m, k1, s1, _d1, k2, s2) => {
    found.add('otp');
    return `${k1 ?? k2}${s1 ?? s2}••••••`;
  });
  out = out.replace(CODE_FIRST, (_m, _digits, label: string) => {
    found.add('otp');
    return `••••••${label}`;
  });
  out = out.replace(EMAIL_PASSWORD, (_m, login: string) => {
    found.add('password');
    return `${login}••••••`;
  });
  out = out.replace(LOGIN_PASSWORD, (_m, login: string) => {
    found.add('password');
    return `${login}••••••`;
  });
  out = out.replace(PASSPHRASE, (m, label: string, words: string) => {
    const list = words.toLowerCase().split(/[ \t]+/);
    if (NOT_A_SECRET_AFTER_COLON.test(list[0]!) || list.some((w) => FUNCTION_WORDS.has(w)))
      return m;
    found.add('password');
    return `${label}••••••`;
  });
  if (OTP_CONTEXT.test(out))
    out = out.replace(BARE_CODE, () => {
      found.add('otp');
      return '••••••';
    });
  // A code said in words ("the code I got was four eight two nine one three", "驗證碼：四八二九一三").
  out = out.replace(SPOKEN_CODE, (_m, en: string | undefined, zh: string | undefined) => {
    found.add('otp');
    return `${en ?? zh ?? ''}••••••`;
  });
  return out.replace(
    PASSWORD,
    (
      m: string,
      k1: string | undefined,
      s1: string | undefined,
      v1: string | undefined,
      k2: string | undefined,
      s2: string | undefined,
      v2: string | undefined,
    ) => {
      const label = (k1 ?? k2)!;
      const sep = (s1 ?? s2)!;
      const value = (v1 ?? v2)!;
      const colon = /[:=：]/.test(sep);
      const stated = /\S/.test(sep); // "is", "是", "改成"…
      if (k1 !== undefined) {
        if (NOT_A_PASSWORD_FILLER.test(sep)) return m;
        if (colon ? NOT_A_SECRET_AFTER_COLON.test(value) : NOT_A_SECRET.test(value)) return m;
        if (!stated && value.length < 4) return m; // "password 10 times"
      } else {
        if (NOT_A_SECRET.test(value)) return m;
        if (!stated && (value.length < 4 || !/[\d!-/:-@[-`{-~]/.test(value))) return m;
      }
      found.add('password');
      return `${label}${sep}••••••`;
    },
  );
}

// ---------------------------------------------------------------------------------------------

type Masker = (text: string, found: Set<SensitiveKind>, expectPhrase?: boolean) => string;

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
/** Chinese characters in groups, with spaces or commas between them: "生郭财捕", "生 郭 财". */
const ZH_RUN = /^(?:\p{Script=Han}+[ \t,，、]*)+/u;
/** A sentence particle ending a short message: chat ("在吗", "好吧"), not a part of a phrase. */
const ZH_PARTICLE_END = /[吗嗎么麼吧呢啊呀哦喔嘛啦咩喎了]$/;

/**
 * Chinese list characters at the start of `text` ("生郭财捕", "生 郭 财 捕 请帮我"): the groups
 * of the list holding the most, up to a group that is not all its characters, holds an everyday
 * word or a character twice. `end`: where the last group ends.
 */
function zhListGroups(text: string): { end: number; chars: string; separated: boolean } {
  const region = ZH_RUN.exec(text)?.[0] ?? '';
  let best = { end: 0, chars: '', separated: true };
  for (const list of WORD_LISTS.slice(1)) {
    let end = 0;
    let chars = '';
    let separated = true;
    for (const m of region.matchAll(/\p{Script=Han}+/gu)) {
      const group = m[0];
      if (
        ![...group].every((ch) => list.has(ch)) ||
        proseWords(group) > 0 ||
        new Set(group).size !== group.length
      )
        break;
      chars += group;
      separated &&= group.length === 1;
      end = m.index + group.length;
    }
    if (chars.length > best.chars.length) best = { end, chars, separated };
  }
  return best;
}

/**
 * Chinese words as ICU's dictionary cuts them ("我要|退款", "生|郭|财|捕"), or undefined when this
 * runtime's ICU lacks the Chinese dictionary (a small-icu build cuts every character). Made on
 * first use: loading the dictionary is not a cost of every start.
 */
let zhSegmenter: Intl.Segmenter | null | undefined;
function zhWords(): Intl.Segmenter | null {
  if (zhSegmenter === undefined) {
    const s = new Intl.Segmenter('zh', { granularity: 'word' });
    zhSegmenter = [...s.segment('我们')].length === 1 ? s : null;
  }
  return zhSegmenter;
}

/** How many words of two characters or more the dictionary finds in Chinese characters. */
function dictionaryWords(segmenter: Intl.Segmenter, chars: string): number {
  let n = 0;
  for (const s of segmenter.segment(chars)) if (s.isWordLike && s.segment.length > 1) n++;
  return n;
}

/**
 * Whether Chinese list characters are a part of a phrase, said to be one or expected: two or
 * more written apart ("生 郭"), or three or more together ("生郭财捕"). A phrase's characters are
 * drawn at random: its part holds no word ("我要|退款", "卡被|锁了": ICU's dictionary, which
 * finds none in 96 random parts of four in 100, and our everyday words), nor a character twice
 * ("谢谢"). Without the dictionary, characters together are drawn mostly from the commonest as
 * a sentence is ("写在纸上的"), and are not taken.
 */
function zhPhrasePart(chars: string, separated: boolean): boolean {
  if (chars.length < (separated ? 2 : 3)) return false;
  if (proseWords(chars) > 0 || new Set(chars).size !== chars.length) return false;
  const segmenter = zhWords();
  if (segmenter) return dictionaryWords(segmenter, chars) === 0;
  return separated || [...chars].filter((ch) => COMMONEST.has(ch)).length * 2 <= chars.length;
}

/**
 * "夏圣界剥" after a part was masked or a phrase announced: a message of Chinese list characters
 * written together and nothing else is the phrase's next part (characters written apart are
 * list words, listWordsOnly). Not a question, nor chat ending with a particle ("在吗", "好吧").
 */
function zhPartAlone(text: string): boolean {
  const body = text.trim().replace(/[。.!！]+$/u, '');
  if (!body || body.length > MAX_ZH_RUN || ZH_PARTICLE_END.test(body)) return false;
  const { end, chars, separated } = zhListGroups(body);
  return end === body.length && !separated && zhPhrasePart(chars, false);
}

function maskAnnouncedWords(text: string, found: Set<SensitiveKind>): string {
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

/** Secret values whoever writes them. Keys first: a hex key may contain a card-like digit run. */
const VALUES: readonly Masker[] = [
  maskPrivateKeys,
  maskRecoveryPhrases,
  maskAnnouncedWords,
  maskIds,
  maskCards,
];

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
  // "913" right after "the code was 482": the rest of the code.
  if (codeBefore && CODE_REST.test(input)) return { text: '•••', found: ['otp'] };
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
    ...(prints.length ? { prints: [...new Set(prints)] } : {}),
    ...(part === 'run' && !masked.found.length ? { listOnly: true as const } : {}),
  };
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

/**
 * A key the user pasted earlier in the case, pasted again without a word about it (a bare
 * 64-hex string at the transaction id question): masked like the first time.
 */
function maskKnown(prints: readonly string[]): Masker {
  return (text, found) =>
    text.replace(KEY_CANDIDATE, (m) => {
      if (!prints.includes(secretPrint(m))) return m;
      found.add('private_key');
      return PRIVATE_KEY_MARK;
    });
}

/** A one-way fingerprint of a secret value (never the value): 16 hex digits of its SHA-256. */
export function secretPrint(value: string): string {
  return sha256(Buffer.from(value.toLowerCase().replace(/^0x/, '')))
    .toString('hex')
    .slice(0, 16);
}

/**
 * Masks text agents write: only secret values (card numbers, recovery phrases, private keys,
 * national ids, passports). Instructions such as "请立即修改密码并开启双重验证" or "enter the code we
 * sent" are never touched.
 */
export function maskAgentText(input: string): MaskResult {
  return run(input, VALUES);
}

// ---------------------------------------------------------------------------------------------
// An agent asking a user for a secret
// ---------------------------------------------------------------------------------------------

const SECRET_WORDS_EN = String.raw`(?:recovery|seed|secret|backup|mnemonic)\s*(?:phrase|words?)|secret\s+recovery\s+(?:phrase|words)|(?:2fa\s+)?backup\s+codes?|(?:login|account|wallet)\s+passwords?|seed|mnemonic|private\s*keys?|(?:login\s+)?credentials|login\s+(?:details|info)|(?:sms|verification|2fa|one[- ]time|otp|security|login|6[- ]digit|six[- ]digit|authenticator)\s*codes?|otp|passwords?|pin(?:\s*code)?|cvv|(?:\d{1,2}|twelve|twenty[- ]four)[- ]?words?(?:\s*phrase)?|(?:google\s*)?authenticator|code\s+(?:you\s+)?(?:got|received|just\s+got)|words\s+(?:from|on)\s+(?:your\s+)?(?:backup|recovery|seed)(?:\s+(?:card|sheet|paper))?`;
/** A secret word naming something else: "the password reset page", "password change screen". */
const NOT_ABOUT = String.raw`(?!\s+(?:reset|page|screen|link|email|change|field|rules?|requirements?|strength)\b)`;
/** "send me the 6 digit code", "reply with your recovery phrase", "tell us your password". */
const ASKS_EN = new RegExp(
  String.raw`\b(?:send|give|tell|share|provide|forward|read(?:\s*out)?|dm|text|type|paste|post)\b(?:\s+(?:me|us))?[^.?!\n]{0,40}?\b(?:${SECRET_WORDS_EN})\b${NOT_ABOUT}[^.?!\n]{0,30}?\b(?:to\s+(?:me|us)|to\s+(?:this|the)\s+chat|here|in\s+(?:this|the)\s+chat|so\s+(?:i|we)\s+can)\b|\b(?:send|give|tell|share|provide|forward|dm|text|read)\s+(?:me|us)\b(?!\s+(?:whether|if|when|how|what\s+happens))[^.?!\n]{0,40}?\b(?:${SECRET_WORDS_EN})\b${NOT_ABOUT}|\breply\s+(?:here\s+)?with\b[^.?!\n]{0,30}?\b(?:${SECRET_WORDS_EN})\b|\bwhat(?:'s|\s+(?:is|are|was))\s+(?:your|the)\s+(?:${SECRET_WORDS_EN})\b${NOT_ABOUT}|\b(?:type(?:\s*out)?|enter|paste|confirm|read\s+me)\b[^.?!\n]{0,40}?\b(?:${SECRET_WORDS_EN})\b[^.?!\n]{0,40}?\b(?:here|with\s+me|in\s+(?:this|the)\s+(?:chat|reply)|reply\s+box|to\s+(?:me|us))\b|\b(?:type(?:\s*out)?|paste|read\s+(?:me|out))\b[^.?!\n]{0,20}?\b(?:\d{1,2}|twelve|twenty[- ]four)\s*(?:secret\s+)?words\b|\bi(?:'ll|\s+will)?\s+need\s+(?:you\s+to\s+\w+\s+)?(?:your|the)\b[^.?!\n]{0,20}?\b(?:${SECRET_WORDS_EN})\b${NOT_ABOUT}` +
    // "kindly share your private key", "could you provide the private key of the wallet", "send
    // the seed words", "type your secret recovery phrase below", "confirm your login details".
    String.raw`|\b(?:send|give|share|provide|forward|type|paste|post|submit|upload|confirm|write)\b(?:\s+(?:me|us))?\s+(?:your|the|ur|all)\s+(?:(?:wallet'?s?|full|complete|exact|whole|secret|12|24|twelve|twenty[- ]four)\s+)*(?:${SECRET_WORDS_EN})\b${NOT_ABOUT}` +
    // "what are the first 4 words of your phrase?"
    String.raw`|\bwhat\s+(?:are|is|were|was)\s+the\s+(?:first|last|next|other|remaining)\s+(?:\d{1,2}\s+|one\s+|two\s+|three\s+|four\s+|five\s+|six\s+)?words?\b` +
    // A third security review's: "we need your secret recovery words", "export the key … and
    // paste it here", "the 3 digit code on the back", "also your CVV", "read me the digits from
    // the SMS", "the 6-digit number the authenticator app shows", "confirm the code we just sent".
    String.raw`|\bwe\s+(?:will\s+)?need\s+(?:you\s+to\s+\w+\s+)?(?:your|the)\b[^.?!\n]{0,20}?\b(?:${SECRET_WORDS_EN})\b${NOT_ABOUT}` +
    String.raw`|\bexport\b[^.?!\n]{0,40}\b(?:keys?|phrase|seed)\b[^.?!\n]{0,40}\b(?:paste|send|share|give)\b` +
    String.raw`|\b(?:code|digits|numbers?|code)\s+on\s+the\s+back\b|\b(?:also|and|plus)\s+your\s+(?:cvv2?|cvc2?|security\s+code|pin|password|private\s+key|seed(?:\s+phrase)?)\b` +
    String.raw`|\bread\s+(?:me|us)\b[^.?!\n]{0,30}\b(?:digits|numbers|code)\b|\b(?:number|code|digits)\b[^.?!\n]{0,30}\b(?:authenticator|google\s+auth\w*|2fa)\b[^.?!\n]{0,15}\bshows?\b` +
    String.raw`|\bconfirm\s+(?:the|your)\s+(?:\w+\s+)?code\s+(?:we|i)\s+(?:just\s+)?sent\b`,
  'i',
);
const SECRET_WORDS_ZH =
  '背面三码|背面三碼|卡背|助记词|助記詞|注记词|註記詞|助記字|种子词|種子詞|恢复短语|恢復短語|私钥|私鑰|验证码|驗證碼|密码|密碼|安全码|安全碼|种子|種子|六位数字|六位數字|谷歌验证器|谷歌驗證器|验证器|驗證器|单词|單字|单字|seed phrase';
/**
 * "请把您的助记词和短信验证码发给我", "請提供您的私鑰以便核實", "验证码告诉我一下", "請在這裡輸入驗證碼".
 * To enter (输入) a code is a request only into this chat: "請問您有輸入簡訊驗證碼嗎？" asks what
 * the user did in the app (it had been held and the seniors paged), "请在 App 里输入验证码" is help.
 */
const ASKS_ZH = new RegExp(
  `(?:需要|要)(?:你|您)(?:的|個|个|嘅)?(?:${SECRET_WORDS_ZH})|(?:发给我(?!们)|發給我(?!們)|发我|發我|告诉我|告訴我|给我(?!们)|給我(?!們)|提供|报给我|報給我|念给我|念給我|发过来|發過來|发一下|發一下|回复|回覆|发送|傳送|传给我|傳給我)[^。！？\\n]{0,14}(?:${SECRET_WORDS_ZH})(?!时|時)|(?:在这里|在這裡|这里|這裡|此处|此處|对话框|對話框|聊天框|下面|下方|回复框|回覆框)[^。！？\\n]{0,4}(?:输入|輸入)[^。！？\\n]{0,14}(?:${SECRET_WORDS_ZH})|(?:输入|輸入)[^。！？\\n]{0,14}(?:${SECRET_WORDS_ZH})[^。！？\\n]{0,6}(?:到这里|到這裡|在这里|在這裡|在此|到对话|到對話)|(?:${SECRET_WORDS_ZH})(?!时|時)[^。！？\\n]{0,12}(?:(?:传送|傳送|发送|發送)(?:给|給)|发给我(?!们)|發給我(?!們)|发我|發我|告诉我|告訴我|给我(?!们)|給我(?!們)|报给我|報給我|念给我|念給我|发过来|發過來|提供一下|提供给我|提供給我|报一下|報一下|念一下|传给我|傳給我|俾我|是多少|係幾多|是什么|是什麼|是啥|贴上来|貼上來|贴出来|貼出來|贴过来|貼過來|发上来|發上來|打出来|打出來)`,
);
/** "never share your code", "请勿提供验证码", "我们不会索要密码": a warning, not a request. */
const NEGATED =
  /\b(?:never|don'?t|do not|not|no one|nobody|anyone)\b|不要|勿|别|別|不会|不會|绝不|絕不|不得|不可|任何人|唔好|唔會|唔会|切勿/i;
/** Reassurance, not a warning: "don't worry, just send me your phrase", "别担心，加我微信". */
const REASSURANCE =
  /\b(?:don'?t|do not)\s+worry\b|\bno\s+worries\b|不要担心|不用担心|别担心|別擔心|不用擔心|不要擔心|唔使驚|唔使擔心/gi;

/** Words in quotes: "…", “…”, 「…」, 『…』. */
const QUOTED = /["“「『][^"“”「」『』\n]{1,200}["”」』]/g;
/** What introduces someone else's words: "scammers write", "a message like", "有人说", "叫你". */
const REPORTED = new RegExp(
  String.raw`(?:\b(?:says?|said|saying|asks?|asked|asking|writes?|wrote|writing|tells?\s+you|told\s+you|claims?|claiming|pretends?|messages?\s+(?:like|saying)|something\s+like|such\s+as|texts?\s+(?:like|saying))|说|說|讲|講|叫你|要你|问|問|写着|寫著|类似|類似|例如|声称|聲稱|假装|假裝)\s*[:：,，]?\s*$`,
  'i',
);
/** The reply says what such words are: a scam, a fake, what we never say. */
const SCAM_WARNING =
  /\b(?:scam\w*|fraud\w*|fake|phishing|impersonat\w*|never|do\s+not|don'?t)\b|骗|騙|诈|詐|假|冒充|钓鱼|釣魚|不要|切勿|勿|唔好/i;

/**
 * A warning that quotes what a scammer writes ("Scammers often write \"send us your 12 words to
 * verify\"", "如果有人说「把助记词发给我」，那就是骗子") is not a request: the quoted words, when
 * something introduces them as someone's words and the reply calls them a scam, are left out.
 * Quotes alone ("send me \"your recovery phrase\" now") are not enough.
 */
function withoutQuotedScams(text: string): string {
  if (!SCAM_WARNING.test(text)) return text;
  return text.replace(QUOTED, (quote, at: number) =>
    REPORTED.test(text.slice(Math.max(0, at - 24), at)) ? ' '.repeat(quote.length) : quote,
  );
}

/**
 * The parts of a reply that could ask or offer something: each sentence up to its first
 * negation — "never share your code with anyone" is a warning, while "send me your phrase,
 * nobody else will see it" still asks — after reassurances are taken out ("don't worry, …"
 * had made a request read as a warning). Sentences end at a point before a space (not the one
 * inside "wa.me/…").
 */
export function requestParts(text: string): string[] {
  return withoutQuotedScams(text)
    .replace(REASSURANCE, ' ')
    .split(/(?<=[.?!])(?=\s)|(?<=[。！？\n])/)
    .map((sentence) => {
      const negation = NEGATED.exec(sentence);
      return negation ? sentence.slice(0, negation.index) : sentence;
    });
}

/**
 * Whether an agent's reply asks the user for a secret that staff never ask for (a recovery
 * phrase, a key, a code, a password): such a reply is held, not sent (agent.ts). What a sentence
 * says after a negation ("never share your code with anyone") is a warning (requestParts).
 */
export function asksForSecret(text: string): boolean {
  return requestParts(text).some(
    (part) => ASKS_EN.test(part) || ASKS_ZH.test(part) || SHOWS_SECRET.test(part),
  );
}

/**
 * "export your private key, then paste it here", "send a screenshot of your backup page", "导出
 * 私钥": the secret asked for by the way to get it out of the wallet — no one helping a user
 * needs it out.
 */
const SHOWS_SECRET = new RegExp(
  String.raw`\b(?:export|reveal|show|copy|back\s*up|write\s+down\s+and\s+send)\b[^.?!\n]{0,30}?\b(?:${SECRET_WORDS_EN})\b${NOT_ABOUT}|\b(?:screenshot|photo|picture|pic)s?\b[^.?!\n]{0,30}?\b(?:backup|recovery|seed|mnemonic|private\s*key|secret)\b|(?:导出|導出|显示|顯示|截图|截圖|拍照|拍下)[^。！？\n]{0,10}(?:助记词|助記詞|私钥|私鑰|种子|種子|备份页|備份頁)`,
  'i',
);

/** Remote-access apps by name (English and Chinese): what the remote-access scam installs. */
export const REMOTE_APPS_EN = String.raw`any\s?desk|team\s?viewer|rust\s?desk|quick\s?support|screen\s?connect|ultra\s?viewer|splashtop|supremo|ammyy|remote\s?pc`;
export const REMOTE_APPS_ZH = '向日葵|todesk';

/**
 * "download AnyDesk and read me the ID", "請下載向日葵遠端軟體", "share your screen with me": a
 * remote-access app or a shared screen hands the wallet to whoever is on the other end — the
 * "support" of the remote-access scam. Staff never ask for one.
 */
const REMOTE_ACCESS = new RegExp(
  String.raw`\b(?:${REMOTE_APPS_EN}|chrome\s+remote\s+desktop|remote\s+(?:access|desktop|control|support)\s+(?:app|tool|software|program)|share\s+(?:your|the)\s+screen|screen[- ]?shar(?:e|ing))\b|${REMOTE_APPS_ZH}|远程(?:控制|协助|桌面|软件|軟件|app)|遠端(?:控制|協助|桌面|軟體)|遠程(?:控制|協助|桌面|軟件|軟體)|屏幕共享|螢幕分享|共享屏幕|分享螢幕`,
  'i',
);

/** Whether an agent's reply asks the user to install or use a remote-access app or share the screen. */
export function asksForRemoteAccess(text: string): boolean {
  return requestParts(text).some((part) => REMOTE_ACCESS.test(part));
}

/**
 * Hosts no reply should send a user to, whatever AGENT_LINK_DOMAINS says or whether it is set:
 * link shorteners hide where they lead, and form builders collect whatever they ask for.
 */
const SUSPECT_HOSTS =
  /^(?:bit\.ly|tinyurl\.com|t\.co|goo\.gl|is\.gd|cutt\.ly|rebrand\.ly|shorturl\.at|ow\.ly|forms\.gle|forms\.office\.com|(?:[\w-]+\.)?typeform\.com|(?:[\w-]+\.)?jotform\.com)$/;

/** The links of a reply to hosts no reply should send a user to (SUSPECT_HOSTS, Google Forms). */
export function suspectLinks(text: string): string[] {
  const hosts = new Set<string>();
  for (const link of links(text)) {
    const form = link.host === 'docs.google.com' && link.path.startsWith('/forms');
    if (form || SUSPECT_HOSTS.test(link.host))
      hosts.add(form ? 'docs.google.com/forms' : link.host);
  }
  return [...hosts];
}

// ---------------------------------------------------------------------------------------------
// An agent giving a user a credential
// ---------------------------------------------------------------------------------------------

/**
 * "your temporary password is Xy7!kq9P", "verification code: 482913", "PIN = 0000", "临时密码是
 * abc12345", "驗證碼：482913": a credential named, then its value — a token with a digit or a
 * sign in it, so "your password is too weak" and "the code is valid for 5 minutes" are not.
 * An error code ("error code 5003") is not a credential.
 */
const GIVES_EN = new RegExp(
  String.raw`(?<!error\s)(?<!reference\s)(?<!ref\s)\b(?:pass(?:word|code)?|pw|pin(?:\s*code)?|otp|(?:verification|sms|2fa|one[- ]time|login|security|reset|access)\s*code)\b(?:[^.?!\n]{0,25}?\b(?:to|is|was|will be)\b|\s*[:=])\s*["'“]?(?=[^\s"'”(]*[\d!@#$%^&*])[^\s"'”.,;(][^\s"'”.,;]{3,}|(?<!error\s)\b(?:the|this|your)\s+code\b[^.?!\n]{0,20}?(?:\bis\b|:)\s*\d{4,8}\b|\b(?:otp|pin|(?:one[- ]time|verification|sms|login|2fa)\s*code)\s+\d{4,8}\b`,
  'i',
);
const GIVES_ZH =
  /(?:密码|密碼|验证码|驗證碼|PIN\s*码?|PIN\s*碼|安全码|安全碼|动态码|動態碼|CVV)[^。！？\n]{0,10}?(?:是|为|為|係|:|：|=)\s*[「“"']?(?=[^\s」”"']*[\d!@#$%^&*])[A-Za-z0-9!@#$%^&*]{4,}|(?:验证码|驗證碼)\s*\d{4,8}(?!\d)/i;

/**
 * Whether an agent's reply gives the user a password, code, PIN or CVV in the chat: staff never
 * send one (a reset in the app sends its own), and one in a chat is one anyone who sees the chat
 * has. Such a reply is held like a request for a secret (agent.ts).
 */
export function givesSecret(text: string): boolean {
  return GIVES_EN.test(text) || GIVES_ZH.test(text) || GIVES_CVV.test(text);
}

/** "CVV: 123", "cvc is 4821": a card's security code, three or four digits. */
const GIVES_CVV = /\b(?:cvv2?|cvc2?)\s*(?:is|was|=|:|-)?\s*\d{3,4}\b/i;

// ---------------------------------------------------------------------------------------------
// An agent taking the user somewhere else
// ---------------------------------------------------------------------------------------------

const APPS = String.raw`whats\s?app|telegram|wechat|weixin|signal|line|viber|skype|messenger|instagram|snapchat|kakao(?:talk)?|qq`;
/**
 * "add me on WhatsApp", "DM me on Telegram @wallet_help", "my WeChat is abc123", "wa.me/…",
 * "加我微信", "私聊我", "我的电报是 …": the user invited to talk to staff somewhere else — what
 * the bot tells users staff never do, and how a fake "agent" (or a hijacked agent account) takes
 * a victim out of sight.
 */
/** "add", "dm", "contact", "write to" …: how one asks to be written to. */
const CONTACT = String.raw`(?:add|message|dm|text|contact|call|reach|ping|chat with|write to|find)`;
const OFF_PLATFORM_EN = new RegExp(
  // "contact our senior team on WhatsApp +1 555 0100": staff named for "us" (second security review).
  String.raw`\b${CONTACT}\s+(?:our|the|my)\s+(?:senior\s+|security\s+|support\s+|vip\s+)*(?:team|agent|manager|supervisor|department|desk|colleague|specialist|staff)\b[^.?!\n]{0,40}?\b(?:on|via|at|through|over)\s+(?:${APPS}|\+?\d[\d\s-]{6,})` +
    // "connect your wallet" anywhere but in the app: how a drainer takes a wallet.
    String.raw`|\b(?:connect|link|sync|validate|verify)\s+(?:your|the)\s+wallet\b(?!\s+(?:address|addresses|id|balance|history|number|app|settings))(?![^.?!\n]{0,30}\b(?:in|inside|within)\s+(?:the|our|this)\s+app\b)` +
    String.raw`|\b${CONTACT}\s+(?:me|us)\b[^.?!\n]{0,40}?\b(?:on|via|at|through|over)\s+(?:${APPS}|my\s+(?:personal\s+)?(?:phone|number|cell|mobile)|\+?\d[\d\s-]{6,})|\bmy\s+(?:personal\s+)?(?:${APPS}|phone\s+number|number|cell|mobile)(?:\s+(?:id|handle|number))?\s*(?:is|:|,)\s*(?=[\w.@+-]*[\d@_])[@+]?[\w.@+-]{3,}|\b(?:wa\.me|t\.me|telegram\.me|line\.me|weixin\.qq\.com|u\.wechat\.com)\/\S+`,
  'i',
);
const OFF_PLATFORM_ZH =
  /加(?:一下)?我\s*(?:的)?\s*(?:微信|QQ|电报|電報|telegram|whatsapp|line|飞机|飛機)|留(?:个|個|一下)?(?:电话|電話|手机|手機|号码|號碼)|打(?:给|給)(?:您|你)|我(?:个|個)(?:number|电话|電話|手机|手機|号码|號碼)(?:係|是)|(?:我的|私人)(?:微信|QQ|电报|電報|telegram|whatsapp|line|手机|手機|电话|電話)(?:号码|號碼|号|號)?\s*(?:是|：|:)|(?:私聊|私信|私訊|联系|聯繫|聯絡)我(?!们|們)|打(?:我|给我|給我)(?:的)?(?:电话|電話|手机|手機)/i;

/**
 * Whether an agent's reply invites the user to talk to staff outside this chat. Such a reply is
 * held (agent.ts). What a sentence says after a negation ("we never message you on WhatsApp")
 * is a warning (requestParts).
 */
export function takesUserOffPlatform(text: string): boolean {
  return requestParts(text).some(
    (part) =>
      APP_HANDLE.test(part) ||
      (!THIS_CHAT.test(part) && (OFF_PLATFORM_EN.test(part) || OFF_PLATFORM_ZH.test(part))),
  );
}

/**
 * An app and a handle or number on it, whoever it is for: "on WhatsApp: +1 202 555 0143", "my
 * username is @wallet_support_mike", "我们经理的微信：wx_88888", "我的飞机号是 @kefu_01" — a value
 * with a digit, "@" or "_" in it (not "my signal is bad today").
 */
const APP_HANDLE = new RegExp(
  String.raw`(?:\b(?:${APPS})\b|微信|飞机|飛機|电报|電報)\s*(?:id|号|號|帳號|账号|username|handle|number)?\s*(?:is|是|係|[:：])\s*(?:\+?\d[\d\s-]{5,}\d|(?=[\w.@+-]*[\d@_])[@+]?[\w.@+-]{3,})|\b(?:my|our)\s+(?:username|handle|id|number)\s+(?:there\s+)?(?:is|:)\s*@[\w.]{3,}|(?:搜索|搜尋|搜|\bsearch(?:\s+for)?)\s*[@＠]\w{3,}`,
  'i',
);
/** The chat the user is in ("message us here", "在这个对话里联系我"): not somewhere else. */
const THIS_CHAT =
  /\b(?:here|this chat|this bot|this conversation)\b|这个对话|這個對話|这里|這裡|呢度|呢個對話/i;

/** Links and bare domains: "https://x.example/a", "www.x.example", "wallet-help.xyz". */
const LINK =
  /\bhttps?:\/\/(?:[^\s/?#@]*@)?([^\s/?#:]+)|\b((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24})\b(?![.-]?\w)|\b(\d{1,3}(?:\.\d{1,3}){3})\b/gi;
/** Names that look like a host but are files ("statement.pdf"): not links. */
const FILE_NAME = /\.(?:pdf|png|jpe?g|gif|webp|heic|txt|csv|docx?|xlsx?|zip|mp4|mov|js|ts|json)$/i;

/** What follows a link's host: a port, then its path (query and fragment left out). */
const LINK_PATH = /^(?::\d+)?(\/[^\s?#]*)?/;

interface Link {
  host: string;
  /** "/OurWallet" (no trailing punctuation), or "". */
  path: string;
  start: number;
  end: number;
}

function links(text: string): Link[] {
  const out: Link[] = [];
  for (const m of text.matchAll(LINK)) {
    const host = (m[1] ?? m[2] ?? m[3]!).toLowerCase().replace(/\.$/, '');
    if (m[2] && FILE_NAME.test(host)) continue;
    const after = m.index + m[0].length;
    const rest = LINK_PATH.exec(text.slice(after))![0];
    const path = (/\/[^\s?#]*/.exec(rest)?.[0] ?? '').replace(/[.,;:!?)\]}'"”’」』]+$/, '');
    out.push({ host, path, start: m.index, end: after + rest.length });
  }
  return out;
}

/**
 * Whether AGENT_LINK_DOMAINS allows a link: an entry without a path allows its domain and the
 * subdomains; one with a path ("t.me/OurWallet") only that host and what is under that path,
 * so a wallet's own Telegram channel can be linked while t.me stays closed to anyone else's.
 */
function linkAllowed(link: Link, allowed: readonly string[]): boolean {
  const path = link.path.toLowerCase().replace(/\/+$/, '');
  return allowed.some((entry) => {
    const slash = entry.indexOf('/');
    if (slash < 0) return link.host === entry || link.host.endsWith(`.${entry}`);
    const prefix = entry.slice(slash);
    return (
      link.host === entry.slice(0, slash) && (path === prefix || path.startsWith(`${prefix}/`))
    );
  });
}

/**
 * The hosts an agent's reply links to that AGENT_LINK_DOMAINS does not allow (linkAllowed). A
 * link to anywhere else is how a phishing page reaches a user with the support team's
 * authority.
 */
export function outsideLinks(text: string, allowed: readonly string[]): string[] {
  const hosts = new Set<string>();
  for (const link of links(text)) if (!linkAllowed(link, allowed)) hosts.add(link.host);
  return [...hosts];
}

/** The reply with the links AGENT_LINK_DOMAINS allows blanked out (the wallet's own t.me channel is not "elsewhere"). */
export function withoutAllowedLinks(text: string, allowed: readonly string[]): string {
  let out = text;
  for (const link of links(text))
    if (linkAllowed(link, allowed))
      out = out.slice(0, link.start) + ' '.repeat(link.end - link.start) + out.slice(link.end);
  return out;
}
