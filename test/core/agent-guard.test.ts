import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  asksInOtherWords,
  contactsGiven,
  echoesUserSecret,
  guardForms,
  keepPrints,
  meantForColleague,
  movesFunds,
  plainName,
  userSecretPrints,
} from '../../src/core/agent-guard.ts';
import { asksForSecret, maskSensitive, secretPrint } from '../../src/core/sensitive/index.ts';
import { Harness } from '../support/harness.ts';

/** As agent.ts heldReply reads a reply for a request for a secret: every form, both rules. */
const asks = (reply: string) =>
  guardForms(reply).some((form) => asksForSecret(form) || asksInOtherWords(form));

describe('an agent asking for a secret in other words, or written to slip past (abuse review)', () => {
  it.each([
    'tell me the digits you got by text',
    'what code did the app show?',
    'can you confirm your login PIN',
    'what are the words you wrote down when you created the wallet?',
    'type the 2FA here so I can unlock',
    'pls send the 6-digit number from the SMS',
    '请告诉我短信里的数字',
    '把你手机收到的数字发我',
    'send your 0TP',
    'please send your seеd phrase',
    'please send your r e c o v e r y  p h r a s e',
    'please send your s\u200beed phrase',
    // Other invisible characters, accents, letters of other scripts, digits for letters.
    'please send your s\u2060eed phrase',
    'send\u2060your\u2060seed\u2060phrase',
    'please send your sèed phrase',
    'please send your p4ssw0rd so I can check',
    'Send me your ＯＴＰ',
    'tell me your ΡΙΝ',
    'please send your o.t.p',
    'Which numbers did you get by SMS?',
    'Let me know the code the authenticator shows',
    'send me your transaction password',
    '請把你手機收到的數字發給我',
    '短信里的数字是多少？',
  ])('holds "%s"', (reply) => {
    expect(asks(reply)).toBe(true);
  });

  it.each([
    'never share your OTP with anyone',
    '请不要把验证码告诉任何人',
    'enter the code in the app, not here',
    '请在 App 里输入验证码',
    'Please enter the code we sent you in the app',
    'Please paste the error code here',
    'what code did the app show when the withdrawal failed?',
    'Set a new PIN, then confirm your new PIN',
    'Please send the transaction number here',
    'Can you send me the last 4 digits of your phone number?',
    'Tell me in your own words what happened',
    '请提供您的手机号码',
    '请告诉我您在App里看到的错误代码',
    'Send me a screenshot of the error code the app shows',
    'What is the order number shown in the app?',
    'Please send me your wallet address',
    'Let me know when you get the SMS code',
    'Did the app show a code?',
    'We found it: your bank returned it. Resending today.',
    'Steps: a b c, then e.g. open Settings › Security',
    '收到短信验证码后请在 App 里输入，然后给我回个消息',
    'Привет! Your withdrawal is on its way.',
  ])('lets "%s" through', (reply) => {
    expect(asks(reply)).toBe(false);
  });

  // Desk review: "the N digits the user received" asked for had got through ("六位数" is no
  // 数字, "we just texted you" was no source, "话我知" no asking).
  it.each([
    '麻烦提供一下您收到的六位数，我帮您核实',
    'What are the 6 digits we just texted you?',
    'What are the six digits we texted you?',
    'Which 6 numbers were you sent?',
    'Could you confirm the 6 digits we sent you?',
    'I need the six digits you just received',
    'Please reply with the 6 numbers texted to you',
    'what were the 4 digits in the email we sent?',
    '请提供您收到的6位数字',
    '您收到的六位数是多少？',
    '把您收到的那几个数字发给我',
    '麻烦报一下我们刚发给您的六位数',
    '你收到嘅六個數字話我知',
    '話我知你收到嘅六位數',
    '請提供您收到的六位數，我幫您核實',
    '發一下短信里的那串数字',
    'read me the numbers in the SMS',
    'whats the 6 digit number we texted u',
    'Can you read out the six numbers we emailed you?',
    '你收到嘅六個數字講我知',
    '將你收到嘅數字發嚟',
    'tell me the last 4 digits of the code we texted you',
  ])('holds "%s" (the digits the user received)', (reply) => {
    expect(asks(reply)).toBe(true);
  });

  it.each([
    // (A statement of where the user sees them: nothing asked.)
    'The last 4 digits of your card number are shown in the app.',
    'Your withdrawal ID has 16 digits.',
    '您的提现金额是六位数',
    'What is the 16-digit withdrawal ID we sent you?',
    'Did you receive the 6 digits we texted you? Enter them in the app.',
    'Please confirm the 6 digits we sent you in the app.',
    'Tell me when you receive the six digits',
    '请提供您收到的六位数金额的转账记录',
    '请提供您收到款项的六位数订单号',
    '您收到的金额是六位数，请确认',
    '我们发给您的六位数验证码请只在 App 里输入',
    'Let me know once you have received the 6 digits, then enter them in the app',
    'Tell me the last 4 digits of the card you received the refund on',
    'We texted you a 6-digit code; enter it in the app, never here.',
  ])('lets "%s" through (no digits the user received asked for)', (reply) => {
    expect(asks(reply)).toBe(false);
  });

  it('checks what is sent: the form the user reads comes first, as sanitizeUserText leaves it', () => {
    expect(guardForms('please send your s\u200beed phrase')[0]).toBe(
      'please send your seed phrase',
    );
    expect(guardForms('send your 0TP')).toContain('send your otp');
    expect(guardForms('please send your r e c o v e r y  p h r a s e')).toContain(
      'please send your recovery phrase',
    );
  });
});

