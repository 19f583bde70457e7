import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OutboundFile } from './types.ts';

/** A file kept as evidence: named by content hash, type checked by content, never a platform link. */
export interface EvidenceFile {
  sha256: string;
  mimeType: EvidenceMime;
  size: number;
  /** The name the user gave it, if any (display only; never used as a path). */
  originalName?: string;
}

export type EvidenceMime = 'image/png' | 'image/jpeg' | 'image/webp' | 'application/pdf';
export type EvidenceRejection = 'too_large' | 'bad_type' | 'empty' | 'download_failed';

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

const EXT: Record<EvidenceMime, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

/** The type from the first bytes (magic numbers), whatever the file name or declared type say. */
export function sniffType(b: Uint8Array): EvidenceMime | undefined {
  const at = (i: number, ...bytes: number[]) => bytes.every((x, j) => b[i + j] === x);
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  if (at(0, 0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  return undefined;
}

/** Evidence files under `<dataDir>/evidence/<aa>/<sha256>.<ext>`; identical bytes are kept once. */
export class EvidenceStore {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'evidence');
  }

  private pathOf(f: Pick<EvidenceFile, 'sha256' | 'mimeType'>): string {
    return join(this.dir, f.sha256.slice(0, 2), `${f.sha256}.${EXT[f.mimeType]}`);
  }

  check(bytes: Uint8Array): EvidenceRejection | EvidenceMime {
    if (bytes.length === 0) return 'empty';
    if (bytes.length > MAX_EVIDENCE_BYTES) return 'too_large';
    return sniffType(bytes) ?? 'bad_type';
  }

  async put(
    bytes: Uint8Array,
    originalName?: string,
  ): Promise<{ ok: true; file: EvidenceFile } | { ok: false; reason: EvidenceRejection }> {
    const mime = this.check(bytes);
    if (!mime.includes('/')) return { ok: false, reason: mime as EvidenceRejection };
    const mimeType = mime as EvidenceMime;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const file: EvidenceFile = { sha256, mimeType, size: bytes.length };
    if (originalName) file.originalName = originalName.replace(/[/\\\0]/g, '_').slice(0, 200);
    const path = this.pathOf(file);
    const exists = await stat(path).then(
      () => true,
      () => false,
    );
    if (!exists) {
      await mkdir(join(this.dir, sha256.slice(0, 2)), { recursive: true });
      // Write then rename: a crash never leaves a half-written file under the final name.
      const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, path);
    }
    return { ok: true, file };
  }

  async read(file: EvidenceFile): Promise<OutboundFile> {
    const bytes = await readFile(this.pathOf(file));
    return {
      fileName: file.originalName ?? `${file.sha256.slice(0, 12)}.${EXT[file.mimeType]}`,
      mimeType: file.mimeType,
      bytes: new Uint8Array(bytes),
    };
  }
}
