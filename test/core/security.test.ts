import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from '../support/harness.ts';
import type { DeletingChannel } from '../support/fakes.ts';

/**
 * A crypto wallet's worst moments, through the real core: secrets never stored, logged or
 * forwarded; security reports urgent and protective first; agents' words left alone.
 */
const PHRASE =
  'abandon ability able about above absent absorb abstract absurd abuse access accident';
const ZH_PHRASE = '的一是在不了有和人这中大为上个国';
const KEY = `0x${'4c0883a69102937d6231471b5dbb6204fe512961708279f2e3e8a5d4b8e3e0b1'}`;
const HASH = `0x${'9fc76417374aa880d4449a1f7f31ec597f00b1f6f3dd2d66f4c9c6c445836d8b'}`;

let h: Harness | undefined;
let logs = '';
afterEach(async () => {
  await h?.dispose();
  h = undefined;
  logs = '';
});

async function harness(opts: Parameters<typeof Harness.create>[0] = {}): Promise<Harness> {
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk, _e, done) {
        logs += String(chunk);
        done();
      },
    }),
  );
  h = await Harness.create({ logger, ...opts });
  return h;
}

/** Every byte the bot keeps on disk (the SQLite store and its journal, evidence). */
function onDisk(dir: string): string {
  let all = '';
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    all += statSync(path).isDirectory() ? onDisk(path) : readFileSync(path).toString('latin1');
  }
  return all;
}
const utf8 = (s: string) => Buffer.from(s).toString('latin1');