describe('an agent telling the user to move or pay funds to an address (abuse review)', () => {
  const moves = (reply: string) => guardForms(reply).some(movesFunds);
  const T = 'TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE';

  it.each([
    'please move your funds to this safe address 0x9f8e7d6c5b4a39281706f5e4d3c2b1a098765432 to protect them',
    `请把资产转到这个安全地址 ${T}`,
    `to unlock, send 50 USDT verification deposit to ${T}`,
    'Transfer all your assets to our secure wallet now',
    `Here is the safe address: ${T}. Move your funds there now.`,
    'Pay the unlock fee of 30 USDT and we release it',
    'send 20 USDT to unlock your withdrawal',
    `Please send the USDT to ${T}`,
    '先交 100 USDT 解冻费',
    '请支付验证金后才能提现',
    `請把資產轉到這個安全地址 ${T}`,
    // Written to slip past: a Cyrillic о, a zero-width space.
    'please mоve your funds to this safe address 0x9f8e7d6c5b4a39281706f5e4d3c2b1a098765432',
    `send 50 USDT verification de\u200bposit to ${T}`,
  ])('holds "%s"', (reply) => {
    expect(moves(reply)).toBe(true);
  });

  it.each([
    'Move your funds to a new wallet that only you control.',
    `Did you send the funds to ${T}?`,
    'We sent the refund to 0x9f8e7d6c5b4a39281706f5e4d3c2b1a098765432, please check.',
    'There is no unlock fee.',
    'We never charge a verification fee.',
    'The withdrawal fee is 1 USDT.',
    `Please send us the txid for the transfer to ${T}`,
    `Your withdrawal to ${T} is pending`,
    '请把资产转到您自己新建的钱包',
    'You can withdraw to your own wallet address in the app.',
    `Check that your deposit to ${T} has 20 confirmations`,
    'If someone asks you to send crypto to a "safe wallet", it is a scam.',
    '如果有人让您把资产转到“安全账户”“保护钱包”或他给的地址：千万不要转。',
    '要求先交“保证金”“税费”“解冻费”才能提现的，都是诈骗。',
  ])('lets "%s" through', (reply) => {
    expect(moves(reply)).toBe(false);
  });
});

