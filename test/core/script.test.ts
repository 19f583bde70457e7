import { describe, expect, it } from 'vitest';
import { detectScript } from '../../src/core/script.ts';

describe('detectScript: which Chinese a message is written in', () => {
  it.each([
    ['退款要幾耐先到賬？', 'HK'],
    ['身份驗證要審幾耐？', 'HK'],
    ['仲要等幾耐', 'HK'],
    ['轉咗錢俾朋友', 'HK'],
    ['退款要多久才會到帳？', 'Hant'],
    ['退款要多久才到账', 'Hans'],
    // 喂 is "hello" in both scripts (OpenCC's Traditional 餵 is "to feed").
    ['喂，我返嚟喇', 'HK'],
    ['喂，在吗', 'Hans'],
    ['hello', undefined],
    // Taiwan's words and brands in shared characters or Latin letters: Traditional.
    ['LINE Pay付款不成功', 'Hant'],
    ['街口付款不成功', 'Hant'],
    ['在超商付款不成功', 'Hant'],
    ['悠游卡加值不成功', 'Hant'],
    ['我的金融卡不能用', 'Hant'],
    // …written in Simplified, it is Simplified; 附加值 is the mainland's "added value".
    ['LINE Pay付款失败', 'Hans'],
    ['附加值', undefined],
    // Hong Kong's brands: Hong Kong's words.
    ['PayMe付款不成功', 'HK'],
    ['八達通增值失敗', 'HK'],
    // Nothing tells: the conversation keeps its script (or the default, Simplified).
    ['拜拜', undefined],
    ['付款不成功', undefined],
  ] as const)('%s → %s', (text, script) => {
    expect(detectScript(text)).toBe(script);
  });
});
