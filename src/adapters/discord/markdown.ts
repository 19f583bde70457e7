/**
 * Discord renders markdown in every message and has no "plain text" switch, so text that must read
 * literally (the core's replies, a user's words on the desk) is escaped: a backslash before every
 * character that can start markup (`\ * _ ~ ` | [ ]`), before block quotes, headings, subtext and
 * list markers at the start of a line, and before `<` of mention / timestamp syntax. URLs are left
 * as they are so they stay clickable. Mentions are also disabled on every message with
 * `allowed_mentions: { parse: [] }`. (discord.js `escapeMarkdown` leaves runs such as `****` and
 * masked links half-escaped, which matters for masked ids like `TX12****AB`.)
 * @see https://support.discord.com/hc/en-us/articles/210298617-Markdown-Text-101
 */
const URL = /https?:\/\/[^\s<>]+/g;
const INLINE = /[\\*_~`|[\]]/g;
const LINE_START = /^([ \t]*)(>|#|-#|[-+](?=\s)|\d+\.(?=\s))/gm;
const ANGLE_SYNTAX = /<(?=[@#:a/]|t:|id:|sound:)/g;

export function escapeDiscord(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(URL)) {
    out += escapePlain(text.slice(last, m.index));
    out += m[0];
    last = m.index + m[0].length;
  }
  return out + escapePlain(text.slice(last));
}

function escapePlain(text: string): string {
  return text
    .replace(INLINE, '\\$&')
    .replace(
      LINE_START,
      (_m, indent: string, marker: string) =>
        `${indent}${marker.replace(/^(\d+)\./, '$1\\.').replace(/^(?=[>#+-])/, '\\')}`,
    )
    .replace(ANGLE_SYNTAX, '\\<');
}

/** No @everyone, role or user pings from anything the bot sends. */
export const NO_MENTIONS = { parse: [] as never[] };