describe('an agent giving a handle, phone number or e-mail address to reach someone elsewhere (abuse review)', () => {
  it('finds each one, less the official ones (AGENT_CONTACTS, e-mail at an AGENT_LINK_DOMAINS domain)', () => {
    expect(contactsGiven('contact our VIP desk at @wallet_support_vip or +1 555 0100')).toEqual([
      '@wallet_support_vip',
      '+1 555 0100',
    ]);
    expect(contactsGiven('message @wallet_help for faster service')).toEqual(['@wallet_help']);
    expect(contactsGiven('call +1 555 0100')).toEqual(['+1 555 0100']);
    expect(contactsGiven('email me at alice.support@gmail.com')).toEqual([
      'alice.support@gmail.com',
    ]);
    expect(contactsGiven('打电话给我 13800138000')).toEqual(['13800138000']);
    expect(contactsGiven('hotline: (800) 555-0199')).toEqual(['(800) 555-0199']);
    const allowed = {
      contacts: ['@OurWallet', '+1 800 555 0199', 'desk@helpdesk.example'],
      domains: ['wallet.example', 't.me/ourwallet_news'],
    };
    expect(
      contactsGiven(
        'Follow @ourwallet or @OurWallet_News, call +1 (800) 555-0199 or 800 555 0199, write to support@wallet.example, help@eu.wallet.example or desk@helpdesk.example',
        allowed,
      ),
    ).toEqual([]);
    expect(
      contactsGiven('write to alice@wallet.example.evil.com or @OurWalletSupport', allowed),
    ).toEqual(['alice@wallet.example.evil.com', '@OurWalletSupport']);
  });

  it("lets the user's own handle through, and only it", () => {
    for (const user of ['bob', '@Bob'])
      expect(contactsGiven('Hi @bob, your withdrawal is on its way', { user })).toEqual([]);
    expect(contactsGiven('Hi @bob, your withdrawal is on its way')).toEqual(['@bob']);
    expect(contactsGiven('Hi @bob, please write to @bob_support', { user: 'bob' })).toEqual([
      '@bob_support',
    ]);
  });

  describe('on an open case', () => {
    let h: Harness | undefined;
    // The first core of a worker loads the intents and the word vectors: not within a test's time.
    beforeAll(async () => {
      await (await Harness.create()).dispose();
    }, 60_000);
    afterEach(async () => {
      await h?.dispose();
      h = undefined;
    });

    it("sends a reply naming the user's own @username; holds one naming another handle", async () => {
      h = await Harness.create();
      const u = h.user();
      const id = await u.openWithdrawalCase();
      const ticket = (await h.ticket(id))!;
      await h.core.repo.saveTicket({ ...ticket, user: { ...ticket.user, username: 'bob' } });
      const mention = 'Hi @bob, your withdrawal is on its way.';
      expect((await h.agent('Alice').reply(id, mention)).ok).toBe(true);
      expect(u.lastText()).toContain(mention);
      const r = await h.agent('Alice').reply(id, 'Hi @bob, please write to @bob_support.');
      expect(r.ok).toBe(false);
      expect(r.text).toMatch(/gives the user @bob_support to reach someone outside this chat/);
    });
  });

  it.each([
    'Your withdrawal on 2026-11-20 of 250 USDT, id TX-20261120-8F3K2Q9, is on its way',
    'Our hours are UTC+8, 09:00-18:00; the order 1234567890123456 is refunded',
    'we never message you from @wallet_help',
    'A message like "DM me on WhatsApp +1 202 555 0143" is a scam: we never do that.',
    'Call the number on the back of your card.',
    '如遇诈骗请报警（中国大陆：110，反诈专线 96110；香港：防骗易热线 18222）',
    'Please /transfer @here if needed',
  ])('finds none in "%s"', (reply) => {
    expect(guardForms(reply).flatMap((f) => contactsGiven(f))).toEqual([]);
  });
});

