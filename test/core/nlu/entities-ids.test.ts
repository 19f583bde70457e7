import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TXID_SHAPE,
  findIdentifiers,
  findTransactionIds,
  txidShapeFromPattern,
} from '../../../src/core/nlu/entities.ts';
import { maskSensitive } from '../../../src/core/sensitive/index.ts';

// Invented hashes; public addresses from the chains' own examples (USDT contracts, the genesis
// address, the Bitcoin wiki P2SH example, BIP-173/BIP-86 test vectors).
const H1 = 'b1a0992232d334de6f2ecfd1dc0d54351266d3db8171bcf53fb3089455ad24ac';
const H2 = 'f389ab0df23d8a0e36a52e0da4a4e57f800713f06feb22fc890d66fba6609ae7';
const EVM = '0xdAC17F958D2ee523a2206206994597C13D831ec7';
const TRON = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
const BECH32 = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
const TAPROOT = 'bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297';
const P2PKH = '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa';
const P2SH = '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy';
const WIF = '5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ';
const XPRV =
  'xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi';

describe('findIdentifiers: transaction ids', () => {
  it.each<[string, string[]]>([
    // wallet ids of the default shape
    ['TX-20261120-8F3K2Q9', ['TX-20261120-8F3K2Q9']],
    ['WD-88213-KQ', ['WD-88213-KQ']],
    ['withdrawal WD-88213-KQ still pending', ['WD-88213-KQ']],
    ['the transfer from my account TX-20261120-8F3K2Q9 failed', ['TX-20261120-8F3K2Q9']],
    ['tx 7f3a9c21be withdrawal 500 usdt not received', ['7f3a9c21be']],
    ['TX4401928374', ['TX4401928374']],
    ['pi_3MtwBwLkdIwHu7ix28a3tqPa', ['pi_3MtwBwLkdIwHu7ix28a3tqPa']],
    ['oh ok found it in history: TX5520193847', ['TX5520193847']],
    // bank and wallet references, labelled order numbers
    ['order 88231', ['88231']],
    ['order #4471 was charged twice', ['4471']],
    ['order no. 88231', ['88231']],
    ['ref: FT23324ABC', ['FT23324ABC']],
    ['bank ref no 7781234', ['7781234']],
    ['UTR 412345678901', ['412345678901']],
    ['transaction id is 55102', ['55102']],
    // several, in order, without repeats (case and 0x do not make a new one)
    ['TX7712093321 and TX7712093388', ['TX7712093321', 'TX7712093388']],
    ['TX7712093321, tx7712093321 again', ['TX7712093321']],
    [
      "order is RF-77310452 on the shop's side, the wallet one is TX8841092735",
      ['RF-77310452', 'TX8841092735'],
    ],
    // on-chain hashes, bare or in explorer links
    [`0x${H1}`, [`0x${H1}`]],
    [H1, [H1]],
    [`hash 0x${H1}`, [`0x${H1}`]],
    [`https://etherscan.io/tx/0x${H1}`, [`0x${H1}`]],
    [`see https://bscscan.com/tx/0x${H1}?utm=1`, [`0x${H1}`]],
    [`https://tronscan.org/#/transaction/${H1}`, [H1]],
    [`https://mempool.space/tx/${H1}`, [H1]],
    [`blockstream.info/tx/${H2}`, [H2]],
    [`0x${H1} and https://etherscan.io/tx/0x${H1}`, [`0x${H1}`]],
    [`0x${H1} ${H1.toUpperCase()}`, [`0x${H1}`]],
    // Chinese, Simplified and Traditional
    ['订单号 202611201234', ['202611201234']],
    ['订单号20261120123456789还没到', ['20261120123456789']],
    ['订单号是 TX6620384751', ['TX6620384751']],
    [`哈希是这个 0x${H1}`, [`0x${H1}`]],
    [`0x${H1} 还有 0x${H2}`, [`0x${H1}`, `0x${H2}`]],
    ['交易序號是 TX3049581726', ['TX3049581726']],
    ['單號係 TX8172635490', ['TX8172635490']],
    ['交易編號：TX-20261120-8F3K2Q9', ['TX-20261120-8F3K2Q9']],
    ['付款的是 TX1029384756 退款的是 TX1029380011', ['TX1029384756', 'TX1029380011']],
    ['訂單號 88231', ['88231']],
    ['ＴＸ４４０１９２８３７４', ['TX4401928374']],
  ])('%s', (text, ids) => {
    expect(findIdentifiers(text).transactionIds).toEqual(ids);
  });

  it.each([
    // amounts, dates, phone numbers, words
    '250',
    '100 USDT',
    '500 usdt',
    '$1500',
    '1234567890.50 usd',
    'order 250 usdt',
    'payment 1500 failed',
    '2026-11-20',
    '20261120',
    '11/20 at 15:30',
    'phone 13800138000',
    'my phone number is 13800138000',
    'call me at 13800138000',
    '手机号 13800138000',
    '電話：0912345678',
    '+86 13800138000',
    // A bank account said to be one (desk review: it replaced the transaction id on the card).
    'oh and his HSBC account is 123-456789-001, Chan Tai Man',
    'account number 12345678',
    'iban: GB29NWBK60161331926819',
    '戶口係 123-456789-001',
    '账号是 6222021234567890',
    'withdrawals pending',
    'abc',
    '12345',
    'my refund',
    'iphone15promax',
    'USDT-TRC20 network',
    'ERC-20',
    'COVID-19',
    '2fa-authentication',
    'john1990abc@gmail.com',
    'https://t.me/joinchat/AAAAAEk1234567890abc',
    // masked markers
    '•••• •••• •••• 1234',
    '•••• 1234',
    '[private key removed]',
    '[recovery phrase removed]',
    // Chinese text
    '我的提现三天了还没到账',
    '提現到銀行三天了還沒到帳',
    '冇單號喎 唔知喺邊度睇',
    // private keys, whatever the words around them
    WIF,
    XPRV,
    `my key ${WIF}`,
    `private key: ${H1}`,
    `my private key is 0x${H1}`,
    `私钥是 ${H1}`,
    `私鑰：${H1}`,
  ])('no id in "%s"', (text) => {
    expect(findIdentifiers(text).transactionIds).toEqual([]);
  });

  it('takes a bare 64-hex for a hash, and a key only when introduced as one', () => {
    expect(findTransactionIds(H1)).toEqual([H1]);
    expect(findTransactionIds(`the tx is ${H1}`)).toEqual([H1]);
    expect(findTransactionIds(`private key and my tx is ${H1}`)).toEqual([H1]);
    expect(findTransactionIds(`private key: ${H1}`)).toEqual([]);
  });
});

