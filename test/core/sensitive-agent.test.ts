import { describe, expect, it } from 'vitest';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import {
  asksForSecret,
  givesSecret,
  outsideLinks,
  takesUserOffPlatform,
  withoutAllowedLinks,
  maskAgentText,
  maskSensitive,
  PRIVATE_KEY_MARK,
  RECOVERY_PHRASE_MARK,
} from '../../src/core/sensitive/index.ts';

describe('maskAgentText', () => {
  it.each([
    '请立即修改密码并开启双重验证',
    'Please change your password and enable 2FA now',
    'enter the code we sent',
    'Your password is never needed: enter the code we sent to your phone.',
    'password: reset it from Settings › Security',
    'the verification code is 482913 in our test environment',
    '请输入验证码123456以外的号码',
    'CVV is the 3 digits on the back',
    'Never share your 12-word recovery phrase or private key with anyone.',
    'Transaction 0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318 is confirmed.',
  ])('leaves "%s" alone', (input) => {
    expect(maskAgentText(input)).toEqual({ text: input, found: [] });
  });

  it('masks secret values an agent quotes', () => {
    const words = english.slice(300, 312).join(' ');
    const r = maskAgentText(
      `You sent 4111 1111 1111 1111, your phrase was ${words}. The key KwdMAjGmerYanjeui5SHS7JkmpZvVipYvB2LJGU1ZxJwYvP98617, id 11010519491231002X and passport E12345678.`,
    );
    expect(r.text).toBe(
      `You sent •••• •••• •••• 1111, your phrase was ${RECOVERY_PHRASE_MARK}. The key ${PRIVATE_KEY_MARK}, id ••••••••••••••002X and passport •••••••••.`,
    );
    expect(r.found.sort()).toEqual(
      ['card_number', 'national_id', 'passport', 'private_key', 'recovery_phrase'].sort(),
    );
  });

  it('masks a key an agent writes after "the key is" or "your key:"; a hash after "the tx is" stays', () => {
    const key = `0x${'4c0883a69102937d6231471b5dbb6204fe512961708279f2e3e8a5d4b8e3e0b1'}`;
    expect(maskAgentText(`For testing, the key is ${key}`).text).toBe(
      `For testing, the key is ${PRIVATE_KEY_MARK}`,
    );
    expect(maskAgentText(`your key: ${key}`).text).toBe(`your key: ${PRIVATE_KEY_MARK}`);
    const hash = `0x${'9fc76417374aa880d4449a1f7f31ec597f00b1f6f3dd2d66f4c9c6c445836d8b'}`;
    expect(maskAgentText(`the tx is ${hash}`).found).toEqual([]);
  });

  it('has the same shape as maskSensitive', () => {
    expect(Object.keys(maskAgentText('hello')).sort()).toEqual(['found', 'text']);
  });
});