describe('a reply meant for a colleague (desk review)', () => {
  const bob = { displayName: 'Bob Chen', username: 'bobc' };
  const alex = { displayName: 'Alex', username: 'alex88' };

  it.each([
    "Bob can you take this one? I'm off shift",
    "Carol pls check this one, i'm going for lunch",
    '小王你接一下这个单，我下班了',
    '@dan_ops can you take over? brb',
    "can someone take this one? I'm off shift",
    'Can you take this one?',
    'Hey team, anyone free to grab this ticket?',
    "Dan, I'm off for lunch, back in 30",
    '谁有空接一下这个单',
    '帮我跟进一下这个单，我去吃饭了',
    '阿明，呢張單交俾你，我落班喇',
    '小李，我下班了',
    'Bob, take over pls, my shift is over',
  ])('holds "%s" to a user named Alex', (reply) => {
    expect(meantForColleague(reply, alex)).toBe(true);
  });

  it.each([
    'Hi Bob, your withdrawal is on its way',
    "Bob, I'm going for lunch; a colleague will pick this up",
    'Bob, can you take a screenshot of the error?',
  ])('lets "%s" through to Bob (the user is Bob)', (reply) => {
    expect(meantForColleague(reply, bob)).toBe(false);
    expect(meantForColleague(reply.replace('Bob', '@bobc'), bob)).toBe(false);
  });

  it.each([
    "I'm going off shift now; my colleague Dan will continue with your case tomorrow.",
    'A colleague will take over your case shortly.',
    'My colleague Dan will take over the case from here.',
    'Please check the ticket number in the app.',
    'Could you check the transaction in your history?',
    'Please, take a look at Settings › Security.',
    "Thanks, I'll check this one with the bank.",
    '我下班了，明天同事会继续跟进您的工单。',
    '请您查看一下这个订单的状态',
    '小时后到账，请耐心等待',
    "Sorry, I'm on a break from 12 to 1, a colleague will answer your messages.",
    'Hi Alex, your withdrawal is on its way',
    'Update: the bank confirmed the transfer.',
  ])('lets "%s" through to Alex', (reply) => {
    expect(meantForColleague(reply, alex)).toBe(false);
  });

  describe('on an open case', () => {
    let h: Harness | undefined;
    beforeAll(async () => {
      await (await Harness.create()).dispose();
    }, 60_000);
    afterEach(async () => {
      await h?.dispose();
      h = undefined;
    });

    it('holds a hand-over to a colleague, the agent told to use /note or /transfer; a reply to the user named Bob goes', async () => {
      h = await Harness.create();
      const u = h.user();
      const id = await u.openWithdrawalCase();
      const ticket = (await h.ticket(id))!;
      await h.core.repo.saveTicket({
        ...ticket,
        user: { ...ticket.user, displayName: 'Bob Chen', username: 'bobc' },
      });
      const before = u.texts().length;
      for (const reply of [
        "Carol can you take this one? I'm off shift",
        "Carol pls check this one, i'm going for lunch",
        '小王你接一下这个单，我下班了',
      ]) {
        const r = await h.agent('Alice').reply(id, reply);
        expect(r.ok, reply).toBe(false);
        expect(r.text, reply).toMatch(/meant for a colleague.*\/note.*\/transfer/);
      }
      expect(u.texts().length).toBe(before);
      // (A slip, not abuse: no call to the seniors.)
      expect(h.desk.live(id)!.posts.some((p) => p.mentionSeniors)).toBe(false);
      for (const reply of [
        'Hi Bob, your withdrawal is on its way.',
        "Bob, I'm off shift now: a colleague will continue with your case.",
        // (To Bob, who is the user: it would be held to anyone else.)
        "Bob, I'm off for lunch, back in 30.",
      ]) {
        expect((await h.agent('Alice').reply(id, reply)).ok, reply).toBe(true);
        expect(u.lastText()).toContain(reply);
      }
    });
  });

  it('tells a name that is not the user only by the user: "Hi Bob, I\'m off for lunch" is for Bob, not for Alex', () => {
    const reply = "Hi Bob, I'm off for lunch, back in 30";
    expect(meantForColleague(reply, bob)).toBe(false);
    expect(meantForColleague(reply, alex)).toBe(true);
  });
});

