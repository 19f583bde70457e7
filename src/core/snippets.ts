import { join } from 'node:path';
import { readYaml, type ReadYaml } from './yaml-files.ts';
import type { Traditionalizer } from './script.ts';
import { isTraditional, type Locale } from './texts.ts';

export class SnippetFileError extends Error {
  override readonly name = 'SnippetFileError';
}

/** What a snippet may be filled with, from the case. */
export const SNIPPET_FIELDS = ['id', 'txid', 'amount', 'name'] as const;
type Fill = Partial<Record<(typeof SNIPPET_FIELDS)[number], string>>;
const PLACEHOLDER = /\{([a-zA-Z_]+)\}/g;

/**
 * Agents' canned replies, one YAML file per language (`snippets/en.yaml`, `snippets/zh.yaml`):
 * the same names in both, only known placeholders — checked at start like intents/.
 */
export class Snippets {
  private constructor(
    private readonly table: { en: Map<string, string>; zh: Map<string, string> },
    private readonly traditional: Traditionalizer,
  ) {}

  static load(dir: string, traditional: Traditionalizer, readFile: ReadYaml = readYaml): Snippets {
    const errors: string[] = [];
    const read = (lang: 'en' | 'zh') => {
      const path = join(dir, `${lang}.yaml`);
      const map = new Map<string, string>();
      try {
        const raw = (readFile(path) ?? {}) as Record<string, unknown>;
        for (const [name, text] of Object.entries(raw)) {
          if (!/^[a-z][a-z0-9_]*$/.test(name))
            errors.push(`${path}: "${name}" — names are lower_case_with_underscores`);
          if (typeof text !== 'string' || !text.trim()) {
            errors.push(`${path}: "${name}" must be a text`);
            continue;
          }
          for (const m of text.matchAll(PLACEHOLDER))
            if (!(SNIPPET_FIELDS as readonly string[]).includes(m[1]!))
              errors.push(
                `${path}: "${name}" uses {${m[1]}}; known: {${SNIPPET_FIELDS.join('}, {')}}`,
              );
          map.set(name, text);
        }
      } catch (err) {
        errors.push(`${path}: ${(err as Error).message}`);
      }
      return map;
    };
    const en = read('en');
    const zh = read('zh');
    for (const name of en.keys())
      if (!zh.has(name))
        errors.push(`${join(dir, 'zh.yaml')}: missing "${name}" (it is in en.yaml)`);
    for (const name of zh.keys())
      if (!en.has(name))
        errors.push(`${join(dir, 'en.yaml')}: missing "${name}" (it is in zh.yaml)`);
    if (errors.length)
      throw new SnippetFileError(`Invalid snippets in ${dir}:\n${errors.join('\n')}`);
    return new Snippets({ en, zh }, traditional);
  }

  names(): string[] {
    return [...this.table.en.keys()].sort();
  }

  /** The snippet in the user's language, filled from the case; undefined for an unknown name. */
  render(name: string, locale: Locale, fill: Fill): string | undefined {
    const text = (locale === 'en' ? this.table.en : this.table.zh).get(name);
    if (text === undefined) return undefined;
    const filled = text.replace(PLACEHOLDER, (m, key: string) => {
      const v = fill[key as keyof Fill];
      return v ?? (key === 'name' ? '' : m);
    });
    const tidy = filled.replace(/\s+([,，])/g, '$1').replace(/^[,，]\s*/, '');
    return isTraditional(locale) ? this.traditional.convert(tidy, locale === 'zh-HK') : tidy;
  }
}
