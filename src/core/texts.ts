import { join } from 'node:path';
import { readYaml, type ReadYaml } from './yaml-files.ts';
import type { Lang } from './types.ts';

/** The three ways the bot writes: English, Simplified and Traditional Chinese. */
export type Locale = 'en' | 'zh-Hans' | 'zh-Hant';
export const LOCALES: readonly Locale[] = ['en', 'zh-Hans', 'zh-Hant'];
/** Chinese script of a conversation: `lang` stays `en | zh` (the classify contract). */
export type Script = 'Hans' | 'Hant';

export const localeOf = (lang: Lang, script?: Script): Locale =>
  lang === 'en' ? 'en' : script === 'Hant' ? 'zh-Hant' : 'zh-Hans';
export const langOf = (locale: Locale): Lang => (locale === 'en' ? 'en' : 'zh');

export class TextFileError extends Error {
  override readonly name = 'TextFileError';
}

type Vars = Record<string, string | number>;
const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9_]*)\}/g;

function flatten(prefix: string, value: unknown, out: Map<string, string>, errors: string[]): void {
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object' && !Array.isArray(value))
    for (const [k, v] of Object.entries(value))
      flatten(prefix ? `${prefix}.${k}` : k, v, out, errors);
  else
    errors.push(`${prefix}: expected text, got ${Array.isArray(value) ? 'a list' : typeof value}`);
}

const placeholders = (text: string) => [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).sort();

/**
 * The bot's and the desk's words, one YAML file per locale (`texts/en.yaml`, `zh-Hans.yaml`,
 * `zh-Hant.yaml`). Checked at start like intents/: every file has exactly the keys of en.yaml, with
 * the same {placeholders}; any difference stops the bot with the file and key named.
 */
export class Texts {
  private constructor(private readonly table: Map<Locale, Map<string, string>>) {}

  static load(dir: string, read: ReadYaml = readYaml): Texts {
    const errors: string[] = [];
    const table = new Map<Locale, Map<string, string>>();
    for (const locale of LOCALES) {
      const path = join(dir, `${locale}.yaml`);
      const map = new Map<string, string>();
      try {
        const fileErrors: string[] = [];
        flatten('', read(path), map, fileErrors);
        errors.push(...fileErrors.map((e) => `${path}: ${e}`));
      } catch (err) {
        errors.push(`${path}: ${(err as Error).message}`);
      }
      table.set(locale, map);
    }
    const en = table.get('en')!;
    for (const locale of LOCALES) {
      if (locale === 'en') continue;
      const other = table.get(locale)!;
      const path = join(dir, `${locale}.yaml`);
      for (const [key, text] of en) {
        const t = other.get(key);
        if (t === undefined) errors.push(`${path}: missing key "${key}" (it is in en.yaml)`);
        else if (placeholders(t).join() !== placeholders(text).join())
          errors.push(
            `${path}: "${key}" has {${placeholders(t).join('}, {')}} but en.yaml has {${placeholders(text).join('}, {')}}`,
          );
      }
      for (const key of other.keys())
        if (!en.has(key)) errors.push(`${path}: key "${key}" is not in en.yaml`);
    }
    if (errors.length) throw new TextFileError(`Invalid texts in ${dir}:\n${errors.join('\n')}`);
    return new Texts(table);
  }

  /** The text for `key` with its {placeholders} filled; throws on an unknown key (a bug). */
  get(locale: Locale, key: string, vars: Vars = {}): string {
    const text = this.table.get(locale)?.get(key);
    if (text === undefined) throw new Error(`no text "${key}"`);
    return text.replace(PLACEHOLDER, (m, name: string) =>
      vars[name] !== undefined ? String(vars[name]) : m,
    );
  }

  has(key: string): boolean {
    return this.table.get('en')!.has(key);
  }
}