describe('a link to a block explorer, and holds of a link or a phone number alone (desk review)', () => {
  let h: Harness | undefined;
  beforeAll(async () => {
    await (await Harness.create()).dispose();
  }, 60_000);
  afterEach(async () => {
    await h?.dispose();
    h = undefined;
  });
  const hash = 'a3e7c91f04b2d85e6f1930ac7d4be25816f0c3a9d7e24b5018ca63f9e7b2d0c4';

  it("sends an explorer's transaction page; holds another site or a phone number without calling the seniors, a secret or funds request with them", async () => {
    h = await Harness.create({ linkDomains: ['wallet.example'], agentContacts: ['@OurWallet'] });
    const u = h.user();
    const id = await u.openWithdrawalCase();
    for (const reply of [
      `It is confirmed on-chain: https://tronscan.org/#/transaction/${hash}`,
      `已在链上确认：https://etherscan.io/tx/0x${hash}`,
    ]) {
      expect((await h.agent('Alice').reply(id, reply)).ok, reply).toBe(true);
      expect(u.lastText()).toContain(reply);
    }
    const posts = () => h!.desk.live(id)!.posts;
    const light: Array<[string, RegExp]> = [
      [
        'Steps are here: https://help.otherwallet.com/withdrawals',
        /links to help\.otherwallet\.com/,
      ],
      ['Our office number is +44 20 7946 0958', /gives the user \+44 20 7946 0958/],
      [
        `See https://etherscan.io/address/0x${'9f'.repeat(20)}#writeContract`,
        /links to etherscan\.io/,
      ],
    ];
    for (const [reply, why] of light) {
      const before = posts().length;
      const r = await h.agent('Alice').reply(id, reply);
      expect(r.ok, reply).toBe(false);
      expect(r.text, reply).toMatch(why);
      const notice = posts().slice(before);
      expect(notice.map((p) => p.text).join('\n'), reply).toMatch(/⚠️ .*held, not sent/);
      expect(
        notice.some((p) => p.mentionSeniors),
        reply,
      ).toBe(false);
    }
    const serious = [
      // A link with a request for a secret or funds, a handle, another app: the seniors called.
      'Verify at https://wallet-verify.xyz and send me the 6 digits we just texted you',
      'Move your funds to our safe wallet: https://safe-vault.xyz',
      'Steps at https://help.otherwallet.com, or DM @wallet_help_desk',
      'Add me on WhatsApp for faster help: https://wallet-help.xyz',
    ];
    for (const reply of serious) {
      const before = posts().length;
      expect((await h.agent('Alice').reply(id, reply)).ok, reply).toBe(false);
      expect(
        posts()
          .slice(before)
          .some((p) => p.mentionSeniors && /🛑/.test(p.text)),
        reply,
      ).toBe(true);
    }
  });
});

describe("an agent writing back a user's code or password (abuse review)", () => {
  const salt = 'fake:u1';
  const printsOf = (...messages: string[]) =>
    messages.reduce<string[]>(
      (prints, m) => keepPrints(prints, userSecretPrints(m, maskSensitive(m).text, salt)),
      [],
    );
  const prints = printsOf(
    'code was 482913',
    'my password is Hunter2!2024',
    '密码是Qwe123456',
    'my pin is 4829',
    'card 4111 1111 1111 1111 exp 12/27 cvv 123',
    'TX-20261120-8F3K2Q9 250 USDT',
  );

  it('keeps salted one-way prints of the codes and passwords masked, never the values', () => {
    expect(prints).toHaveLength(4);
    expect(JSON.stringify(prints)).not.toMatch(/482913|Hunter2|Qwe123456|4829/);
    // Not the fast print of a key (a 6-digit code's would be the code back in a millisecond).
    expect(prints).not.toContain(secretPrint('482913'));
    // Another user's same code prints otherwise.
    expect(userSecretPrints('code was 482913', 'code was ••••••', 'fake:u2')).not.toEqual(
      userSecretPrints('code was 482913', 'code was ••••••', salt),
    );
  });

  it.each([
    'is your code 482913?',
    'was the password Hunter2!2024?',
    'was the password "Hunter2!2024"',
    '你的密码是Qwe123456吗',
    'code: 482-913',
    'the code 4 8 2 9 1 3 has expired',
    'is the PIN 4829?',
  ])('finds one in "%s"', (reply) => {
    expect(echoesUserSecret(reply, prints, salt)).toBe(true);
    expect(echoesUserSecret(reply, prints, 'fake:u2')).toBe(false);
  });

  it.each([
    'Your case TX-20261120-8F3K2Q9: 250 USDT sent on 2026-11-20',
    'the code you sent has expired: request a new one in the app',
    'hunter2!2024 is not it',
  ])('finds none in "%s"', (reply) => {
    expect(echoesUserSecret(reply, prints, salt)).toBe(false);
  });

  it("keeps no value's length with its print", () => {
    expect(prints.every((p) => /^e2:[\w-]+$/.test(p))).toBe(true);
    // A print of before ("e1:<length>:…") is still read, and kept without its length.
    const old = prints.map((p) => p.replace(/^e2:/, `e1:6:`));
    expect(echoesUserSecret('is your code 482913?', old, salt)).toBe(true);
    expect(keepPrints([], old)).toEqual(prints);
  });

  it('prints a password of letters only (not a common word) and a code said in numerals or words', () => {
    const more = printsOf(
      'my password is Zanzibarqux',
      '验证码：四八二九一三',
      'the code I got was seven three nine two zero one',
    );
    for (const reply of [
      'was the password Zanzibarqux?',
      '你的验证码是四八二九一三吗？',
      'is your code 482913?',
      'was it seven three nine two zero one?',
      'was it 739201?',
    ])
      expect(echoesUserSecret(reply, more, salt), reply).toBe(true);
    // A common word is no print: "you're welcome" is not held, nor is the agent told it is one.
    expect(printsOf('my password is welcome')).toEqual([]);
    expect(echoesUserSecret("You're welcome", printsOf('my password is welcome'), salt)).toBe(
      false,
    );
  });

  it("keeps the keys' prints apart: codes do not push them out", () => {
    const key = secretPrint('4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318');
    let kept = keepPrints([], [key]);
    for (let i = 0; i < 30; i++)
      kept = keepPrints(kept, userSecretPrints(`code was ${100000 + i}`, 'code was ••••••', salt));
    expect(kept).toContain(key);
    expect(kept).toHaveLength(11);
  });

  it('keeps one mark of which half a message ended with, the newest', () => {
    const key = secretPrint('4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318');
    let kept = keepPrints([], [key, 'half:key']);
    kept = keepPrints(kept, ['half:code']);
    expect(kept).toEqual([key, 'half:code']);
    expect(keepPrints(kept, ['half:key'])).toEqual([key, 'half:key']);
    expect(keepPrints(kept, [])).toEqual([key, 'half:code']);
  });
});

