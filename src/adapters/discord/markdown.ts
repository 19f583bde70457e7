import { escapeMarkdown } from 'discord.js';

/**
 * Discord renders markdown in every message and has no "plain text" switch, so text that must read
 * literally (the core's replies, a user's words on the desk) is escaped: inline styles, code,
 * spoilers, headings, lists, masked links (discord.js `escapeMarkdown`, which leaves URLs alone),
 * plus block quotes, subtext and `<@…>`-style mentions, which it does not cover. Mentions are also
 * disabled on every message with `allowed_mentions: { parse: [] }`.
 * @see https://support.discord.com/hc/en-us/articles/210298617-Markdown-Text-101
 */
export function escapeDiscord(text: string): string {
  const escaped = escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
  return escaped
    .replace(/^(\s*)(>)/gm, '$1\\$2')
    .replace(/^(\s*)-#/gm, '$1\\-#')
    .replace(/<(?=[@#:a]|t:)/g, '\\<');
}

/** No @everyone, role or user pings from anything the bot sends. */
export const NO_MENTIONS = { parse: [] as never[] };
