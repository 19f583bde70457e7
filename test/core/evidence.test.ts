import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EvidenceStore, MAX_EVIDENCE_BYTES, sniffType } from '../../src/core/evidence.ts';
import { EXE, JPEG, PNG } from '../support/fakes.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const store = () => {
  const d = mkdtempSync(join(tmpdir(), 'wsb-ev-'));
  dirs.push(d);
  return new EvidenceStore(d);
};

describe('evidence store', () => {
  it('keeps a PNG under its SHA-256 and reads it back', async () => {
    const s = store();
    const r = await s.put(PNG, 'shot.png');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readdirSync(join(s.dir, r.file.sha256.slice(0, 2)))).toEqual([`${r.file.sha256}.png`]);
    expect((await s.read(r.file)).bytes).toEqual(PNG);
  });

  it('types files by content, not by name', () => {
    expect(sniffType(JPEG)).toBe('image/jpeg');
    expect(sniffType(new TextEncoder().encode('%PDF-1.7\n'))).toBe('application/pdf');
    expect(
      sniffType(new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50])),
    ).toBe('image/webp');
    expect(sniffType(EXE)).toBeUndefined();
  });

  it('refuses an .exe named .png, an empty file and one over 10 MB', async () => {
    const s = store();
    expect(await s.put(EXE, 'photo.png')).toEqual({ ok: false, reason: 'bad_type' });
    expect(await s.put(new Uint8Array(), 'x.png')).toEqual({ ok: false, reason: 'empty' });
    const big = new Uint8Array(MAX_EVIDENCE_BYTES + 1);
    big.set(PNG);
    expect(await s.put(big)).toEqual({ ok: false, reason: 'too_large' });
  });

  it('never uses the user-given name as a path', async () => {
    const s = store();
    const r = await s.put(PNG, '../../etc/passwd.png');
    expect(r.ok && r.file.originalName).toBe('.._.._etc_passwd.png');
  });
});
