import { afterEach, describe, expect, it } from 'vitest';
import { PNG } from '../support/fakes.ts';
import { file, Harness } from '../support/harness.ts';

/** The desk a support team runs a shift on, through the real core (fake desk port). */
let h: Harness | undefined;
afterEach(async () => {
  await h?.dispose();
  h = undefined;
});

const MIN = 60_000;

async function openCase(
  h: Harness,
  words = 'my withdrawal has been pending for 3 days',
  user = 'u1',
  lang?: string,
) {
  const u = h.user(user, lang);
  const before = u.texts().length;
  await u.says(words);
  // A fraud or security report opens its case at once (protective steps, no questions first).
  const atOnce = /T-[A-Z0-9]{7}/.exec(u.texts().slice(before).join('\n'));
  if (atOnce) return { u, id: atOnce[0] };
  await u.press(/No, I still need help|No, report it|没有解决|還沒解決|仍未解決|不是我/);
  await u.says('TX-20261120-8F3K2Q9');
  while (!/Please check your case|请确认|請確認/.test(u.lastText()))
    await u.press(/Skip|Done|跳过|完成|跳過/);
  await u.press(/Send to support|提交给客服|送出給客服|提交給客服/);
  const id = /T-[A-Z0-9]{7}/.exec(u.lastText())![0];
  return { u, id };
}

/** A withdrawal case whose user gave the amount ("500 USDT", "NT$3,000"). */
async function openCaseWithAmount(h: Harness, amount: string, user = 'u1') {
  const u = h.user(user);
  await u.says('my withdrawal has been pending for 3 days');
  await u.press(/No, I still need help/);
  await u.says('TX-20261120-8F3K2Q9');
  while (!/Please check your case/.test(u.lastText())) {
    if (/How much was it/.test(u.lastText())) await u.says(amount);
    else await u.press(/Skip|Done/);
  }
  await u.press(/Send to support/);
  const id = /T-[A-Z0-9]{7}/.exec(u.lastText())![0];
  return { u, id };
}

