import { join } from 'node:path';
import { readYaml, type ReadYaml } from './yaml-files.ts';
import type { Lang } from './types.ts';

/**
 * How the bot writes: English, Simplified and Traditional Chinese — and, for users who write
 * Cantonese, Traditional in Hong Kong's words (`zh-HK`: zh-Hant through texts/zh-HK.terms.yaml,
 * "帳戶" → "賬戶", "網路" → "網絡"; no file of its own).
 */
export type Locale = 'en' | 'zh-Hans' | 'zh-Hant' | 'zh-HK';
/** The locales with a file in texts/ (the desk's choices too). */
export const LOCALES: readonly Locale[] = ['en', 'zh-Hans', 'zh-Hant'];
/**
 * Chinese script of a conversation: `lang` stays `en | zh` (the classify contract). `HK` is
 * Traditional written by a Cantonese speaker (script.ts): answered in Hong Kong's words.
 */
export type Script = 'Hans' | 'Hant' | 'HK';

export const localeOf = (lang: Lang, script?: Script): Locale =>
  lang === 'en' ? 'en' : script === 'HK' ? 'zh-HK' : script === 'Hant' ? 'zh-Hant' : 'zh-Hans';
export const langOf = (locale: Locale): Lang => (locale === 'en' ? 'en' : 'zh');
/** The locale with a file in texts/ that `locale` is written from (zh-HK: zh-Hant). */
export const fileLocale = (locale: Locale): Exclude<Locale, 'zh-HK'> =>
  locale === 'zh-HK' ? 'zh-Hant' : locale;
/** Written in Traditional characters (Taiwan's or Hong Kong's words). */
export const isTraditional = (locale: Locale): boolean =>
  locale === 'zh-Hant' || locale === 'zh-HK';

/**
 * STAFF_ALIAS in the user's language: "Support|客服" is "Support" in English and "客服" in Chinese
 * (an English alias alone had been shown to Chinese users mid-sentence: "转给正在处理工单的Support").
 */
export const aliasFor = (alias: string, lang: Lang): string => {
  const [en, zh] = alias.split('|').map((s) => s.trim());
  return (lang === 'zh' && zh) || en || alias;
};

/** A wording table (texts/*.terms.yaml), longest terms first. */
export type Terms = ReadonlyArray<readonly [string, string]>;

export function loadTerms(file: string, read: ReadYaml = readYaml): Terms {
  const raw = read(file) as Record<string, string>;
  return Object.entries(raw)
    .filter(([from, to]) => from !== to)
    .sort((a, b) => b[0].length - a[0].length);
}

/** The text in the table's words. */
export function applyTerms(text: string, terms: Terms): string {
  let out = text;
  for (const [from, to] of terms) out = replaceTerm(out, from, to);
  return out;
}

/**
 * Every `from` in the text replaced by `to`, except where `to` is written already: 手機號 → 手機號碼
 * leaves "手機號碼" as it is (it had become 手機號碼碼).
 */
function replaceTerm(text: string, from: string, to: string): string {
  let out = '';
  let at = 0;
  for (let i = text.indexOf(from); i >= 0; i = text.indexOf(from, i + from.length)) {
    if (text.startsWith(to, i)) continue;
    out += text.slice(at, i) + to;
    at = i + from.length;
  }
  return at === 0 ? text : out + text.slice(at);
}

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
  private constructor(
    private readonly table: Map<Locale, Map<string, string>>,
    /** texts/zh-HK.terms.yaml: Taiwan's words → Hong Kong's (the zh-HK locale is made with it). */
    readonly hkTerms: Terms,
  ) {}

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
    let hk: Terms = [];
    try {
      hk = loadTerms(join(dir, 'zh-HK.terms.yaml'), read);
    } catch (err) {
      errors.push(`${join(dir, 'zh-HK.terms.yaml')}: ${(err as Error).message}`);
    }
    if (errors.length) throw new TextFileError(`Invalid texts in ${dir}:\n${errors.join('\n')}`);
    table.set(
      'zh-HK',
      new Map([...table.get('zh-Hant')!].map(([key, text]) => [key, applyTerms(text, hk)])),
    );
    return new Texts(table, hk);
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