describe('speed', () => {
  const vocab = [
    ...'the my is and to wallet transfer late password code otp pin passport ssn secret private key 0x 12345 4111 , . : 1. 2) hello 的 一 是 私钥 助记词是 密码 验证码'.split(
      ' ',
    ),
    ...english.slice(0, 40),
  ];
  let x = 2463534242;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
  const randomWords = () => {
    let s = '';
    while (s.length < 4000) s += vocab[next() % vocab.length] + (next() % 5 ? ' ' : '\n');
    return s.slice(0, 4000);
  };

  it('masks 4,000-character messages quickly, even hostile ones', () => {
    const inputs = [
      randomWords(),
      randomWords(),
      '1'.repeat(4000),
      '4111 '.repeat(800),
      'a'.repeat(4000),
      'password a '.repeat(360),
      'code a b c '.repeat(360),
      '助记词是'.repeat(1000),
      '的'.repeat(4000),
      'abandon '.repeat(500),
      'private key '.repeat(330),
      'passport a b '.repeat(300),
      '1. '.repeat(1300),
      ':'.repeat(4000),
    ];
    const start = performance.now();
    for (const input of inputs) {
      maskSensitive(input);
      maskAgentText(input);
    }
    // A sanity bound, far above the few milliseconds this takes: it only catches runaway regexes.
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('an agent asking the user for a secret (asksForSecret)', () => {
  it.each([
    'please reply with your 12-word recovery phrase so we can restore your wallet',
    '请把您的助记词和短信验证码发给我，我帮您恢复账户',
    '請提供您的私鑰以便核實',
    'please send me the 6 digit code you received by SMS so I can verify',
    'What is your password?',
    'Can you tell us your PIN?',
    '验证码告诉我一下',
    // An outside red team's: reassurance is not a warning, and requests in other words.
    "Don't worry, just send me your seed phrase so I can fix it.",
    'Please send me your seed phrase, nobody else will see it.',
    '不要担心，把助记词发给我就能帮您找回资产。',
    "What's your recovery phrase? I need it to sync your wallet.",
    'Kindly enter your 24 secret words in the reply box below.',
    'For the security check I need your Google Authenticator code right now.',
    'Please type your 12-word phrase here for verification.',
    '麻烦把手机收到的六位数字发过来',
    '您的验证码是多少？',
    '請問您的錢包密碼是多少？',
    '你收到嘅驗證碼係幾多？講俾我聽。',
    'To verify ownership, please type out the 12 words you wrote down when you created the wallet.',
    'Can you read me the numbers shown in your authenticator app?',
    "Just paste the words from your backup card here and I'll handle the rest.",
    'Send the code you got by text to this chat.',
    '請將您的助記詞傳送給我們進行驗證。',
    // Quotes are not a warning by themselves.
    'Send me "your recovery phrase" now',
    '请把"助记词"发给我',
    'Scams are everywhere, so send me "your recovery phrase" here.',
    // A second security review's: the secret asked for directly, in other verbs and words.
    'kindly share your private key',
    'could you provide the private key of the wallet',
    'send the seed words',
    'type your secret recovery phrase below',
    'what are the first 4 words of your phrase?',
    'can you send the 24 words you wrote down when you set up the wallet',
    '請把私鑰貼上來',
    '麻煩提供您的註記詞以便驗證',
    'Please confirm your login details (email and pass) so I can check',
    // A third outside review's.
    'Can you send me the last 4 digits of the card and the 3 digit code on the back so I can verify?',
    'and for verification also your CVV',
    '請提供您的卡片背面三碼',
    'Please export the key from Settings > Advanced and paste it here',
    '我哋需要你個私鑰先可以幫你',
    'To verify ownership we need your secret recovery words, please type them here',
    "What's the 6-digit number the authenticator app shows right now?",
    'Can you confirm the code we just sent to your email?',
    'Please read me the digits from the SMS we just sent',
    'Send me your 2FA backup codes please',
    "What's your login password so I can check the account?",
    '請在這裡輸入您的驗證碼',
    '输入你的助记词到这里，我帮你恢复',
  ])('holds "%s"', (text) => {
    expect(asksForSecret(text)).toBe(true);
  });

  it.each([
    'Please enter the code we sent you in the app',
    'Never share your recovery phrase or codes with anyone.',
    '请勿向任何人提供验证码',
    '我们不会索要您的密码',
    'Reset your password: Settings → Security → Password',
    'Please send me a screenshot of the error',
    '请提供交易号',
    '请修改密码并开启双重验证',
    'Did you receive the SMS code?',
    "Please don't reply with your password — just tell me whether the login screen shows an error.",
    'Do not, under any circumstances, send us your seed phrase.',
    '验证码发给我们是没用的，请直接在 App 里输入。',
    'Can you tell me whether the SMS code arrives at all?',
    'Tell me what happens when you enter the verification code. Any error message?',
    'Please send a screenshot of the error on the password reset page here so I can check.',
    "Forward me the email you got about the password reset so I can check if it's genuine.",
    '请提供一下您修改密码时看到的错误截图。',
    '請提供您重設密碼時收到的錯誤訊息截圖。',
    // A warning that quotes what scammers write (an outside red team's).
    'Scammers often write "please send us your 12 words to verify". We will never ask for them.',
    '如果有人说"把助记词发给我"，那就是骗子。',
    '有人叫你「提供验证码」就是诈骗，请勿理会。',
    'A fake agent may say: “reply with your seed phrase so we can unlock the account” — that is a scam.',
    'never share your private key with anyone',
    'please share your wallet address',
    'what are the first steps you tried?',
    "don't share your seed words with anyone, including us",
    // The copy review's: what the user did in the app, asked (it had been held, seniors paged).
    '請問您有輸入簡訊驗證碼嗎？',
    '您输入验证码了吗？',
    '请在 App 里输入验证码完成登录',
  ])('lets "%s" through', (text) => {
    expect(asksForSecret(text)).toBe(false);
  });
});

describe('an agent giving the user a password, code, PIN or CVV (givesSecret)', () => {
  it.each([
    'your temporary password is Xy7!kq9P',
    'Verification code: 482913',
    'PIN = 0000',
    'your new password will be Wallet2026!',
    'OTP 839201',
    'Temp password: "Hx8#pq2L"',
    'the CVV is 123',
    '临时密码是 abc12345',
    '驗證碼：482913',
    '你的新密码为Qq123456',
    'Use this code to log in: 739104',
    'The code is 739104, it expires in 5 minutes.',
    "Your password has been reset to 'Qx7!pL2m'.",
    'Temp pass: Wq8#kL2p',
    'I set your PIN to 1234.',
    '密码已重置为 Qwe123456',
    '新密码我已经帮您设好了：Abc@12345',
    '驗證碼 482913 請在五分鐘內輸入',
    '你嘅新密碼係 Xy7kq9P2，登入之後記得改。',
  ])('holds "%s"', (text) => {
    expect(givesSecret(text)).toBe(true);
  });

  it.each([
    'your password is too weak',
    'the code is valid for 5 minutes',
    'error code 5003 means the bank refused it',
    'the verification code was sent to your phone',
    'your PIN is locked for 24 hours',
    'your reference code is TX-20261120-8F3K2Q9',
    'password must have 8 characters',
    'the 6-digit code expires after 10 minutes',
    '错误码 5003',
    '验证码已发送到您的手机',
    '密码需要至少 8 位',
    'That message (PIN-2003) means the PIN was entered wrong 3 times.',
    "The app shows 'Invalid verification code (E1002)'? That usually means your phone clock is off.",
  ])('lets "%s" through', (text) => {
    expect(givesSecret(text)).toBe(false);
  });
});

describe('an agent taking the user elsewhere (takesUserOffPlatform, outsideLinks)', () => {
  it.each([
    'add me on WhatsApp +1 415 555 0100',
    'DM me on Telegram @wallet_help_desk, faster there',
    'my WeChat is walletsupport88',
    'https://wa.me/14155550100',
    'contact me at +44 7700 900123',
    '加我微信 wallet888，我帮你快速处理',
    '请私聊我',
    '我的电报是 @refund_help',
    '打我电话 13800138000',
    "Don't worry, add me on WhatsApp +44 7700 900123 and I'll fix it.",
    '别担心，加我微信 kefu888 马上处理。',
    "Let's continue on Telegram, my username is @wallet_support_mike.",
    'Contact our senior agent on WhatsApp: +1 202 555 0143',
    '这边处理不了，您加一下我们经理的微信：wx_88888',
    '我的飞机号是 @kefu_01',
    '請加我的 LINE：wallet123',
    '请下载飞机（Telegram）搜索 @wallet_kefu 联系我们的技术部。',
    '方便的話留個電話，我直接打給您。',
    '加我 WhatsApp 啦：+852 6123 4567',
    // A second security review's.
    'contact our senior team on WhatsApp +1 555 0100',
    'please go to https://wallet-verify-support.com and connect your wallet',
    'please connect your wallet to our verification page',
  ])('holds "%s"', (text) => {
    expect(takesUserOffPlatform(text)).toBe(true);
  });

  it.each([
    'Our team will keep replying here.',
    'Please contact your bank with the reference number',
    'call the number on the back of your card',
    'we never message you on WhatsApp or Telegram',
    'You can add the TRC20 network in the app',
    '如有问题请在这里联系我们',
    '请联系您的银行',
    '我们不会加您微信',
    'Feel free to message us here on Telegram anytime, this bot is our official support.',
    'Sorry for the slow replies, my signal is bad today.',
    '后续有问题直接在这个对话里联系我就行。',
    'A message like "DM me on WhatsApp +1 202 555 0143" is a scam: we never do that.',
    'verify your wallet address is correct before sending',
    'you can reconnect your wallet in the app settings',
    'never connect your wallet to sites you do not trust',
  ])('lets "%s" through', (text) => {
    expect(takesUserOffPlatform(text)).toBe(false);
  });

  it('AGENT_LINK_DOMAINS with a path allows that path only, on that host only', () => {
    const allowed = ['wallet.example', 't.me/ourwallet'];
    expect(
      outsideLinks(
        'news: t.me/OurWallet, t.me/ourwallet/88 and https://t.me/OurWallet?x=1',
        allowed,
      ),
    ).toEqual([]);
    expect(outsideLinks('t.me/OurWalletHelp or t.me/ourwallet_support', allowed)).toEqual(['t.me']);
    expect(outsideLinks('sub.t.me/ourwallet', allowed)).toEqual(['sub.t.me']);
    // Allowed links are not "elsewhere"; the others still are.
    expect(
      takesUserOffPlatform(withoutAllowedLinks('Follow t.me/OurWallet for updates', allowed)),
    ).toBe(false);
    expect(
      takesUserOffPlatform(withoutAllowedLinks('Write to t.me/wallet_help_mike', allowed)),
    ).toBe(true);
  });

  it("lets a block explorer's page of one transaction or address through; its other pages and look-alike hosts not", () => {
    const allowed = ['wallet.example'];
    const hash = 'a3e7c91f04b2d85e6f1930ac7d4be25816f0c3a9d7e24b5018ca63f9e7b2d0c4';
    const evm = '0x9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';
    const tron = 'TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE';
    for (const link of [
      `https://tronscan.org/#/transaction/${hash}`,
      `tronscan.org/#/address/${tron}`,
      `https://etherscan.io/tx/0x${hash}`,
      `https://www.etherscan.io/address/${evm}`,
      `bscscan.com/tx/0x${hash}`,
      `https://polygonscan.com/address/${evm}`,
      `https://arbiscan.io/tx/0x${hash}`,
      `https://mempool.space/tx/${hash}`,
      'https://mempool.space/address/bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
      `https://blockstream.info/tx/${hash}`,
      `https://blockchair.com/bitcoin/transaction/${hash}`,
      `https://blockchair.com/tron/address/${tron}`,
      'https://solscan.io/tx/5VERv8NMvzbJMEkV8xnrLkEaWRtSz9CosKDYjCJjBRnbJLgp8uirBgmQpjKhoR4tjF3ZpRzrFmBV6UjKdiSZkQUW',
      `https://solscan.io/account/${'9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM'}`,
    ])
      expect(outsideLinks(`It is confirmed: ${link}.`, allowed), link).toEqual([]);
    for (const [link, host] of [
      // Other pages: a contract's write tab, a token, the home page, a search.
      [`https://etherscan.io/address/${evm}#writeContract`, 'etherscan.io'],
      ['https://etherscan.io/token/0xdac17f958d2ee523a2206206994597c13d831ec7', 'etherscan.io'],
      ['https://tronscan.org/#/wallet/connect', 'tronscan.org'],
      ['tronscan.org', 'tronscan.org'],
      [`https://tronscan.org/transaction/${hash}`, 'tronscan.org'],
      // Look-alike hosts.
      [`https://etherscan.io.verify-tx.com/tx/0x${hash}`, 'etherscan.io.verify-tx.com'],
      [`https://tronscan-org.app/#/transaction/${hash}`, 'tronscan-org.app'],
      [`https://app.etherscan.io/tx/0x${hash}`, 'app.etherscan.io'],
    ])
      expect(outsideLinks(`Check ${link}`, allowed), link).toEqual([host]);
    // Without AGENT_LINK_DOMAINS's sites an explorer page still passes, and an operator can list
    // an explorer to open it whole.
    expect(outsideLinks(`https://etherscan.io/tx/0x${hash}`, [])).toEqual([]);
    expect(outsideLinks('https://etherscan.io/token/0xdac1', ['etherscan.io'])).toEqual([]);
  });

  it('finds links to sites that are not ours, subdomains of ours allowed, amounts and ids not links', () => {
    expect(
      outsideLinks(
        'see https://help.wallet.example/articles/12 or wallet-help-center.xyz or www.google.com; fee 1.5 USDT, id TX-2026.12',
        ['wallet.example'],
      ),
    ).toEqual(['wallet-help-center.xyz', 'www.google.com']);
    // Any top-level domain, a bare address, and the host after a user name in a URL.
    expect(
      outsideLinks(
        'Open bit.ly/3xYzAbC, or wallet-help.ru, or 45.77.12.9/verify, or https://wallet.example:443@evil.ru/verify; statement.pdf is a file',
        ['wallet.example'],
      ),
    ).toEqual(['bit.ly', 'wallet-help.ru', '45.77.12.9', 'evil.ru']);
  });
});
