/**
 * Splitting long text for Telegram's per-message limits (4096 characters of text, 1024 of caption),
 * at a paragraph, line or word break when there is one in the last quarter of the chunk.
 * @see https://core.telegram.org/bots/api#sendmessage
 */
export function splitText(text: string, limit: number): string[] {
  // Counted in UTF-16 units (what JavaScript's length and Telegram's entity offsets count), which
  // is never less than code points: an emoji-heavy text stays within the limit either way. A
  // surrogate pair is never cut in half.
  if (text.length <= limit) return [text];
  const chars = [...text];
  const parts: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = start;
    let units = 0;
    while (end < chars.length && units + chars[end]!.length <= limit) units += chars[end++]!.length;
    if (end < chars.length) {
      const window = chars.slice(start, end).join('');
      const floor = Math.floor(limit * 0.75);
      // A paragraph break first, then a line break (a list stays whole lines), then a space.
      const cut = ['\n\n', '\n', ' '].map((br) => window.lastIndexOf(br)).find((at) => at >= floor);
      if (cut !== undefined) end = start + [...window.slice(0, cut)].length + 1;
    }
    const part = chars.slice(start, end).join('').replace(/\s+$/, '');
    if (part.length > 0) parts.push(part);
    start = end;
  }
  return parts;
}
