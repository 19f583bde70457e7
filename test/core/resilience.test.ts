import type { KeyValueStore } from '../../src/core/ports.ts';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCore } from '../../src/app.ts';
import { StoreError } from '../../src/core/errors.ts';
import { createStore } from '../../src/store.ts';
import { FakeChannel, FakeDesk, PNG } from '../support/fakes.ts';
import { file, Harness } from '../support/harness.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function harness(opts: Parameters<typeof Harness.create>[0] = {}): Promise<Harness> {
  const h = await Harness.create(opts);
  cleanups.push(() => h.dispose());
  return h;
}

describe('a restart in the middle of a case', () => {
  it('resumes the case where it stopped, from the SQLite file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsb-restart-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const storeUrl = `sqlite://${join(dir, 'support.sqlite')}`;

    const first = await Harness.create({ storeUrl, dataDir: dir });
    await first.user().says('my withdrawal has been pending for 3 days');
    await first.user().press(/No, I still need help/);
    await first.user().says('TX-20261120-8F3K2Q9');
    expect(first.user().lastText()).toMatch(/How much/);
    await first.dispose();

    const second = await Harness.create({ storeUrl, dataDir: dir });
    cleanups.push(() => second.dispose());
    const u = second.user();
    await u.says('120 USDT');
    while (!/Please check your case/.test(u.lastText())) await u.press(/Skip|Done/);
    expect(u.lastText()).toMatch(/TX-20261120-8F3K2Q9/);
    expect(u.lastText()).toMatch(/120 USDT/);
  });
});

/** A real store whose calls can be made to fail, as when the database goes away. */
class FlakyStore implements KeyValueStore {
  failing = false;
  /** Fails the next write whose key matches, once. */
  failNextSet: RegExp | undefined;
  readonly kind = 'flaky';
  constructor(private readonly inner: KeyValueStore) {}
  private check(): void {
    if (this.failing) throw new StoreError('store_unavailable', 'store is down');
  }
  async get<T>(key: string) {
    this.check();
    return this.inner.get<T>(key);
  }
  async set<T>(key: string, value: T, ttl?: number) {
    this.check();
    if (this.failNextSet?.test(key)) {
      this.failNextSet = undefined;
      throw new StoreError('store_unavailable', `write of ${key} failed`);
    }
    return this.inner.set(key, value, ttl);
  }
  async delete(key: string) {
    this.check();
    return this.inner.delete(key);
  }
  close() {
    return this.inner.close();
  }
}

