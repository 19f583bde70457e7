import { createHash, randomUUID } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { maskSensitive } from './sensitive/index.ts';
import type { OutboundFile } from './types.ts';

/** A file kept as evidence: named by content hash, type checked by content, never a platform link. */
export interface EvidenceFile {
  sha256: string;
  mimeType: EvidenceMime;
  size: number;
  /**
   * The name its sender gave it, masked and cut: never used as a path. A user's file reaches
   * agents as `<short hash>.<extension of the sniffed type>` (`evidenceName`), so `statement.cmd`
   * arrives as `….pdf`; an agent's file reaches the user under this name with the sniffed type's
   * extension (`handedOnName`: `statement.cmd` as `statement.pdf`).
   */
  originalName?: string;
  /**
   * Sent by its author as a file (a Telegram document: uncompressed), not as a photo: handed on
   * as a file too — a screenshot sent to keep every pixel readable is never recompressed.
   */
  asFile?: true;
}

export type EvidenceMime = 'image/png' | 'image/jpeg' | 'image/webp' | 'application/pdf';
export type EvidenceRejection = 'too_large' | 'bad_type' | 'empty' | 'download_failed' | 'quota';

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

/** The name a kept file is handed on under: its short hash and the extension of its sniffed type. */
export const evidenceName = (f: Pick<EvidenceFile, 'sha256' | 'mimeType'>): string =>
  `${f.sha256.slice(0, 12)}.${EXT[f.mimeType]}`;

/** Extensions a name may keep, by sniffed type: any other is replaced by the type's own. */
const OWN_EXT: Record<EvidenceMime, readonly string[]> = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
};

/**
 * The name an agent's file reaches the user under: the name the agent gave it (already masked and
 * free of path separators, see `prepare`), without control or direction characters, and always
 * ending in the extension of the sniffed type — `statement.cmd` that is a PDF arrives as
 * `statement.pdf`, `invoice\u202Efdp.exe` cannot pose as another type. No name, or nothing left of
 * it: the short hash (`evidenceName`).
 */
export function handedOnName(
  f: Pick<EvidenceFile, 'sha256' | 'mimeType' | 'originalName'>,
): string {
  const name = (f.originalName ?? '')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '');
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const typed = /^[a-z0-9]{1,8}$/.test(ext);
  const stem = (typed ? name.slice(0, dot) : name)
    .replace(/[.\s]+$/, '')
    .slice(0, 100)
    .trim();
  if (!stem) return evidenceName(f);
  const own = OWN_EXT[f.mimeType];
  return `${stem}.${typed && own.includes(ext) ? ext : own[0]}`;
}

