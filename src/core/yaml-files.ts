import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type * as Yaml from 'yaml';

/** Reads one YAML data file (texts/, snippets/, intents/) into plain values. */
export type ReadYaml = (path: string) => unknown;

let parse: ((text: string) => unknown) | undefined;

/**
 * YAML text → values. The yaml package is loaded on first use: a start whose data files are all
 * in the cache (see cachedYamlReader) never loads it.
 */
export function parseYaml(text: string): unknown {
  parse ??= (createRequire(import.meta.url)('yaml') as typeof Yaml).parse;
  return parse(text);
}

/** Parses the file every time (tests, the terminal chat, the tools). */
export const readYaml: ReadYaml = (path) => parseYaml(readFileSync(path, 'utf8'));

/** Parsed files kept at most (older entries, of files since edited, are dropped first). */
const KEEP = 40;

/**
 * Reads YAML data files through `<cacheDir>/yaml-v1.json`: what a file parsed to, under the hash
 * of its text. A start with unchanged files reads one JSON file instead of parsing YAML, which
 * measured here 23 MB of resident memory at start (the yaml package and its parse trees) against
 * 2 MB. An edited file has another hash: it is parsed and validated like the first time. Values
 * that JSON cannot carry exactly (.inf, dates) are never cached, only parsed.
 */
export function cachedYamlReader(cacheDir: string): ReadYaml {
  const file = join(cacheDir, 'yaml-v1.json');
  let entries: Map<string, unknown> | undefined;
  return (path) => {
    const text = readFileSync(path, 'utf8');
    const key = createHash('sha256').update(text).digest('base64url');
    entries ??= load(file);
    if (entries.has(key)) return entries.get(key);
    const value = parseYaml(text);
    const json = JSON.stringify(value ?? null);
    if (isDeepStrictEqual(JSON.parse(json), value ?? null)) {
      entries.set(key, value);
      while (entries.size > KEEP) entries.delete(entries.keys().next().value!);
      save(file, entries);
    }
    return value;
  };
}

function load(file: string): Map<string, unknown> {
  try {
    return new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as object));
  } catch {
    return new Map(); // none yet, or unreadable: parsed again and written anew
  }
}

function save(file: string, entries: Map<string, unknown>): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(Object.fromEntries(entries)));
    renameSync(tmp, file);
  } catch {
    // A read-only data folder only costs the next start its parsing time.
  }
}
