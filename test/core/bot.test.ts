import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXE, JPEG, PNG } from '../support/fakes.ts';
import { file, Harness } from '../support/harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await Harness.create();
});
afterEach(async () => {
  await h.dispose();
});

describe('a whole case through the core', () => {
  it('answers a withdrawal question with the self-help steps and solved / not-solved buttons', async () => {
    const u = h.user();
    await u.says('my withdrawal has been pending for 3 days');
    expect(u.lastText()).toMatch(/Withdrawal/i);
    expect(u.lastText()).toMatch(/1\. /);
    expect(u.lastChoices()).toEqual(['✅ Yes, solved', '❌ No, I still need help']);
  });

  it('a Traditional-Chinese app (zh-hant, zh-TW, zh-HK) is answered in Traditional before the user writes', async () => {
    for (const [code, words] of [
      ['zh-hant', /錢包.*帳戶/s],
      ['zh-TW', /錢包.*帳戶/s],
      ['zh-HK', /錢包.*賬戶/s],
    ] as const) {
      const u = h.user(`u-${code}`, code);
      await u.command('start');
      expect(u.lastText()).toMatch(words);
      expect(u.lastText()).not.toMatch(/钱包|账户/);
    }
    const hans = h.user('u-hans', 'zh-hans');
    await hans.command('start');
    expect(hans.lastText()).toMatch(/钱包/);
  });

  it('answers in Chinese with the Chinese steps', async () => {
    const u = h.user();
    await u.says('我的提现三天了还没到账');
    expect(u.lastText()).toMatch(/提现/);
    expect(u.lastChoices()).toEqual(['✅ 解决了', '❌ 没有解决，需要帮助']);
  });

  it('collects the id, the amount and screenshots, then opens a ticket with all of it on the desk', async () => {
    const u = h.user();
    await u.says('my withdrawal has been pending for 3 days');
    await u.press(/No, I still need help/);
    expect(u.lastText()).toMatch(/ID/);
    await u.says('TX-20261120-8F3K2Q9');
    expect(u.lastText()).toMatch(/How much/);
    await u.says('250 USDT');
    // withdrawal_pending asks for the date unless the first words gave it ("3 days")
    while (!/screenshot/i.test(u.lastText())) await u.press(/Skip/);
    await u.says('', [file(PNG)]);
    expect(u.lastText()).toMatch(/1 of 3/);
    await u.press(/Done/);
    expect(u.lastText()).toMatch(/TX-20261120-8F3K2Q9/);
    expect(u.lastText()).toMatch(/250 USDT/);
    await u.press(/Send to support/);
    const id = /T-[A-Z0-9]{7}/.exec(u.lastText())![0];
    expect(u.lastText()).toMatch(/within 4 hours/);

    const c = h.desk.live(id)!;
    expect(c.card.title).toBe(`🔵 ${id} · withdrawal_pending · en`);
    expect(c.card.fields).toContainEqual({ label: 'Transaction ID', value: 'TX-20261120-8F3K2Q9' });
    expect(c.card.fields).toContainEqual({ label: 'Amount', value: '250 USDT' });
    expect(c.card.userWords).toBe('my withdrawal has been pending for 3 days');
    expect(c.files).toHaveLength(1);
    expect(c.files[0]!.mimeType).toBe('image/png');
    const t = await h.ticket(id);
    expect(t.status).toBe('open');
    expect(t.priority).toBe('normal');
  });

  it('lets an agent claim, refuses a second claim naming the holder, relays both ways, keeps notes internal, closes and stores the rating', async () => {
    const u = h.user();
    const id = await u.openWithdrawalCase();
    const alice = h.agent('Alice');
    const bob = h.agent('Bob');

    expect((await alice.claim(id)).ok).toBe(true);
    const refused = await bob.claim(id);
    expect(refused.ok).toBe(false);
    expect(refused.text).toMatch(/claimed by Alice/);
    expect(h.desk.live(id)!.card.assignee).toBe('Alice');

    await alice.reply(id, 'Your bank returned it; we resend today.');
    expect(u.lastText()).toBe(`💬 Alice · case ${id}: Your bank returned it; we resend today.`);

    await u.says('ok, when exactly?');
    expect(h.desk.live(id)!.posts.at(-1)).toMatchObject({
      from: 'user',
      text: 'ok, when exactly?',
    });

    const before = u.messages().length;
    expect((await alice.command(id, 'note', 'called the bank, ref 123')).ok).toBe(true);
    expect(u.messages()).toHaveLength(before);

    expect((await bob.command(id, 'close')).ok).toBe(false);
    const closed = await alice.command(id, 'close');
    expect(closed.ok).toBe(true);
    expect(h.desk.live(id)!.closed).toBe(true);
    expect(u.lastText()).toMatch(/How would you rate/);
    await u.press(/⭐⭐⭐⭐⭐$/);
    await u.says('fast and friendly');
    const t = await h.ticket(id);
    expect(t.status).toBe('closed');
    expect(t.rating).toBe(5);
    expect(t.ratingComment).toBe('fast and friendly');
    expect(t.transcript.map((e) => e.from)).toEqual([
      'user',
      'system',
      'agent',
      'user',
      'note',
      'system',
      'bot', // what the user was told after the close: the survey's thanks
    ]);
    expect(t.transcript.at(-1)!.text).toMatch(/^Thanks for your feedback/);
    expect(t.firstResponseAt).toBeGreaterThanOrEqual(t.createdAt);
    expect(t.closedAt).toBeGreaterThanOrEqual(t.firstResponseAt!);
    expect(h.desk.live(id)!.card.fields).toContainEqual({
      key: 'rating',
      label: 'Rating',
      value: '5/5 — fast and friendly',
    });
  });

  it('reopens a closed ticket and routes the user to it again', async () => {
    const u = h.user();
    const id = await u.openWithdrawalCase();
    const alice = h.agent('Alice');
    await alice.reply(id, 'It has been sent, should arrive today.');
    await alice.command(id, 'close');
    expect((await alice.command(id, 'reopen')).ok).toBe(true);
    expect(u.lastText()).toMatch(/reopened/);
    await u.says('still nothing');
    expect(h.desk.live(id)!.posts.at(-1)?.text).toBe('still nothing');
    expect((await h.ticket(id)).status).toBe('claimed');
  });

  it('reopened after the user started over with a new question, routes the user to the case, as the notice says', async () => {
    const u = h.user();
    const id = await u.openWithdrawalCase();
    const alice = h.agent('Alice');
    await alice.reply(id, 'It has been sent, should arrive today.');
    await alice.command(id, 'close');
    await u.press(/⭐⭐⭐⭐⭐/);
    await u.press(/Skip/);
    // (Not "one more question": that opens the case itself, for its agent.)
    await u.says('hello again, how do I change my phone number?');
    expect((await alice.command(id, 'reopen')).ok).toBe(true);
    await alice.reply(id, 'Sorry about that, can you send the TXID?');
    await u.says('0x9fc76417374aa880d4449a1f7f31ec597f00b1f6f3dd2d66f4c9c6c445836d8b');
    expect(h.desk.live(id)!.posts.at(-1)?.text).toMatch(/^0x9fc76417/);
    await u.command('status');
    expect(u.lastText()).toMatch(new RegExp(id));
  });

  it('"still not solved" after the survey, or "it still shows processing" at the rating, opens the case again', async () => {
    const u = h.user();
    const id = await u.openWithdrawalCase();
    const deskText = () =>
      h.desk
        .live(id)!
        .posts.map((p) => p.text)
        .join('\n');
    const alice = h.agent('Alice');
    await alice.reply(id, 'It has been sent, should arrive today.');
    await alice.command(id, 'close');
    await u.says('wait, it still shows processing in my app');
    expect(u.lastText()).toMatch(new RegExp(`${id}`));
    expect((await h.ticket(id)).status).not.toBe('closed');
    expect(deskText()).toMatch(/still shows processing/);
    // Closed again, rated, then the user comes back: the same case, not the menu.
    await alice.command(id, 'close');
    await u.press(/⭐⭐⭐/);
    await u.press(/Skip/);
    await u.says('还是没到账啊，你们怎么就关了？');
    expect((await h.ticket(id)).status).not.toBe('closed');
    expect(deskText()).toMatch(/还是没到账啊/);
    expect(await h.tickets()).toHaveLength(1);
  });

  it('a new problem after the survey is a new case, not the old one reopened', async () => {
    const u = h.user();
    const id = await u.openWithdrawalCase();
    await h.agent('Alice').reply(id, 'It has been sent, should arrive today.');
    await h.agent('Alice').command(id, 'close');
    await u.press(/⭐⭐⭐⭐⭐/);
    await u.press(/Skip/);
    await u.says('my card payment to a shop failed with an error');
    expect((await h.ticket(id)).status).toBe('closed');
    expect(u.lastText()).not.toMatch(new RegExp(id));
  });

  it('"skip" at the stars ends the survey quietly: no comment on the case, and a new problem after it stays out of the closed case', async () => {
    const u = h.user();
    const id = await u.openWithdrawalCase();
    await h.agent('Alice').reply(id, 'It has been sent, should arrive today.');
    await h.agent('Alice').command(id, 'close');
    const closed = (await h.ticket(id)).transcript.length;
    await u.says('skip');
    expect(u.lastText()).not.toMatch(/passed/);
    expect(u.lastChoices()).toEqual([]);
    await u.says("my deposit hasn't arrived");
    expect(u.lastText()).toMatch(/Did this solve it\?/);
    const t = await h.ticket(id);
    expect(t.ratingComment).toBeUndefined();
    expect(t.rating).toBeUndefined();
    expect(t.transcript.map((e) => e.text).join('\n')).not.toMatch(/quick fixes|Did this solve/);
    expect(t.transcript.length).toBeLessThanOrEqual(closed + 2);
    expect(h.desk.live(id)!.card.fields.find((f) => f.key === 'rating')).toBeUndefined();
  });

  it('Skip after one star: thanked for the rating, nothing said to be passed on', async () => {
    const u = h.user();
    const id = await u.openWithdrawalCase();
    await h.agent('Alice').reply(id, 'It has been sent, should arrive today.');
    await h.agent('Alice').command(id, 'close');
    await u.press(/^⭐$/);
    await u.press(/Skip/);
    expect(u.lastText()).not.toMatch(/passed it on/);
    expect(u.lastText()).toMatch(/reopen/);
    const t = await h.ticket(id);
    expect(t.rating).toBe(1);
    expect(t.ratingComment).toBeUndefined();
  });

  it('the amount and the time told on an open security case go on its card, in English and Chinese', async () => {
    for (const [who, lines, amount] of [
      [
        'u-en',
        [
          'someone stole my phone and my wallet was drained',
          'it happened last night around 10pm, about 2000 USDT gone',
          '0x9f2c4b7e1a3d5f6b8c0e2a4d6f8b0c2e4a6d8f0b2c4e6a8d0f2b4c6e8a0d2f4b',
        ],
        '2000 USDT',
      ],
      ['u-zh', ['我下载了远程软件，USDT全被转走了', '大概昨晚十点，转走了3000U'], '3000 USDT'],
    ] as const) {
      const u = h.user(who);
      for (const line of lines) await u.says(line);
      const t = (await h.tickets()).find((x) => x.user.userId === who)!;
      expect(t.intent).toBe('security_report');
      expect(t.fields['amount'], who).toBe(amount);
      expect(t.fields['date'], who).toMatch(/ 22:00$/);
      const card = h.desk.live(t.id)!.card.fields;
      expect(card, who).toContainEqual({ label: 'Amount', value: amount.replace('000', ',000') });
      expect(card.find((f) => f.label === 'Date')?.value, who).toMatch(/22:00/);
      if (who === 'u-en') expect(t.fields['transaction_id']).toMatch(/^0x9f2c/);
    }
  });

  it('marks urgent intents urgent on the desk', async () => {
    const u = h.user();
    // (Not said to be someone else's: the quick fixes first. Said so, the case opens at once.)
    await u.says("there is a charge of $900 I don't recognise");
    await u.press(/No, report it/);
    while (!/Please check your case/.test(u.lastText())) {
      if (u.lastChoices().some((c) => /Skip|Done/.test(c))) await u.press(/Skip|Done/);
      else await u.says('TX-99887766AB');
    }
    await u.press(/Send to support/);
    const id = /T-[A-Z0-9]{7}/.exec(u.lastText())![0];
    expect((await h.ticket(id)).priority).toBe('urgent');
    expect(h.desk.live(id)!.card.title).toMatch(/^🔴 /);
  });
  it('an id or a corrected amount sent once the case is open goes on the card, and the user is told (it was relayed in silence, the card kept "the user does not have it")', async () => {
    const u = h.user();
    await u.says('my withdrawal of 200 USDT has been pending for 3 days');
    await u.press(/No, I still need help/);
    await u.press(/I don't have one/);
    while (!/Please check your case/.test(u.lastText())) await u.press(/Skip|Done/);
    await u.press(/Send to support/);
    const id = /T-[A-Z0-9]{7}/.exec(u.lastText())![0];
    await u.says('found it: TX-20261120-8F3K2Q9');
    expect(u.lastText()).toMatch(/^Thanks — I added the transaction ID TX-20261120-8F3K2Q9/);
    await u.says('sorry, it was 2000 USDT not 200');
    expect(u.lastText()).toMatch(/^Thanks — I changed the amount to 2,000 USDT/);
    const t = await h.ticket(id);
    expect(t.fields['transaction_id']).toBe('TX-20261120-8F3K2Q9');
    expect(t.fields['amount']).toBe('2000 USDT');
    // What the user was told is on the case after their message (a lead reads both; review 4).
    const said = t.transcript.map((e) => `${e.from}: ${e.text}`);
    expect(said.at(-1)).toMatch(/^bot: Thanks — I changed the amount to 2,000 USDT/);
    expect(said.at(-2)).toBe('user: sorry, it was 2000 USDT not 200');
    const card = h.desk.live(id)!.card;
    expect(card.fields).toContainEqual({ label: 'Transaction ID', value: 'TX-20261120-8F3K2Q9' });
    expect(card.fields).toContainEqual({ label: 'Amount', value: '2,000 USDT' });
    // Both messages still reach the agents as they were written.
    expect(t.transcript.map((e) => e.text)).toContain('sorry, it was 2000 USDT not 200');
  });
  it('a second id sent to an open case that has one is added next to it, not only relayed (the card had kept the first alone)', async () => {
    const u = h.user();
    await u.says('my withdrawal of 200 USDT has been pending for 3 days');
    await u.press(/No, I still need help/);
    await u.says('TX-20261120-8F3K2Q9');
    while (!/Please check your case/.test(u.lastText())) await u.press(/Skip|Done/);
    await u.press(/Send to support/);
    const id = /T-[A-Z0-9]{7}/.exec(u.lastText())![0];
    await u.says('and the txid is TX-20261121-5M7N8P2');
    expect(u.lastText()).toMatch(/^Thanks — I added TX-20261121-5M7N8P2 to your case, next to/);
    expect((await h.ticket(id)).fields['transaction_id']).toBe(
      'TX-20261120-8F3K2Q9, TX-20261121-5M7N8P2',
    );
    expect(h.desk.live(id)!.card.fields).toContainEqual({
      label: 'Transaction ID',
      value: 'TX-20261120-8F3K2Q9, TX-20261121-5M7N8P2',
    });
  });
});

describe('steering words', () => {
  it('"cancel" leaves the flow at any step', async () => {
    const u = h.user();
    await u.says('my withdrawal has been pending for 3 days');
    await u.press(/No, I still need help/);
    await u.says('cancel');
    expect(u.lastText()).toMatch(/cancelled/);
    await u.says('TX-20261120-8F3K2Q9');
    expect(u.lastText()).not.toMatch(/How much/);
  });

  it('"取消" cancels in Chinese', async () => {
    const u = h.user();
    await u.says('我的提现三天了还没到账');
    await u.says('取消');
    expect(u.lastText()).toBe('好的，已取消。需要帮助随时联系我们。');
  });

  it('"取消" on a case with the agents reaches them (they close it), and the user is told so', async () => {
    const u = h.user();
    const id = await u.openWithdrawalCase();
    await u.says('取消');
    expect(u.lastText()).toMatch(new RegExp(`已把您想取消工单 ${id} 的意思转告客服`));
    // (An English case: the agents also hear that the user now writes Chinese.)
    expect(h.desk.live(id)!.posts.at(-2)?.text).toBe('取消');
    expect(h.desk.live(id)!.posts.at(-1)?.text).toMatch(/now writes in Simplified Chinese/);
  });

  it('"talk to a human" goes straight to collecting what an agent needs', async () => {
    const u = h.user();
    await u.says('talk to a human');
    expect(u.texts().join('\n')).toMatch(/connect you with a human agent/);
    expect(u.lastText()).not.toMatch(/Did this solve it/);
  });

  it('"人工客服" goes straight to collecting, in Chinese', async () => {
    const u = h.user();
    await u.says('人工客服');
    expect(u.texts().join('\n')).toMatch(/转人工客服/);
  });

  it('says what it is for, with a compact menu, when a message is clearly not a wallet problem', async () => {
    const u = h.user();
    await u.says('what is the best pizza topping');
    expect(u.lastText()).toMatch(/outside what I can help with/);
    expect(u.lastChoices()).toContain('🙋 Talk to a human');
    expect(u.lastChoices().length).toBeGreaterThanOrEqual(6);
    // Never the same menu twice in a row.
    await u.says('and the best burger?');
    expect(u.lastText()).toMatch(/still didn't get it/);
    expect(u.lastChoices()).toEqual(['🙋 Talk to a human']);
  });

  it('asks which problem it is when unsure, and keeps the words the user already wrote', async () => {
    const u = h.user();
    await u.says('hmm the thing with my money from order 8823199123');
    expect(u.lastText()).toMatch(/one of these/);
    await u.says('i want a refund for it');
    await u.press(/No, I still need help/);
    // the id from the first words is not asked again
    expect(u.texts().join('\n')).not.toMatch(/send the transaction ID/);
    expect(u.texts().join('\n')).not.toMatch(/order number/);
  });
});

describe('closing and reopening with more than one case', () => {
  it('refuses to reopen an older case while the user has a newer one open: their words go to the newer one', async () => {
    const u = h.user();
    const t1 = await u.openWithdrawalCase();
    const alice = h.agent('Alice');
    await alice.reply(t1, 'It has been sent, should arrive today.');
    await alice.command(t1, 'close');
    await u.says('refund please, order TX-55667788AB was cancelled');
    await u.press(/No, I still need help/);
    while (!/Please check your case/.test(u.lastText())) {
      if (u.lastChoices().some((c) => /Skip|Done/.test(c))) await u.press(/Skip|Done/);
      else await u.says('they cancelled it');
    }
    await u.press(/Send to support/);
    const t2 = /T-[A-Z0-9]{7}/.exec(u.lastText())![0];
    // Reopened, t1 would wait for answers that land on t2 (seen by an outside desk tester).
    const r = await alice.command(t1, 'reopen');
    expect(r.ok).toBe(false);
    expect(r.text).toMatch(new RegExp(`${t1} stays closed: the user has another open case, ${t2}`));
    expect((await h.ticket(t1)).status).toBe('closed');
    expect(u.lastText()).not.toMatch(/reopened/);
    await u.says('any news on my refund?');
    expect(h.desk.live(t2)!.posts.at(-1)!.text).toBe('any news on my refund?');
  });
});

describe('rated, then a new problem', () => {
  it("keeps the new problem's quick fixes off the closed case (they were written at the end of its transcript)", async () => {
    const u = h.user();
    const id = await u.openWithdrawalCase();
    const alice = h.agent('Alice');
    await alice.reply(id, 'It was sent, should arrive soon.');
    await alice.command(id, 'close');
    await u.press(/⭐⭐⭐⭐$/);
    await u.says("my deposit hasn't arrived either");
    expect(u.lastText()).toMatch(/Did this solve it\?/);
    const t = await h.ticket(id);
    expect(t.rating).toBe(4);
    expect(t.transcript.at(-1)).toMatchObject({ from: 'system' });
    expect(t.transcript.some((e) => /quick fixes/.test(e.text))).toBe(false);
  });
});

describe('one user, one ticket', () => {
  it('attaches a user with an open ticket to that ticket instead of opening another', async () => {
    const u = h.user();
    const id = await u.openWithdrawalCase();
    await u.says('my card payment failed too');
    await u.says('hello?');
    expect(await h.tickets()).toHaveLength(1);
    expect(h.desk.live(id)!.posts.map((p) => p.text)).toEqual([
      'my card payment failed too',
      'hello?',
    ]);
  });

  it('handles two messages of one user arriving together in order, as one ticket', async () => {
    const u = h.user();
    const id = await u.openWithdrawalCase();
    await Promise.all([u.says('first'), u.says('second')]);
    // The first waited while the second was in flight: one post, in order, once both are done.
    await vi.waitFor(() =>
      expect(h.desk.live(id)!.posts.map((p) => p.text)).toEqual(['first\nsecond']),
    );
    expect(await h.tickets()).toHaveLength(1);
  });

  /**
   * u1 has an open case; u2's turn stays in flight (its reply held) while `during` runs, then
   * ends. `posted()` lists the desk posts of u1's case made since then.
   */
  async function whileAnotherTurnIsInFlight(
    during: (u: ReturnType<typeof h.user>, posted: () => string[], id: string) => Promise<void>,
  ) {
    const u = h.user('u1');
    const id = await u.openWithdrawalCase();
    const before = h.desk.live(id)!.posts.length;
    const posted = () =>
      h.desk
        .live(id)!
        .posts.map((p) => p.text)
        .slice(before);
    let release!: () => void;
    h.channel.holds.set('u2', new Promise<void>((r) => (release = r)));
    const inFlight = h.user('u2').says('my withdrawal has been pending for 3 days');
    try {
      await during(u, posted, id);
    } finally {
      release();
      await inFlight;
    }
    return { u, posted };
  }

  it('while another user is being answered, relayed messages wait and reach the desk as one post', async () => {
    const { u, posted } = await whileAnotherTurnIsInFlight(async (u, posted, id) => {
      await u.says('first');
      await u.says('second');
      await new Promise((r) => setTimeout(r, 50));
      expect(posted()).toEqual([]); // kept on the ticket meanwhile
      expect((await h.ticket(id)).transcript.map((e) => e.text).slice(-2)).toEqual([
        'first',
        'second',
      ]);
    });
    // Nothing in flight any more: the post goes out.
    await vi.waitFor(() => expect(posted()).toEqual(['first\nsecond']));
    // Alone, a message goes to the desk at once.
    await u.says('third');
    expect(posted()).toEqual(['first\nsecond', 'third']);
  });

  it('under a steady stream of other users, a waiting post goes out within two seconds', async () => {
    await whileAnotherTurnIsInFlight(async (u, posted) => {
      const t0 = Date.now();
      await u.says('still there?');
      await vi.waitFor(() => expect(posted()).toEqual(['still there?']), { timeout: 3_000 });
      expect(Date.now() - t0).toBeGreaterThanOrEqual(1_900);
    });
  });

  it("a waiting post due while its own user's next turn is in flight goes out once, after it", async () => {
    await whileAnotherTurnIsInFlight(async (u, posted) => {
      await u.says('are you there?'); // put off: another user's turn is in flight
      // The user's own next turn stays in flight (its reply held) when the two seconds end.
      let release!: () => void;
      h.channel.holds.set('u1', new Promise<void>((r) => (release = r)));
      const status = u.command('status');
      const timers = vi.spyOn(globalThis, 'setTimeout');
      try {
        await new Promise((r) => setTimeout(r, 2_500));
        // The due post waits for that turn, and the timer is not set again and again meanwhile.
        expect(timers.mock.calls.length).toBeLessThan(10);
      } finally {
        timers.mockRestore();
        release();
        h.channel.holds.delete('u1');
      }
      await status;
      await vi.waitFor(() => expect(posted()).toEqual(['are you there?']));
    });
  });

  it('handles a redelivered message once', async () => {
    const u = h.user();
    await u.says('my withdrawal has been pending for 3 days', [], 'same-id');
    await u.says('my withdrawal has been pending for 3 days', [], 'same-id');
    expect(u.messages()).toHaveLength(1);
  });

  it('ignores an old button so a step cannot be replayed', async () => {
    const u = h.user();
    await u.says('my withdrawal has been pending for 3 days');
    const old = u.messages().at(-1)!.choices![1]!.id;
    await u.pressId(old);
    await u.says('TX-20261120-8F3K2Q9');
    await u.pressId(old);
    expect(u.lastText()).toMatch(/earlier step/);
  });
});

describe('agents on the desk', () => {
  it('keeps the card short and posts a long answer in full right under it', async () => {
    const u = h.user();
    const long = 'The agent hung up on me twice. '.repeat(30).trim();
    await u.says('talk to a human');
    while (!/Please check your case/.test(u.lastText())) {
      if (
        /describe|What|need help/i.test(u.lastText()) &&
        !u.lastChoices().some((c) => /Done/.test(c))
      )
        await u.says(long);
      else await u.press(/Skip|Done|I don't have one/);
    }
    await u.press(/Send to support/);
    const id = /T-[A-Z0-9]{7}/.exec(u.lastText())![0];
    const c = h.desk.live(id)!;
    expect(Math.max(...c.card.fields.map((f) => f.value.length))).toBeLessThanOrEqual(400);
    expect(c.posts[0]!.text).toContain(long);
  });

  it('a 3000-character story reaches the desk whole, once, and the summary echoes only its start', async () => {
    const u = h.user();
    const story = Array.from(
      { length: 40 },
      (_, i) =>
        `Step ${i + 1}: I opened the app and the withdrawal failed again with error E${i + 1}.`,
    ).join(' ');
    expect(story.length).toBeGreaterThan(2500);
    await u.says('I want to file a complaint');
    await u.says(story);
    while (!/Please check your case/.test(u.lastText()))
      await u.press(/Skip|Done|I don't have one/);
    expect(u.lastText()).not.toContain('error E40.');
    await u.press(/Send to support/);
    const id = /T-[A-Z0-9]{7}/.exec(u.lastText())![0];
    const posted = h.desk
      .live(id)!
      .posts.map((p) => p.text)
      .join('\n');
    expect(posted).toContain('error E40.');
    expect(posted.split('error E40.').length - 1).toBe(1);
  });

  it('waits for a brand-new case to be linked instead of refusing an agent who writes at once', async () => {
    const u = h.user();
    h.desk.openDelayMs = 400;
    await u.says('my withdrawal has been pending for 3 days');
    await u.press(/No, I still need help/);
    await u.says('TX-20261120-8F3K2Q9');
    while (!/Please check your case/.test(u.lastText())) await u.press(/Skip|Done/);
    const confirming = u.press(/Send to support/);
    while (!h.desk.cases.length) await new Promise((r) => setTimeout(r, 10));
    const id = h.desk.cases[0]!.card.ticketId;
    const r = await h.agent('Alice').reply(id, 'on it');
    await confirming;
    expect(r.ok).toBe(true);
    expect(u.lastText()).toMatch(/^💬 Alice · case T-[A-Z0-9]{7}: on it$/);
  });

  it('leaves words in a thread that is no case alone (quiet), at once', async () => {
    const r = await h.core.handleAgent({
      type: 'reply',
      desk: { platform: 'fakedesk', chatId: 'desk', threadId: 'general' },
      agent: { platform: 'fakedesk', userId: 'a1', displayName: 'Alice', isAgent: true },
      messageId: 'x1',
      text: 'hello',
      attachments: [],
    });
    expect(r).toEqual({ ok: false, text: 'This thread is not linked to any ticket.', quiet: true });
  });
});

describe('security', () => {
  it('refuses agent commands from someone who is not an agent', async () => {
    const id = await h.user().openWithdrawalCase();
    const mallory = h.agent('Mallory', false);
    const r = await mallory.command(id, 'close');
    expect(r).toEqual({ ok: false, text: 'Only support agents can do that here.' });
    expect((await h.ticket(id)).status).toBe('open');
  });

  it('masks a card number before it is stored or forwarded, and tells the user why', async () => {
    const u = h.user();
    const id = await u.openWithdrawalCase();
    await u.says('my card is 4111 1111 1111 1111 and cvv 123');
    expect(u.lastText()).toMatch(/never share/);
    const post = h.desk.live(id)!.posts.at(-1)!;
    expect(post.text).toBe('my card is •••• •••• •••• 1111 and cvv •••');
    const t = await h.ticket(id);
    expect(JSON.stringify(t)).not.toContain('4111 1111 1111 1111');
  });

  it('masks a password in the first message too, before the ticket keeps the user words', async () => {
    const u = h.user();
    await u.says("can't log in, my password is Hunter2!! and it says wrong");
    expect(u.texts()[0]).toMatch(/hid the password/);
    await u.press(/No, I still need help/);
    while (!/Please check your case/.test(u.lastText())) {
      if (u.lastChoices().some((c) => /Skip|Done/.test(c))) await u.press(/Skip|Done/);
      else await u.says('it says error 403');
    }
    await u.press(/Send to support/);
    const id = /T-[A-Z0-9]{7}/.exec(u.lastText())![0];
    expect(h.desk.live(id)!.card.userWords).not.toContain('Hunter2');
  });
});

describe('bad input', () => {
  it('answers an empty message with one open question', async () => {
    const u = h.user();
    await u.says('   ');
    expect(u.lastText()).toMatch(/what is the problem\?/);
    expect(u.lastChoices()).toEqual([]);
  });

  it('cuts 50 KB of text and says so', async () => {
    const u = h.user();
    await u.says('withdrawal pending '.repeat(2700));
    expect(u.texts().join('\n')).toMatch(/very long; I kept the first 4000 characters/);
  });

  it('answers only emoji with a menu of what it can do', async () => {
    const u = h.user();
    await u.says('😡😡😡🔥');
    expect(u.lastText()).toMatch(/not sure I understood|outside what I can help with/);
    expect(u.lastChoices()).toContain('🙋 Talk to a human');
  });

  it('a card number, expiry and code alone: masked, warned, and asked what it is about (it was "Goodbye!")', async () => {
    const u = h.user();
    await u.says('4111111111111111 12/27 123');
    const said = u.texts().join('\n');
    expect(said).toMatch(/I hid the card number/);
    expect(u.lastText()).toBe('Sure — what is the problem? Tell me in a few words.');
    expect(said).not.toMatch(/4111111111111111|12\/27|Goodbye/);
    await u.says('2');
    expect(u.lastText()).toBe('Sure — what is the problem? Tell me in a few words.');
  });

  it('strips control characters before anything is stored or forwarded', async () => {
    const u = h.user();
    const id = await u.openWithdrawalCase();
    await u.says('hello\u0000\u0007 \u202eworld');
    expect(h.desk.live(id)!.posts.at(-1)!.text).toBe('hello world');
  });

  it('re-prompts a wrong transaction id once with its example, then goes on without it', async () => {
    const u = h.user();
    await u.says('my withdrawal has been pending for 3 days');
    await u.press(/No, I still need help/);
    await u.says('abc');
    expect(u.lastText()).toMatch(/doesn't look like a transaction ID/);
    expect(u.lastText()).toMatch(/TX-20261120-8F3K2Q9/);
    expect(u.lastText()).not.toMatch(/10–32/);
    await u.says('12345');
    // The same question is never asked a third time.
    expect(u.texts().join('\n')).toMatch(/without a transaction ID/);
    expect(u.lastText()).toMatch(/How much/);
    while (!/Please check your case/.test(u.lastText())) await u.press(/Skip|Done/);
    expect(u.lastText()).toMatch(/Transaction ID: not provided/);
  });

  it('refuses an .exe renamed .png and keeps nothing of it', async () => {
    const u = h.user();
    await u.says('my withdrawal has been pending for 3 days');
    await u.press(/No, I still need help/);
    await u.says('TX-20261120-8F3K2Q9');
    await u.says('', [file(EXE, 'screenshot.png')]);
    expect(u.lastText()).toMatch(/only accept images \(PNG, JPEG, WebP\) or PDF/);
  });

  it('accepts a JPEG sent as a document and forwards it with the case', async () => {
    const u = h.user();
    await u.says('my withdrawal has been pending for 3 days');
    await u.press(/No, I still need help/);
    await u.says('TX-20261120-8F3K2Q9', [file(JPEG, 'proof.jpg')]);
    expect(u.texts().join('\n')).toMatch(/attached your file/);
  });

  it('asks for text or a screenshot when a sticker arrives', async () => {
    const u = h.user();
    await u.sends({ unsupported: 'sticker' });
    expect(u.lastText()).toMatch(/describe your problem in text or send a screenshot/);
  });

  it('refuses a file over 10 MB before downloading it', async () => {
    const u = h.user();
    let fetched = false;
    await u.says('payment failed', [
      { kind: 'document', size: 11 * 1024 * 1024, fetch: async () => ((fetched = true), PNG) },
    ]);
    expect(u.texts().join('\n')).toMatch(/larger than 10 MB/);
    expect(fetched).toBe(false);
  });
});

describe('a very long message', () => {
  it('is cut at the limit between characters, never inside an emoji (a half emoji reached the desk)', async () => {
    const u = h.user();
    await u.says(`a${'😡'.repeat(2500)}`);
    expect(u.texts().join('\n')).toMatch(/kept the first 4000 characters/);
    const conv = await h.core.repo.conversation('fake', 'u1');
    const kept = conv!.userWords ?? '';
    expect(kept.length).toBeGreaterThan(3990);
    expect(kept).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe('a user who may harm themselves', () => {
  it('on an open case: a caring line once, the case raised to urgent and flagged, the desk told to answer now', async () => {
    const u = h.user();
    const id = await u.openWithdrawalCase();
    await u.says("i can't take this anymore, i want to end my life");
    expect(u.lastText()).toMatch(/findahelpline\.com.*I've told the agent on case/s);
    const t = await h.ticket(id);
    expect([t.priority, t.flags]).toEqual(['urgent', ['distress']]);
    const posts = h.desk.live(id)!.posts.map((p) => p.text);
    expect(posts.join('\n')).toMatch(/may harm themselves/);
    expect(h.desk.live(id)!.card.fields).toContainEqual({
      label: '⚠️ Wellbeing',
      value: 'the user wrote they may harm themselves — answer now, with care',
    });
    // Said again: passed on, the caring line not repeated word for word.
    const before = u.texts().length;
    await u.says('i really want to die');
    expect(u.texts().slice(before)).toEqual([]);
  });
});

describe('a user who threatens our staff', () => {
  it('on an open case: a firm line once, the case flagged at its priority, the seniors told, the card shows it', async () => {
    const u = h.user();
    const id = await u.openWithdrawalCase();
    await u.says("I know where your office is, I'll come and hurt your agents");
    expect(u.lastText()).toMatch(/^I understand you're very angry\. Threats against our staff/);
    const t = await h.ticket(id);
    expect([t.priority, t.flags]).toEqual(['normal', ['threat']]);
    const told = h.desk.live(id)!.posts.filter((p) => /threatened violence/.test(p.text));
    expect(told).toHaveLength(1);
    expect(told[0]!.mentionSeniors).toBe(true);
    expect(h.desk.live(id)!.card.fields).toContainEqual({
      label: '⚠️ Threat',
      value:
        'the user threatened our staff or the company — a senior should review it; the priority was not raised',
    });
  });

  it('before a case: a case opened at once, flagged, at its own priority, the seniors told', async () => {
    const u = h.user();
    await u.says('我要去你们公司砍人');
    const id = /T-[A-Z0-9]{7}/.exec(u.lastText())?.[0];
    expect(id).toBeDefined();
    const t = await h.ticket(id!);
    expect([t.priority, t.flags]).toEqual(['normal', ['threat']]);
    expect(
      h.desk.live(id!)!.posts.some((p) => p.mentionSeniors && /threatened violence/.test(p.text)),
    ).toBe(true);
  });
});

describe('floods', () => {
  it('keeps every message of a flood on the ticket, answers once, and the desk gets them merged', async () => {
    const u = h.user();
    const id = await u.openWithdrawalCase();
    const before = u.messages().length;
    for (let i = 0; i < 30; i++) await u.says(`hello ${i}`);
    await h.core.flushOutbox();
    const t = await h.ticket(id);
    const said = t.transcript.filter((e) => e.from === 'user').map((e) => e.text);
    expect(said.filter((x) => x.startsWith('hello'))).toEqual(
      Array.from({ length: 30 }, (_, i) => `hello ${i}`),
    );
    const posted = h.desk
      .live(id)!
      .posts.map((p) => p.text)
      .join('\n');
    for (let i = 0; i < 30; i++) expect(posted).toContain(`hello ${i}`);
    expect(h.desk.live(id)!.posts.length).toBeLessThan(15);
    const replies = u.texts().slice(before);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(/very fast/);
  });

  it('a recovery phrase typed word by word, fast, on an open case is masked and raised as at any pace (the flood had kept it past the flow: on the desk in full, the case normal)', async () => {
    const u = h.user();
    const id = await u.openWithdrawalCase();
    const phrase =
      'adapt patrol eternal modify make run common noble salute lecture detail aim'.split(' ');
    for (const word of phrase) await u.says(word);
    await h.core.flushOutbox();
    const t = await h.ticket(id);
    expect(t.priority).toBe('urgent');
    const stored = t.transcript.map((e) => e.text).join('\n');
    const posted = h.desk
      .live(id)!
      .posts.map((p) => p.text)
      .join('\n');
    for (const where of [stored, posted]) expect(where).not.toMatch(/salute lecture detail aim/);
    expect(u.texts().join('\n')).toMatch(/recovery phrase/i);
  });

  it('a phrase pasted after a flood of "hello??" still gets its warning and raises the case', async () => {
    const u = h.user();
    const id = await u.openWithdrawalCase();
    for (let i = 0; i < 11; i++) await u.says('hello??');
    const before = u.texts().length;
    await u.says(
      'my recovery phrase is adapt patrol eternal modify make run common noble salute lecture detail aim',
    );
    expect(u.texts().slice(before).join('\n')).toMatch(/recovery phrase/i);
    expect((await h.ticket(id)).priority).toBe('urgent');
  });

  it('does not answer each message of a flood during intake, and keeps the words with the case', async () => {
    const u = h.user();
    await u.says('my withdrawal has been pending for 3 days');
    await u.press(/No, I still need help/);
    const before = u.messages().length;
    for (let i = 0; i < 25; i++) await u.says(`x${i}`);
    const replies = u.texts().slice(before);
    expect(replies.filter((r) => /very fast/.test(r))).toHaveLength(1);
    // After the one notice, nothing more is answered during the flood.
    const notice = replies.findIndex((r) => /very fast/.test(r));
    expect(replies.slice(notice + 1)).toEqual([]);
    // Every message still went through the flow: the id question was answered, then the rest.
    const conv = await h.core.repo.conversation('fake', 'u1');
    expect(conv!.recent.length).toBeGreaterThanOrEqual(25);
  });

  it('still acts on "I need a human" sent during a flood (nothing is dropped)', async () => {
    const u = h.user();
    await u.says('my withdrawal has been pending for 3 days');
    for (let i = 0; i < 12; i++) await u.says(`hello ${i}`);
    await u.says('I need a human agent please');
    const conv = await h.core.repo.conversation('fake', 'u1');
    // On the way to an agent (collecting what they need, or at the summary), not dropped.
    expect(['collecting', 'confirming']).toContain(conv!.phase);
    expect(conv!.intent).toBe('withdrawal_pending');
  });
});
