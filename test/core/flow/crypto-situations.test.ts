/**
 * Crypto-wallet situations an outside reviewer played black-box: each must get the answer a
 * crypto support team gives (not a fiat or card template), in English, Simplified and
 * Traditional / Cantonese. The answers are data (intents/*.yaml); these tests drive step().
 */
import { describe, expect, it } from 'vitest';
import { step } from '../../../src/core/flow/step.ts';
import { flowContext, say, state, text } from '../../support/flow.ts';

const ctx = flowContext();
const { catalog } = ctx;
/** The first message of a conversation. */
const first = (words: string) => step(state('idle'), text(words), ctx);
/** The case opened in a step, if any. */
const opened = (r: ReturnType<typeof step>) =>
  r.effects.flatMap((e) => (e.type === 'open_ticket' ? [e.draft] : []))[0];
/** How many times a pattern occurs in a reply. */
const count = (said: string, re: RegExp) => said.match(new RegExp(re, 'g'))?.length ?? 0;

describe('a card used by someone else is not a lost card (8)', () => {
  it('"我的信用卡被盜刷了": the fraud steps freeze the card once, not the lost card’s "unfreeze it when you find it"', () => {
    for (const words of [
      '我的信用卡被盜刷了',
      '我的信用卡被盗刷了',
      'my card was used by someone, not me',
    ]) {
      const r = first(words);
      const said = say(r);
      expect(said, words).not.toMatch(/找到卡後可以再解凍|找到卡后可以再解冻|if the card turns up/);
      expect(count(said, /凍結卡片|冻结卡片|Freeze your card/), said).toBe(1);
      expect(opened(r)?.intent, words).toBe('unknown_transaction');
    }
    // A card stolen is still the lost card's first aid.
    const stolen = first('我的信用卡被盗了');
    expect(say(stolen)).toMatch(/^请立即在 App 里冻结这张卡/);
    expect(stolen.state.phase).toBe('idle');
  });
});