async function flakyHarness(logger = pino({ level: 'silent' })) {
  const dir = mkdtempSync(join(tmpdir(), 'wsb-flaky-'));
  const store = new FlakyStore(await createStore(`sqlite://${join(dir, 's.sqlite')}`));
  const channel = new FakeChannel();
  const desk = new FakeDesk();
  const core = buildCore({
    store,
    dataDir: dir,
    channels: [channel],
    desk,
    logger,
  });
  cleanups.push(async () => {
    await core.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const user = {
    address: { platform: 'fake', chatId: 'u1' },
    user: { platform: 'fake', userId: 'u1' },
  };
  let n = 0;
  const say = (text: string, messageId = `m${++n}`) =>
    core.handleUser({ ...user, messageId, type: 'message', text, attachments: [] });
  const press = (label: RegExp) => {
    const msg = channel
      .to('u1')
      .filter((m) => m.choices?.length)
      .at(-1)!;
    return core.handleUser({
      ...user,
      messageId: `m${++n}`,
      type: 'choice',
      choiceId: msg.choices!.find((c) => label.test(c.label))!.id,
    });
  };
  /** The withdrawal case up to its summary (the confirm button is next). */
  const toSummary = async () => {
    await say('my withdrawal has been pending for 3 days');
    await press(/No, I still need help/);
    await say('TX-20261120-8F3K2Q9');
    while (!/Please check your case/.test(channel.last('u1').text)) await press(/Skip|Done/);
  };
  return { store, channel, desk, core, say, press, toSummary, dir };
}

describe('a write that fails halfway through a turn', () => {
  it('opens one ticket, not two, when the confirm is retried after the conversation write failed', async () => {
    const f = await flakyHarness();
    await f.toSummary();
    f.store.failNextSet = /^conv:/;
    await f.press(/Send to support/);
    // Kept on disk and answered once the store is back, not lost and not an error.
    expect(f.channel.last('u1').text).toMatch(/One moment/);
    await f.press(/Send to support/);
    expect(await f.core.flushSpool()).toBe(true);
    expect(f.channel.to('u1').some((m) => /Your case T-/.test(m.text))).toBe(true);
    expect(await f.core.openTickets()).toHaveLength(1);
    expect(f.desk.cases).toHaveLength(1);
  });

  it('keeps a redelivered follow-up once when the first delivery failed after the ticket was written', async () => {
    const f = await flakyHarness();
    await f.toSummary();
    await f.press(/Send to support/);
    f.store.failNextSet = /^conv:/;
    await f.say('any news?', 'follow-up-1');
    await f.say('any news?', 'follow-up-1');
    await f.core.flushSpool();
    const [t] = await f.core.openTickets();
    expect(t!.transcript.filter((e) => e.text === 'any news?')).toHaveLength(1);
    expect(f.desk.cases[0]!.posts.filter((p) => p.text === 'any news?')).toHaveLength(1);
  });
});

describe('a /close interrupted by a failed write', () => {
  it('still closes the topic and tells the user, via the outbox', async () => {
    const f = await flakyHarness();
    await f.toSummary();
    await f.press(/Send to support/);
    const c = f.desk.cases[0]!;
    f.store.failNextSet = /^conv:/;
    const r = await f.core.handleAgent({
      type: 'command',
      command: 'close',
      args: 'sorted out by phone', // (nobody replied: closed with a reason)
      desk: { platform: c.ref.platform, chatId: c.ref.chatId, threadId: c.ref.threadId },
      agent: { platform: 'fakedesk', userId: 'a1', displayName: 'Alice', isAgent: true },
      messageId: 'close-1',
    });
    expect(r.ok).toBe(false);
    await f.core.flushOutbox();
    // (Nobody had answered: told it is closed, not asked to rate help never given.)
    expect(f.channel.last('u1').text).toMatch(/has been closed by our team/);
    expect(c.closed).toBe(true);
    expect(c.card.status).toBe('closed');
  });
});

describe('a store that is down', () => {
  it('says "one moment" once, keeps the messages on disk (masked), and answers them in order when the store is back', async () => {
    const lines: string[] = [];
    const f = await flakyHarness(
      pino({ level: 'info' }, { write: (l: string) => void lines.push(l) }),
    );
    await f.say('my withdrawal has been pending for 3 days');
    f.store.failing = true;
    await f.say('no it did not help');
    await f.say('my password is hunter22 by the way');
    expect(f.channel.to('u1').filter((m) => /One moment/.test(m.text))).toHaveLength(1);
    expect(await f.core.flushSpool()).toBe(false); // still down: nothing replayed
    expect(lines.join('\n')).toMatch(/store unreachable/);
    const spooled = readdirSync(join(f.dir, 'spool'))
      .filter((n) => n.endsWith('.jsonl'))
      .map((n) => readFileSync(join(f.dir, 'spool', n), 'utf8'))
      .join('');
    expect(spooled).toContain('no it did not help');
    expect(spooled).not.toContain('hunter22');

    f.store.failing = false;
    expect(await f.core.flushSpool()).toBe(true);
    const after = f.channel.to('u1').map((m) => m.text);
    // The real answers follow, in order: the "no" led to the id question.
    expect(after.some((t) => /withdrawal ID/.test(t))).toBe(true);
    expect(lines.join('\n')).toMatch(/store reachable again/);
    expect(readdirSync(join(f.dir, 'spool')).filter((n) => n.endsWith('.jsonl'))).toEqual([]);
  });
});

describe('a store that fails again while the spool is replayed', () => {
  it('puts what was not replayed back in front of what came meanwhile, and answers all in order, once', async () => {
    const f = await flakyHarness();
    await f.say('my withdrawal has been pending for 3 days');
    f.store.failing = true;
    await f.say('no it did not help');
    await f.say('TX-20261120-8F3K2Q9');
    f.store.failing = false;
    // The first replayed turn's write fails: the replay stops, both lines go back.
    f.store.failNextSet = /^conv:/;
    expect(await f.core.flushSpool()).toBe(false);
    f.store.failing = true;
    await f.say('250 USDT');
    f.store.failing = false;
    const before = f.channel.to('u1').length;
    expect(await f.core.flushSpool()).toBe(true);
    const answers = f.channel
      .to('u1')
      .slice(before)
      .map((m) => m.text);
    expect(answers.filter((t) => /withdrawal ID/.test(t))).toHaveLength(1);
    const order = [/withdrawal ID/, /How much/, /screenshots|When did/].map((re) =>
      answers.findIndex((t) => re.test(t)),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(readdirSync(join(f.dir, 'spool')).filter((n) => /\.(jsonl|replaying)$/.test(n))).toEqual(
      [],
    );
  });
});

describe('the desk platform misbehaving', () => {
  it('re-creates a deleted topic with the history and goes on routing', async () => {
    const h = await harness();
    const u = h.user();
    const id = await u.openWithdrawalCase();
    await h.agent('Alice').reply(id, 'looking into it');
    h.desk.live(id)!.deleted = true;
    await u.says('any news?');
    const fresh = h.desk.live(id)!;
    expect(fresh.posts.map((p) => p.text)).toEqual([
      expect.stringMatching(/\[history .*\] system: claimed by Alice/),
      expect.stringMatching(/\[history .*\] agent Alice: looking into it/),
      'any news?',
      // What the bot told the user is in the history too.
      expect.stringMatching(/\[history .*\] bot: Your message is with Alice/),
    ]);
    expect((await h.agent('Alice').reply(id, 'yes, sent today')).ok).toBe(true);
    expect(u.lastText()).toMatch(/yes, sent today/);
  });

  it('finishes replaying the history into a re-created topic even when that was interrupted', async () => {
    const h = await harness();
    const u = h.user();
    const id = await u.openWithdrawalCase();
    await h.agent('Alice').reply(id, 'looking into it');
    h.desk.live(id)!.deleted = true;
    h.desk.failNextPosts = 1;
    await u.says('any news?');
    await h.core.flushOutbox();
    expect(h.desk.live(id)!.posts.map((p) => p.text)).toEqual([
      expect.stringMatching(/system: claimed by Alice/),
      expect.stringMatching(/agent Alice: looking into it/),
      'any news?',
      expect.stringMatching(/bot: Your message is with Alice/),
    ]);
  });

  it('texts that waited go to the desk as one post, the reply of the bot between them passed over', async () => {
    const h = await harness();
    const u = h.user();
    const id = await u.openWithdrawalCase();
    const before = h.desk.live(id)!.posts.length;
    h.desk.failNextPosts = 10;
    await u.says('any update?'); // told the wait: the reply is on the case after it
    await u.says('please hurry');
    h.desk.failNextPosts = 0;
    await h.core.flushOutbox();
    const posts = h.desk
      .live(id)!
      .posts.slice(before)
      .map((p) => p.text);
    expect(posts).toEqual(['any update?\nplease hurry']);
    const t = await h.ticket(id);
    expect(t.transcript.map((e) => e.from).slice(-3)).toEqual(['user', 'bot', 'user']);
  });

  it('keeps user messages in the outbox while the desk is down and delivers them once, in order, when it is back', async () => {
    const h = await harness();
    const u = h.user();
    const id = await u.openWithdrawalCase();
    h.desk.down = 'platform_unavailable';
    await u.says('one');
    await u.says('two');
    h.desk.down = undefined;
    await h.core.flushOutbox();
    await h.core.flushOutbox();
    // Waiting messages reach the desk together, in order, once.
    expect(h.desk.live(id)!.posts.map((p) => p.text)).toEqual(['one\ntwo']);
  });

  it('opens the case later when the desk was down at ticket creation', async () => {
    const h = await harness();
    h.desk.down = 'platform_unavailable';
    const id = await h.user().openWithdrawalCase();
    expect(h.desk.live(id)).toBeUndefined();
    h.desk.down = undefined;
    await h.core.flushOutbox();
    expect(h.desk.live(id)!.card.ticketId).toBe(id);
  });

  it('closes the topic and updates the card later when the desk failed during /close', async () => {
    const h = await harness();
    const id = await h.user().openWithdrawalCase();
    await h.agent('Alice').claim(id);
    await h.agent('Alice').reply(id, 'It has been sent, should arrive today.');
    h.desk.down = 'platform_unavailable';
    expect((await h.agent('Alice').command(id, 'close')).ok).toBe(true);
    expect(h.desk.live(id)!.closed).toBe(false);
    h.desk.down = undefined;
    await h.core.flushOutbox();
    expect(h.desk.live(id)!.closed).toBe(true);
    expect(h.desk.live(id)!.card.status).toBe('closed');
  });

  it('keeps a ticket in the outbox while no desk is configured, and opens its case once one is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsb-nodesk-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const storeUrl = `sqlite://${join(dir, 's.sqlite')}`;
    const first = await Harness.create({ storeUrl, dataDir: dir, noDesk: true });
    const id = await first.user().openWithdrawalCase();
    await first.core.flushOutbox();
    await first.dispose();
    const second = await harness({ storeUrl, dataDir: dir });
    await second.core.start();
    expect(second.desk.live(id)?.card.ticketId).toBe(id);
  });

  it('after a crash between the ticket write and the desk sync, the next start opens the case', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsb-crash-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const storeUrl = `sqlite://${join(dir, 's.sqlite')}`;
    const first = await Harness.create({ storeUrl, dataDir: dir });
    const id = await first.user().openWithdrawalCase();
    // What a crash right after the writes leaves behind: a ticket the desk has never seen.
    const t = await first.ticket(id);
    const { desk: _never, ...crashed } = t;
    await first.core.repo.saveTicket({ ...crashed, deskSynced: 0 });
    await first.dispose();
    const second = await harness({ storeUrl, dataDir: dir });
    await second.core.start();
    expect(second.desk.live(id)?.card.ticketId).toBe(id);
  });

  it('tells the agent when the user blocked the bot', async () => {
    const h = await harness();
    const id = await h.user().openWithdrawalCase();
    h.channel.failing.set('u1', 'user_unreachable');
    const posts = h.desk.live(id)!.posts.length;
    const r = await h.agent('Alice').reply(id, 'hello?');
    expect(r.ok).toBe(false);
    expect(r.text).toMatch(/blocked the bot/);
    // Told once, in the answer to the agent (it had also been posted in the case: twice).
    expect(
      h.desk
        .live(id)!
        .posts.slice(posts)
        .map((p) => p.text),
    ).not.toContainEqual(expect.stringMatching(/blocked the bot/));
    expect((await h.ticket(id)).transcript.at(-1)!.delivery).toBe('unreachable');
    expect(h.desk.live(id)!.card.fields).toContainEqual({
      label: 'User',
      value: '⚠️ has blocked the bot or closed their DMs — messages do not reach them',
    });
    // Closed: not "the user was asked to rate the help" — the survey could not be sent.
    const closed = await h.agent('Alice').command(id, 'close');
    expect(closed.text).toMatch(/^Closed T-[A-Z0-9]{7}\. The user could not be told/);
  });

  it('closing for a user who blocked the bot after the last reply says the survey did not reach them', async () => {
    const h = await harness();
    const id = await h.user().openWithdrawalCase();
    await h.agent('Alice').reply(id, 'Done, it has been sent.');
    h.channel.failing.set('u1', 'user_unreachable');
    const closed = await h.agent('Alice').command(id, 'close');
    expect(closed.text).toMatch(/The user could not be told/);
    // Writing again, they can be reached: the mark goes.
    h.channel.failing.delete('u1');
    await h.agent('Alice').command(id, 'reopen');
    await h.user().says('thanks, got it');
    expect((await h.ticket(id)).flags ?? []).not.toContain('user_unreachable');
  });

  it('queues an agent reply while the user platform is failing and delivers it later, once', async () => {
    const h = await harness();
    const u = h.user();
    const id = await u.openWithdrawalCase();
    h.channel.failing.set('u1', 'platform_unavailable');
    const r = await h.agent('Alice').reply(id, 'queued reply');
    expect(r.text).toMatch(/queued/);
    h.channel.failing.delete('u1');
    await h.core.flushOutbox();
    await h.core.flushOutbox();
    expect(u.texts().filter((t) => t.includes('queued reply'))).toHaveLength(1);
  });
});

describe('random ticket ids', () => {
  it("never attach a user to someone else's ticket when a new id clashes with an existing one", async () => {
    const ids = ['T-AAAAAAA', 'T-AAAAAAA', 'T-BBBBBBB'];
    const h = await harness({ newTicketId: () => ids.shift() ?? 'T-CCCCCCC' });
    const first = await h.user('u1').openWithdrawalCase();
    const second = await h.user('u2').openWithdrawalCase();
    expect([first, second]).toEqual(['T-AAAAAAA', 'T-BBBBBBB']);
    expect((await h.ticket(first)).user.userId).toBe('u1');
    expect((await h.ticket(second)).user.userId).toBe('u2');
    await h.user('u2').says('any news?');
    expect(h.desk.live(second)!.posts.at(-1)!.text).toBe('any news?');
    expect(h.desk.live(first)!.posts).toEqual([]);
  });
});

describe('a kill between the topic and its card', () => {
  it('adopts the topic the killed run created: one topic per ticket, card and files in it', async () => {
    const h = await harness();
    h.desk.killAfterCreate = true;
    const u = h.user();
    await u.says('my withdrawal has been pending for 3 days');
    await u.press(/No, I still need help/);
    await u.says('TX-20261120-8F3K2Q9');
    while (!/screenshot/i.test(u.lastText())) await u.press(/Skip/);
    await u.says('', [file(PNG)]);
    await u.press(/Done/);
    await u.press(/Send to support/);
    const id = /T-[A-Z0-9]{7}/.exec(u.lastText())![0];
    expect(h.desk.cases).toHaveLength(1);
    expect(h.desk.cases[0]!.cardPosted).toBeFalsy();
    // The restart: recovery finds the case behind and the outbox finishes it.
    await h.core.recover();
    await h.core.flushOutbox();
    expect(h.desk.cases).toHaveLength(1);
    const c = h.desk.live(id)!;
    expect(c.cardPosted).toBe(true);
    expect(c.files).toHaveLength(1);
    expect((await h.ticket(id)).deskCardPending).toBeUndefined();
  });
});
