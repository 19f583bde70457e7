import { createHash } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  isKeyIntroduced,
  looksLikePrivateKey,
  maskAgentText,
  maskSensitive,
  PRIVATE_KEY_MARK,
} from '../../src/core/sensitive/index.ts';
import { Harness } from '../support/harness.ts';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest();
function base58(bytes: Uint8Array): string {
  let n = BigInt('0x' + (Buffer.from(bytes).toString('hex') || '0'));
  let out = '';
  while (n > 0n) {
    out = ALPHABET[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = '1' + out;
  }
  return out;
}
function wif(key: Buffer, { compressed = true, testnet = false } = {}): string {
  const payload = Buffer.concat([
    Buffer.from([testnet ? 0xef : 0x80]),
    key,
    Buffer.from(compressed ? [1] : []),
  ]);
  return base58(Buffer.concat([payload, sha256(sha256(payload)).subarray(0, 4)]));
}
const keyBytes = (i: number) => sha256(Buffer.from(`key ${i}`));

/** Bitcoin wiki's WIF example, uncompressed and compressed. */
const WIF_U = '5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ';
const WIF_C = 'KwdMAjGmerYanjeui5SHS7JkmpZvVipYvB2LJGU1ZxJwYvP98617';
/** BIP-32 test vector 1, master key. */
const XPRV =
  'xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi';
const XPUB =
  'xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8';
const HEX = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const SOLANA =
  '4NwwCqJcCzZrYQwRmVgQjw8YsFnf7NSMtHZ3yZ5wAq8BpZWrjc5AN1fYz9tiVspMmVzRtxvGdkG4kxy8NBy1V2Rw';

describe('looksLikePrivateKey', () => {
  it('knows the WIF examples and the helper that builds more', () => {
    expect(
      wif(Buffer.from('0C28FCA386C7A227600B2FE50B7CAE11EC86D3BF1FBE471BE89827E19D72AA1D', 'hex'), {
        compressed: false,
      }),
    ).toBe(WIF_U);
    expect(looksLikePrivateKey(WIF_U)).toBe(true);
    expect(looksLikePrivateKey(WIF_C)).toBe(true);
  });

  it('accepts WIF keys with a valid checksum, mainnet and testnet, compressed or not', () => {
    for (let i = 0; i < 50; i++) {
      for (const compressed of [true, false])
        for (const testnet of [true, false]) {
          const key = wif(keyBytes(i), { compressed, testnet });
          expect(key).toMatch(testnet ? (compressed ? /^c/ : /^9/) : compressed ? /^[KL]/ : /^5/);
          expect(looksLikePrivateKey(key), key).toBe(true);
        }
    }
  });

  it('rejects WIF-shaped strings whose checksum is wrong', () => {
    const swap = (s: string, i: number) =>
      s.slice(0, i) + (s[i] === 'a' ? 'b' : 'a') + s.slice(i + 1);
    expect(looksLikePrivateKey(swap(WIF_U, 20))).toBe(false);
    expect(looksLikePrivateKey(swap(WIF_C, 51))).toBe(false);
    // 300 random Base58 strings of the WIF shape: none passes the checksum.
    let x = 12345;
    for (let n = 0; n < 300; n++) {
      let s = n % 2 ? 'K' : '5';
      for (let i = 0; i < (n % 2 ? 51 : 50); i++) {
        x = (x * 48271) % 2147483647;
        s += ALPHABET[x % 58];
      }
      expect(looksLikePrivateKey(s), s).toBe(false);
    }
  });

  it('accepts extended private keys, not public ones', () => {
    expect(looksLikePrivateKey(XPRV)).toBe(true);
    for (const p of ['yprv', 'zprv', 'tprv'])
      expect(looksLikePrivateKey(p + XPRV.slice(4))).toBe(true);
    expect(looksLikePrivateKey(XPUB)).toBe(false);
  });

  it('does not take a 64-hex-digit string (a transaction hash) for a key by itself', () => {
    expect(looksLikePrivateKey(HEX)).toBe(false);
    expect(looksLikePrivateKey('0x' + HEX)).toBe(false);
    expect(looksLikePrivateKey('TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE')).toBe(false); // an address
  });
});

describe('isKeyIntroduced', () => {
  it.each([
    'private key ',
    'private key: ',
    'my private key is ',
    'Private Key = ',
    'privkey=',
    'priv ',
    'secret: ',
    'secret key is ',
    'secret key (hex): ',
    'the private key of my wallet is ',
    '私钥',
    '私钥：',
    '私鑰是',
    '密钥为 ',
    '密鑰:',
    '我的钱包私钥如下：',
    '我個私鑰係 ',
    'and here my private key if it help you trace ',
    '私钥我还有，是不是用私钥可以找回？',
    'here is my private key so you can check the wallet: ',
    'my key ',
    'solana key ',
    'phantom export ',
  ])('"%s" introduces a key', (before) => {
    expect(isKeyIntroduced(before)).toBe(true);
  });

  it.each([
    '',
    'tx ',
    'tx hash: ',
    'transaction id ',
    'I lost my private key and my tx is ',
    'my private key was stolen, tx: ',
    'private key? no. hash ',
    'privacy ',
    'the secret recovery phrase ',
    'public key: ',
    '交易哈希：',
    'I lost my private key so i cant see ',
    '我私钥丢了，交易哈希是 ',
  ])('"%s" does not', (before) => {
    expect(isKeyIntroduced(before)).toBe(false);
  });
});

describe('maskSensitive: private keys', () => {
  it.each([
    [`private key: 0x${HEX}`, 'private key: '],
    [`my private key is ${HEX}`, 'my private key is '],
    [`privkey=${HEX}`, 'privkey='],
    [`secret key: ${HEX}`, 'secret key: '],
    [`私钥：${HEX}`, '私钥：'],
    [`私鑰是${HEX}`, '私鑰是'],
    [`我個私鑰係 ${HEX}`, '我個私鑰係 '],
    [`密钥为 0x${HEX}`, '密钥为 '],
    [`my private key is ${SOLANA}`, 'my private key is '],
  ])('masks an introduced key: %s', (input, kept) => {
    expect(maskSensitive(input)).toMatchObject({
      text: kept + PRIVATE_KEY_MARK,
      found: ['private_key'],
      prints: [expect.stringMatching(/^[0-9a-f]{16}$/)],
    });
  });

  it.each([WIF_U, WIF_C, XPRV, wif(keyBytes(1), { testnet: true })])(
    'masks %s wherever it is',
    (key) => {
      for (const input of [key, `here ${key} thanks`, `交易号${key}`, `tx: ${key}`]) {
        const r = maskSensitive(input);
        expect(r.found).toEqual(['private_key']);
        expect(r.text).not.toContain(key);
        expect(r.text).toContain(PRIVATE_KEY_MARK);
      }
    },
  );

  it.each([
    `tx ${HEX}`,
    `0x${HEX}`,
    `txid: 0x${HEX} still pending`,
    `I lost my private key and my tx is ${HEX}`,
    `交易哈希：${HEX}`,
    `my xpub is ${XPUB}`,
    'send to TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE please',
  ])('leaves a transaction hash or public data alone: %s', (input) => {
    expect(maskSensitive(input)).toEqual({ text: input, found: [] });
  });

  it('does not read card digits inside a key', () => {
    const key = '4111111111111111' + HEX.slice(16);
    expect(maskSensitive(`private key: ${key}`).text).toBe(`private key: ${PRIVATE_KEY_MARK}`);
  });

  it('masks keys in agent text too', () => {
    expect(maskAgentText(`the key ${WIF_C} was exposed`).found).toEqual(['private_key']);
  });
});

describe('a hex key in groups or in parts (outside review: relayed verbatim)', () => {
  const groups = (n: number, sep = ' ') => HEX.match(new RegExp(`.{${n}}`, 'g'))!.join(sep);

  it.each([
    [`my private key: ${groups(4)}`, 'my private key: '],
    [groups(8), ''],
    [`here ${groups(4, '-')} thanks`, 'here '],
    [`${HEX.slice(0, 32)} ${HEX.slice(32)}`, ''],
  ])('masks %s', (input, kept) => {
    const r = maskSensitive(input);
    expect(r.found).toEqual(['private_key']);
    expect(r.text.startsWith(kept + PRIVATE_KEY_MARK)).toBe(true);
    expect(r.text).not.toMatch(/4c08|2318/);
  });

  it('leaves a hash said to be one alone, grouped or not', () => {
    for (const input of [`txid: ${groups(4)}`, `tx hash ${groups(8)}`])
      expect(maskSensitive(input)).toEqual({ text: input, found: [] });
  });

  it("masks a part after the key's label and its number, and says the rest may follow", () => {
    for (const [input, kept] of [
      [`here is the key part 1 ${HEX.slice(0, 32)}`, 'here is the key part 1 '],
      [`private key (1/2): ${HEX.slice(0, 32)}`, 'private key (1/2): '],
      [`my private key first half: ${HEX.slice(0, 16)}`, 'my private key first half: '],
      [`part 2 ${HEX.slice(32)}`, 'part 2 '],
    ] as const) {
      const r = maskSensitive(input);
      expect(r.text, input).toBe(kept + PRIVATE_KEY_MARK);
      expect(r.codeHalf, input).toBe(true);
    }
  });

  it('masks the rest alone right after a part, not a hash or an address said to be one', () => {
    expect(maskSensitive(HEX.slice(32), [], false, '', true).text).toBe(PRIVATE_KEY_MARK);
    expect(maskSensitive(HEX.slice(32)).found).toEqual([]);
    for (const input of [
      `txid ${HEX.slice(32)}`,
      'the rest 0x9f8e7d6c5b4a39281706f5e4d3c2b1a098765432',
    ])
      expect(maskSensitive(input, [], false, '', true).found, input).toEqual([]);
  });

  it('reads the message after a part of a key for its hex rest only: "100" is a number then', () => {
    const part = maskSensitive(`here is the key part 1 ${HEX.slice(0, 32)}`);
    const known = part.prints!;
    for (const input of ['100', '12', '2024', 'yes 2', '九一三'])
      expect(maskSensitive(input, known, false, '', true), input).toEqual({
        text: input,
        found: [],
      });
    expect(maskSensitive(HEX.slice(32), known, false, '', true).text).toBe(PRIVATE_KEY_MARK);
    // Half a code after it: its rest is masked again.
    const code = maskSensitive('the code was 482');
    expect(code.codeHalf).toBe(true);
    expect(maskSensitive('913', [...known, ...code.prints!], false, '', true).text).toBe('•••');
    // (Kept from before this mark: either rest, as before.)
    expect(maskSensitive('913', [], false, '', true).text).toBe('•••');
  });

  describe('in two messages on an open case', () => {
    let h: Harness | undefined;
    // The first core of a worker loads the intents and the word vectors: not within a test's time.
    beforeAll(async () => {
      await (await Harness.create()).dispose();
    }, 60_000);
    afterEach(async () => {
      await h?.dispose();
      h = undefined;
    });

    it.each([[`part 2 ${HEX.slice(32)}`], [HEX.slice(32)]])(
      'neither half reaches the desk or the case (second: %s)',
      async (second) => {
        h = await Harness.create();
        const u = h.user();
        const id = await u.openWithdrawalCase();
        await u.says(`here is the key part 1 ${HEX.slice(0, 32)}`);
        await u.says(second);
        const kept = JSON.stringify(h.desk.live(id)!.posts) + JSON.stringify(await h.ticket(id));
        expect(kept).not.toContain(HEX.slice(0, 12));
        expect(kept).not.toContain(HEX.slice(32, 44));
      },
    );

    it('a short number after a part of a key reaches the desk; the rest of a code after it does not', async () => {
      h = await Harness.create();
      const u = h.user();
      const id = await u.openWithdrawalCase();
      await u.says(`here is the key part 1 ${HEX.slice(0, 32)}`);
      await u.says('100');
      expect(h.desk.live(id)!.posts.at(-1)!.text).toBe('100');
      await u.says('the code was 482');
      await u.says('913');
      expect(JSON.stringify(h.desk.live(id)!.posts)).not.toMatch(/482|913/);
    });
  });
});
