/**
 * A small multipart/form-data parser for the emulator. Node 20's `Request.formData()` rejects the
 * uploads grammY streams (its part headers are written as `content-disposition:form-data;name="x";
 * filename=photo.jpg`, lower-case, no spaces, filename unquoted), so we read the bytes ourselves.
 * @see https://core.telegram.org/bots/api#sending-files
 * @see https://www.rfc-editor.org/rfc/rfc7578
 */

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export class MultipartError extends Error {
  override readonly name = 'MultipartError';
}

/** The boundary from a `multipart/form-data; boundary=…` content type, or undefined. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return undefined;
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const between = Buffer.from(`\r\n--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new MultipartError('multipart body has no opening boundary');
  pos += delimiter.length;
  for (;;) {
    if (body.subarray(pos, pos + 2).toString('latin1') === '--') return parts;
    if (body.subarray(pos, pos + 2).toString('latin1') !== '\r\n') {
      throw new MultipartError(`expected CRLF after boundary at byte ${pos}`);
    }
    pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos, 'latin1');
    if (headerEnd < 0) throw new MultipartError(`part headers not terminated at byte ${pos}`);
    const headers = parseHeaders(body.subarray(pos, headerEnd).toString('utf8'));
    const dataStart = headerEnd + 4;
    const next = body.indexOf(between, dataStart);
    if (next < 0) throw new MultipartError('multipart body has no closing boundary');
    const disposition = headers.get('content-disposition');
    if (!disposition) throw new MultipartError('part without content-disposition');
    const { name, filename } = parseDisposition(disposition);
    const part: MultipartPart = { name, data: Buffer.from(body.subarray(dataStart, next)) };
    if (filename !== undefined) part.filename = filename;
    const contentType = headers.get('content-type');
    if (contentType !== undefined) part.contentType = contentType;
    parts.push(part);
    pos = next + between.length;
  }
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** `form-data; name="x"; filename="a b.jpg"` or grammY's `form-data;name="x";filename=a b.jpg`. */
function parseDisposition(value: string): { name: string; filename?: string } {
  const name = /(?:^|;)\s*name="((?:[^"\\]|\\.)*)"|(?:^|;)\s*name=([^;]*)/i.exec(value);
  const nameValue = name?.[1] ?? name?.[2]?.trim();
  if (nameValue === undefined) throw new MultipartError(`part without a name: ${value}`);
  // An unquoted filename runs to the end of the header: grammY writes it last and does not quote it.
  const file = /;\s*filename="((?:[^"\\]|\\.)*)"|;\s*filename=(.*)$/i.exec(value);
  const filename = file?.[1]?.replace(/\\(.)/g, '$1') ?? file?.[2]?.trim();
  return filename === undefined ? { name: nameValue } : { name: nameValue, filename };
}
