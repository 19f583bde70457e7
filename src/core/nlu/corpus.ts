import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A labelled message, as in test/nlu/dev.jsonl and intents/writers/*.jsonl. */
export interface Labelled {
  text: string;
  intent: string;
  lang?: string;
}

/** The intents/ folder of this checkout. */
export const INTENTS_DIR = resolve(fileURLToPath(new URL('../../../intents', import.meta.url)));
/** Six independent writers' messages (training data; intents/writers/README.md). */
export const WRITERS_DIR = join(INTENTS_DIR, 'writers');
/** A seventh writer's messages, never trained on by the shipped model (test/nlu/README.md). */
export const DEV_FILE = resolve(
  fileURLToPath(new URL('../../../test/nlu/dev.jsonl', import.meta.url)),
);

export function readJsonl(file: string): Labelled[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const d = JSON.parse(l) as Labelled;
      if (typeof d.text !== 'string' || typeof d.intent !== 'string')
        throw new Error(`${file}:${i + 1}: needs "text" and "intent"`);
      return d;
    });
}

/** The writers' files: `w1.en.jsonl`, `w1.zh.jsonl`, … → w1 → both languages' rows. */
export function writerFiles(dir = WRITERS_DIR): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.jsonl'))
      .sort();
  } catch {
    return [];
  }
}

export function loadWriters(dir = WRITERS_DIR): Map<string, Labelled[]> {
  const out = new Map<string, Labelled[]>();
  for (const f of writerFiles(dir)) {
    const writer = f.split('.')[0]!;
    out.set(writer, [...(out.get(writer) ?? []), ...readJsonl(join(dir, f))]);
  }
  return out;
}