describe("an agent's display name as users see it (plainName)", () => {
  it.each([
    ['<b>Support</b> (official) \u202eTeam', 'Support (official) Team'],
    ['Alice\u200b\u2066 \u2028 Chen', 'Alice Chen'],
    ['客服\u202e小王', '客服小王'],
    ['\u202e\u200b<i></i>', 'Support'],
    ['a'.repeat(80), 'a'.repeat(64)],
  ])('%j → %j', (name, shown) => {
    expect(plainName(name)).toBe(shown);
  });
});

describe('speed', () => {
  const vocab = [
    ...'send me your the code digits you got by text sms app show what 0TP s e e d p h r a s e seеd move funds to safe address 0x9f8e7d6c5b4a39281706f5e4d3c2b1a098765432 TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE verification deposit unlock fee 50 USDT @wallet_help +1 555 0100 call alice@gmail.com 482913 Hunter2!2024 , . : ? 请 告诉我 短信 里的 数字 发我 转到 安全地址 \u200b never'.split(
      ' ',
    ),
  ];
  let x = 2463534242;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
  const randomReply = (sep: () => string) => {
    let s = '';
    while (s.length < 4000) s += vocab[next() % vocab.length] + sep();
    return s.slice(0, 4000);
  };

  it('reads 4,000-character replies quickly, even hostile ones', () => {
    const prints = keepPrints(
      [],
      userSecretPrints('code was 111111', maskSensitive('code was 111111').text, 'fake:u1'),
    );
    const inputs = [
      randomReply(() => (next() % 5 ? ' ' : '\n')),
      randomReply(() => ' '),
      'send '.repeat(800),
      'a '.repeat(2000),
      `${'123456 '.repeat(570)}`,
      `${'@a_b '.repeat(800)}`,
    ];
    const start = performance.now();
    for (const reply of inputs)
      for (const form of guardForms(reply)) {
        asksInOtherWords(form);
        movesFunds(form);
        contactsGiven(form);
        echoesUserSecret(form, prints, 'fake:u1');
      }
    // A sanity bound, far above what this takes: it only catches runaway regexes and hashing.
    expect(performance.now() - start).toBeLessThan(6000);
  });
});