describe('findIdentifiers: wallet addresses', () => {
  it.each<[string, string, 'evm' | 'tron' | 'btc']>([
    [EVM, EVM, 'evm'],
    [`sent to ${EVM.toLowerCase()}`, EVM.toLowerCase(), 'evm'],
    [`https://etherscan.io/address/${EVM}`, EVM, 'evm'],
    [`转到 ${TRON} 了`, TRON, 'tron'],
    [`https://tronscan.org/#/address/${TRON}`, TRON, 'tron'],
    [BECH32, BECH32, 'btc'],
    [BECH32.toUpperCase(), BECH32.toUpperCase(), 'btc'],
    [TAPROOT, TAPROOT, 'btc'],
    [P2PKH, P2PKH, 'btc'],
    [`地址係 ${P2SH}`, P2SH, 'btc'],
  ])('%s is an address', (text, value, chain) => {
    expect(findIdentifiers(text)).toEqual({ transactionIds: [], addresses: [{ value, chain }] });
  });

  it('keeps addresses and ids apart, in order, without repeats', () => {
    expect(
      findIdentifiers(`tx 0x${H1} from ${EVM} to ${TRON}, again ${EVM.toLowerCase()} WD-88213-KQ`),
    ).toEqual({
      transactionIds: [`0x${H1}`, 'WD-88213-KQ'],
      addresses: [
        { value: EVM, chain: 'evm' },
        { value: TRON, chain: 'tron' },
      ],
    });
  });

  it.each([
    // a legacy shape with a wrong checksum is no address (and too long for an id)
    '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb',
    // 0x + 39 or 41 hex
    '0xdAC17F958D2ee523a2206206994597C13D831ec',
    // T + 32 characters
    'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6',
    // bech32 without its length, or with a letter not in its alphabet
    'bc1qar0srrr7',
    'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdb',
  ])('%s is no address', (text) => {
    expect(findIdentifiers(text).addresses).toEqual([]);
  });

  it('never reports an address as a transaction id', () => {
    for (const a of [EVM, TRON, BECH32, TAPROOT, P2PKH, P2SH])
      expect(findTransactionIds(`id ${a}`)).toEqual([]);
  });
});

describe('transaction-id shapes', () => {
  it.each([
    ['TX-20261120-8F3K2Q9', true],
    ['WD-88213-KQ', true],
    ['RF-77310452', true],
    ['7f3a9c21be', true],
    ['20261120123456789', true],
    [`0x${H1}`, true],
    [H1, true],
    ['ERC-20', false],
    ['COVID-19', false],
    ['USDT-TRC20', false],
    ['withdrawal2', false],
    ['12345', false],
    ['abcdefghijkl', false],
    ['A'.repeat(30) + '123', false],
  ])('default shape: %s → %s', (id, ok) => {
    expect(DEFAULT_TXID_SHAPE.test(id)).toBe(ok);
  });

  it('takes a configured shape, with hashes and labelled references as well', () => {
    const shape = txidShapeFromPattern('PAY\\d{8}', 'PAY12345678');
    expect(findTransactionIds('id PAY12345678 and TX-20261120-8F3K2Q9', shape)).toEqual([
      'PAY12345678',
    ]);
    expect(findTransactionIds(`order 88231, hash ${H1}`, shape)).toEqual(['88231', H1]);
  });

  it('findTransactionIds is the ids of findIdentifiers', () => {
    const text = `TX7712093321 to ${EVM} hash 0x${H2}`;
    expect(findTransactionIds(text)).toEqual(findIdentifiers(text).transactionIds);
    expect(findTransactionIds(text)).toEqual(['TX7712093321', `0x${H2}`]);
  });
});

describe('a Solana transaction signature (crypto review: rejected as "not a transaction ID")', () => {
  const sig =
    '5VERv8NMvzbJMEkV8xnrLkEaWRtSz9CosKDYjCJjBRnbJLgp8uirBgmQpjKhoR4tjF3ZpRzrFmBV6UjKdiSZkQUW';
  it('is a transaction id, alone or in words', () => {
    expect(findIdentifiers(sig).transactionIds).toEqual([sig]);
    expect(findIdentifiers(`sol deposit not arrived, sig ${sig}`).transactionIds).toEqual([sig]);
  });

  it('is masked as a key when it is introduced as one', () => {
    expect(maskSensitive(`my phantom private key is ${sig}`).found).toContain('private_key');
  });
});