describe('handover', () => {
  it('lets any agent take over a case held by an absent one, and hand it to another by @name', async () => {
    h = await Harness.create();
    const { id, u } = await openCase(h);
    const alice = h.agent('Alice');
    const bob = h.agent('Bob');
    await alice.claim(id);
    // Bob writes in the desk once, so the bot knows him.
    await bob.anywhere('snippets');
    expect((await bob.claim(id)).text).toMatch(/claimed by Alice.*\/transfer/);
    const took = await bob.command(id, 'transfer', '', bob.identity);
    expect(took.ok).toBe(true);
    expect(h.desk.live(id)!.card.assignee).toBe('Bob');
    expect(h.desk.live(id)!.posts.at(-1)!.text).toMatch(/now with Bob \(moved by Bob\)/);
    await bob.command(id, 'transfer', '@alice');
    expect(h.desk.live(id)!.card.assignee).toBe('Alice');
    // The user is told who has it now.
    expect(u.lastText()).toBe(
      `Your case ${id} is now with Alice, who has everything you wrote. Anything you send here goes to them.`,
    );
    expect((await bob.command(id, 'transfer', '@nobody')).text).toMatch(/don't know an agent/);
    const stranger = { ...h.agent('Eve', false).identity };
    expect((await bob.command(id, 'transfer', '', stranger)).text).toMatch(
      /Eve is not a support agent/,
    );
    expect(h.desk.live(id)!.card.assignee).toBe('Alice');
  });

  it('the user hears that an agent has the case when it is claimed, in their language; STAFF_ALIAS keeps the name back (claims were invisible to them)', async () => {
    h = await Harness.create();
    const en = await openCase(h);
    await h.agent('Alice').claim(en.id);
    expect(en.u.lastText()).toBe(
      `Alice from our support team is now looking at your case ${en.id}.`,
    );
    const hk = await openCase(h, '我提款三日都未到賬', 'u2', 'zh-hk');
    await h.agent('Bob').claim(hk.id);
    expect(hk.u.lastText()).toBe(`客服 Bob 正在處理您的個案 ${hk.id}。`);
    await h.dispose();
    h = await Harness.create({ staffAlias: 'Support|客服' });
    const zh = await openCase(h, '我的提现三天了还没到账', 'u3', 'zh');
    await h.agent('Alice').claim(zh.id);
    expect(zh.u.lastText()).toBe(`客服正在处理您的工单 ${zh.id}。`);
  });

  it('/unclaim puts the case back in the queue', async () => {
    h = await Harness.create();
    const { id } = await openCase(h);
    const alice = h.agent('Alice');
    await alice.claim(id);
    expect((await alice.command(id, 'unclaim')).text).toMatch(/back in the queue/);
    expect(h.desk.live(id)!.card.status).toBe('open');
    expect(h.desk.live(id)!.card.assignee).toBeUndefined();
  });

  it("another agent's /unclaim or /transfer of a held case: its holder is told in the case, the words name who holds it", async () => {
    h = await Harness.create();
    const { id } = await openCase(h);
    const alice = h.agent('Alice');
    const bob = h.agent('Bob');
    await alice.claim(id);
    await alice.anywhere('snippets');
    expect((await bob.command(id, 'transfer', '@alice')).text).toBe(`Alice already holds ${id}.`);
    expect((await alice.command(id, 'transfer', '@alice')).text).toBe(`You already hold ${id}.`);
    await bob.command(id, 'unclaim');
    expect(h.desk.live(id)!.posts.at(-1)!.text).toBe(
      `↩️ Bob put ${id} back in the queue; it was Alice's.`,
    );
  });
});

describe('a user who sends what the agent asked for after the case closed', () => {
  it.each([
    [
      'at the stars',
      [] as RegExp[],
      'sorry was at work. TXID TX-20261120-8F3K2Q9 and his address is 0x71C7656EC7ab88b098defB751B7401B5f6d8976F',
    ],
    [
      'after the stars',
      [/^⭐⭐⭐$/],
      'wait, one more thing: the deposit address I used is TXyZ8kQ4m3n2p1q9r8s7t6u5v4w3x2y1z9',
    ],
  ])('%s: it goes to the case, open again, and the agent sees it', async (_at, before, words) => {
    h = await Harness.create();
    const { u, id } = await openCase(h);
    const alice = h.agent('Alice');
    await alice.claim(id);
    await alice.reply(id, "Could you send me the TXID and your friend's address?");
    await alice.command(id, 'close');
    for (const label of before) await u.press(label);
    await u.says(words);
    expect(u.lastText()).toMatch(
      new RegExp(`^Thanks — I've added that to case ${id} and opened it again`),
    );
    expect((await h.ticket(id)).status).toBe('claimed');
    const posts = h.desk.live(id)!.posts.map((p) => p.text);
    expect(posts.join('\n')).toContain(words);
    // More details, not "not solved", on the desk and in the transcript.
    expect(posts.at(-1)).toMatch(
      new RegExp(`The user sent more details for ${id} after it closed`),
    );
    const t = await h.ticket(id);
    expect(t.transcript.some((e) => e.event?.key === 'reopenedWithInfo')).toBe(true);
  });
});

describe('a question for the agent, sent right after the close', () => {
  it.each([
    [
      'en',
      'wait, one more question: will I get the bank fee back?',
      /^I've opened case (T-\w+) again and passed your question to the agent/,
    ],
    ['en', "hello? I didn't get an answer to my question", /^I've opened case (T-\w+) again/],
    [
      'zh',
      '等一下，我还有个问题：手续费能退吗？',
      /^已为您重新打开工单 (T-\w+)，并把您的问题转给了客服/,
    ],
  ] as const)(
    'reaches the agent, the case open again — not a survey comment nobody answers (returning-users review): %s %s',
    async (lang, words, said) => {
      h = await Harness.create();
      const { u, id } = await openCase(
        h,
        lang === 'en' ? undefined : '我的提现三天了还没到账',
        'u1',
        lang === 'en' ? undefined : 'zh-hans',
      );
      const alice = h.agent('Alice');
      await alice.claim(id);
      await alice.reply(id, lang === 'en' ? 'We resent it.' : '已经重新发出了。');
      await alice.command(id, 'close');
      await u.says(words);
      expect(u.lastText()).toMatch(said);
      const t = await h.ticket(id);
      expect(t.status).toBe('claimed');
      expect(t.rating).toBeUndefined();
      const posts = h.desk
        .live(id)!
        .posts.map((p) => p.text)
        .join('\n');
      expect(posts).toContain(words);
      expect(posts).toMatch(new RegExp(`The user asked a question about ${id} after it closed`));
    },
  );
});

describe('a manager asked for after a poor rating', () => {
  it('opens the case again for the senior agents, priority high, the stars kept — it had been a comment nobody followed up (returning-users review)', async () => {
    h = await Harness.create();
    const { u, id } = await openCase(h);
    const alice = h.agent('Alice');
    await alice.claim(id);
    await alice.reply(id, 'We resent it.');
    await alice.command(id, 'close');
    await u.press(/^⭐$/);
    await u.says('I want to speak to a manager');
    expect(u.lastText()).toBe(
      `I'm sorry. I've opened case ${id} again and passed it to a senior agent for review, with a higher priority — you'll get the answer here.`,
    );
    const t = await h.ticket(id);
    expect(t.status).not.toBe('closed');
    expect(t.escalated).toBeDefined();
    expect(t.priority).toBe('high');
    expect(t.transcript.some((e) => e.event?.key === 'ratedBeforeReopen')).toBe(true);
    const last = h.desk.live(id)!.posts.at(-1)!;
    expect(last.text).toMatch(
      new RegExp(`The user asked for a manager about ${id} after it closed`),
    );
    expect(last.mentionSeniors).toBe(true);
  });
});

describe('another problem told on a case an agent is answering', () => {
  it('said to be another matter, goes on the card and the user is told — it had been swallowed, and the case closed with it unanswered (returning-users review)', async () => {
    h = await Harness.create();
    const { u, id } = await openCase(h);
    const alice = h.agent('Alice');
    await alice.claim(id);
    await alice.reply(id, 'We resent it, should arrive within 24h.');
    await u.says('also, separate issue: my card payment at Amazon failed yesterday, 49.99 USD');
    expect(u.lastText()).toMatch(new RegExp(`passed that on with case ${id} too.*Payment failed`));
    expect((await h.ticket(id)).also).toEqual(['payment_failed']);
    expect(h.desk.live(id)!.card.fields).toContainEqual(
      expect.objectContaining({
        label: 'Also reported',
        value: expect.stringMatching(/Payment failed/),
      }),
    );
    // Words of the conversation with the agent stay that ("ok login works now").
    const before = u.texts().length;
    await u.says('ok thanks, I will check my bank app tomorrow');
    expect(u.texts().length).toBe(before);
  });
});

describe('a screenshot the agent asked for, sent after the close', () => {
  it('reaches the case, open again, as a file — it was dropped and the desk told "missing on this instance" (returning-users review)', async () => {
    h = await Harness.create();
    const { u, id } = await openCase(h);
    const alice = h.agent('Alice');
    await alice.claim(id);
    await alice.reply(id, 'Please send a screenshot of the withdrawal page.');
    await alice.command(id, 'close');
    await u.says('', [file(PNG)]);
    expect(u.lastText()).toMatch(new RegExp(`added that to case ${id} and opened it again`));
    const posts = h.desk.live(id)!.posts;
    expect(posts.some((p) => p.files?.length === 1 && p.files[0]!.mimeType === 'image/png')).toBe(
      true,
    );
    expect(posts.map((p) => p.text).join('\n')).not.toMatch(/missing on this instance/);
  });
});

describe("a case opened at once (payments not the user's)", () => {
  it('takes the answers to what it asked after into its card ("HK$2380", "yesterday evening"), and asks for screenshots without a scammer in the story', async () => {
    h = await Harness.create();
    const u = h.user();
    await u.says("there are card payments I didn't make, someone is using my card");
    expect(u.lastText()).toMatch(/Screenshots of the transaction or anything else that helps/);
    const [t0] = await h.tickets();
    await u.says('HK$2380');
    expect(u.lastText()).toMatch(/^I noted “HK\$2,380” on your case/);
    await u.says('yesterday evening');
    const t = await h.ticket(t0!.id);
    expect(t.fields['amount']).toBe('2380 HKD');
    expect(t.fields['date']).toBeDefined();
  });
});

describe('the TXID the agent asked for, sent after the survey is over', () => {
  it('goes to that case, open again (third outside review: "is it about one of these?" and no case)', async () => {
    h = await Harness.create();
    const { u, id } = await openCase(h);
    const alice = h.agent('Alice');
    await alice.claim(id);
    await alice.reply(id, 'Please send the TXID when you have it.');
    await alice.command(id, 'close');
    await u.press(/^⭐$/);
    await u.says('no');
    await u.says('here is the txid TX-20261120-8F3K2Q9');
    expect(u.lastText()).toMatch(new RegExp(`added that to case ${id} and opened it again`));
    expect((await h.ticket(id)).status).toBe('claimed');
  });
});

describe('a user waiting on an open case', () => {
  it('asks "anyone there?": it goes to the desk, and the user hears the wait, then who has the case', async () => {
    h = await Harness.create();
    const { u, id } = await openCase(h, 'someone took 500 USDT from my account, i did not do it');
    await u.says('hello?? anyone there');
    // An urgent case: the urgent wait, not the normal one.
    expect(u.lastText()).toMatch(new RegExp(`with the agents on case ${id}\\. Urgent cases`));
    await h.agent('Alice').claim(id);
    await u.says('how long do i have to wait??');
    expect(u.lastText()).toMatch(new RegExp(`with Alice, who is handling case ${id}`));
    expect(
      h.desk
        .live(id)!
        .posts.map((p) => p.text)
        .join('\n'),
    ).toMatch(/anyone there[\s\S]*how long do i have to wait/);
  });
});

describe('a user who says the closed case is not solved', () => {
  it.each([
    ['at the stars', [] as RegExp[], '我查了银行卡 还是没有啊 工单怎么就关了'],
    ['after a low rating', [/^⭐$/], '还是没到账啊 你们说1到3个工作日 今天都第四天了'],
  ])('%s: the case opens again with their words, the agent is told', async (_at, before, words) => {
    h = await Harness.create();
    const { u, id } = await openCase(h, '我的提现三天了还没到账', 'u1', 'zh');
    const alice = h.agent('Alice');
    await alice.claim(id);
    await alice.reply(id, '已经发出，今天会到账。');
    await alice.command(id, 'close');
    for (const label of before) await u.press(label);
    await u.says(words);
    expect(u.lastText()).toMatch(new RegExp(`已为您重新打开工单 ${id}`));
    const t = await h.ticket(id);
    expect(t.status).toBe('claimed');
    expect(t.assignee?.displayName).toBe('Alice');
    expect(t.rating).toBeUndefined();
    const posts = h.desk.live(id)!.posts.map((p) => p.text);
    expect(posts.join('\n')).toContain(words);
    expect(posts.at(-1)).toMatch(/not solved: the case is open again/);
    // The stars given first are told to the desk and kept in the transcript (they were lost).
    if (before.length) {
      expect(posts.at(-1)).toMatch(
        new RegExp(`The user rated ${id} 1/5 and says it is not solved`),
      );
      expect(t.transcript.some((e) => e.event?.key === 'ratedBeforeReopen')).toBe(true);
    }
    expect(h.desk.live(id)!.card.status).toBe('claimed');
    // The topic opened before their words were posted into it.
    expect(h.desk.live(id)!.postedWhileClosed ?? 0).toBe(0);
    // What they write next goes to the case.
    await u.says('单号 TX-20261120-8F3K2Q9');
    expect((await h.ticket(id)).transcript.at(-1)!.text).toMatch(/TX-20261120-8F3K2Q9/);
  });
});

describe('escalation', () => {
  it('/escalate raises the priority, marks the card, calls the seniors and tells the user', async () => {
    h = await Harness.create();
    const { u, id } = await openCase(h);
    await h.agent('Alice').command(id, 'escalate', 'customer threatens legal action');
    const c = h.desk.live(id)!;
    expect(c.card.priority).toBe('high');
    expect(c.card.title).toMatch(/⬆️/);
    expect(c.posts.some((p) => p.mentionSeniors && /escalated/.test(p.text))).toBe(true);
    expect(u.lastText()).toMatch(/senior agent is taking over your case/);
    // Escalated again: the seniors are called again and the agent hears it was escalated already
    // (it read as a first escalation, written twice in the transcript: the desk-shift review);
    // the user is not told twice, and the targets are not pushed back.
    const due = (await h.ticket(id)).sla;
    const again = await h.agent('Bob').command(id, 'escalate', 'still waiting on compliance');
    expect(again.text).toBe(
      `⬆️ ${id} was already escalated; the senior agents are called again (still waiting on compliance).`,
    );
    expect(u.texts().filter((x) => /senior agent is taking over/.test(x))).toHaveLength(1);
    expect(c.posts.filter((p) => p.mentionSeniors && /escalated/.test(p.text))).toHaveLength(2);
    const t = await h.ticket(id);
    expect(t.sla).toEqual(due);
    expect(t.escalated?.by).toBe('Alice');
    expect(
      t.transcript.filter((e) => e.event?.key.startsWith('escalated')).map((e) => e.text),
    ).toEqual([
      'escalated to a senior agent by Alice: customer threatens legal action',
      'senior agents called again by Bob: still waiting on compliance',
    ]);
    expect((await h.agent('Alice').command(id, 'escalate')).text).not.toMatch(/nobody/);
  });

  it('/escalate with no senior tier set up tells the agent that nobody was notified', async () => {
    h = await Harness.create();
    h.desk.hasSeniors = false;
    const { id } = await openCase(h);
    const r = await h.agent('Alice').command(id, 'escalate', 'legal threat');
    expect(r.text).toMatch(
      /escalated to the senior agents.*No senior agents are set up.*nobody was notified/,
    );
    // On a Chinese desk the two sentences follow without a space ("优先级：高。 尚未": the
    // desk-shift review).
    const zh = await Harness.create({ deskLocale: 'zh-Hans' });
    zh.desk.hasSeniors = false;
    const other = await openCase(zh);
    const told = await zh.agent('Alice').command(other.id, 'escalate');
    await zh.dispose();
    expect(told.text).toMatch(/优先级：高。尚未设置高级客服/);
    // The user is promised no senior agent nobody called (the desk-shift review).
    expect(h.user('u1').lastText()).toBe(
      `Your case ${id} has been given a higher priority, so it will be looked at sooner.`,
    );
  });

  it("an escalation reason or a note holding the user's card, CVV, password or code keeps only the mask (card, transcript, seniors' call)", async () => {
    h = await Harness.create();
    const { id } = await openCase(h);
    const alice = h.agent('Alice');
    await alice.command(id, 'escalate', 'card 4111 1111 1111 1111 cvv 123 pw Hunter2!xyz');
    await alice.command(
      id,
      'note',
      '卡号 5500005555555559 安全码 456 密码 abc12345，验证码 778899',
    );
    const c = h.desk.live(id)!;
    const t = await h.ticket(id);
    const everything = JSON.stringify(c) + JSON.stringify(t);
    for (const secret of [
      '4111 1111 1111 1111',
      'Hunter2!xyz',
      'cvv 123',
      '5500005555555559',
      '安全码 456',
      'abc12345',
      '778899',
    ])
      expect(everything).not.toContain(secret);
    expect(t.escalated?.reason).toMatch(/card •••• •••• •••• 1111/);
    expect(t.transcript.at(-1)!.text).toMatch(/^卡号 •••• •••• •••• 5559 安全码 •••/);
  });

  it('a complaining user who asks for a manager opens an escalated case', async () => {
    h = await Harness.create();
    const u = h.user();
    await u.says('I want to file a complaint, your support ignored me for a week');
    await u.says('get me your manager');
    expect(u.texts().join('\n')).toMatch(
      /once your case is sent, a senior agent will take it over/,
    );
    await u.says('they closed my ticket twice without answering');
    while (!/Please check your case/.test(u.lastText())) await u.press(/Skip|Done/);
    await u.press(/Send to support/);
    const id = /T-[A-Z0-9]{7}/.exec(u.lastText())![0];
    const t = await h.ticket(id);
    expect(t.escalated).toBeDefined();
    expect(h.desk.live(id)!.posts.some((p) => p.mentionSeniors)).toBe(true);
  });
});

describe('a reply that starts with a desk command', () => {
  it('is not sent ("@note …", "/close" typed as a reply by habit); plain words are', async () => {
    h = await Harness.create();
    const { u, id } = await openCase(h);
    const alice = h.agent('Alice');
    const before = u.texts().length;
    for (const typed of ['@note accidental', '/close', ' /transfer Bob']) {
      const r = await alice.reply(id, typed);
      expect(r.ok).toBe(false);
      expect(r.text).toMatch(/Not sent: it starts with/);
    }
    expect(u.texts().length).toBe(before);
    expect((await alice.reply(id, 'Note: the refund left us today.')).ok).toBe(true);
    expect(u.lastText()).toMatch(/Note: the refund left us today\./);
  });

  it('is not sent when it reads as an internal note ("note: user seems to be lying", "internal: …", "备注：…"); "Note: …" to the user is', async () => {
    h = await Harness.create();
    const { u, id } = await openCase(h);
    const alice = h.agent('Alice');
    const before = u.texts().length;
    for (const typed of [
      'note: user seems to be lying, check KYC',
      'internal: double-check the ARN',
      '备注：用户情绪激动，先安抚',
      'NB - customer asked for a refund twice',
      // A third outside review's.
      'note: probably friendly fraud, wife used card',
      'FYI this guy already had 3 chargebacks last month, be careful',
      'pls check with compliance before refunding, user looks like a scammer',
      'btw customer is lying, the order was delivered',
      // The desk-shift review's (each reached the user).
      '這個客人好煩，先晾著',
      'he is probably lying, ignore',
      '这个用户在骗人，别理他',
      '呢個客好煩，唔好理佢',
      'TODO ask finance',
      '//internal check AML flag',
      "btw I think he's lying lol",
      '[note] escalate later',
      '(internal) wait for finance',
      '这人估计是骗子，别退款',
      // The re-test's.
      'note: check with finance',
      'Note: check with finance',
      '# internal: wait for finance',
      'pls ignore this user',
      'FYI team, this one is a repeat customer',
    ]) {
      const r = await alice.reply(id, typed);
      expect(r.ok, typed).toBe(false);
      expect(r.text, typed).toMatch(/Not sent: it reads as an internal note/);
    }
    expect(u.texts().length).toBe(before);
    expect((await alice.reply(id, 'Note: withdrawals take 1–3 business days.')).ok).toBe(true);
    expect((await alice.reply(id, 'Each user has a daily limit of 10,000 USDT.')).ok).toBe(true);
    expect((await alice.reply(id, 'If that person calls again, hang up.')).ok).toBe(true);
    // About the scammer, to the user: sent.
    expect((await alice.reply(id, "He's lying: we never call you. Block him.")).ok).toBe(true);
    expect((await alice.reply(id, '别理他，直接拉黑举报。')).ok).toBe(true);
  });
});

describe("a reply with the user's recovery phrase in it", () => {
  it('is held, not sent with the words cut out; the seniors see it', async () => {
    h = await Harness.create();
    const { u, id } = await openCase(h);
    const before = u.texts().length;
    const r = await h
      .agent('Alice')
      .reply(
        id,
        'I see you sent legal winner thank year wave sausage worth useful legal winner thank yellow, please move your funds',
      );
    expect(r.ok).toBe(false);
    expect(r.text).toMatch(/^Not sent: it contains a recovery phrase or a private key/);
    expect(u.texts().length).toBe(before);
    const held = h.desk.live(id)!.posts.find((p) => /contained a recovery phrase/.test(p.text));
    expect(held?.mentionSeniors).toBe(true);
    expect(JSON.stringify(await h.ticket(id))).not.toMatch(/sausage/);
  });
});

describe('a reply asking for a secret in other words, or hiding the words (abuse review)', () => {
  it('is held: checked as the user reads it (a zero-width space in "seed" had been stripped after the check); warnings and help go through', async () => {
    h = await Harness.create();
    const { u, id } = await openCase(h);
    const before = u.texts().length;
    for (const reply of [
      'tell me the digits you got by text',
      'what code did the app show?',
      'can you confirm your login PIN',
      'type the 2FA here so I can unlock',
      '把你手机收到的数字发我',
      'send your 0TP',
      'please send your seеd phrase',
      'please send your r e c o v e r y  p h r a s e',
      'please send your s\u200beed phrase',
    ]) {
      const r = await h.agent('Alice').reply(id, reply);
      expect(r.ok, reply).toBe(false);
      expect(r.text, reply).toMatch(/never ask for/);
    }
    expect(u.texts().length).toBe(before);
    const held = h.desk
      .live(id)!
      .posts.filter((p) => /asked the user for a recovery phrase/.test(p.text));
    expect(held.length).toBe(9);
    expect(held.every((p) => p.mentionSeniors)).toBe(true);
    expect(JSON.stringify(await h.ticket(id))).not.toMatch(/seed phrase|digits you got/);
    for (const reply of [
      'never share your OTP with anyone',
      '请不要把验证码告诉任何人',
      'enter the code in the app, not here',
      '请在 App 里输入验证码',
    ]) {
      expect((await h.agent('Alice').reply(id, reply)).ok, reply).toBe(true);
      expect(u.lastText()).toContain(reply);
    }
  });

  it("the user's phrase pasted back with look-alike letters (a Cyrillic е) is held like the phrase itself", async () => {
    h = await Harness.create();
    const { u, id } = await openCase(h);
    const before = u.texts().length;
    const r = await h
      .agent('Alice')
      .reply(
        id,
        'you sent lеgal winnеr thank yеar wavе sausagе worth usеful lеgal winnеr thank yеllow',
      );
    expect(r.ok).toBe(false);
    expect(r.text).toMatch(/^Not sent: it contains a recovery phrase or a private key/);
    expect(u.texts().length).toBe(before);
    expect(JSON.stringify(await h.ticket(id))).not.toMatch(/sausag/);
  });
});

describe('a reply telling the user to move or pay funds to an address (abuse review)', () => {
  it('is held — "safe address", "verification deposit" — the agent told why, the seniors see it; advice to move to a wallet of their own goes through', async () => {
    h = await Harness.create();
    const { u, id } = await openCase(h, '我的提现三天了还没到账');
    const before = u.texts().length;
    for (const reply of [
      'please move your funds to this safe address 0x9f8e7d6c5b4a39281706f5e4d3c2b1a098765432 to protect them',
      '请把资产转到这个安全地址 TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE',
      'to unlock, send 50 USDT verification deposit to TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE',
    ]) {
      const r = await h.agent('Alice').reply(id, reply);
      expect(r.ok, reply).toBe(false);
      expect(r.text, reply).toMatch(
        /^Not sent: it asks the user to move or pay funds to an address/,
      );
    }
    expect(u.texts().length).toBe(before);
    const held = h.desk
      .live(id)!
      .posts.filter((p) => /move or pay funds to an address/.test(p.text));
    expect(held.length).toBe(3);
    expect(held.every((p) => p.mentionSeniors)).toBe(true);
    expect(JSON.stringify(await h.ticket(id))).not.toMatch(/TQn9Y2|0x9f8e7d/);
    const advice =
      '如果有人让您把资产转到“安全地址”，那是诈骗；请在 App 里转到只有您自己掌控的新钱包。';
    expect((await h.agent('Alice').reply(id, advice)).ok).toBe(true);
    expect(u.lastText()).toContain(advice);
  });
});

describe('a reply giving a handle, phone number or e-mail address to reach us elsewhere (abuse review)', () => {
  it('is held, the seniors see a handle or e-mail address it gave (a phone number alone is told without them); the official ones (AGENT_CONTACTS, e-mail at an AGENT_LINK_DOMAINS domain) go through', async () => {
    h = await Harness.create({
      agentContacts: ['@OurWallet', '+1 800 555 0199'],
      linkDomains: ['wallet.example'],
    });
    const { u, id } = await openCase(h);
    const before = u.texts().length;
    const held: Array<[string, RegExp]> = [
      [
        'contact our VIP desk at @wallet_support_vip or +1 555 0100',
        /gives the user @wallet_support_vip, \+1 555 0100 to reach someone outside this chat/,
      ],
      ['message @wallet_help for faster service', /@wallet_help/],
      ['call +1 555 0100', /\+1 555 0100/],
      // (A contact, not "a link to alice.support, gmail.com".)
      ['email me at alice.support@gmail.com', /gives the user alice\.support@gmail\.com/],
    ];
    for (const [reply, why] of held) {
      const r = await h.agent('Alice').reply(id, reply);
      expect(r.ok, reply).toBe(false);
      expect(r.text, reply).toMatch(why);
    }
    expect(u.texts().length).toBe(before);
    const posts = h.desk.live(id)!.posts.filter((p) => /sent the user elsewhere/.test(p.text));
    expect(posts.length).toBe(3);
    expect(posts[0]!.text).toMatch(/@wallet_support_vip, \+1 555 0100/);
    expect(posts.every((p) => p.mentionSeniors)).toBe(true);
    // A phone number alone: told in the case, no senior called (agent-guard.ts unlistedNotice).
    const phone = h.desk.live(id)!.posts.filter((p) => /gave the user \+1 555 0100,/.test(p.text));
    expect(phone.length).toBe(1);
    expect(phone[0]!.mentionSeniors).toBeFalsy();
    const official =
      'News on @OurWallet; our hotline is +1 800 555 0199, or write to support@wallet.example.';
    expect((await h.agent('Alice').reply(id, official)).ok).toBe(true);
    expect(u.lastText()).toContain(official);
  });
});

describe("a reply writing back the user's own code or password (abuse review)", () => {
  it("is held, never in the transcript; the user's values are kept only as salted prints", async () => {
    h = await Harness.create();
    const { u, id } = await openCase(h);
    await h.agent('Alice').claim(id);
    await u.says('code was 482913');
    await u.says('my password is Hunter2!2024');
    const before = u.texts().length;
    for (const reply of ['is your code 482913?', 'was the password Hunter2!2024?']) {
      const r = await h.agent('Alice').reply(id, reply);
      expect(r.ok, reply).toBe(false);
      expect(r.text, reply).toMatch(/^Not sent: it repeats a code or password the user sent/);
    }
    expect(u.texts().length).toBe(before);
    const held = h.desk.live(id)!.posts.filter((p) => /repeated a code or password/.test(p.text));
    expect(held.length).toBe(2);
    expect(held.every((p) => p.mentionSeniors)).toBe(true);
    expect(JSON.stringify(await h.ticket(id))).not.toMatch(/482913|Hunter2/);
    const conv = await h.core.repo.conversation('fake', 'u1');
    expect(conv?.secretPrints?.length).toBe(2);
    expect(JSON.stringify(conv)).not.toMatch(/482913|Hunter2/);
    // Saying it without the value goes through.
    expect((await h.agent('Alice').reply(id, 'The code you sent has expired.')).ok).toBe(true);
  });
});

describe("an agent's display name shown to the user (abuse review)", () => {
  it('is plain text: tags and bidi controls taken out ("\\u202eTeam" had shown reversed), on the claim and on every reply', async () => {
    h = await Harness.create();
    const { u, id } = await openCase(h);
    const agent = h.agent('<b>Support</b> (official) \u202eTeam\u200b');
    await agent.claim(id);
    expect(u.lastText()).toMatch(/^Support \(official\) Team from our support team is now looking/);
    expect((await agent.reply(id, 'We found it: your bank returned it.')).ok).toBe(true);
    expect(u.lastText()).toBe(
      `💬 Support (official) Team · case ${id}: We found it: your bank returned it.`,
    );
    expect(u.texts().join('\n')).not.toMatch(/[<>\u202a-\u202e\u2066-\u2069\u200b]/);
    // A reply kept before names were cleaned (pending, sent with the next) reaches the user clean.
    const t = await h.ticket(id);
    await h.core.repo.saveTicket({
      ...t,
      transcript: [
        ...t.transcript,
        {
          at: t.transcript.at(-1)!.at,
          from: 'agent',
          authorId: 'agent-old',
          authorName: '\u202eBob <i>admin</i>',
          text: 'Resending today.',
          delivery: 'pending',
        },
      ],
    });
    await agent.reply(id, 'Anything else?');
    expect(u.texts().slice(-2)).toEqual([
      `💬 Bob admin · case ${id}: Resending today.`,
      `💬 Support (official) Team · case ${id}: Anything else?`,
    ]);
  });
});

describe('a reply in another language or script than the user reads', () => {
  it('is delivered, and the agent told which the user reads', async () => {
    h = await Harness.create();
    const { id } = await openCase(h, '我的提領三天了還沒到帳', 'u1', 'zh');
    const alice = h.agent('Alice');
    const simplified = await alice.reply(id, '您好，我们正在处理您的提现');
    expect(simplified.text).toMatch(
      /The user reads Traditional Chinese; this reply was in Simplified Chinese\./,
    );
    expect((await alice.reply(id, "Hi, I'm checking it now")).text).toMatch(
      /this reply was in English/,
    );
    const traditional = await alice.reply(id, '您好，我們正在處理您的提領');
    expect(traditional.quiet).toBe(true);
    // A link alone is in no language (re-test review: warned as English).
    expect((await alice.reply(id, 'https://wallet.example/help/withdrawals')).quiet).toBe(true);
    const en = await openCase(h, 'my withdrawal has been pending for 3 days', 'u2');
    expect((await alice.reply(en.id, '你好，请问进度怎么样了')).text).toMatch(
      /The user reads English; this reply was in Simplified Chinese/,
    );
    // An amount written against the Chinese is no reason to miss it.
    expect((await alice.reply(id, '您的500USDT提现已经发出，请稍候')).text).toMatch(
      /this reply was in Simplified Chinese/,
    );
  });
  it('follows the user who switches language on an open case: agents are told once, replies are framed and checked in the new one (the case kept its first language: Chinese replies were "wrong" and framed in English)', async () => {
    h = await Harness.create();
    const { u, id } = await openCase(h);
    const alice = h.agent('Alice');
    await alice.claim(id);
    await u.says('我现在很着急，什么时候能到账？');
    const t = await h.ticket(id);
    expect([t.lang, t.script]).toEqual(['zh', 'Hans']);
    expect(t.transcript.at(-1)).toMatchObject({
      from: 'system',
      event: { key: 'userWritesSimplified' },
    });
    const told = h.desk.live(id)!.posts.filter((p) => /now writes in/.test(p.text));
    expect(told.map((p) => p.text)).toEqual([
      `🌐 The user now writes in Simplified Chinese on ${id}; the bot answers them in it. Please reply in Simplified Chinese.`,
    ]);
    const reply = await alice.reply(id, '我们正在处理，请稍等');
    expect(reply.quiet).toBe(true);
    expect(u.lastText()).toBe(`💬 Alice · 工单 ${id}：我们正在处理，请稍等`);
    expect((await alice.reply(id, "Hi, I'm checking it now")).text).toMatch(
      /The user reads Simplified Chinese; this reply was in English/,
    );
    // More Chinese, in the same script: nothing more to tell.
    await u.says('请尽快帮我处理一下，谢谢');
    expect(h.desk.live(id)!.posts.filter((p) => /now writes in/.test(p.text))).toHaveLength(1);
    // Back to English: the case follows again.
    await u.says('ok thank you so much for the help');
    expect((await h.ticket(id)).lang).toBe('en');
    expect((await h.ticket(id)).script).toBeUndefined();
  });
});

describe('closing a case nobody has answered', () => {
  it('is refused unless the agent says why; the user is not asked to rate help they never got', async () => {
    h = await Harness.create();
    const { u, id } = await openCase(h);
    const alice = h.agent('Alice');
    await alice.claim(id);
    const before = u.texts().length;
    const r = await alice.command(id, 'close');
    expect(r.ok).toBe(false);
    expect(r.text).toMatch(
      /^Not closed: nobody has answered the user on T-\w+ yet.*\/close <reason>/,
    );
    expect(u.texts().length).toBe(before);
    expect((await h.ticket(id)).status).not.toBe('closed');
    // "/close ." is no reason.
    expect((await alice.command(id, 'close', '.')).ok).toBe(false);
    // "A duplicate" of no case named: the user would be told their case repeats one they may not
    // have (the desk-shift review).
    const dup = await alice.command(id, 'close', 'duplicate');
    expect(dup.ok).toBe(false);
    expect(dup.text).toBe(
      `Not closed: name the case ${id} repeats (/close duplicate of T-…), so the user is told which one — or close it with another reason.`,
    );
    expect(u.texts().length).toBe(before);
    // Spam: closed with the reason, on the card.
    expect((await alice.command(id, 'close', 'spam, sent by a bot')).ok).toBe(true);
    expect((await h.ticket(id)).closedBecause).toBe('spam, sent by a bot');
    expect(h.desk.live(id)!.card.fields).toContainEqual({
      label: 'Closed',
      value: 'spam, sent by a bot',
    });
  });

  it('closed with a reason, the user is told it is closed — not asked to rate help never given — and "still not arrived" opens it again', async () => {
    h = await Harness.create();
    const { u, id } = await openCase(h);
    const alice = h.agent('Alice');
    await alice.claim(id);
    const r = await alice.command(id, 'close', 'sorted out by phone');
    expect(r.text).toMatch(/^Closed T-\w+\. Nobody had answered the user, so they were told/);
    expect(u.lastText()).toBe(
      `Your case ${id} has been closed by our team. If you still need help, just write here.`,
    );
    expect(u.lastChoices()).toEqual([]);
    expect(u.texts().join('\n')).not.toMatch(/rate our help/);
    await u.says('it still has not arrived');
    expect((await h.ticket(id)).status).not.toBe('closed');
    expect(u.lastText()).toMatch(new RegExp(`reopened case ${id}`));
  });

  it('closed as a duplicate, the user is told so, no survey — a case named is told as the one going on only if it is theirs and open (copy review; re-test: a closed one had been)', async () => {
    h = await Harness.create();
    const alice = h.agent('Alice');
    const { id: theirs } = await openCase(h, 'my withdrawal has been pending for 3 days', 'u2');
    const first = await openCase(h);
    await alice.reply(first.id, 'Checking it now.');
    await alice.command(first.id, 'close');
    await first.u.press(/⭐⭐⭐⭐⭐$/);
    await first.u.press(/Skip/);
    const { u, id } = await openCase(h, 'my payment failed, card declined');
    const r = await alice.command(id, 'close', `duplicate of ${first.id}`);
    expect(r.text).toMatch(/^Closed T-\w+ as a duplicate\. The user was told so/);
    // (The case named is closed: not "handling everything in T-…", where nobody is.)
    expect(u.lastText()).toBe(
      `Your case ${id} repeats another case of yours, so we've closed it and are handling everything in one place. If you still need help, just write here.`,
    );
    expect(u.lastChoices()).toEqual([]);
    // Another user's case named by mistake, or one that does not exist: not closed — the user
    // would be told their case repeats one they do not have (the open-case review).
    const second = await openCase(h, 'my withdrawal has been pending for 3 days', 'u3');
    const told = second.u.texts().length;
    // ("T-ABC1234" is no case id at all: 1 is not in their alphabet; the abuse review.)
    for (const named of [theirs, 'T-AAAAAAA', 'T-ABC1234']) {
      const refused = await alice.command(second.id, 'close', `dup of ${named}`);
      expect(refused.ok).toBe(false);
      expect(refused.text).toMatch(
        new RegExp(`^Not closed: ${named} is not another case of this user`),
      );
    }
    expect((await h.ticket(second.id)).status).toBe('open');
    expect(second.u.texts().length).toBe(told);
  });

  it('closed after an agent answered, the user is asked to rate the help', async () => {
    h = await Harness.create();
    const { u, id } = await openCase(h);
    const alice = h.agent('Alice');
    await alice.reply(id, 'It was sent this morning, it should arrive within the hour.');
    expect((await alice.command(id, 'close')).text).toMatch(/asked to rate the help/);
    expect(u.lastText()).toMatch(/How would you rate our help\?/);
  });
});

describe('a reply asking the user for a secret', () => {
  it('is held, the agent told why, the seniors see it in the case; the user gets nothing', async () => {
    h = await Harness.create();
    const { u, id } = await openCase(h);
    const before = u.texts().length;
    const r = await h
      .agent('Alice')
      .reply(id, 'please send me the 6 digit code you received by SMS so I can verify');
    expect(r.ok).toBe(false);
    expect(r.text).toMatch(/never ask for/);
    expect(u.texts().length).toBe(before);
    const held = h.desk.live(id)!.posts.find((p) => /held, not sent/.test(p.text));
    expect(held?.mentionSeniors).toBe(true);
    expect((await h.ticket(id)).transcript.map((e) => e.text).join('\n')).not.toMatch(/6 digit/);
  });
});

describe('a reply giving the user a password or a code', () => {
  it('is held like a request for one: the agent told to have the user reset it in the app', async () => {
    h = await Harness.create();
    const { u, id } = await openCase(h);
    const before = u.texts().length;
    const r = await h
      .agent('Alice')
      .reply(id, 'I reset it for you, your temporary password is Xy7!kq9P');
    expect(r.ok).toBe(false);
    expect(r.text).toMatch(/Not sent: it gives the user a password.*reset it in the app/);
    expect(u.texts().length).toBe(before);
    const held = h.desk.live(id)!.posts.find((p) => /gave the user a password/.test(p.text));
    expect(held?.mentionSeniors).toBe(true);
    expect((await h.ticket(id)).transcript.map((e) => e.text).join('\n')).not.toMatch(/Xy7/);
    // Words about a password without one go through.
    expect(
      (await h.agent('Alice').reply(id, 'Please reset your password in Settings → Security')).ok,
    ).toBe(true);
  });
});

describe('a reply taking the user elsewhere', () => {
  it('to another app or a personal number: held, the agent told why, the seniors see it', async () => {
    h = await Harness.create();
    const { u, id } = await openCase(h);
    const before = u.texts().length;
    const r = await h.agent('Alice').reply(id, 'add me on WhatsApp +1 415 555 0100, faster there');
    expect(r.ok).toBe(false);
    expect(r.text).toMatch(/Not sent: it asks the user to talk to you outside this chat/);
    expect(u.texts().length).toBe(before);
    const held = h.desk.live(id)!.posts.find((p) => /sent the user elsewhere/.test(p.text));
    expect(held?.mentionSeniors).toBe(true);
  });

  it('to a site not in AGENT_LINK_DOMAINS: held; our own help pages go through', async () => {
    h = await Harness.create({ linkDomains: ['wallet.example'] });
    const { u, id } = await openCase(h);
    const r = await h.agent('Alice').reply(id, 'Verify your wallet at wallet-verify-help.xyz');
    expect(r.ok).toBe(false);
    expect(r.text).toMatch(/links to wallet-verify-help\.xyz/);
    expect(u.texts().join('\n')).not.toMatch(/wallet-verify/);
    const ok = await h.agent('Alice').reply(id, 'Steps: https://help.wallet.example/withdrawals');
    expect(ok.ok).toBe(true);
    expect(u.lastText()).toMatch(/help\.wallet\.example/);
  });

  it("the wallet's own Telegram channel, listed with its path, goes through; anyone else's t.me is held", async () => {
    h = await Harness.create({ linkDomains: ['wallet.example', 't.me/ourwallet'] });
    const { u, id } = await openCase(h);
    const ok = await h.agent('Alice').reply(id, 'Updates on the outage: t.me/OurWallet/1234.');
    expect(ok.ok).toBe(true);
    expect(u.lastText()).toMatch(/t\.me\/OurWallet\/1234/);
    const r = await h.agent('Alice').reply(id, 'Faster here: t.me/OurWalletSupportDesk');
    expect(r.ok).toBe(false);
    expect(u.texts().join('\n')).not.toMatch(/SupportDesk/);
  });
});

describe('replies the desk review got through (outside review)', () => {
  it('a remote-access app, a key exported, a backup screenshot, a form or a short link: held, with or without AGENT_LINK_DOMAINS', async () => {
    h = await Harness.create();
    const { u, id } = await openCase(h);
    const before = u.texts().length;
    const held: Array<[string, RegExp]> = [
      ['Please download AnyDesk and read me the 9-digit ID', /remote-access app/],
      ['请下载向日葵远程软件，我帮您操作', /remote-access app/],
      ['Go to Settings and export your private key, then paste it here', /recovery phrase, key/],
      ['Kindly confirm your login credentials here so I can unlock you', /recovery phrase, key/],
      ['Please send a screenshot of your backup page so I can verify', /recovery phrase, key/],
      ['Fill in https://docs.google.com/forms/d/abc to verify', /docs\.google\.com\/forms/],
      ['Verify here: bit.ly/3xYzAbC', /bit\.ly — a link shortener or a form/],
    ];
    for (const [reply, why] of held) {
      const r = await h.agent('Alice').reply(id, reply);
      expect(r.ok, reply).toBe(false);
      expect(r.text, reply).toMatch(why);
    }
    expect(u.texts().length).toBe(before);
    // Warnings about them, and a screenshot of an error, go through.
    for (const reply of [
      'Never install AnyDesk or any remote app for anyone who says they are support.',
      'Please send a screenshot of the error message.',
    ])
      expect((await h.agent('Alice').reply(id, reply)).ok, reply).toBe(true);
  });
});

describe('queue, transcript, snippets', () => {
  it('/queue lists open cases, most urgent first, with assignee and time left', async () => {
    let clock = Date.UTC(2026, 11, 3, 4);
    h = await Harness.create({ now: () => clock });
    const a = await openCase(h, 'my withdrawal has been pending for 3 days', 'u1');
    clock += 5 * MIN;
    const b = await openCase(
      h,
      'someone took money from my account, i did not make this payment',
      'u2',
    );
    await h.agent('Alice').claim(a.id);
    const q = (await h.agent('Alice').anywhere('queue')).text.split('\n');
    expect(q[0]).toMatch(/Open cases \(2\)/);
    expect(q[1]).toMatch(
      new RegExp(`🔴 ${b.id} · unknown_transaction .* unassigned · first answer due in`),
    );
    expect(q[2]).toMatch(new RegExp(`${a.id} · withdrawal_pending .* Alice`));
    expect(q[2]).not.toMatch(/user waiting/);
    // Answered once, then the user writes again and waits: the queue says for how long.
    await h.agent('Alice').reply(a.id, 'Checking with the bank.');
    clock += 3 * MIN;
    await a.u.says('any news?');
    clock += 20 * MIN;
    const again = (await h.agent('Alice').anywhere('queue')).text;
    expect(again).toMatch(new RegExp(`${a.id} · withdrawal_pending .* · 💬 user waiting 20 min`));
  });

  it('a user who says it is solved, or to cancel, is flagged on the card and in /queue until it is reopened', async () => {
    h = await Harness.create();
    const a = await openCase(h, 'my withdrawal has been pending for 3 days', 'u1');
    const b = await openCase(h, 'my withdrawal has been pending for 3 days', 'u2');
    await h.agent('Alice').claim(a.id);
    await h.agent('Alice').reply(a.id, 'Checking with the bank.');
    await a.u.says('nvm it just arrived, all good now');
    await b.u.says('please cancel my case, i no longer need it');
    const q = (await h.agent('Alice').anywhere('queue')).text;
    expect(q).toMatch(new RegExp(`${a.id} .* · ✅ user says solved`));
    expect(q).toMatch(new RegExp(`${b.id} .* · ✋ user asks to cancel`));
    expect(h.desk.live(a.id)!.card.fields).toContainEqual({
      label: 'User says',
      value: '✅ it is solved — confirm and close',
    });
    // Closed, then opened again: what was said before is no longer true of it.
    await h.agent('Alice').command(a.id, 'close');
    await h.agent('Alice').command(a.id, 'reopen');
    expect(h.desk.live(a.id)!.card.fields.map((f) => f.label)).not.toContain('User says');
  });

  it("the answer to the agent's last question, sent after the close, opens the case again — not the survey's comment", async () => {
    h = await Harness.create();
    const asked = await openCase(h, 'my withdrawal has been pending for 3 days', 'u1');
    await h.agent('Alice').claim(asked.id);
    await h.agent('Alice').reply(asked.id, 'Which network did you choose when withdrawing?');
    await h.agent('Alice').command(asked.id, 'close');
    await asked.u.says('TRC20');
    expect(asked.u.lastText()).toMatch(/added that to case .* opened it again/);
    const t = await h.ticket(asked.id);
    expect(t.status).toBe('claimed');
    expect(t.ratingComment).toBeUndefined();
    // Told, not asked: the same word is a comment on the help, the case stays closed.
    const told = await openCase(h, 'my withdrawal has been pending for 3 days', 'u2');
    await h.agent('Alice').claim(told.id);
    await h.agent('Alice').reply(told.id, 'It has been processed now.');
    await h.agent('Alice').command(told.id, 'close');
    await told.u.says('TRC20');
    expect((await h.ticket(told.id)).status).toBe('closed');
    // Asked, and "ok" is no answer: the case stays closed.
    const ok = await openCase(h, 'my withdrawal has been pending for 3 days', 'u3');
    await h.agent('Alice').claim(ok.id);
    await h.agent('Alice').reply(ok.id, 'Can you check it again now?');
    await h.agent('Alice').command(ok.id, 'close');
    await ok.u.says('ok');
    expect((await h.ticket(ok.id)).status).toBe('closed');
  });

  it('/transcript is a file with the whole case, notes marked internal', async () => {
    h = await Harness.create();
    const { u, id } = await openCase(h);
    const alice = h.agent('Alice');
    await alice.command(id, 'note', 'checked the bank file');
    await alice.reply(id, 'We found it.');
    await u.says('thanks!');
    // A case of one entry says "1 entry" (it was "1 entries"): one opened before anyone wrote.
    const fresh = await openCase(h, 'my withdrawal has been pending for 3 days', 'u9');
    const one = await alice.command(fresh.id, 'transcript');
    expect(one.text).toMatch(/: (?:1 entry|[02-9]\d* entries)\.$/);
    expect(one.text).not.toMatch(/\b1 entries/);
    const r = await alice.command(id, 'transcript');
    const text = new TextDecoder().decode(r.file!.bytes);
    expect(r.file!.fileName).toBe(`${id}-transcript.txt`);
    expect(text).toMatch(/user: my withdrawal has been pending/);
    expect(text).toMatch(/internal note by Alice: checked the bank file/);
    expect(text).toMatch(/agent Alice: We found it\./);
    expect(text).toMatch(/user: thanks!/);
  });

  it('/transcript starts with what the bot said and the user typed and pressed before the case opened (it began at the case)', async () => {
    h = await Harness.create();
    const { u, id } = await openCase(h);
    await u.says('thanks');
    const text = new TextDecoder().decode(
      (await h.agent('Alice').command(id, 'transcript')).file!.bytes,
    );
    const [before, during] = text.split('The case:');
    expect(before).toMatch(/Before the case opened \(with the bot\):/);
    expect(before).toMatch(/\] user: my withdrawal has been pending for 3 days\n/);
    expect(before).toMatch(
      /\] bot: Let's try the quick fixes first[\s\S]*\[✅ Yes, solved\] \[❌ No, I still need help\]/,
    );
    expect(before).toMatch(/\] user pressed: ❌ No, I still need help\n/);
    expect(before).toMatch(/\] bot: What's the withdrawal ID\?/);
    expect(before).toMatch(/\] user: TX-20261120-8F3K2Q9\n/);
    expect(before).toMatch(/\] user pressed: ✅ Send to support\n.*bot: Your case T-/);
    expect(during).toMatch(/user: my withdrawal has been pending[\s\S]*user: thanks/);
    expect(during).not.toMatch(/bot:/);
    // Not on the conversation any more: the next case starts its own.
    const conv = await h.core.repo.conversation('fake', 'u1');
    expect(conv?.phase).toBe('handed_off');
    expect(conv!.beforeCase).toBeUndefined();
  });

  it('/snippet sends a canned reply filled from the case, in the user language', async () => {
    h = await Harness.create();
    const { u, id } = await openCase(h, '我的提现三天了还没到账', 'u1', 'zh');
    const r = await h.agent('Alice').command(id, 'snippet', 'withdrawal_onchain amount=500 USDT');
    expect(r.ok).toBe(true);
    // The case shows what the user got, filled in.
    expect(r.text).toMatch(
      /^📋 Sent to the user \(withdrawal_onchain\): 您的提币 TX-20261120-8F3K2Q9（500 USDT）/,
    );
    expect(u.lastText()).toMatch(
      new RegExp(`工单 ${id}：您的提币 TX-20261120-8F3K2Q9（500 USDT）`),
    );
    expect((await h.agent('Alice').command(id, 'snippet', 'nope')).text).toMatch(/checking/);
    // No name: how to use it (it was 'No snippet called ""'); a name in capitals is the same name.
    expect((await h.agent('Alice').command(id, 'snippet', '')).text).toMatch(
      /^Usage: \/snippet <name>\. Snippets: .*checking/,
    );
    expect((await h.agent('Alice').command(id, 'snippet', 'Checking')).ok).toBe(true);
    // The greeting with its comma ("Alex您好" read as one word: the desk-shift review).
    expect(u.lastText()).toMatch(/：\S+，您好！我正在为您查询/);
  });

  it('tells a Chinese user who has their case now in plain words (zh-Hant "對方" read as the other party in a dispute: the desk-shift review)', async () => {
    h = await Harness.create();
    const tw = await openCase(h, '我的提領三天了還沒到帳', 'u1', 'zh');
    const alice = h.agent('Alice');
    await alice.claim(tw.id);
    await h.agent('Bob').anywhere('snippets');
    await alice.command(tw.id, 'transfer', '@bob');
    expect(tw.u.lastText()).toBe(
      `您的案件 ${tw.id} 已轉由客服 Bob 跟進，先前的對話紀錄都已同步。您在這裡傳送的訊息都會直接轉給客服。`,
    );
  });

  it('reads as Taiwan and Hong Kong write it (desk-shift review: "麻烦发一张交易详情", "這個個案")', async () => {
    h = await Harness.create();
    const tw = await openCase(h, '我的提領三天了還沒到帳', 'u1', 'zh');
    await h.agent('Alice').command(tw.id, 'snippet', 'need_screenshot');
    expect(tw.u.lastText()).toMatch(/麻煩傳一張交易明細的截圖/);
    const hk = await openCase(h, '我啲提款三日都未到賬', 'u2', 'zh');
    await h.agent('Alice').reply(hk.id, '已經處理好');
    await h.agent('Alice').command(hk.id, 'snippet', 'closing');
    expect(hk.u.lastText()).toMatch(new RegExp(`您的個案 ${hk.id} 我先關閉了`));
  });

  it('never sends a placeholder the case cannot fill; the agent can give the value', async () => {
    h = await Harness.create();
    const { u, id } = await openCase(h);
    const before = u.lastText();
    // The case has a transaction id but no amount.
    const refused = await h.agent('Alice').command(id, 'snippet', 'withdrawal_traced');
    expect(refused.ok).toBe(false);
    expect(refused.text).toMatch(/needs amount.*\/snippet withdrawal_traced amount=…/);
    expect(u.lastText()).toBe(before);
    // The amount the agent gives is the one the snippet must fit.
    const crypto = await h
      .agent('Alice')
      .command(id, 'snippet', 'withdrawal_traced amount=250 USDT');
    expect(crypto.text).toMatch(
      /250 USDT, is crypto\. To send it anyway: \/snippet withdrawal_traced force amount=250 USDT$/,
    );
    expect(u.lastText()).toBe(before);
    const sent = await h.agent('Alice').command(id, 'snippet', 'withdrawal_traced amount=$250');
    expect(sent.ok).toBe(true);
    expect(u.lastText()).toMatch(/Your bank withdrawal TX-20261120-8F3K2Q9 of \$250 left our side/);
    expect(u.lastText()).not.toMatch(/\{/);
  });

  it('a snippet written for other cases is not sent, the agent told why in one line: a bank withdrawal on a crypto amount, an on-chain one on a fiat amount, a refund on a withdrawal (desk review); "force" sends it all the same', async () => {
    h = await Harness.create();
    const alice = h.agent('Alice');
    const usdt = await openCaseWithAmount(h, '500 USDT', 'u1');
    const before = usdt.u.lastText();
    const traced = await alice.command(usdt.id, 'snippet', 'withdrawal_traced');
    expect(traced.ok).toBe(false);
    expect(traced.text).toBe(
      'Not sent: "withdrawal_traced" is for fiat money (bank, card), and the amount here, 500 USDT, is crypto. To send it anyway: /snippet withdrawal_traced force',
    );
    const refund = await alice.command(usdt.id, 'snippet', 'refund_started');
    expect(refund.ok).toBe(false);
    expect(refund.text).toBe(
      `Not sent: "refund_started" is for refund, payment_failed, unknown_transaction cases, and ${usdt.id} is withdrawal_pending. To send it anyway: /snippet refund_started force`,
    );
    expect(usdt.u.lastText()).toBe(before);
    expect((await alice.command(usdt.id, 'snippet', 'withdrawal_onchain')).ok).toBe(true);
    expect(usdt.u.lastText()).toMatch(/Your crypto withdrawal TX-20261120-8F3K2Q9 of 500 USDT/);
    // Forced, with a value given: the word is no part of the value.
    const forced = await alice.command(usdt.id, 'snippet', 'refund_started amount=20 USDT force');
    expect(forced.ok).toBe(true);
    expect(usdt.u.lastText()).toMatch(/I've started the refund of 20 USDT\. It goes back/);

    const twd = await openCaseWithAmount(h, 'NT$3,000', 'u2');
    const onchain = await alice.command(twd.id, 'snippet', 'withdrawal_onchain');
    expect(onchain.text).toBe(
      'Not sent: "withdrawal_onchain" is for crypto amounts, and the amount here, NT$3,000, is fiat money. To send it anyway: /snippet withdrawal_onchain force',
    );
    expect((await alice.command(twd.id, 'snippet', 'withdrawal_traced')).ok).toBe(true);
    expect(twd.u.lastText()).toMatch(/Your bank withdrawal TX-20261120-8F3K2Q9 of NT\$3,000 left/);
    // A refund the user raised on the same case (its `also`) is a problem of the case too.
    await h.core.repo.saveTicket({ ...(await h.ticket(twd.id)), also: ['refund'] });
    expect((await alice.command(twd.id, 'snippet', 'refund_started')).ok).toBe(true);
  });

  it('/snippets in a case lists the snippets that fit it first (those written for it before the general ones), then the others', async () => {
    h = await Harness.create();
    const alice = h.agent('Alice');
    const { id } = await openCaseWithAmount(h, '500 USDT');
    const forCase = `Snippets for ${id}: withdrawal_onchain, checking, closing, need_screenshot, security_steps. Not for this case: refund_started, withdrawal_traced (/snippet <name> force sends one anyway). Send one with /snippet <name>.`;
    expect((await alice.command(id, 'snippets')).text).toBe(forCase);
    // Outside a case: all of them; with the case named (the terminal chat's @snippets T-…): for it.
    expect((await alice.anywhere('snippets')).text).toBe(
      'Snippets: checking, closing, need_screenshot, refund_started, security_steps, withdrawal_onchain, withdrawal_traced. Send one with /snippet <name>.',
    );
    expect((await alice.anywhere('snippets', id.toLowerCase())).text).toBe(forCase);
    // The usage line of the case lists them in the same order.
    expect((await alice.command(id, 'snippet', '')).text).toMatch(
      /^Usage: \/snippet <name>\. Snippets: withdrawal_onchain, checking, .*, refund_started, withdrawal_traced\.$/,
    );
  });

  it('an amount the user skipped ("not provided") is no value for a snippet: refused, the agent asked for it', async () => {
    h = await Harness.create();
    const { u, id } = await openCase(h, 'i want a refund for my order');
    expect((await h.ticket(id)).fields['amount']).toBe('not provided');
    const before = u.lastText();
    const refused = await h.agent('Alice').command(id, 'snippet', 'refund_started');
    expect(refused.ok).toBe(false);
    expect(refused.text).toMatch(/needs amount/);
    expect(u.lastText()).toBe(before);
    expect(u.texts().join('\n')).not.toMatch(/refund of not provided/);
  });
});

