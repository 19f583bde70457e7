import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedYamlReader } from '../../src/core/yaml-files.ts';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'wsb-yaml-'));
  dirs.push(d);
  return d;
};
const cacheFile = (dir: string) => join(dir, 'cache', 'yaml-v1.json');
const cached = (dir: string) =>
  JSON.parse(readFileSync(cacheFile(dir), 'utf8')) as Record<string, unknown>;

describe('YAML data files read through the cache', () => {
  it('are parsed once; a later start reads what they parsed to from the cache', () => {
    const dir = tmp();
    const file = join(dir, 'en.yaml');
    writeFileSync(file, 'say:\n  hello: "Hello {name}"\n  list: [a, b]\n');
    const first = cachedYamlReader(join(dir, 'cache'));
    expect(first(file)).toEqual({ say: { hello: 'Hello {name}', list: ['a', 'b'] } });
    // The entry is keyed by the text's hash: swap its value to see that the next start uses it.
    const [key] = Object.keys(cached(dir));
    writeFileSync(cacheFile(dir), JSON.stringify({ [key!]: { from: 'cache' } }));
    expect(cachedYamlReader(join(dir, 'cache'))(file)).toEqual({ from: 'cache' });
  });

  it('parse a file again once it was edited', () => {
    const dir = tmp();
    const file = join(dir, 'en.yaml');
    writeFileSync(file, 'a: 1\n');
    expect(cachedYamlReader(join(dir, 'cache'))(file)).toEqual({ a: 1 });
    writeFileSync(file, 'a: 2\n');
    expect(cachedYamlReader(join(dir, 'cache'))(file)).toEqual({ a: 2 });
    expect(Object.values(cached(dir))).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('never cache values JSON cannot carry, and survive an unreadable cache', () => {
    const dir = tmp();
    const file = join(dir, 'odd.yaml');
    writeFileSync(file, 'limit: .inf\n');
    expect(cachedYamlReader(join(dir, 'cache'))(file)).toEqual({ limit: Infinity });
    writeFileSync(join(dir, 'plain.yaml'), 'ok: true\n');
    mkdirSync(join(dir, 'cache'));
    writeFileSync(cacheFile(dir), '{ cut sho');
    const read = cachedYamlReader(join(dir, 'cache'));
    expect(read(file)).toEqual({ limit: Infinity });
    expect(read(join(dir, 'plain.yaml'))).toEqual({ ok: true });
    expect(Object.values(cached(dir))).toEqual([{ ok: true }]);
  });
});
