import { PassThrough } from 'node:stream';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../../src/adapters/console/adapter.ts';
import type { PlatformAdapter } from '../../../src/core/ports.ts';
import { makeTestCore, type TestCore } from '../../support/core.ts';
import { EXE, PNG } from '../../support/fakes.ts';

let t: TestCore | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

/** Drives the terminal chat with a script of typed lines; returns everything it printed. */
async function run(
  script: string[],
  setup?: (dir: string) => void,
  deskLocale?: 'zh-Hans',
): Promise<string> {
  const out = new PassThrough();
  let printed = '';
  out.on('data', (d: Buffer) => (printed += d.toString()));
  const chat = new ConsoleAdapter(out, { openTickets: () => t!.core.openTickets() });
  t = await makeTestCore({
    channels: [chat.channel],
    desk: chat.desk,
    ...(deskLocale ? { deskLocale } : {}),
  });
  setup?.(t.dataDir);
  await chat.start(t.core);
  for (const line of script) {
    printed += `you  › ${line}\n`;
    await chat.handleLine(line.replaceAll('$DIR', t.dataDir));
  }
  return printed;
}

describe('the console adapter as a platform', () => {
  it('starts with the core and stops like the other adapters (PlatformAdapter)', async () => {
    const out = new PassThrough();
    const chat: PlatformAdapter & ConsoleAdapter = new ConsoleAdapter(out);
    t = await makeTestCore({ channels: [chat.channel], desk: chat.desk });
    expect(chat.platform).toBe('console');
    await expect(chat.handleLine('hello')).rejects.toThrow(/start\(core\) first/);
    await chat.start(t.core);
    await chat.handleLine('hello');
    await chat.stop();
  });
});

