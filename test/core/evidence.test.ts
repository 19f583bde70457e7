import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
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

describe('evidence store: safety', () => {
  const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n');

  it('hands a real PDF named statement.cmd on as <short hash>.pdf, never under its own name', async () => {
    const s = store();
    const r = await s.put(PDF, 'statement.cmd');
    if (!r.ok) throw new Error('refused');
    const out = await s.read(r.file);
    expect(out.fileName).toBe(`${r.file.sha256.slice(0, 12)}.pdf`);
    expect(out.mimeType).toBe('application/pdf');
    const hta = await s.put(PNG, 'refund.hta');
    if (!hta.ok) throw new Error('refused');
    expect((await s.read(hta.file)).fileName).toMatch(/^[0-9a-f]{12}\.png$/);
  });

  it("names an agent's file for the user as the agent did, ending in its real type's extension", async () => {
    const s = store();
    const named = async (bytes: Uint8Array, name?: string) => {
      const r = await s.put(bytes, name);
      if (!r.ok) throw new Error('refused');
      return (await s.read(r.file, true)).fileName;
    };
    expect(await named(PDF, 'Refund confirmation.pdf')).toBe('Refund confirmation.pdf');
    expect(await named(PDF, 'statement.cmd')).toBe('statement.pdf');
    expect(await named(PDF, 'statement')).toBe('statement.pdf');
    expect(await named(JPEG, 'receipt.JPEG')).toBe('receipt.jpeg');
    expect(await named(PNG, 'refund.hta')).toBe('refund.png');
    // A right-to-left override cannot make "….exe" read as another type; dots and paths go.
    expect(await named(PDF, 'invoice\u202Efdp.exe')).toBe('invoicefdp.pdf');
    expect(await named(PDF, '../../etc/passwd')).toBe('_.._etc_passwd.pdf');
    expect(await named(PDF, '.htaccess')).toBe('htaccess.pdf');
    // No name, or nothing left of it: the short hash.
    expect(await named(PNG)).toMatch(/^[0-9a-f]{12}\.png$/);
    expect(await named(PNG, '...')).toMatch(/^[0-9a-f]{12}\.png$/);
    // Without `named` (a user's file for the agents): the short hash, as before.
    const r = await s.put(PDF, 'Refund confirmation.pdf');
    if (!r.ok) throw new Error('refused');
    expect((await s.read(r.file)).fileName).toBe(`${r.file.sha256.slice(0, 12)}.pdf`);
  });

  it('keeps whether a file was sent as a file, so it is handed on as one', async () => {
    const s = store();
    const asFile = await s.put(PNG, 'shot.png', true);
    const asPhoto = await s.put(JPEG);
    if (!asFile.ok || !asPhoto.ok) throw new Error('refused');
    expect([(await s.read(asFile.file)).asFile, (await s.read(asPhoto.file)).asFile]).toEqual([
      true,
      undefined,
    ]);
  });

  it('masks a card number in a file name (the name is shown to agents)', async () => {
    const r = await store().put(PNG, 'card 4111 1111 1111 1111.png');
    if (!r.ok) throw new Error('refused');
    expect(r.file.originalName).not.toContain('4111 1111 1111 1111');
  });

  it('keeps files 0600 in 0700 folders', async () => {
    const s = store();
    const r = await s.put(PNG, 'shot.png');
    if (!r.ok) throw new Error('refused');
    const folder = join(s.dir, r.file.sha256.slice(0, 2));
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(join(folder, `${r.file.sha256}.png`)).mode & 0o777).toBe(0o600);
  });

  it('stores the same bytes sent by two users at the same moment, both answered', async () => {
    const s = store();
    const now = Date.now;
    Date.now = () => 1_700_000_000_000; // the same millisecond for every temporary name
    try {
      const results = await Promise.all(Array.from({ length: 8 }, () => s.put(PNG, 'a.png')));
      expect(results.every((r) => r.ok)).toBe(true);
    } finally {
      Date.now = now;
    }
  });

  it('sweeps files no case references once they are old enough, and leftover temporary files', async () => {
    const s = store();
    const kept = await s.put(PNG, 'kept.png');
    const dropped = await s.put(JPEG, 'dropped.jpg');
    if (!kept.ok || !dropped.ok) throw new Error('refused');
    const later = Date.now() + 2 * 3_600_000;
    expect(await s.sweep((sha) => sha === kept.file.sha256, 3_600_000, Date.now())).toBe(0);
    expect(await s.sweep((sha) => sha === kept.file.sha256, 3_600_000, later)).toBe(1);
    expect((await s.read(kept.file)).bytes).toEqual(PNG);
    await expect(s.read(dropped.file)).rejects.toThrow();
  });
});
