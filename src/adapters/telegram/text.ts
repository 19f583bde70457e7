/**
 * Splitting long text for Telegram's per-message limits (4096 characters of text, 1024 of caption),
 * at a paragraph, line or word break when there is one in the last quarter of the chunk.
 * @see https://core.telegram.org/bots/api#sendmessage
 */
export function splitText(text: string, limit: number): string[] {
  const chars = [...text];
  if (chars.length <= limit) return [text];
  const parts: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = Math.min(start + limit, chars.length);
    if (end < chars.length) {
      const window = chars.slice(start, end).join('');
      const floor = Math.floor(limit * 0.75);
      const cut = Math.max(
        window.lastIndexOf('\n\n'),
        window.lastIndexOf('\n'),
        window.lastIndexOf(' '),
      );
      // lastIndexOf counts UTF-16 units; convert back to code points.
      if (cut > 0 && [...window.slice(0, cut)].length >= floor)
        end = start + [...window.slice(0, cut)].length + 1;
    }
    const part = chars.slice(start, end).join('').replace(/\s+$/, '');
    if (part.length > 0) parts.push(part);
    start = end;
  }
  return parts;
}
