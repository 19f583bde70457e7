import { describe, expect, it } from 'vitest';
import { splitText } from '../../../src/adapters/telegram/text.ts';

describe('splitText', () => {
  it('leaves a short text whole', () => {
    expect(splitText('hello', 10)).toEqual(['hello']);
  });

  it('keeps every part within the limit', () => {
    expect(splitText('a'.repeat(25), 10).map((p) => p.length)).toEqual([10, 10, 5]);
  });

  it('cuts at a line break near the end of a chunk', () => {
    expect(splitText('aaaaaaaa\nbbbbbbbb', 10)).toEqual(['aaaaaaaa', 'bbbbbbbb']);
  });

  it('counts characters, not UTF-16 units (Chinese and emoji)', () => {
    const parts = splitText('提现😀'.repeat(10), 9);
    expect(parts.every((p) => [...p].length <= 9)).toBe(true);
    expect(parts.join('')).toBe('提现😀'.repeat(10));
  });
});

describe('splitText with emoji', () => {
  it('keeps every part within the limit in UTF-16 units and never cuts an emoji in half', () => {
    const text = '😡'.repeat(3000);
    const parts = splitText(text, 4096);
    expect(parts.every((p) => p.length <= 4096)).toBe(true);
    expect(parts.join('')).toBe(text);
    expect(parts.every((p) => !/[\ud800-\udbff]$/.test(p))).toBe(true);
  });
});
