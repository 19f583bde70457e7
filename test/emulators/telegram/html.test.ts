import { describe, expect, it } from 'vitest';
import { htmlToPlain } from './html.ts';

describe('HTML parse mode', () => {
  it('shows what the reader sees: tags dropped, entities decoded', () => {
    expect(htmlToPlain('<b>T-1</b> &lt;script&gt; &amp; &quot;x&quot;')).toBe('T-1 <script> & "x"');
  });

  it('refuses an unknown tag, as Telegram does with unescaped user text', () => {
    expect(() => htmlToPlain('my <script>alert(1)</script>')).toThrow(/can't parse entities/);
  });

  it('refuses a stray "<"', () => {
    expect(() => htmlToPlain('amount < 100')).toThrow(/can't parse entities/);
  });

  it('refuses an unclosed tag', () => {
    expect(() => htmlToPlain('<b>bold')).toThrow(/Can't find end tag/);
  });

  it('accepts a link with attributes', () => {
    expect(htmlToPlain('<a href="tg://user?id=1">Mei</a>')).toBe('Mei');
  });
});