describe('what the statuses of a withdrawal mean, said one way everywhere (2)', () => {
  it('no answer says a "Processing" withdrawal is already with the bank or the network', () => {
    const said = [...catalog.problems.values()].flatMap((p) => [
      ...p.self_help.en,
      ...p.self_help.zh,
      ...p.faq.flatMap((f) => [f.answer.en, f.answer.zh]),
    ]);
    const processing = said.filter((s) => /Processing|处理中/.test(s));
    expect(processing.length).toBeGreaterThan(3);
    for (const s of processing) {
      expect(s).not.toMatch(/already has it|has left us|显示“处理中”后|已经在处理，无法取消/);
      // Where it says what Processing means, it is: not sent yet.
      if (/'Processing'|"Processing"|“处理中”/.test(s) && /sent|发出/.test(s))
        expect(s).toMatch(/(?:not|n't) been sent yet|not sent yet|还未发出|还没发出/);
    }
  });

  it('"can you cancel my withdrawal? it\'s still processing and i put the wrong address": not sent yet, and an agent has it at once', () => {
    for (const words of [
      "can you cancel my withdrawal? it's still processing and i put the wrong address",
      '提现还在处理中 地址填错了 能帮我取消吗',
      '提幣仲係處理中 地址打錯咗 可唔可以幫我取消',
    ]) {
      const r = first(words);
      // Said in the answer (asked with a question) or the status step: not sent yet.
      expect(say(r), words).toMatch(
        /"Processing" means it hasn't been sent yet either|显示“处理中”也表示还没发出|「審核中」或「處理中」表示還未發出/,
      );
      const draft = opened(r);
      expect(draft?.intent, words).toBe('withdrawal_pending');
      expect(draft?.priority, words).toBe('urgent');
      // Only the status step: no bank cut-off times for a withdrawal to stop.
      expect(say(r), words).not.toMatch(/business days|工作日|工作天/);
    }
    // How to cancel, asked, is answered — no case for it.
    const how = first('how do i cancel a withdrawal');
    expect(say(how)).toMatch(
      /^You can cancel a withdrawal yourself while it shows "Pending review"/,
    );
    expect(how.state.phase).toBe('self_help');
  });
});

describe('a crypto withdrawal gets the chain’s steps, a bank one the bank’s (3)', () => {
  it('"Completed" but the exchange says nothing arrived: the TXID to the receiving exchange, no bank steps', () => {
    for (const words of [
      'my 500 usdt withdrawal shows completed but binance says nothing arrived',
      '提币显示已完成 但是交易所说没收到',
      '提幣顯示已完成 但係交易所話冇收到',
    ]) {
      const r = first(words);
      const said = say(r);
      expect(r.state.intent, words).toBe('withdrawal_pending');
      expect(said, words).toMatch(
        /give them the TXID and the network|请把 TXID 和所用网络告诉对方客服|請把 TXID 和所用網(?:路|絡)告訴對方客服/,
      );
      expect(said, words).not.toMatch(
        /cut-off|account holder name|with your bank|截止时间|截止時間|户名|戶名|银行追查|銀行追查/,
      );
    }
    const bank = say(first('withdrawal to my bank still pending since monday'));
    expect(bank).toMatch(/trace it with your bank/);
    expect(bank).not.toMatch(/block explorer|TXID to/);
  });
});

describe('a security hold or a verification level’s limit is said as such (4)', () => {
  it.each([
    ["can't withdraw, says new device 24h lock", 'withdrawal_pending'],
    ["can't withdraw to my new address, says whitelist 24 hours", 'withdrawal_pending'],
    ['新设备登录 24小时不能提币 能不能解除', 'login_problem'],
    ['部新手機登入之後唔俾我提幣 要等24個鐘', 'login_problem'],
  ])('%s: a protective hold support does not lift early, not login tips', (words, intent) => {
    const r = first(words);
    const said = say(r);
    expect(r.state.intent).toBe(intent);
    expect(said).toMatch(/^(?:That's a security hold|这是安全保护|這是安全保護)/);
    expect(said).toMatch(/can't lift it early|不能提前解除/);
    expect(said).not.toMatch(/Forgot password|忘记密码|忘記密碼|business days|工作日|工作天|IBAN/);
  });

  it.each([
    ['withdrawal blocked, says exceeds KYC level 1 limit', /completing the next level does/],
    ['KYC等级限制 提不了币', /完成下一级认证就可以/],
    ['KYC等級限制 提唔到幣', /完成下一級認證就可以/],
  ])('%s: raised by the next verification level, where in the app', (words, answer) => {
    const said = say(first(words));
    expect(said).toMatch(answer);
    expect(said).toMatch(/Profile → Verification|“我的 → 认证”|「我的 → 認證」/);
    expect(said).not.toMatch(/wrong password|PIN|收不到验证码|收不到驗證碼/);
  });
});

describe('network (gas) fees (5)', () => {
  it.each([
    ['Gas费扣了但是转账失败了', /链上交易即使失败，这笔费用也已经消耗掉/],
    [
      'withdrawal failed but network fee was charged and not refunded',
      /used up even when a transaction fails on-chain/,
    ],
    [
      'will you refund my gas fee?',
      /failed on our side before it was sent \(no TXID\), we refund the fee/,
    ],
    ['gas fee too high, why 25 dollars to send USDT ERC20', /TRC20 or another cheaper network/],
    ['Gas費怎麼這麼貴', /選 TRC20 等網(?:路|絡)通常便宜得多/],
  ])(
    '%s: paid to the network, refunded only when it failed with us, cheaper networks',
    (words, answer) => {
      const said = say(first(words));
      expect(said).toMatch(answer);
      expect(said).not.toMatch(
        /merchant|商户|商家|Freeze your card|冻结卡片|凍結卡片|IBAN|Ask the sender/,
      );
    },
  );
});

describe('a deposit without its memo/tag (1)', () => {
  it.each([
    ['充XRP忘了填tag 怎么办', /不会自动到账，需要我们团队人工找回。请不要再转一次/],
    ['TON充值没填memo 150 TON 怎么办', /不会自动到账，需要我们团队人工找回。请不要再转一次/],
    ['充XRP忘記填tag 怎麼辦', /不會自動到(?:賬|帳)，需要我們團隊人工找回。請不要再轉一次/],
  ])('%s: not credited by itself, recovered by hand, not sent again', (words, answer) => {
    const said = say(first(words));
    expect(said).toMatch(answer);
    expect(said).toMatch(/TXID）、币种和数量|TXID）、幣種和數量/);
  });

  it('"sent 2,000 XRP from binance and forgot the destination tag. help": the answer, then the case for an agent — no steps to try', () => {
    const r = first('sent 2,000 XRP from binance and forgot the destination tag. help');
    const said = say(r);
    expect(r.state.intent).toBe('transfer_delayed');
    expect(said).toMatch(
      /^A deposit sent without its memo\/tag .* is not credited automatically: our team has to recover it by hand\. Don't send it again\./,
    );
    expect(said).toMatch(/the deposit address it went to/);
    expect(said).not.toMatch(/IBAN|cut-off|receiving bank|someone sent you|Did this solve it/);
    // Straight to the details an agent needs (the amount was in the words).
    expect(r.state.phase).toBe('collecting');
    expect(r.state.values['amount']).toBe('2000 XRP');
    // Said without a question, with the model unsure: the same problem, the same answer.
    const other = first('forgot the memo on my XLM deposit, 500 XLM');
    expect(other.state.intent).toBe('transfer_delayed');
    expect(say(other)).toMatch(/^A deposit sent without its memo\/tag/);
  });
});

describe('a crypto deposit gets the chain’s steps, a bank transfer the bank’s (3)', () => {
  it('a deposit confirmed on-chain but not credited: the TXID, the network and the deposit address — no bank steps', () => {
    for (const [words, answer] of [
      [
        'deposited 100 usdt, confirmed on chain but not credited',
        /send me the TXID, the network and the deposit address/,
      ],
      ['充值的USDT链上显示成功了 钱包没到账', /请把 TXID、所用网络和充值地址发给我/],
      [
        '充幣咗兩個鐘 鏈上已經確認 但係餘額冇變',
        /請把 TXID、所用網(?:絡|路)和(?:存入|儲值|充值)地址(?:發|傳)給我/,
      ],
    ] as const) {
      const r = first(words);
      const said = say(r);
      expect(r.state.intent, words).toBe('transfer_delayed');
      expect(said, words).toMatch(answer);
      expect(said, words).not.toMatch(
        /IBAN|cut-off|receiving bank|account holder|户名|戶名|截止时间|截止時間|收款银行|收款銀行/,
      );
    }
    // Crypto said the way people say it: from an exchange, "一笔U".
    const exchange = say(first('我从交易所充值了一笔U到钱包，两个小时了还没到'));
    expect(exchange).toMatch(/链上确认后才会入账/);
    expect(exchange).not.toMatch(/户名|截止时间|收款银行/);
    const bank = say(first('bank transfer to my wallet not arrived after 2 days'));
    expect(bank).toMatch(/trace it with the receiving bank/);
    expect(bank).not.toMatch(/memo|TRC20|network confirms/);
    const fps = say(first('FPS轉賬過咗一個鐘都未到'));
    expect(fps).toMatch(/轉數快/);
    expect(fps).not.toMatch(/1–3 個工作天|區塊|TRC20/);
  });
});

describe('P2P and OTC orders (6)', () => {
  it.each([
    [
      'p2p seller didnt release my USDT, i paid 3k already',
      /^If you've paid, don't cancel the order/,
    ],
    ['OTC 交易对方没放币', /^已经付款的话，请不要取消订单/],
    ['P2P 對家收咗錢唔放幣', /^已經付款的話，請不要取消訂單/],
  ])(
    '%s: don’t cancel, appeal with the proof, the order number — no bank or chain steps',
    (words, answer) => {
      const r = first(words);
      const said = say(r);
      expect(r.state.intent).toBe('transfer_delayed');
      expect(said).toMatch(answer);
      expect(said).toMatch(/appeal|申诉|申訴/);
      expect(said).toMatch(/order number|订单号|訂單(?:編)?號/);
      expect(said).toMatch(/outside the platform|平台外/);
      expect(said).not.toMatch(
        /IBAN|cut-off|receiving bank|block explorer|Ask the sender|截止时间|截止時間|区块浏览器|區塊瀏覽器|向对方要|向對方要/,
      );
    },
  );

  it('"P2P 卖家一直不放币 我已经付款了", taken as a refund: the appeal, not the merchant', () => {
    const r = first('P2P 卖家一直不放币 我已经付款了');
    expect(r.state.clarifyOptions).toContain('refund');
    const chosen = step(r.state, { kind: 'choice', id: `${r.state.prompt}:i:refund` }, ctx);
    expect(say(chosen)).toMatch(/^已经付款的话，请不要取消订单/);
    expect(say(chosen)).not.toMatch(/商户|商家|ARN/);
  });

  it.each([
    'sent usdt to a guy for p2p trade and he never paid me',
    'i sold usdt on p2p and the buyer never paid me',
    '买币被骗了，对方收钱不放币',
    'P2P被骗了',
    '我卖币放了币但是没收到钱',
  ])(
    '%s: a P2P fraud — urgent to the fraud team, the order’s appeal first, no new wallet',
    (words) => {
      const r = first(words);
      const said = say(r);
      expect(opened(r)).toMatchObject({ intent: 'security_report', priority: 'urgent' });
      expect(said).toMatch(/1\. (?:A P2P or OTC order|如果是 P2P \/ OTC 交易)/);
      expect(said).not.toMatch(/NEW wallet|新建钱包|Change your password now|马上修改密码/);
    },
  );

  it('"做P2P之后银行卡被冻结了": the bank’s action, not ours, and what to do', () => {
    for (const words of [
      '做P2P之后银行卡被冻结了',
      '做完P2P之後銀行卡被凍結咗',
      'my bank account was frozen after selling usdt on p2p',
    ]) {
      const said = say(first(words));
      expect(said, words).toMatch(
        /^(?:银行卡或银行账户被冻结是银行的决定，不是我们冻结的|銀行卡或銀行(?:帳戶|賬戶|戶口)被凍結是銀行的決定，不是我們凍結的|A frozen bank account or card is your bank's decision, not ours)/,
      );
      expect(said, words).toMatch(/P2P (?:订单记录|訂單記錄|order records)/);
      expect(said, words).not.toMatch(/wrong password|PIN|输错|輸錯|“我的 → 认证”/);
    }
  });
});

describe('scam tokens, approvals and address poisoning (7)', () => {
  it.each([
    [
      '钱包里出现了不认识的代币 空投的 能卖吗',
      /^钱包里突然出现、自己从没买过的代币是诈骗诱饵：不要卖/,
    ],
    ['錢包多咗啲唔知咩幣 係咪詐騙', /^錢包裡突然出現、自己從沒買過的代幣是詐騙誘餌：不要賣/],
  ])('%s: bait — not sold, claimed or visited, only hidden', (words, answer) => {
    const said = say(first(words));
    expect(said).toMatch(answer);
    expect(said).toMatch(/隐藏|隱藏/);
    expect(said).not.toMatch(/冻结卡片|凍結卡片|商户|商家|母公司/);
  });

  it('"weird token appeared, says claim at usdt-gift.xyz, can i claim": don’t claim, don’t visit the site', () => {
    // (Answered at once, as a question: it had been a "which is it?" choice first.)
    const said = say(first('weird token appeared, says claim at usdt-gift.xyz, can i claim'));
    expect(said).toMatch(
      /^Tokens you never bought .* are bait: don't sell, swap, send or 'claim' them, and don't visit the website named in them/,
    );
    expect(said).toMatch(/Hide the token/);
    expect(said).not.toMatch(/create a NEW wallet/);
  });

  it('"a dapp is asking for unlimited USDT approval, is it safe?": the exact amount, trusted sites, revoking', () => {
    const said = say(first('a dapp is asking for unlimited USDT approval, is it safe?'));
    expect(said).toMatch(
      /^Only approve the exact amount you're about to use, and only on a site you trust/,
    );
    expect(said).toMatch(/Revoke approvals you no longer use/);
    expect(said).not.toMatch(
      /move what is left to a new address|create a NEW wallet|freeze your card/,
    );
  });

  it('an address copied from the history that was a look-alike: address poisoning, can’t be reversed, to the security team', () => {
    const r = first(
      'i copied the address from my history and sent 8,000 USDT but it went to a similar looking address, not mine',
    );
    const said = say(r);
    expect(r.state.intent).toBe('unknown_transaction');
    expect(said).toMatch(/That's address poisoning/);
    expect(said).toMatch(/a blockchain transfer can't be reversed/);
    expect(said).toMatch(/check the whole address/);
    expect(said).toMatch(/our security team will look into it/);
    expect(said).not.toMatch(/Freeze your card|merchant/);
    const zh = first('我从转账记录里复制的地址转了8000U 结果转到了一个很像的地址 不是我的');
    expect(say(zh)).toMatch(/这是“地址投毒”/);
    expect(say(zh)).toMatch(/链上转账无法撤回/);
    expect(say(zh)).not.toMatch(/向对方要转账凭证|工作日/);
    expect(opened(zh)?.priority).toBe('urgent');
  });
});

describe('asked in the middle of a case', () => {
  it('"will the gas fee be refunded?", "should i cancel the order?", "i forgot the memo, what now?" get their answers', () => {
    for (const [intent, words, answer] of [
      [
        'withdrawal_pending',
        'will the gas fee be refunded?',
        /^The network \(gas\) fee is paid to the blockchain/,
      ],
      ['transfer_delayed', 'should i cancel the order?', /^If you've paid, don't cancel the order/],
      ['transfer_delayed', 'i forgot the memo, what now?', /^A deposit sent without its memo\/tag/],
      [
        'withdrawal_pending',
        '交易所说没收到 怎么办',
        /^显示“已完成”表示已经发出。请在“钱包 → 记录”里点开这笔提现找到 TXID/,
      ],
    ] as const) {
      const r = step(
        state('self_help', {
          intent,
          userWords: 'my usdt has not arrived',
          lang: /[a-z]/.test(words[0]!) ? 'en' : 'zh',
        }),
        text(words),
        ctx,
      );
      expect(say(r), words).toMatch(answer);
      expect(r.state.phase, words).toBe('self_help');
    }
  });
});

describe('prices, forecasts and investment advice: said plainly that the bot does not give them', () => {
  it.each([
    ["what's the btc price today?", /can't give prices, market forecasts or investment advice/],
    ['should I stake my ETH?', /can't give prices, market forecasts or investment advice/],
    ['is it a good time to buy eth?', /can't give prices, market forecasts or investment advice/],
    ['比特币会涨吗', /无法提供币价、行情预测或投资建议/],
    ['現在買BTC好嗎', /無法提供幣價、行情預測或投資建議/],
    ['而家比特幣升唔升？', /無法提供幣價、行情預測或投資建議/],
  ])(
    '"%s": no advice, then what the bot helps with (not "I\'m not sure I understood")',
    (words, answer) => {
      const r = first(words);
      const said = say(r);
      expect(said).toMatch(answer);
      expect(said).not.toMatch(/not sure I understood|没太明白|沒太明白/);
      // What it does help with: the problems, as buttons.
      const buttons = r.effects.flatMap((e) =>
        e.type === 'reply' ? (e.message.choices ?? []) : [],
      );
      expect(buttons.length).toBeGreaterThan(3);
      expect(opened(r)).toBeUndefined();
    },
  );

  it.each([
    'my btc deposit has not arrived after 3 hours',
    '比特币提现三天了还没到账',
    'the eth price shown at checkout was wrong and i was charged more',
  ])('"%s": a problem with coins in it is still that problem', (words) => {
    expect(say(first(words))).not.toMatch(/market forecasts|行情预测|行情預測/);
  });
});