describe('timers', () => {
  it('warns at 80 % of the first-response target, announces the breach once, records it', async () => {
    let clock = Date.UTC(2026, 11, 3, 4);
    h = await Harness.create({ now: () => clock });
    const { id } = await openCase(
      h,
      'someone took money from my account, i did not make this payment',
    );
    // urgent: 15 minutes, around the clock
    clock += 12.5 * MIN;
    await h.core.timers.tick();
    expect(h.desk.live(id)!.posts.at(-1)!.text).toMatch(/⏰ .*first answer due in/);
    clock += 5 * MIN;
    await h.core.timers.tick();
    await h.core.timers.tick();
    const breaches = h.desk.live(id)!.posts.filter((p) => /🚨/.test(p.text));
    expect(breaches).toHaveLength(1);
    expect(breaches[0]!.mentionSeniors).toBe(true);
    expect((await h.ticket(id)).sla?.firstResponseBreachedAt).toBeDefined();
    expect(h.desk.live(id)!.card.fields.find((f) => f.label === '🚨 SLA missed')).toBeDefined();
  });

  it('a user asking after the first-answer target was missed hears an apology, not "we usually answer within…" (desk outside review)', async () => {
    let clock = Date.UTC(2026, 11, 3, 4);
    h = await Harness.create({ now: () => clock });
    const { u, id } = await openCase(h);
    await u.says('anyone there?');
    expect(u.lastText()).toMatch(/usually/);
    clock += 5 * 60 * MIN; // normal: 4 hours
    await h.core.timers.tick();
    await u.says('hello?? still nobody?');
    expect(u.lastText()).toMatch(
      new RegExp(`^I'm sorry — case ${id} is taking longer than it should`),
    );
    await h.agent('Alice').reply(id, 'Sorry for the wait, looking now.');
    clock += 20 * MIN;
    await u.says('ok, anyone there now?');
    expect(u.lastText()).not.toMatch(/taking longer than it should/);
  });

  it('nudges a user who does not answer, then closes the case with the survey', async () => {
    let clock = Date.UTC(2026, 11, 3, 4);
    h = await Harness.create({ now: () => clock, idleNudgeMs: 60 * MIN, idleCloseMs: 180 * MIN });
    const { u, id } = await openCase(h);
    await h.agent('Alice').reply(id, 'Can you send the bank statement?');
    clock += 61 * MIN;
    await h.core.timers.tick();
    expect(u.lastText()).toBe(
      `Case ${id}: our agent is waiting for your answer. Reply here when you can — if we don't hear from you, the case will be closed in 1 h 59 min.`,
    );
    // The desk hears of it too, and the transcript keeps it.
    expect(h.desk.live(id)!.posts.at(-1)!.text).toBe(
      `⏰ ${id}: no answer from the user for 1 h 1 min; they were reminded. The case closes by itself in 1 h 59 min if they stay silent.`,
    );
    expect((await h.ticket(id)).transcript.at(-1)).toMatchObject({
      from: 'system',
      event: { key: 'idleNudged' },
    });
    clock += 120 * MIN;
    await h.core.timers.tick();
    expect(u.texts().join('\n')).toMatch(/was closed because we did not hear from you/);
    expect(u.lastText()).toMatch(/How would you rate our help/);
    expect((await h.ticket(id)).status).toBe('closed');
    expect(h.desk.live(id)!.card.fields.find((f) => f.label === 'Closed')?.value).toMatch(
      /did not answer/,
    );
  });

  it('a case closed for the silence opens again and stays open, reopened by the user or by an agent (it was closed again at once, every time)', async () => {
    let clock = Date.UTC(2026, 11, 3, 4);
    h = await Harness.create({ now: () => clock, idleCloseMs: 60 * MIN });
    const { u, id } = await openCase(h);
    const alice = h.agent('Alice');
    await alice.claim(id);
    await alice.reply(id, 'Can you send the bank statement?');
    clock += 61 * MIN;
    await h.core.timers.tick();
    expect((await h.ticket(id)).status).toBe('closed');
    expect((await alice.command(id, 'reopen')).ok).toBe(true);
    clock += MIN;
    await h.core.timers.tick();
    expect((await h.ticket(id)).status).toBe('claimed');
    expect((await h.ticket(id)).closedBecause).toBeUndefined();
    expect(
      (await alice.reply(id, 'Sorry, that closed by mistake. Could you send it again?')).ok,
    ).toBe(true);
    // Closed for the silence once more, then the user says it is not solved.
    clock += 61 * MIN;
    await h.core.timers.tick();
    expect((await h.ticket(id)).status).toBe('closed');
    await u.says('it still has not arrived, not solved');
    clock += MIN;
    await h.core.timers.tick();
    expect((await h.ticket(id)).status).toBe('claimed');
  });

  it('waits for the user only when an agent asked them something: "no need to do anything, I\'ll update you" is neither nudged nor closed (it was, "because we did not hear from you")', async () => {
    let clock = Date.UTC(2026, 11, 3, 4);
    h = await Harness.create({ now: () => clock, idleNudgeMs: 60 * MIN, idleCloseMs: 180 * MIN });
    const { u, id } = await openCase(h);
    const alice = h.agent('Alice');
    await alice.reply(
      id,
      "Thanks, I've raised it with the bank. I'll update you here as soon as they reply — no need to do anything.",
    );
    const before = u.texts().length;
    clock += 5 * 60 * MIN;
    await h.core.timers.tick();
    expect(u.texts().length).toBe(before);
    expect((await h.ticket(id)).status).toBe('claimed');
    // A request, in Chinese and without a question mark, starts the wait ...
    await alice.reply(id, '请提供一下银行回单的截图');
    clock += 61 * MIN;
    await h.core.timers.tick();
    expect(u.lastText()).toMatch(/客服正在等您的回复|our agent is waiting for your answer/);
    // ... a later word that asks nothing keeps it (the request still stands) ...
    await alice.reply(id, 'Thanks.');
    expect((await h.ticket(id)).waitingSince).toBeDefined();
    // ... and "nothing needed from you" ends it.
    await alice.reply(id, '已经收到了，无需操作，有进展会第一时间通知您。');
    expect((await h.ticket(id)).waitingSince).toBeUndefined();
    clock += 5 * 60 * MIN;
    await h.core.timers.tick();
    expect((await h.ticket(id)).status).toBe('claimed');
  });

  it('reminds the user of an urgent case without saying it will close (it never closes by itself)', async () => {
    let clock = Date.UTC(2026, 11, 3, 4);
    h = await Harness.create({ now: () => clock, idleNudgeMs: 60 * MIN, idleCloseMs: 180 * MIN });
    const { u, id } = await openCase(
      h,
      'someone took money from my account, i did not make this payment',
    );
    await h.agent('Alice').reply(id, 'Did you share your code with anyone?');
    clock += 61 * MIN;
    await h.core.timers.tick();
    expect(u.lastText()).toBe(
      `Case ${id}: our agent is waiting for your answer. Reply here when you can.`,
    );
    expect(h.desk.live(id)!.posts.at(-1)!.text).toBe(
      `⏰ ${id}: no answer from the user for 1 h 1 min; they were reminded.`,
    );
  });

  it('never auto-closes an urgent case', async () => {
    let clock = Date.UTC(2026, 11, 3, 4);
    h = await Harness.create({ now: () => clock, idleCloseMs: 60 * MIN });
    const { id } = await openCase(
      h,
      'someone took money from my account, i did not make this payment',
    );
    await h.agent('Alice').reply(id, 'Did you share your code with anyone?');
    clock += 5 * 60 * MIN;
    await h.core.timers.tick();
    expect((await h.ticket(id)).status).toBe('claimed');
  });
});

