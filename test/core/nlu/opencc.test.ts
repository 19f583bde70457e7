import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cnToTw, hkToCn } from '../../../src/core/nlu/opencc.ts';

const require = createRequire(import.meta.url);
interface OpenCC {
  Converter(o: { from: string; to: string }): (s: string) => string;
  Locale: { configs: Record<string, Record<string, string[] | string[][]>> };
}
const t2cn = require('opencc-js/t2cn') as OpenCC;
const cn2t = require('opencc-js/cn2t') as OpenCC;

const ROOT = new URL('../../../', import.meta.url).pathname;
/** Every line with a Chinese character in the data the bot converts, and in the tests' chats. */
function repoLines(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ya?ml|md|txt|jsonl?)$/.test(f))
        for (const l of readFileSync(p, 'utf8').split('\n'))
          if (/[\u3400-\u9fff]/.test(l)) out.push(l);
    }
  };
  for (const d of ['intents', 'texts', 'snippets', 'test/conversations']) walk(join(ROOT, d));
  return out;
}

/** Both sides of every entry of the dictionaries a config uses. */
function dictionaryWords(config: Record<string, string[] | string[][]>): string[] {
  const out: string[] = [];
  for (const part of Object.values(config))
    for (const dict of part.flat())
      for (const entry of dict.split('|')) out.push(...entry.split(' ').slice(0, 2));
  return out;
}

/** Seeded mixes of dictionary words, characters, ASCII, an astral character, IDS and a lone surrogate. */
function mixes(words: string[], n: number): string[] {
  const chars = [...new Set(words.join(''))];
  chars.push('a', ' ', '7', '，', '。', '⿰', '⿲', '\u{20000}', '\ud800');
  let seed = 7;
  const rnd = (k: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % k;
  };
  return Array.from({ length: n }, () => {
    let s = '';
    for (let j = 1 + rnd(16); j > 0; j--)
      s += rnd(3) ? chars[rnd(chars.length)] : words[rnd(words.length)];
    return s;
  });
}

describe('OpenCC tables (nlu/opencc.ts) convert as opencc-js does', () => {
  const lines = repoLines();

  it('Traditional (HK) → Simplified', () => {
    const reference = t2cn.Converter({ from: 'hk', to: 'cn' });
    const words = dictionaryWords(t2cn.Locale.configs['hk2s']!);
    const inputs = [...lines, ...words, ...mixes(words, 20_000)];
    expect(lines.length).toBeGreaterThan(1000);
    const diffs = inputs.filter((s) => hkToCn(s) !== reference(s));
    expect(diffs.slice(0, 5)).toEqual([]);
  });

  it('Simplified → Traditional (Taiwan characters)', () => {
    const reference = cn2t.Converter({ from: 'cn', to: 'tw' });
    const words = dictionaryWords(cn2t.Locale.configs['s2tw']!);
    const inputs = [...lines, ...words, ...mixes(words, 20_000)];
    const diffs = inputs.filter((s) => cnToTw(s) !== reference(s));
    expect(diffs.slice(0, 5)).toEqual([]);
  });
});

describe('Traditional replies made from Simplified data', () => {
  it('never say 髮 (hair) for 发 (send): OpenCC writes "包括发到聊天里" as "包括髮到聊天裡"', async () => {
    const { sharedTexts } = await import('../../../src/app.ts');
    const { traditional } = sharedTexts();
    expect(traditional.convert('包括发到聊天里或输入到网站上')).toBe(
      '包括發到聊天裡或輸入到網站上',
    );
    const zh = repoLines().filter((l) => /[\u4e00-\u9fff]/.test(l) && !/[髮]/.test(l));
    const hair = zh.map((l) => traditional.convert(l)).filter((l) => l.includes('髮'));
    expect(hair.filter((l) => !l.includes('髮卡'))).toEqual([]);
  });

  it('say 工作天, 假日 and 提領到銀行帳戶 as Taiwan and Hong Kong do, and one name for the History menu', async () => {
    const { sharedTexts } = await import('../../../src/app.ts');
    const { traditional } = sharedTexts();
    expect(
      traditional.convert(
        '提现到银行卡通常需要 1–3 个工作日。超过当日截止时间、周末或法定节假日提交的申请，会在下一个工作日处理。',
      ),
    ).toBe(
      '提領到銀行帳戶通常需要 1–3 個工作天。超過當日截止時間、週末或假日提交的申請，會在下一個工作天處理。',
    );
    expect(traditional.convert('请在“钱包 → 记录”中查看')).toBe('請在「錢包 → 紀錄」中查看');
  });

  it("Taiwan's words where OpenCC leaves the mainland's, and Hong Kong's for a Cantonese speaker", async () => {
    const { sharedTexts } = await import('../../../src/app.ts');
    const { traditional } = sharedTexts();
    expect(traditional.convert('请不要再回复对方')).toBe('請不要再回覆對方');
    expect(traditional.convert('请使用证件原件（不接受复印件），人脸识别')).toBe(
      '請使用證件正本（不接受影本），人臉辨識',
    );
    expect(traditional.convert('请使用证件原件（不接受复印件），人脸识别', true)).toBe(
      '請使用證件正本（不接受影印本），人臉識別',
    );
    expect(traditional.convert('账户冻结，转账未到账，网络问题', true)).toBe(
      '賬戶凍結，轉賬未到賬，網絡問題',
    );
  });

  it('a term is not lengthened twice: 手机号 and 手机号码 both become 手機號碼', async () => {
    const { sharedTexts } = await import('../../../src/app.ts');
    const { traditional } = sharedTexts();
    expect(traditional.convert('核对手机号码，或者手机号')).toBe('核對手機號碼，或者手機號碼');
    // Over every Chinese line of the repository: no term written twice.
    const doubled = repoLines()
      .filter((l) => /[\u4e00-\u9fff]/.test(l))
      .map((l) => traditional.convert(l))
      .filter((l) => /號碼碼|交易編編號|編號碼/.test(l));
    expect(doubled).toEqual([]);
  });
});
