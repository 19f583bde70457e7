/**
 * Checks `parse_mode: 'HTML'` text the way Telegram does and returns what the reader sees. Real
 * Telegram refuses a message with an unknown tag or a stray `<` ("can't parse entities"), which is
 * exactly what unescaped user text produces — so the emulator refuses it too.
 * @see https://core.telegram.org/bots/api#html-style
 */
import { errors } from './api-error.ts';

const ALLOWED = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'a',
  'code',
  'pre',
  'tg-spoiler',
  'span',
  'blockquote',
  'tg-emoji',
]);

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

export function htmlToPlain(html: string): string {
  const open: string[] = [];
  let out = '';
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === '<') {
      const end = html.indexOf('>', i);
      if (end < 0) throw parseError(`Unclosed start tag at byte offset ${i}`);
      const tag = html.slice(i + 1, end);
      const m = /^(\/?)([a-z-]+)(\s[^<>]*)?$/i.exec(tag);
      if (!m) throw parseError(`Unsupported start tag "${tag.slice(0, 20)}" at byte offset ${i}`);
      const name = m[2]!.toLowerCase();
      if (!ALLOWED.has(name))
        throw parseError(`Unsupported start tag "${name}" at byte offset ${i}`);
      if (m[1] === '/') {
        if (open.pop() !== name) {
          throw parseError(
            `Unmatched end tag at byte offset ${i}, expected "</${open.at(-1) ?? ''}>"`,
          );
        }
      } else {
        open.push(name);
      }
      i = end + 1;
    } else if (ch === '&') {
      const m = /^&(#x[0-9a-f]+|#\d+|[a-z]+);/i.exec(html.slice(i, i + 12));
      if (m) {
        const ref = m[1]!;
        if (ref.startsWith('#x') || ref.startsWith('#X'))
          out += String.fromCodePoint(parseInt(ref.slice(2), 16));
        else if (ref.startsWith('#')) out += String.fromCodePoint(parseInt(ref.slice(1), 10));
        else out += NAMED[ref.toLowerCase()] ?? m[0];
        i += m[0].length;
      } else {
        out += ch;
        i++;
      }
    } else {
      out += ch;
      i++;
    }
  }
  if (open.length > 0)
    throw parseError(`Can't find end tag corresponding to start tag "${open.at(-1)}"`);
  return out;
}

function parseError(detail: string) {
  return errors.badRequest(`can't parse entities: ${detail}`);
}
