/**
 * A small multipart/form-data parser. discord.js's REST (undici FormData) uploads files as
 * `files[n]` parts next to a `payload_json` part; Node 20's `Request.formData()` is not used because
 * it is stricter than the clients we emulate (docs/platform-facts.md: it rejects grammY's uploads).
 * @see https://discord.com/developers/docs/reference#uploading-files
 */

export interface MultipartPart {
  name: string;
  fileName?: string;
  contentType?: string;
  data: Buffer;
}

export function boundaryOf(contentType: string | undefined): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  return m ? (m[1] ?? m[2])?.trim() : undefined;
}

export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new Error('multipart: boundary not found');
  for (;;) {
    pos += delimiter.length;
    // "--" right after a delimiter closes the body.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break;
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw new Error('multipart: unterminated part headers');
    const headers = parseHeaders(body.subarray(pos, headerEnd).toString('utf8'));
    const dataStart = headerEnd + 4;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), dataStart);
    if (next < 0) throw new Error('multipart: unterminated part');
    const disposition = headers.get('content-disposition') ?? '';
    const name = paramOf(disposition, 'name');
    if (name === undefined) throw new Error('multipart: part without a name');
    const part: MultipartPart = { name, data: Buffer.from(body.subarray(dataStart, next)) };
    const fileName = paramOf(disposition, 'filename');
    if (fileName !== undefined) part.fileName = fileName;
    const type = headers.get('content-type');
    if (type !== undefined) part.contentType = type;
    parts.push(part);
    pos = next + 2;
  }
  return parts;
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return headers;
}

function paramOf(header: string, key: string): string | undefined {
  const m = new RegExp(`(?:^|;)\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header);
  if (m) return m[1]!.replace(/\\(.)/g, '$1');
  const bare = new RegExp(`(?:^|;)\\s*${key}=([^;]*)`, 'i').exec(header);
  return bare ? bare[1]!.trim() : undefined;
}
