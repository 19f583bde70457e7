/**
 * Private keys: whoever has one has the wallet. A WIF key (Base58Check, checksum verified,
 * https://en.bitcoin.it/wiki/Wallet_import_format) or an extended private key (xprv…, BIP-32,
 * https://github.com/bitcoin/bips/blob/master/bip-0032.mediawiki) is one whatever the words
 * around it; a 64-hex-digit string or a part of one only when introduced as a key ("private key:",
 * "私钥"), since it is far more often a transaction hash. Also the prints (SHA-256) by which a key
 * pasted again later is recognised.
 */
import { createHash } from 'node:crypto';
import { PRIVATE_KEY_MARK, type Masker, type SensitiveKind } from './kinds.ts';

const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BASE58_VALUE = new Map([...BASE58_ALPHABET].map((c, i) => [c, i]));

function base58Decode(s: string): Uint8Array | undefined {
  const bytes: number[] = []; // little-endian
  for (const ch of s) {
    let carry = BASE58_VALUE.get(ch);
    if (carry === undefined) return undefined;
    for (let i = 0; i < bytes.length; i++) {
      carry += bytes[i]! * 58;
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  for (let i = 0; i < s.length && s[i] === '1'; i++) bytes.push(0);
  return Uint8Array.from(bytes.reverse());
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest();

/** The payload of a Base58Check string whose checksum (double SHA-256) matches. */
function base58Check(s: string): Uint8Array | undefined {
  const raw = base58Decode(s);
  if (!raw || raw.length < 5) return undefined;
  const payload = raw.subarray(0, raw.length - 4);
  const sum = sha256(sha256(payload));
  for (let i = 0; i < 4; i++) if (sum[i] !== raw[raw.length - 4 + i]) return undefined;
  return payload;
}

/** Wallet import format: 5… (51 chars) or K…/L… (52, compressed); 9…/c… on testnet. */
const WIF_SHAPE = /^(?:[59][1-9A-HJ-NP-Za-km-z]{50}|[KLc][1-9A-HJ-NP-Za-km-z]{51})$/;
/** BIP-32 extended private keys: xprv, yprv, zprv, tprv (and the multisig/testnet variants). */
const XPRV_SHAPE = /^[xyztuvYZUV]prv[1-9A-HJ-NP-Za-km-z]{90,}$/;

/**
 * A private key whatever the words around it: a WIF key with a valid Base58Check checksum, or an
 * extended private key (xprv…). A 64-hex-digit string is not one by itself: it is far more often
 * a transaction hash (see `isKeyIntroduced`).
 */
export function looksLikePrivateKey(token: string): boolean {
  const t = token.trim();
  if (XPRV_SHAPE.test(t)) return true;
  if (!WIF_SHAPE.test(t)) return false;
  const payload = base58Check(t);
  if (!payload || (payload[0] !== 0x80 && payload[0] !== 0xef)) return false;
  return payload.length === 33 || (payload.length === 34 && payload[33] === 0x01);
}

const KEY_LABEL = String.raw`(?:(?<![a-z])(?:private[\s_-]*key|priv[\s_-]*key|privkey|priv|secret(?:[\s_-]*key)?|(?:my|wallet|account|solana|sol|phantom|metamask|trust ?wallet|eth|ethereum|btc|bitcoin|tron|trx)[\s_-]+key|(?:phantom|metamask|wallet|key)[\s_-]+export(?:ed)?|exported[\s_-]+key|(?:the|your|ur|this|that)\s+key)(?![a-z])|私[钥鑰]|密[钥鑰])`;
const KEY_SEP = String.raw`(?:is|was|[:=：]|是|为|為|如下|係|即係|就係)`; // 係: Cantonese "is"
/** "private key: …", "my private key is …", "私钥是：…", "secret key (hex) = …". */
const KEY_INTRO = new RegExp(
  KEY_LABEL + String.raw`\s*(?:[(（][^()（）\n]{0,24}[)）]\s*)?(?:${KEY_SEP}\s*){0,2}$`,
  'i',
);
/**
 * "the private key of my wallet is …", "my private key so you can check the wallet: …": up to
 * eight words between the label and "is"/":".
 */
const KEY_INTRO_WORDS = new RegExp(
  KEY_LABEL + String.raw`((?:\s+[a-z']+){1,8}?)\s*(?:is|was|[:=：])\s*$`,
  'i',
);
/** "here my private key if it help you trace …": a few plain words, no "is", then the value. */
const KEY_NEAR = new RegExp(KEY_LABEL + String.raw`((?:\s+[a-z']+){1,6}?)\s*$`, 'i');
/** Words that show the value after them is something else ("private key and my tx is …"). */
const NOT_KEY_WORDS =
  /\b(?:tx|txn|txid|hash|transaction|id|and|but|or|not|address|public|pub|block|order|recovery|phrase|seed|words|mnemonic)\b/i;
/** Without "is" or ":" before the value, these also end the key's introduction ("… so i cant see"). */
const NOT_KEY_WORDS_LOOSE = /\b(?:so|then|because|lost|cant|can't|cannot)\b/i;

/**
 * Whether the text right before a value introduces it as a private key ("private key", "privkey",
 * "priv", "secret", "secret key", "私钥", "私鑰", "密钥", "密鑰", maybe followed by is/:/=/是/为).
 * The flow uses it so a key typed as an answer is never kept as a transaction id.
 */
export function isKeyIntroduced(textBefore: string): boolean {
  const tail = textBefore.slice(-80);
  // "here is the key part 1 …", "private key (1/2): …": the label before the part's number.
  const part = KEY_PART_MARK.exec(tail);
  if (part && part.index > 0 && keyIntroduced(tail.slice(0, part.index))) return true;
  return keyIntroduced(tail);
}

/**
 * "part 1", "(1/2)", "first half", "the rest", "前半部分", "第二段": a key said to come in parts,
 * between its label and its value.
 */
const KEY_PART_MARK =
  /\s*(?:[(（]?\s*(?:part|pt\.?|half|piece)\s*#?\s*\d\s*[)）]?|(?:first|1st|second|2nd|other|last)\s+(?:half|part)|(?:the\s+)?rest|[(（]?\d\s*\/\s*\d\s*[)）]?|第?[一二三123](?:部分|段|半)|[前后後上下]半(?:部分|段)?|剩下的?)\s*(?:is|[:：=]|是|係)?\s*$/i;

function keyIntroduced(tail: string): boolean {
  if (KEY_INTRO.test(tail)) return true;
  const m = KEY_INTRO_WORDS.exec(tail);
  if (m) return !NOT_KEY_WORDS.test(m[1]!);
  const near = KEY_NEAR.exec(tail);
  if (near) return !NOT_KEY_WORDS.test(near[1]!) && !NOT_KEY_WORDS_LOOSE.test(near[1]!);
  // "私钥我还有，是不是用私钥可以找回？0x…": 私钥 a few words before, no hash or id between.
  const zh = KEY_NEAR_ZH.exec(tail);
  return !!zh && !NOT_KEY_WORDS_ZH.test(zh[1]!);
}
const KEY_NEAR_ZH = /(?:私[钥鑰]|密[钥鑰])([^。.!！\n]{0,24})$/;
const NOT_KEY_WORDS_ZH = /哈希|雜湊|交易|单号|單號|订单|訂單|地址|txid|tx|hash|公[钥鑰]/i;

/** Long runs of letters and digits: hex (0x…), Base58 (WIF, xprv, Solana keys). */
export const KEY_CANDIDATE = /(?<![0-9A-Za-z])[0-9A-Za-z]{32,}(?![0-9A-Za-z])/g;

/**
 * A hex key written in groups ("4c08 83a6 9102 …", 8 groups of 8, or its two halves side by
 * side): 64 hex digits in all, letters and digits among them. A transaction hash is copied, never
 * typed out so.
 */
const GROUPED_HEX =
  /(?<![0-9A-Za-z])(?:0x)?(?:[0-9a-f]{2,32}[ \t.:_-]{1,3}){1,31}[0-9a-f]{2,32}(?![0-9A-Za-z])/gi;
/**
 * A part of a hex key: 16 to 63 hex digits, letters and digits among them (its half is 32); not
 * 40, an Ethereum address.
 */
export const HEX_PART =
  /(?<![0-9A-Za-z])(?:0x)?(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)(?![0-9a-f]{40}(?![0-9A-Za-z]))[0-9a-f]{16,63}(?![0-9A-Za-z])/gi;
/** "txid", "hash", "交易哈希" right before a value: a transaction's, not a key. */
const TX_BEFORE =
  /(?:(?<![a-z])(?:tx|txn|txid|txhash|hash|transaction(?:\s+(?:id|hash))?)(?![a-z])|交易哈希|哈希|交易号|交易號|雜湊)\W{0,3}$/i;

export function maskPrivateKeys(text: string, found: Set<SensitiveKind>): string {
  const before = (whole: string, offset: number) => whole.slice(Math.max(0, offset - 80), offset);
  return text
    .replace(GROUPED_HEX, (m, offset: number, whole: string) => {
      const hex = m.replace(/^0x|[^0-9a-f]/gi, '');
      if (hex.length !== 64 || !/\d/.test(hex) || !/[a-f]/i.test(hex)) return m;
      const intro = before(whole, offset);
      if (TX_BEFORE.test(intro) && !isKeyIntroduced(intro)) return m;
      found.add('private_key');
      return PRIVATE_KEY_MARK;
    })
    .replace(KEY_CANDIDATE, (m, offset: number, whole: string) => {
      if (!looksLikePrivateKey(m) && !isKeyIntroduced(before(whole, offset))) return m;
      found.add('private_key');
      return PRIVATE_KEY_MARK;
    })
    .replace(HEX_PART, (m, offset: number, whole: string) => {
      // "private key part 1: 4c0883a69102937d", "part 2 fe5129617082792a…": a part of a key.
      const intro = before(whole, offset);
      if (!isKeyIntroduced(intro) && !KEY_PART_MARK.test(intro)) return m;
      found.add('private_key');
      return PRIVATE_KEY_MARK;
    });
}

/**
 * The rest of a key whose part ended the message before (`codeBefore` of maskSensitive): a part
 * of a hex key alone ("fe5129617082792ae468d01a3f362318"), unless said to be a transaction's.
 */
export function maskKeyRest(text: string, found: Set<SensitiveKind>): string {
  return text.replace(HEX_PART, (m, offset: number, whole: string) => {
    if (TX_BEFORE.test(whole.slice(Math.max(0, offset - 24), offset))) return m;
    found.add('private_key');
    return PRIVATE_KEY_MARK;
  });
}

/**
 * A key the user pasted earlier in the case, pasted again without a word about it (a bare
 * 64-hex string at the transaction id question): masked like the first time.
 */
export function maskKnown(prints: readonly string[]): Masker {
  return (text, found) =>
    text.replace(KEY_CANDIDATE, (m) => {
      if (!prints.includes(secretPrint(m))) return m;
      found.add('private_key');
      return PRIVATE_KEY_MARK;
    });
}

/** A one-way fingerprint of a secret value (never the value): 16 hex digits of its SHA-256. */
export function secretPrint(value: string): string {
  return sha256(Buffer.from(value.toLowerCase().replace(/^0x/, '')))
    .toString('hex')
    .slice(0, 16);
}