describe('DESK_LANG', () => {
  it('shows the card and the feedback in Chinese for a Chinese desk', async () => {
    h = await Harness.create({ deskLocale: 'zh-Hans' });
    const { id } = await openCase(h);
    const card = h.desk.live(id)!.card;
    expect(card.fields[0]).toEqual({ label: '问题', value: '提现未到账' });
    expect(card.fields).toContainEqual({ label: '交易号', value: 'TX-20261120-8F3K2Q9' });
    expect((await h.agent('Alice').claim(id)).text).toMatch(/现在由您负责/);
  });

  it('writes the transcript in Chinese on a Chinese desk, system events included', async () => {
    h = await Harness.create({ deskLocale: 'zh-Hans' });
    const { id } = await openCase(h);
    const alice = h.agent('Alice');
    await alice.command(id, 'note', '查过银行文件');
    await alice.reply(id, '找到了');
    await alice.command(id, 'escalate', '用户很着急');
    const r = await alice.command(id, 'transcript');
    const text = new TextDecoder().decode(r.file!.bytes);
    expect(text).toMatch(new RegExp(`^工单 ${id} — 提现未到账 — 优先级：高\n用户：`));
    expect(text).toMatch(/创建于 .* UTC；状态：处理中/);
    expect(text).toMatch(/交易号: TX-20261120-8F3K2Q9/);
    expect(text).toMatch(/系统: Alice 接手了工单/);
    expect(text).toMatch(/内部备注（Alice）: 查过银行文件/);
    expect(text).toMatch(/客服 Alice: 找到了/);
    expect(text).toMatch(/系统: Alice 升级给高级客服：用户很着急/);
    expect(text).not.toMatch(/claimed by|escalated to|internal note/);
  });

  it('names priorities in Chinese on a Chinese desk: the card and the escalation notice', async () => {
    h = await Harness.create({ deskLocale: 'zh-Hans' });
    const { id } = await openCase(h);
    expect(h.desk.live(id)!.card.fields[1]).toEqual({ label: '优先级', value: '普通' });
    await h.agent('Alice').command(id, 'escalate', '用户很着急');
    const c = h.desk.live(id)!;
    expect(c.card.fields[1]).toEqual({ label: '优先级', value: '高' });
    expect(c.card.labels?.statusValue).toBe('待处理');
    expect(c.posts.map((p) => p.text)).toContainEqual(
      `⬆️ ${id} 已升级给高级客服（用户很着急）。优先级：高。`,
    );
  });
});
