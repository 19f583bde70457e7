import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

// `npm test` builds dist/ before vitest runs (`npm ci` does too, through `prepare`).
const CHAT = fileURLToPath(new URL('../dist/chat.js', import.meta.url));

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('npm run chat as a process', () => {
  it('runs with the environment npm start reads: USER_IDLE_NUDGE reminds a user who leaves an agent waiting', async () => {
    dir = mkdtempSync(join(tmpdir(), 'wsb-chat-'));
    const child = spawn(process.execPath, [CHAT], {
      env: {
        ...process.env,
        DATA_DIR: dir,
        USER_IDLE_NUDGE: '2s',
        USER_IDLE_CLOSE: '1h',
        TIMER_INTERVAL: '1s',
        LOG_LEVEL: 'warn',
      },
      cwd: dir,
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const until = (re: RegExp, ms: number) =>
      new Promise<void>((resolve, reject) => {
        const started = Date.now();
        const check = setInterval(() => {
          if (re.test(out)) {
            clearInterval(check);
            resolve();
          } else if (Date.now() - started > ms) {
            clearInterval(check);
            reject(new Error(`no ${re} in:\n${out.slice(-2000)}`));
          }
        }, 50);
      });
    try {
      await until(/Try: /, 20_000);
      for (const line of [
        'talk to a human',
        'my withdrawal TX-20261120-8F3K2Q9 is missing',
        'send it',
        '@claim',
        '@ Can you check the app and tell me what it shows?',
      ]) {
        child.stdin.write(`${line}\n`);
        await new Promise((r) => setTimeout(r, 400));
      }
      await until(/💬 Alice/, 10_000);
      await until(/our agent is waiting for your answer/, 15_000);
      const id = /Your case (T-[A-Z0-9]{7})/.exec(out)?.[1];
      expect(out).toContain(`Case ${id}: our agent is waiting for your answer`);
    } finally {
      child.stdin.end();
      child.kill();
    }
  }, 60_000);
});
