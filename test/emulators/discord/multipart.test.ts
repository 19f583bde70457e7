import { describe, expect, it } from 'vitest';
import { boundaryOf, parseMultipart } from './multipart.ts';

async function encode(form: FormData): Promise<{ body: Buffer; contentType: string }> {
  const req = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    body: Buffer.from(await req.arrayBuffer()),
    contentType: req.headers.get('content-type')!,
  };
}

describe('parseMultipart', () => {
  it('reads payload_json and files[n] as discord.js (undici FormData) sends them', async () => {
    const bytes = new Uint8Array([0, 13, 10, 45, 45, 255, 1]); // CR LF "--" inside binary data
    const form = new FormData();
    form.append('files[0]', new Blob([bytes], { type: 'image/png' }), 'shot.png');
    form.append(
      'payload_json',
      JSON.stringify({ content: 'hi', attachments: [{ id: 0, filename: 'shot.png' }] }),
    );
    const { body, contentType } = await encode(form);
    const parts = parseMultipart(body, boundaryOf(contentType)!);
    expect(parts.map((p) => [p.name, p.fileName, p.contentType])).toEqual([
      ['files[0]', 'shot.png', 'image/png'],
      ['payload_json', undefined, undefined],
    ]);
    expect([...parts[0]!.data]).toEqual([...bytes]);
    expect(JSON.parse(parts[1]!.data.toString())).toMatchObject({ content: 'hi' });
  });

  it('reads the boundary from a quoted content-type parameter', () => {
    expect(boundaryOf('multipart/form-data; boundary="abc def"')).toBe('abc def');
  });

  it('rejects a body without the boundary', () => {
    expect(() => parseMultipart(Buffer.from('nothing here'), 'xyz')).toThrow(/boundary not found/);
  });
});
