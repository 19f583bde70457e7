import { describe, expect, it } from 'vitest';
import { multipartBoundary, parseMultipart } from './multipart.ts';

const enc = (s: string) => Buffer.from(s, 'utf8');

describe('multipart parser', () => {
  it("reads grammY's parts: lower-case headers, no spaces, unquoted file name", () => {
    const body = Buffer.concat([
      enc('--XyZ\r\ncontent-disposition:form-data;name="chat_id"\r\n\r\n501'),
      enc(
        '\r\n--XyZ\r\ncontent-disposition:form-data;name="abc123";filename=my shot.png\r\ncontent-type:application/octet-stream\r\n\r\n',
      ),
      Buffer.from([0x89, 0x50, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0xff]),
      enc('\r\n--XyZ--\r\n'),
    ]);
    const parts = parseMultipart(body, 'XyZ');
    expect(parts.map((p) => [p.name, p.filename])).toEqual([
      ['chat_id', undefined],
      ['abc123', 'my shot.png'],
    ]);
  });

  it('keeps binary data intact, CRLF and dashes included', () => {
    const bytes = Buffer.from([0x89, 0x50, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0xff]);
    const body = Buffer.concat([
      enc('--b\r\ncontent-disposition:form-data;name="f";filename=x.bin\r\n\r\n'),
      bytes,
      enc('\r\n--b--\r\n'),
    ]);
    expect(parseMultipart(body, 'b')[0]!.data.equals(bytes)).toBe(true);
  });

  it('reads standard quoted headers', () => {
    const body = enc(
      '--b\r\nContent-Disposition: form-data; name="doc"; filename="a;b.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF\r\n--b--\r\n',
    );
    expect(parseMultipart(body, 'b')[0]).toMatchObject({
      name: 'doc',
      filename: 'a;b.pdf',
      contentType: 'application/pdf',
    });
  });

  it('refuses a body without its closing boundary', () => {
    expect(() =>
      parseMultipart(enc('--b\r\ncontent-disposition:form-data;name="x"\r\n\r\nvalue'), 'b'),
    ).toThrow(/closing boundary/);
  });

  it('finds the boundary in the content type', () => {
    expect(multipartBoundary('multipart/form-data; boundary=----------abc')).toBe('----------abc');
  });
});