/**
 * Evidence files under `<dataDir>/evidence/<aa>/<sha256>.<ext>`; identical bytes are kept once.
 * Folders are 0700 and files 0600: screenshots of bank statements are for the bot's user only.
 */
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

  /** Checks and names a file without writing it: the flow decides first whether it is kept. */
  prepare(
    bytes: Uint8Array,
    originalName?: string,
    asFile = false,
  ): { ok: true; file: EvidenceFile } | { ok: false; reason: EvidenceRejection } {
    const mime = this.check(bytes);
    if (!mime.includes('/')) return { ok: false, reason: mime as EvidenceRejection };
    const mimeType = mime as EvidenceMime;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const file: EvidenceFile = { sha256, mimeType, size: bytes.length };
    if (originalName)
      file.originalName = maskSensitive(originalName.replace(/[/\\\0]/g, '_')).text.slice(0, 200);
    if (asFile) file.asFile = true;
    return { ok: true, file };
  }

  /** Checks and keeps a file at once (agents' files, which go straight onto a ticket). */
  async put(
    bytes: Uint8Array,
    originalName?: string,
    asFile = false,
  ): Promise<{ ok: true; file: EvidenceFile } | { ok: false; reason: EvidenceRejection }> {
    const r = this.prepare(bytes, originalName, asFile);
    if (r.ok) await this.write(this.pathOf(r.file), bytes);
    return r;
  }

  /**
   * Holds a file a conversation kept but no ticket has yet (the case is still being collected),
   * under `pending/`: a cancelled case leaves it there, and `sweep` removes it later.
   */
  async hold(file: EvidenceFile, bytes: Uint8Array): Promise<void> {
    if (await exists(this.pathOf(file))) return;
    await this.write(this.pendingPathOf(file), bytes);
  }

  /** Moves a held file to the kept files once a ticket references it; answers whether it exists. */
  async keep(file: EvidenceFile): Promise<boolean> {
    const kept = this.pathOf(file);
    if (await exists(kept)) return true;
    await mkdir(join(this.dir, file.sha256.slice(0, 2)), { recursive: true, mode: 0o700 });
    return rename(this.pendingPathOf(file), kept).then(
      () => true,
      () => false,
    );
  }

  private pendingPathOf(f: Pick<EvidenceFile, 'sha256' | 'mimeType'>): string {
    return join(this.dir, 'pending', `${f.sha256}.${EXT[f.mimeType]}`);
  }

  private async write(path: string, bytes: Uint8Array): Promise<void> {
    if (await exists(path)) return;
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    // Write then rename: a crash never leaves a half-written file under the final name. The
    // temporary name is unique per call, so two users sending the same bytes at the same
    // millisecond each rename their own copy (identical content: the last rename wins).
    const tmp = `${path}.${randomUUID()}.tmp`;
    await writeFile(tmp, bytes, { mode: 0o600 });
    await rename(tmp, path);
  }

  /**
   * The file's bytes, named `<short hash>.<type>` — or, `named` (an agent's file for the user),
   * under the name its sender gave it (`handedOnName`).
   */
  async read(file: EvidenceFile, named = false): Promise<OutboundFile> {
    const bytes = await readFile(this.pathOf(file)).catch(() => readFile(this.pendingPathOf(file)));
    return {
      fileName: named ? handedOnName(file) : evidenceName(file),
      mimeType: file.mimeType,
      bytes: new Uint8Array(bytes),
      ...(file.asFile ? { asFile: true as const } : {}),
    };
  }

  /** Deletes one file, kept or held (retention). */
  async remove(file: Pick<EvidenceFile, 'sha256' | 'mimeType'>): Promise<void> {
    await rm(this.pathOf(file), { force: true });
    await rm(this.pendingPathOf(file), { force: true });
  }

  /** Removes held files no ticket took within `olderThanMs` (cancelled cases), and leftovers. */
  async sweepPending(olderThanMs: number, now = Date.now()): Promise<number> {
    return this.sweepDir(join(this.dir, 'pending'), () => false, olderThanMs, now);
  }

  /**
   * Deletes files older than `olderThanMs` that `isReferenced` does not claim (a case that was
   * cancelled, a flow that dropped them), and temporary files a crash left behind. Answers how
   * many were removed.
   */
  async sweep(
    isReferenced: (sha256: string) => boolean,
    olderThanMs: number,
    now = Date.now(),
  ): Promise<number> {
    let removed = 0;
    for (const shard of await readdir(this.dir).catch(() => [] as string[]))
      if (shard !== 'pending')
        removed += await this.sweepDir(join(this.dir, shard), isReferenced, olderThanMs, now);
    return removed;
  }

  private async sweepDir(
    dir: string,
    isReferenced: (sha256: string) => boolean,
    olderThanMs: number,
    now: number,
  ): Promise<number> {
    let removed = 0;
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const path = join(dir, name);
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile() || now - info.mtimeMs < olderThanMs) continue;
      if (!name.endsWith('.tmp') && isReferenced(name.slice(0, 64))) continue;
      await rm(path, { force: true });
      removed++;
    }
    return removed;
  }

  /** Tightens folders and files written by an older version (0755 / 0644) to 0700 / 0600. */
  async tighten(): Promise<void> {
    await chmod(this.dir, 0o700).catch(() => undefined);
    for (const shard of await readdir(this.dir).catch(() => [] as string[])) {
      const dir = join(this.dir, shard);
      await chmod(dir, 0o700).catch(() => undefined);
      for (const name of await readdir(dir).catch(() => [] as string[]))
        await chmod(join(dir, name), 0o600).catch(() => undefined);
    }
  }
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );
