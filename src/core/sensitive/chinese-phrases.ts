/**
 * Recovery phrases from the Chinese BIP-39 lists (one character a word): characters written
 * together after 助记词 and the like, a bare run of a phrase's length, a part of one said or
 * expected. The lists hold 2,048 common characters, so ordinary Chinese is made of list characters
 * too; what tells a phrase from a sentence is that a phrase's characters are drawn at random and
 * seldom form an everyday two-character word (ZH_PROSE, and ICU's word dictionary through
 * Intl.Segmenter where the runtime has it).
 */
import { wordlist as simplifiedChinese } from '@scure/bip39/wordlists/simplified-chinese.js';
import { wordlist as traditionalChinese } from '@scure/bip39/wordlists/traditional-chinese.js';
import type { Span } from './kinds.ts';
import { MIN_PHRASE_WORDS, WORD_LISTS } from './phrase-words.ts';

/**
 * A phrase word in Chinese, then maybe "是", "为", "如下" and a colon: 助记词, 助記詞, 恢复短语,
 * 种子, 種子, 密语, 备份词…
 */
const ZH_PHRASE_WORD =
  /(?:助[记記](?:[词詞字]|符)?|恢[复復](?:短[语語]|[词詞])|[种種]子(?:短[语語]|[词詞])?|密[语語]|[备備]份(?:短[语語]|[词詞])|[钱錢]包短[语語])(?:\s*(?:是|为|為|如下))?\s*[:：=]?\s*/g;
const ZH_SEPARATOR = /[ \t\n,，、]/;
export const HAN = /\p{Script=Han}/u;
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
export function proseWords(run: string, upTo = Infinity): number {
  let words = 0;
  for (let i = 0; i + 1 < run.length && words < upTo; i++)
    if (ZH_PROSE.has(run.slice(i, i + 2))) words++;
  return words;
}

/**
 * Characters looked at after a phrase word: twice the longest phrase, so a phrase followed by
 * more list characters is covered, and text made of phrase words repeated stays linear.
 */
export const MAX_ZH_RUN = 48;

/** "我的助记词是的一是在不了有和人这中大…": list characters right after a phrase word. */
export function unseparatedZhPhrases(text: string, spans: Span[]): void {
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
export function bareZhPhrases(text: string, spans: Span[]): void {
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

/** Chinese characters in groups, with spaces or commas between them: "生郭财捕", "生 郭 财". */
const ZH_RUN = /^(?:\p{Script=Han}+[ \t,，、]*)+/u;
/** A sentence particle ending a short message: chat ("在吗", "好吧"), not a part of a phrase. */
const ZH_PARTICLE_END = /[吗嗎么麼吧呢啊呀哦喔嘛啦咩喎了]$/;

/**
 * Chinese list characters at the start of `text` ("生郭财捕", "生 郭 财 捕 请帮我"): the groups
 * of the list holding the most, up to a group that is not all its characters, holds an everyday
 * word or a character twice. `end`: where the last group ends.
 */
export function zhListGroups(text: string): { end: number; chars: string; separated: boolean } {
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
 *
 * Two characters together are not enough: the dictionary finds no word in 98 random pairs of list
 * characters in 100, but none either in everyday replies and support words ("是的", "对的", "没事",
 * "快点", "扣款", "续费", "限额", "闪退", "差评"); of the 11,381 two-character sequences of the
 * Chinese messages in intents/, 69% pass every check above. Taking them would mask such a reply
 * as a phrase (and mark the case urgent) whenever a part was masked just before; letting the
 * common characters out (a quarter of the lists) still takes 扣款, 闪退, 差评 and 6% of them.
 */
export function zhPhrasePart(chars: string, separated: boolean): boolean {
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
export function zhPartAlone(text: string): boolean {
  const body = text.trim().replace(/[。.!！]+$/u, '');
  if (!body || body.length > MAX_ZH_RUN || ZH_PARTICLE_END.test(body)) return false;
  const { end, chars, separated } = zhListGroups(body);
  return end === body.length && !separated && zhPhrasePart(chars, false);
}