describe('npm run chat: the whole case in a terminal', () => {
  it('walks a withdrawal case from the first message to a rated, closed ticket', async () => {
    const out = await run(
      [
        'my withdrawal has been pending for 3 days',
        '2', // not solved
        'abc', // malformed id
        'TX-20261120-8F3K2Q9',
        '250 usdt',
        '/img $DIR/shot.png',
        '/img $DIR/virus.png',
        '1', // done
        '1', // send to support
        '@cases',
        '@claim',
        '@as Bob',
        '@claim',
        '@as Alice',
        '@reply We found it: your bank returned it. Resending today.',
        'thank you! when will it arrive?',
        '@Note bank ref 42', // commands in any case
        '@close',
        '5',
        'very quick',
      ],
      (dir) => {
        writeFileSync(join(dir, 'shot.png'), PNG);
        writeFileSync(join(dir, 'virus.png'), EXE);
      },
    );
    expect(out).toMatch(
      /bot {2}› Let's try the quick fixes first — these usually sort out “Withdrawal pending”/,
    );
    expect(out).toMatch(/doesn't look like a transaction ID/);
    expect(out).toMatch(/Got it — 1 of 3/);
    expect(out).toMatch(/only accept images/);
    const id = /Your case (T-[A-Z0-9]{7}) is with our support team/.exec(out)?.[1];
    expect(id).toBeDefined();
    expect(out).toMatch(new RegExp(`Note saved on ${id}`));
    expect(out).toContain(`desk ┌ new case 🔵 ${id} · withdrawal_pending · en`);
    expect(out).toContain('desk │ Transaction ID: TX-20261120-8F3K2Q9');
    expect(out).toContain('desk └ 1 file attached');
    // `@cases` lists the core's open tickets, given to the adapter's constructor.
    expect(out).toMatch(new RegExp(`desk │ \\* ${id} withdrawal_pending \\w+ open`));
    expect(out).toContain(`desk │ ✗ ${id} is claimed by Alice`);
    expect(out).toContain(
      `bot  › 💬 Alice · case ${id}: We found it: your bank returned it. Resending today.`,
    );
    expect(out).toContain(`desk │ ${id} user: thank you! when will it arrive?`);
    expect(out).not.toMatch(/bot {2}› .*bank ref 42/);
    expect(out).toMatch(/How would you rate our help/);
    expect(out).toMatch(/Thanks for your feedback/);
    const ticket = await t!.core.repo.ticket(id!);
    expect(ticket).toMatchObject({ status: 'closed', rating: 5, ratingComment: 'very quick' });
  });

  it("shows the user's rating and comment on a Chinese desk too (DESK_LANG=zh)", async () => {
    const out = await run(
      [
        'my withdrawal has been pending for 3 days',
        '2',
        'TX-20261120-8F3K2Q9',
        '250 usdt',
        '2', // skip screenshots
        '1', // send
        '@claim',
        '@ It has been sent, it arrives today.',
        '@close',
        '2',
        'too slow',
      ],
      undefined,
      'zh-Hans',
    );
    expect(out).toMatch(/desk │ T-[A-Z0-9]{7} rating: 2\/5 — too slow/);
  });

  it('walks the same case in Chinese', async () => {
    const out = await run([
      '我的提现三天了还没到账',
      '2',
      'TX-20261120-8F3K2Q9',
      '三百元',
      '1',
      '1',
      '@reply 您好，已经帮您查到了。',
      '@close',
      '4',
      '跳过',
    ]);
    expect(out).toMatch(/bot {2}› 先试试下面几个方法，通常能解决“提现未到账”的问题/);
    expect(out).toMatch(/金额：300 元/);
    expect(out).toMatch(/您的工单 T-[A-Z0-9]{7} 已提交给客服团队/);
    expect(out).toMatch(/bot {2}› 💬 Alice · 工单 T-[A-Z0-9]{7}：您好，已经帮您查到了。/);
    expect(out).toMatch(/请为本次服务打分/);
    expect(out).toMatch(/感谢您的反馈/);
  });

  it('explains agent commands before there is a case, and unknown ones', async () => {
    const out = await run(['@claim', '@dance']);
    expect(out).toMatch(/no case yet/);
  });
});

describe('the desk commands in the terminal', () => {
  const openCase = [
    'something is wrong with my money',
    'my withdrawal has been pending for 3 days',
    '2', // not solved
    'TX-20261120-8F3K2Q9',
    '250 usdt',
    '1', // done (no screenshots)
    '1', // send to support
  ];
  const idOf = (out: string) => /Your case (T-[A-Z0-9]{7}) is with/.exec(out)![1]!;

  it('answers @queue and @snippets before any case, and lists the commands in the help', async () => {
    const out = await run(['?', '@queue', '@snippets']);
    for (const verb of ['transfer', 'unclaim', 'escalate', 'queue', 'transcript', 'snippet'])
      expect(out).toMatch(new RegExp(`^ {2}@${verb}\\b`, 'm'));
    expect(out).toContain('desk │ ✓ No open cases.');
    expect(out).toMatch(
      /desk │ ✓ Snippets: checking, .*withdrawal_traced\. Send one with @snippet/,
    );
  });

  it('keeps every line of a multi-line card value inside the card', async () => {
    const out = await run(openCase);
    expect(out).toMatch(
      /desk │ User's words: something is wrong with my money\ndesk │ {3}my withdrawal has been pending for 3 days\n/,
    );
  });

  it('hands a case over, puts it back, lists the queue and sends a snippet', async () => {
    const out = await run([
      ...openCase,
      '@queue',
      '@as Bob',
      '@as Alice',
      '@transfer bob',
      '@unclaim',
      '@snippet checking',
      '@snippet nope',
    ]);
    const id = idOf(out);
    expect(out).toMatch(
      new RegExp(
        `desk │ ✓ Open cases \\(1\\), most urgent first:\\ndesk │ {3}🔵 ${id} · withdrawal_pending .* unassigned`,
      ),
    );
    expect(out).toContain(`desk │ ${id} card: claimed · Bob`);
    expect(out).toContain(`desk │ ${id} bot: ${id} is now with Bob (moved by Alice).`);
    expect(out).toContain(`desk │ ✓ ${id} is back in the queue.`);
    expect(out).toMatch(
      new RegExp(`bot {2}› 💬 Alice · case ${id}: Thanks .*I'm looking into it now`),
    );
    expect(out).toMatch(/desk │ ✗ No snippet called "nope"/);
    expect((await t!.core.repo.ticket(id))!.assignee?.displayName).toBe('Alice');
  });

  it('escalates (renamed, seniors called, the user told what is true) and prints the transcript', async () => {
    const out = await run([
      ...openCase,
      '@note checked the bank file',
      '@escalate angry customer',
      '@transcript',
    ]);
    const id = idOf(out);
    expect(out).toContain(`desk │ ${id} renamed: 🟠⬆️ ${id} · withdrawal_pending · en`);
    expect(out).toContain(
      `desk │ ${id} bot: ⬆️ ${id} is escalated to the senior agents (angry customer). Priority: high. No senior agents are set up`,
    );
    expect(out).toContain(`desk │ ${id} bot: 🔔 (the senior agents would be mentioned here)`);
    // Nobody could be called: the user is not promised a senior agent taking over.
    expect(out).toContain(
      `bot  › Your case ${id} has been given a higher priority, so it will be looked at sooner.`,
    );
    expect(out).not.toContain('A senior agent is taking over');
    expect(out).toMatch(
      new RegExp(
        `desk │ ✓ Transcript of ${id}: \\d+ entries\\.\\ndesk ┌ ${id}-transcript\\.txt\\n`,
      ),
    );
    expect(out).toMatch(/desk │ \[[^\]]+\] internal note by Alice: checked the bank file\n/);
    expect(out).toContain(`desk └ end of ${id}-transcript.txt`);
  });

  it('@transfer to a name this terminal has not played yet hands it to that agent (one person plays them all: "use their numeric id" meant nothing here)', async () => {
    const out = await run([...openCase, '@claim', '@transfer Carol']);
    const id = idOf(out);
    expect(out).not.toMatch(/numeric id/);
    expect(out).toContain(`desk │ ${id} card: claimed · Carol`);
    expect((await t!.core.repo.ticket(id))!.assignee?.displayName).toBe('Carol');
  });
});
