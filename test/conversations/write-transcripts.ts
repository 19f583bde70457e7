/**
 * `npm run conversations`: plays every script and writes its readable transcript to
 * test/conversations/transcripts/<id>.md, so a reviewer can read what users would see.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { CONVERSATION_CLOCK } from './clock.ts';
import { loadScripts, play } from './runner.ts';

const dir = new URL('./transcripts/', import.meta.url).pathname;
mkdirSync(dir, { recursive: true });
for (const script of loadScripts()) {
  const p = await play(script, { clock: CONVERSATION_CLOCK });
  writeFileSync(`${dir}${script.id}.md`, '```text\n' + p.transcript + '\n```\n');
  process.stdout.write(`${script.id}\n`);
}
