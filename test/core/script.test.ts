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
  ] as const)('%s → %s', (text, script) => {
    expect(detectScript(text)).toBe(script);
  });
});