describe('a pasted recovery phrase', () => {
  it('is masked everywhere, the message deleted, the user told what it means, the case urgent and flagged', async () => {
    const t = await harness({ canDelete: true });
    const u = t.user();
    await u.says('my withdrawal has been pending for 3 days');
    await u.press(/No, I still need help/);
    await u.says(`here is my recovery phrase so you can check: ${PHRASE}`);
    const said = u.texts().join('\n');
    expect(said).toMatch(/recovery phrase/);
    expect(said).toMatch(/anyone who has it can take everything in that wallet/);
    expect(said).toMatch(/move your funds/);
    expect(said).toMatch(/I deleted your message/);
    expect((t.channel as DeletingChannel).deletions).toHaveLength(1);
    while (!/Please check your case/.test(u.lastText()))
      await u.press(/Skip|Done|I don't have one/);
    await u.press(/Send to support/);
    const id = /T-[A-Z0-9]{7}/.exec(u.lastText())![0];
    const ticket = await t.ticket(id);
    expect(ticket.priority).toBe('urgent');
    expect(ticket.flags).toContain('secret:recovery_phrase');
    const card = t.desk.live(id)!.card;
    expect(card.fields.find((f) => f.label === '⚠️ Security')?.value).toMatch(/recovery phrase/);
    const everything = JSON.stringify(t.desk.cases) + JSON.stringify(ticket) + logs;
    expect(everything).not.toContain('absurd abuse access');
    expect(onDisk(t.t.dataDir)).not.toContain('absurd abuse access');
  });

  it('in Chinese, after 助记词, is masked too; on a platform that cannot delete, the user is asked to', async () => {
    const t = await harness();
    const u = t.user();
    await u.says(`我的助记词是 ${ZH_PHRASE}`);
    const said = u.texts().join('\n');
    expect(said).toMatch(/助记词/);
    expect(said).toMatch(/请立即删除这条消息/);
    expect(logs + JSON.stringify(await t.core.repo.conversation('fake', 'u1'))).not.toContain(
      ZH_PHRASE,
    );
    expect(onDisk(t.t.dataDir)).not.toContain(utf8(ZH_PHRASE));
  });
});

describe('a recovery phrase typed over several messages (outside review)', () => {
  it('after "my recovery phrase is": told to stop at once, and every part masked everywhere, on an open case too', async () => {
    const t = await harness();
    const u = t.user();
    const id = await u.openWithdrawalCase();
    await u.says('my recovery phrase is');
    expect(u.lastText()).toMatch(/^⚠️ Please don't send your recovery phrase/);
    // (The words reach the agent: nothing secret in them.)
    expect(t.desk.live(id)!.posts.at(-1)!.text).toBe('my recovery phrase is');
    const parts = [
      '1. legal 2. winner 3. thank 4. year',
      '5. wave 6. sausage 7. worth 8. useful',
      '9. legal 10. winner 11. thank 12. yellow',
    ];
    for (const part of parts) await u.says(part);
    const said = u.texts().join('\n');
    expect(said).toMatch(/Your message contained your recovery phrase/);
    expect(said).toMatch(/I hid that too/);
    const ticket = await t.ticket(id);
    expect(ticket.priority).toBe('urgent');
    const everything =
      JSON.stringify(t.desk.cases) +
      JSON.stringify(ticket) +
      JSON.stringify(await t.core.repo.conversation('fake', 'u1')) +
      logs;
    for (const words of ['winner 3. thank', 'sausage', 'yellow'])
      expect(everything).not.toContain(words);
    expect(onDisk(t.t.dataDir)).not.toMatch(/sausage|yellow/);
  });

  it('a part of six words after a phrase was masked, in Chinese too; ordinary words later are left alone', async () => {
    const t = await harness();
    const u = t.user();
    await u.says('我的助记词是');
    expect(u.lastText()).toMatch(/^⚠️ 请不要发送您的助记词/);
    await u.says('witch collapse practice feed shame open');
    await u.says('despair creek road again ice least');
    const stored = JSON.stringify(await t.core.repo.conversation('fake', 'u1')) + logs;
    expect(stored).not.toMatch(/witch|despair/);
    // A few list words with words around them are chat, not a part.
    await u.says('my withdrawal has been pending for three days, please check again');
    expect(u.lastText()).not.toMatch(/⚠️/);
  });
});

describe('a recovery phrase typed a few words per message, nothing said first (second security review)', () => {
  it('before a case: the part that makes six words is masked and warned about, and the earlier part is masked on the case too', async () => {
    const t = await harness();
    const u = t.user();
    await u.says("I can't import my wallet into the new phone, it says invalid");
    await u.says('legal winner thank');
    expect(u.lastText()).not.toMatch(/⚠️/);
    await u.says('year wave sausage');
    expect(u.texts().join('\n')).toMatch(/Your message contained your recovery phrase/);
    await u.says('worth useful legal');
    // The security case opened at once, with the earlier part masked in it.
    const [ticket] = await t.tickets();
    expect(ticket!.intent).toBe('security_report');
    const stored =
      JSON.stringify(await t.core.repo.conversation('fake', 'u1')) +
      JSON.stringify(ticket) +
      JSON.stringify(await t.core.repo.beforeCase(ticket!)) +
      JSON.stringify(t.desk.cases);
    for (const w of ['legal winner', 'sausage', 'useful']) expect(stored).not.toContain(w);
    expect(JSON.stringify(ticket)).toContain('[recovery phrase removed]');
  });

  it('on an open case: the parts relayed before are masked on the ticket and rewritten on the desk', async () => {
    const t = await harness();
    const u = t.user();
    const id = await u.openWithdrawalCase();
    await u.says('legal winner thank');
    expect(t.desk.live(id)!.posts.at(-1)!.text).toBe('legal winner thank');
    await u.says('year wave sausage');
    const ticket = await t.ticket(id);
    expect(ticket.priority).toBe('urgent');
    expect(JSON.stringify(ticket)).not.toMatch(/legal winner|sausage/);
    // The desk's copy of the first part is rewritten in place: no member reads it any more.
    const c = t.desk.live(id)!;
    expect(c.redacted).toHaveLength(1);
    expect(c.posts[c.redacted![0]!]!.text).toBe('[recovery phrase removed]');
    const posts = c.posts.map((p) => p.text).join('\n');
    expect(posts).not.toMatch(/legal winner|sausage/);
    expect(posts).toMatch(
      new RegExp(
        `${id}: the user typed their recovery phrase a few words per message, and 1 message\\(s\\) above held part of it. I have removed those words`,
      ),
    );
  });

  it('on an open case, parts typed with words around them ("我的助记词前三个是 …", "接着 …") never reach the desk readable (re-test of the fourth review)', async () => {
    const t = await harness();
    const u = t.user();
    const id = await u.openWithdrawalCase();
    for (const words of [
      '我的助记词前三个是 letter advice cage',
      '接着 absurd amount doctor',
      '然后 acoustic avoid letter',
      '最后 advice cage above',
    ])
      await u.says(words);
    const desk = t.desk
      .live(id)!
      .posts.map((p) => p.text)
      .join('\n');
    expect(desk).not.toMatch(
      /letter advice|advice cage|absurd|amount doctor|acoustic|avoid letter/,
    );
    expect(JSON.stringify(await t.ticket(id))).not.toMatch(/advice cage|absurd|acoustic/);
    expect((await t.ticket(id)).priority).toBe('urgent');
  });

  it('on an open case, a desk that cannot rewrite its post: the agents are asked to delete it', async () => {
    const t = await harness();
    t.desk.refuseRedact = true;
    const u = t.user();
    const id = await u.openWithdrawalCase();
    await u.says('legal winner thank');
    await u.says('year wave sausage');
    expect(JSON.stringify(await t.ticket(id))).not.toMatch(/legal winner|sausage/);
    const posts = t.desk.live(id)!.posts.map((p) => p.text);
    expect(posts.join('\n')).toMatch(
      new RegExp(
        `${id}: .* 1 message\\(s\\) above held part of it. They are masked in the case; delete them`,
      ),
    );
    expect(posts.slice(-3).join('\n')).not.toMatch(/sausage/);
  });

  it('a word at a time after "here is my seed phrase": each word masked', async () => {
    const t = await harness();
    const u = t.user();
    await u.openWithdrawalCase();
    await u.says('here is my seed phrase');
    expect(u.lastText()).toMatch(/^⚠️ Please don't send your recovery phrase/);
    for (const w of ['legal', 'winner', 'thank']) await u.says(w);
    const stored =
      JSON.stringify(t.desk.cases) + JSON.stringify(await t.core.repo.conversation('fake', 'u1'));
    expect(stored).not.toMatch(/winner|"thank"/);
  });

  it('in Chinese, after a vague first message: the first part opens the security case at once, the next parts get the short line', async () => {
    const t = await harness();
    const u = t.user('u1', 'zh');
    await u.says('钱包导入不了');
    await u.says('的 一 是 在');
    expect(u.texts().join('\n')).toMatch(/您的消息里包含助记词/);
    const [ticket] = await t.tickets();
    expect(ticket!.intent).toBe('security_report');
    const before = u.texts().length;
    await u.says('不 了 有 和');
    const after = u.texts().slice(before).join('\n');
    expect(after).toMatch(/这部分我也已隐藏/);
    expect(after).not.toMatch(/您的消息里包含助记词/);
    expect(JSON.stringify(t.desk.cases)).not.toMatch(/不 了 有 和|的 一 是 在/);
  });

  it('a one-time code sent in two messages is masked in both ("the code was 482" / "913", "驗證碼係 四八二" / "九一三"); a number alone otherwise is not (third outside review)', async () => {
    const t = await harness();
    const u = t.user();
    const id = await u.openWithdrawalCase();
    await u.says('the code was 482');
    await u.says('913');
    const v = t.user('u2', 'zh');
    const id2 = await v.openWithdrawalCase();
    await v.says('驗證碼係 四八二');
    await v.says('九一三');
    const posts = [...t.desk.live(id)!.posts, ...t.desk.live(id2)!.posts]
      .map((p) => p.text)
      .join('\n');
    for (const part of ['482', '913', '四八二', '九一三']) expect(posts).not.toContain(part);
    await u.says('250');
    expect(t.desk.live(id)!.posts.at(-1)!.text).toBe('250');
  });

  it('a Chinese phrase pasted alone as the first message is warned about in Chinese, the case marked zh (third outside review: English)', async () => {
    const t = await harness();
    const u = t.user();
    await u.says('的 一 是 在 不 了 有 和 人 这 中 大');
    expect(u.texts()[0]).toMatch(/^⚠️ 您的消息里包含助记词/);
    const [ticket] = await t.tickets();
    expect(ticket!.lang).toBe('zh');
  });

  it('chat made only of list words is left alone, first or after a phrase was masked (third outside review: "hello agent please help" opened an urgent security case)', async () => {
    const t = await harness();
    const u = t.user();
    await u.says('hello agent please help');
    expect(u.texts().join('\n')).not.toMatch(/contained your recovery phrase/);
    expect(await t.tickets()).toHaveLength(0);
    const v = t.user('u2');
    await v.says("hi, I can't see my tokens after restoring my wallet on a new phone");
    await v.says('the words are');
    for (const part of ['wagon tiger crane', 'olive glass merit', 'stove plunge vivid'])
      await v.says(part);
    await v.says('hello?');
    await v.says('agent please');
    const [ticket] = await t.tickets();
    const words = JSON.stringify(ticket) + JSON.stringify(t.desk.cases);
    for (const w of ['wagon', 'merit', 'vivid']) expect(words).not.toContain(w);
    expect(words).toContain('hello?');
    expect(words).toContain('agent please');
  });

  it('chat made of list words is neither masked nor the start of a run ("thank you very much", "see you again")', async () => {
    const t = await harness();
    const u = t.user();
    const id = await u.openWithdrawalCase();
    for (const w of ['thank you very much', 'see you again', 'ok']) await u.says(w);
    expect(
      t.desk
        .live(id)!
        .posts.map((p) => p.text)
        .join('\n'),
    ).toMatch(/thank you very much[\s\S]*see you again/);
    expect(u.texts().join('\n')).not.toMatch(/contained your recovery phrase|I hid that too/);
  });
});

describe('a bare Chinese phrase in a Chinese conversation', () => {
  it('is warned about in Chinese (what masking left is not English)', async () => {
    const t = await harness();
    const u = t.user();
    await u.says('我的提现三天了还没到账');
    await u.says('今 除 棋 冒 選 印 跑 肉 驗 掌 豆 摘');
    const warning = u.texts().find((x) => /⚠️/.test(x));
    expect(warning).toMatch(/助记词/);
    expect(warning).not.toMatch(/recovery phrase/);
  });
});

describe('keys and hashes', () => {
  it('masks a private key and never takes it for the transaction id; a bare hash is an id', async () => {
    const t = await harness();
    const u = t.user();
    await u.says('my transfer to my friend has not arrived');
    await u.press(/No, I still need help/);
    await u.says(`private key: ${KEY}`);
    expect(u.texts().join('\n')).toMatch(/private key/);
    expect(u.lastText()).not.toMatch(/How much/); // the key was not accepted as the id
    await u.says(HASH);
    // The hash is the id: the id question is not asked again.
    expect(u.lastText()).not.toMatch(/transaction ID|transfer ID|doesn't look like/);
    while (!/Please check your case/.test(u.lastText())) await u.press(/Skip|Done/);
    expect(u.lastText()).toContain(HASH);
    expect(logs + onDisk(t.t.dataDir)).not.toContain(KEY.slice(2));
  });

  it('the same key pasted again alone later in the case is still masked, never an id', async () => {
    const t = await harness();
    const u = t.user();
    await u.says('my transfer to my friend has not arrived');
    await u.press(/No, I still need help/);
    await u.says(`here is my private key: ${KEY}`);
    // Pasted again, bare, where a transaction id is asked: a hash by its shape, a key by memory.
    await u.says(KEY);
    // (The whole warning once; the second time a short line.)
    const said = u.texts().join('\n');
    expect(said.match(/contained your private key/g)).toHaveLength(1);
    expect(said).toMatch(
      /I hid that too — please don't send any more of it\. Treat the whole private key/,
    );
    // Not taken as the id: the warning, and the id question again.
    expect(u.lastText()).toMatch(/What's the transfer ID/);
    while (!/Please check your case/.test(u.lastText()))
      await u.press(/Skip|Done|I don't have one/);
    await u.press(/Send to support/);
    await u.says(KEY.slice(2)); // and after the case is open, to the agent
    expect(logs + onDisk(t.t.dataDir)).not.toContain(KEY.slice(2));
  });
});

describe('security reports', () => {
  it('"someone posing as support got my SMS code" is urgent, protective steps first, no transaction id demanded first', async () => {
    const t = await harness();
    const u = t.user();
    await u.says('Someone claiming to be your support messaged me and I gave him my SMS code');
    const first = u.texts()[0]!;
    expect(first).toMatch(/Change your password/);
    expect(first).toMatch(/Log out every other device/);
    // The case is with the agents at once, urgent, before any question.
    const said = u.texts().join('\n');
    expect(said).toMatch(/around the clock/);
    expect(said).toMatch(/never message you first/);
    const id = /T-[A-Z0-9]{7}/.exec(said)![0];
    expect((await t.ticket(id)).priority).toBe('urgent');
    expect(t.desk.live(id)!.card.priority).toBe('urgent');
    // The story is told: not asked for again; whether money left is asked after.
    expect(said).not.toMatch(/what happened/i);
    expect(u.lastText()).toMatch(/If any money left your account/);
    await u.says('0x9fc76417374aa880d4449a1f7f31ec597f00b1f6f3dd2d66f4c9c6c445836d8b');
    expect(
      t.desk
        .live(id)!
        .posts.map((p) => p.text)
        .join('\n'),
    ).toMatch(/0x9fc76417/);
  });

  it('a takeover in the middle of another case interrupts it at once and keeps the earlier words', async () => {
    const t = await harness();
    const u = t.user();
    await u.says('my payment to a shop failed');
    await u.says('wait, my password was changed and money is gone, someone hacked my account');
    const last = u.texts().join('\n');
    expect(last).toMatch(/Change your password/);
    expect(last).not.toMatch(/different problem/);
    const [ticket] = await t.tickets();
    expect(ticket!.intent).toBe('security_report');
    expect(ticket!.also).toEqual(['payment_failed']);
    expect(ticket!.userWords).toMatch(/payment to a shop failed/);
  });
});

describe('pressure to hand over details', () => {
  it('"a letter says I must call a number and give my details" is phishing: protective steps, urgent', async () => {
    const t = await harness();
    const u = t.user();
    await u.says(
      'Hello. I am 78 years old. The letter says I must call a number and give my details or my account is closed',
    );
    expect(u.texts()[0]).toMatch(/before anything else/);
    const [ticket] = await t.tickets();
    expect(ticket!.intent).toBe('security_report');
    expect(ticket!.priority).toBe('urgent');
  });

  it.each([
    'I got an email about my withdrawal being processed',
    'my email to you bounced, can you verify my account',
  ])('"%s" is not', async (words) => {
    const t = await harness();
    await t.user().says(words);
    expect((await t.tickets()).filter((x) => x.intent === 'security_report')).toHaveLength(0);
  });
});

describe('a scam call in progress (second outside review)', () => {
  it('"still on the phone, should I give them?" gets "hang up now"; "I already gave them the code" what to do now', async () => {
    const t = await harness();
    const u = t.user();
    await u.says('someone is calling me from wallet support asking for my 2FA backup codes');
    await u.says('they are still on the phone, should I give them?');
    expect(u.lastText()).toMatch(/^No — don't give them anything\. Hang up now\./);
    await u.says('I already gave them the code');
    expect(u.lastText()).toMatch(/^Act now, from this phone: change your password/);
  });

  it('"should i pay?" to unlock funds: do not pay; a phishing link clicked and a password typed: change it in the real app; "is it safe now?" after a pasted key: no (third outside review)', async () => {
    const t = await harness();
    const u = t.user();
    await u.says(
      'a guy from your support on telegram said my wallet is compromised and i must move my usdt to a safe address he gave me. i already sent 2000 usdt',
    );
    await u.says('he says i need to pay a fee of 200 usdt to unlock the funds. should i pay?');
    expect(u.lastText()).toMatch(/^Please do NOT pay\./);
    const v = t.user('u2');
    await v.says('i got an email to verify at wallet-secure-login.com, is this real?');
    await v.says('i already clicked and entered my password');
    expect(v.lastText()).toMatch(
      /^Change your password now — in the real app, never through that link/,
    );
    const w = t.user('u3');
    await w.says(`i want to import my wallet, my private key is ${KEY}`);
    await w.says('is it safe now?');
    expect(w.lastText()).toMatch(
      /^Not if anyone has seen your recovery phrase or private key — and pasting it in a chat, this one included/,
    );
    const x = t.user('u4');
    await x.says('頭先有人打電話嚟話係你哋客服，叫我俾助記詞佢，我未俾，係咪真㗎？');
    expect(x.texts()[0]).toMatch(/^這不正常，是詐騙/);
  });

  it('in Cantonese: "有人扮你哋職員打電話嚟…叫我講驗證碼" is urgent, "我講咗俾佢聽" gets the steps', async () => {
    const t = await harness();
    const u = t.user();
    await u.says('有人扮你哋職員打電話嚟，話我戶口有問題，叫我講驗證碼');
    const [ticket] = await t.tickets();
    expect(ticket!.intent).toBe('security_report');
    expect(ticket!.priority).toBe('urgent');
    await u.says('我講咗俾佢聽');
    expect(u.lastText()).toMatch(/^請馬上處理：修改登入密碼/);
  });

  it('a stolen SIM is a takeover risk, not a login question', async () => {
    const t = await harness();
    await t
      .user()
      .says("I need to change my phone number, my old SIM was stolen and I can't get SMS codes");
    const [ticket] = await t.tickets();
    expect(ticket!.intent).toBe('security_report');
  });
});

describe('not a security report', () => {
  it('"i did everything you said already" at "did this solve it?" is the steps not helping, not a scam', async () => {
    const t = await harness();
    const u = t.user();
    await u.says('my withdrawal has been pending for 3 days');
    const before = u.texts().length;
    await u.says('i did everything you said already');
    const said = u.texts().slice(before).join('\n');
    expect(said).not.toMatch(/before anything else|new wallet/);
    expect(said).toMatch(/pass your case to an agent/);
    expect(await t.tickets()).toHaveLength(0);
    // A caller's instructions still are.
    await u.says('the caller said he was from your support and i did everything he said');
    expect(u.texts().slice(before).join('\n')).toMatch(/before anything else/);
  });

  it('a question about changing the phone number is answered, with no urgent case', async () => {
    const t = await harness();
    const u = t.user();
    await u.says('can I change the phone number on my account?');
    expect(u.texts().join('\n')).toMatch(/Settings → Security → Phone number/);
    await u.says('怎么修改绑定的手机号码？旧号不用了');
    expect(u.texts().join('\n')).toMatch(/设置 → 安全 → 手机号/);
    expect(await t.tickets()).toHaveLength(0);
  });

  it('"我俾人呃咗" (Cantonese: I was scammed) is one', async () => {
    const t = await harness();
    const u = t.user();
    await u.says('我俾人呃咗');
    expect(u.texts()[0]).toMatch(/^請先立即完成以下步驟/);
    const [ticket] = await t.tickets();
    expect(ticket!.intent).toBe('security_report');
  });
});

describe('a phrase pasted while a question is asked', () => {
  it('gets the warning and the question again, not "noted" or "not a transaction ID"', async () => {
    const t = await harness();
    const u = t.user();
    await u.says('my withdrawal has been pending for 3 days');
    await u.press(/No, I still need help/);
    const before = u.texts().length;
    await u.says(`my phrase is ${PHRASE}`);
    const said = u.texts().slice(before);
    expect(said[0]).toMatch(/recovery phrase/);
    expect(said.join('\n')).not.toMatch(/Noted|added what you wrote|doesn't look like/);
    expect(u.lastText()).toMatch(/What's the withdrawal ID/);
  });
});

/** `words` said on an open withdrawal case: what the user was told, the ticket, the desk's posts. */
async function saidOnOpenCase(words: string) {
  const t = await harness();
  const u = t.user();
  const id = await u.openWithdrawalCase();
  const before = u.texts().length;
  await u.says(words);
  return {
    told: u.texts().slice(before).join('\n'),
    ticket: await t.ticket(id),
    posts: t.desk.live(id)!.posts.map((p) => p.text),
  };
}

describe('on a case already with the agents', () => {
  it('a takeover told later raises the case to urgent at once: protective steps once, the card marked, seniors called, 15-minute target', async () => {
    const t = await harness();
    const u = t.user();
    const id = await u.openWithdrawalCase();
    expect((await t.ticket(id)).priority).toBe('normal');
    const before = u.texts().length;
    await u.says(
      'wait, I just got an email that someone logged in from Russia and all my USDT is gone',
    );
    const told = u.texts().slice(before).join('\n');
    expect(told).toMatch(/Change your password/);
    expect(told).toMatch(new RegExp(`${id} is now urgent`));
    const ticket = await t.ticket(id);
    expect(ticket.priority).toBe('urgent');
    expect(ticket.also).toContain('security_report');
    expect(ticket.sla!.firstResponseDueAt! - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    const c = t.desk.live(id)!;
    expect(c.posts.map((p) => p.text).join('\n')).toMatch(/someone logged in from Russia/);
    const notice = c.posts.find((p) => /raised to urgent/.test(p.text));
    expect(notice?.mentionSeniors).toBe(true);
    expect(c.card.fields.find((f) => f.label === 'Priority')?.value).toBe('urgent');
    // Said once per case: a second report is relayed without the steps again.
    const after = u.texts().length;
    await u.says('they also changed my email, someone hacked my account');
    expect(u.texts().slice(after).join('\n')).not.toMatch(/Change your password/);
    expect(c.posts.filter((p) => /raised to urgent/.test(p.text))).toHaveLength(1);
  });

  it.each([
    "also there's a transaction I didn't make, 300 USDT sent to an unknown address just now!",
    'someone is draining my wallet, help',
    '另外刚才有一笔300 USDT不是我转的',
    // Re-test of the fourth review: other wordings.
    "wait, there's a 300 USDT transfer out of my wallet I never authorised, happened 5 minutes ago",
    '刚刚有人把我钱包里的币全转走了，不是我操作的',
    '有人偷緊我啲錢，頭先無啦啦轉走咗五千蚊',
    '我冇俾過呢筆錢㗎，啱啱有筆 HK$800 付款唔係我做嘅',
  ])(
    'money leaving that is not theirs, told on another case, raises it to urgent with the protective steps (fourth review): %s',
    async (words) => {
      const { told, ticket, posts } = await saidOnOpenCase(words);
      expect(told).toMatch(/Change your password|马上修改密码|馬上修改密碼/);
      expect(ticket.priority).toBe('urgent');
      expect(posts.some((p) => /raised to urgent/.test(p))).toBe(true);
    },
  );

  it.each([
    'still not arrived, please check',
    "I didn't make another withdrawal after this one, right?",
    "I didn't authorise this withdrawal to be delayed, I want my money",
  ])(
    '"%s" on the open case stays a message to the agents, the case at its priority',
    async (words) => {
      const { told, ticket } = await saidOnOpenCase(words);
      expect(ticket.priority).toBe('normal');
      expect(told).not.toMatch(/before anything else|passed that on/);
    },
  );

  it('a recovery phrase pasted to the agents is masked, and the case becomes urgent and flagged', async () => {
    const t = await harness();
    const u = t.user();
    const id = await u.openWithdrawalCase();
    await u.says(`my seed is ${PHRASE}`);
    const ticket = await t.ticket(id);
    expect(ticket.priority).toBe('urgent');
    expect(ticket.flags).toContain('secret:recovery_phrase');
    const c = t.desk.live(id)!;
    expect(c.card.fields.find((f) => f.label === '⚠️ Security')?.value).toMatch(/recovery phrase/);
    expect(c.posts.find((p) => /raised to urgent/.test(p.text))?.text).toMatch(/recovery phrase/);
    expect(JSON.stringify(c) + JSON.stringify(ticket)).not.toContain('absurd abuse access');
  });
});

describe('a phrase pasted on a case urgent already', () => {
  it('is announced without "raised to urgent", and the urgent targets stand', async () => {
    const t = await harness();
    const u = t.user();
    await u.says('someone logged into my account and withdrew all my usdt');
    const id = /T-[A-Z0-9]{7}/.exec(u.texts().join('\n'))![0];
    const before = await t.ticket(id);
    expect(before.priority).toBe('urgent');
    await u.says(`my seed is ${PHRASE}`);
    const c = t.desk.live(id)!;
    const notice = c.posts.find((p) => /pasted their recovery phrase/.test(p.text));
    expect(notice?.text).toMatch(new RegExp(`^🚨 ${id}: the user pasted their recovery phrase`));
    expect(c.posts.some((p) => /raised to urgent/.test(p.text))).toBe(false);
    expect((await t.ticket(id)).sla?.firstResponseDueAt).toBe(before.sla?.firstResponseDueAt);
  });
});

describe('values, not words', () => {
  it('"密码输错太多次" reaches the card unmasked', async () => {
    const t = await harness();
    const u = t.user();
    await u.says('密码输错太多次账户被锁了');
    await u.press(/没有解决/);
    await u.says('今天早上开始的，App 显示账户已锁定');
    while (!/请确认/.test(u.lastText())) await u.press(/跳过|完成/);
    await u.press(/提交给客服/);
    const id = /T-[A-Z0-9]{7}/.exec(u.lastText())![0];
    const card = t.desk.live(id)!.card;
    // Once on the card: as the description (the first words are not repeated under them).
    expect([card.userWords, ...card.fields.map((f) => f.value)]).toContain(
      '密码输错太多次账户被锁了',
    );
  });

  it("leaves an agent's advice about passwords alone, masks a real card number and tells the agent", async () => {
    // The alias in each language (an English one alone was shown mid-sentence to Chinese users).
    const t = await harness({ staffAlias: 'Support|客服' });
    const u = t.user('u1', 'zh');
    await u.says('我的提现三天了还没到账');
    await u.press(/没有解决/);
    while (!/请确认/.test(u.lastText())) await u.press(/跳过|完成|没有 \/ 找不到/);
    await u.press(/提交给客服/);
    const id = /T-[A-Z0-9]{7}/.exec(u.lastText())![0];
    const alice = t.agent('Alice');
    await alice.reply(id, '请立即修改密码并开启双重验证');
    expect(u.lastText()).toBe(`💬 客服 · 工单 ${id}：请立即修改密码并开启双重验证`);
    const feedback = await alice.reply(id, 'your card 4111 1111 1111 1111 is blocked');
    expect(u.lastText()).not.toContain('4111 1111 1111 1111');
    expect(feedback.text).toMatch(/card number/);
    // STAFF_ALIAS: the agent's own name never reaches the user, in the wait answer and
    // /status too (they named the agent holding the case).
    await u.says('有人吗？');
    expect(u.lastText()).toMatch(/已转给正在处理工单 T-[A-Z0-9]{7} 的客服/);
    await u.command('status');
    expect(u.lastText()).toMatch(/[（(]客服[）)]/);
    expect(u.texts().join('\n')).not.toContain('Support');
    expect(u.texts().join('\n')).not.toContain('Alice');
  });
});

describe('floods', () => {
  it('counts commands too: forty /help get one answer each up to the limit, then one notice', async () => {
    const t = await harness();
    const u = t.user();
    for (let i = 0; i < 40; i++) await u.command('help');
    const answers = u.texts();
    expect(answers.filter((a) => /Commands:/.test(a)).length).toBeLessThanOrEqual(10);
    expect(answers.filter((a) => /very fast/.test(a))).toHaveLength(1);
  });
});
