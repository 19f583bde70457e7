/**
 * Entities a support case needs: transaction ids and wallet addresses, amounts with currency,
 * dates, and "I have no id". Pure functions; the transaction-id shape is configurable
 * (TRANSACTION_ID_PATTERN / TRANSACTION_ID_EXAMPLE).
 */
import { createHash } from 'node:crypto';
// English and Simplified Chinese only: the package root loads every locale (~70 ms, ~10 MB of
// RSS), and chrono-node/zh the Traditional parsers as well (Traditional text is folded first).
import * as chronoEn from 'chrono-node/en';
import * as chronoZhHans from 'chrono-node/zh/hans';
import { wallAt } from '../time/zone.ts';
import { isKeyIntroduced, looksLikePrivateKey } from '../sensitive.ts';
import { cleanText, foldText, hasCjk } from './text.ts';

// ---------------------------------------------------------------------------------------------
// Transaction ids and wallet addresses
// ---------------------------------------------------------------------------------------------

export interface TransactionIdShape {
  /** Whole-token test for a candidate id. */
  test(candidate: string): boolean;
  /** Shown to users when an id does not fit ("e.g. TX-20261120-8F3K2Q9"). */
  example: string;
}

const CANDIDATE = /(?:0x[0-9a-f]{64})|[a-z0-9]+(?:[-_][a-z0-9]+)*/gi;

/**
 * On-chain transaction hash: 32 bytes written as 64 hex digits, with "0x" on EVM chains
 * (Ethereum, BSC, Polygon: Keccak-256 of the signed transaction), without it on TRON (SHA-256 of
 * the raw transaction) and Bitcoin (txid, double SHA-256, shown byte-reversed).
 * https://ethereum.org/en/developers/docs/transactions/ ·
 * https://developers.tron.network/docs/tron-protocol-transaction ·
 * https://developer.bitcoin.org/reference/transactions.html
 */
const TX_HASH = /^(?:0x)?[0-9a-f]{64}$/i;

/**
 * Default shape of typical wallet ids: 10–32 letters and digits with at least one digit, an
 * optional letter prefix and dashes or underscores (TX-20261120-8F3K2Q9, 7f3a9c21be,
 * 20261120123456789, pi_3MtwBwLkdIwHu7ix28a3tqPa); shorter ids with a letter prefix and a dash and
 * at least 3 digits (WD-88213-KQ, RF-77310452); and on-chain hashes (64 hex, 0x or not). Words
 * with a digit or two ("iphone15promax", "2fa-authentication", "USDT-TRC20") are not ids.
 */
export const DEFAULT_TXID_SHAPE: TransactionIdShape = {
  test(candidate) {
    if (TX_HASH.test(candidate)) return true;
    if (!/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/i.test(candidate)) return false;
    const core = candidate.replace(/[-_]/g, '');
    const digits = core.replace(/\D/g, '').length;
    if (digits === 0 || core.length > 32) return false;
    if (digits < 3 && /[a-z]{5,}/i.test(core)) return false;
    if (core.length >= 10) return true;
    // WD-88213-KQ: a letter prefix, a dash, and digits enough not to be "ERC-20" or "COVID-19".
    return core.length >= 7 && digits >= 3 && /^[a-z]{1,6}[-_]/i.test(candidate);
  },
  example: 'TX-20261120-8F3K2Q9',
};

export function txidShapeFromPattern(pattern: string, example: string): TransactionIdShape {
  const re = new RegExp(`^(?:${pattern})$`, 'i');
  return { test: (c) => re.test(c), example };
}

export type Chain = 'evm' | 'tron' | 'btc';

export interface WalletAddress {
  value: string;
  chain: Chain;
}

export interface Identifiers {
  /** Transaction ids, references, order numbers and on-chain hashes, in order, without repeats. */
  transactionIds: string[];
  /** Wallet addresses: never transaction ids. */
  addresses: WalletAddress[];
}

/**
 * EVM address (Ethereum, BSC, Polygon…): the last 20 bytes of the Keccak-256 of the public key,
 * "0x" and 40 hex digits; mixed case is the EIP-55 checksum, so case is not checked here.
 * https://ethereum.org/en/developers/docs/accounts/ · https://eips.ethereum.org/EIPS/eip-55
 */
const EVM_ADDRESS = /^0x[0-9a-f]{40}$/i;
/**
 * TRON address: 0x41 and the same 20 bytes, Base58Check → 34 characters starting with "T".
 * https://developers.tron.network/docs/account#account-address-format
 */
const TRON_ADDRESS = /^T[1-9A-HJ-NP-Za-km-z]{33}$/;
/**
 * Bitcoin SegWit address: "bc1" and the Bech32/Bech32m data part (BIP-173, BIP-350), 42
 * characters for P2WPKH, 62 for P2WSH and Taproot; one case only.
 * https://github.com/bitcoin/bips/blob/master/bip-0173.mediawiki · …/bip-0350.mediawiki
 */
const BTC_BECH32 = /^(?:bc1[02-9ac-hj-np-z]{39,59}|BC1[02-9AC-HJ-NP-Z]{39,59})$/;
/**
 * Bitcoin legacy address: Base58Check of version 0x00 (P2PKH, "1…") or 0x05 (P2SH, "3…") and a
 * 20-byte hash, 25–34 characters. The checksum is verified: without it a numeric id starting with
 * 1 or 3 could pass for one. https://en.bitcoin.it/wiki/Base58Check_encoding
 */
const BTC_LEGACY = /^[13][1-9A-HJ-NP-Za-km-z]{24,33}$/;

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58CheckPayload(s: string): Uint8Array | undefined {
  let n = 0n;
  for (const ch of s) {
    const v = BASE58.indexOf(ch);
    if (v < 0) return undefined;
    n = n * 58n + BigInt(v);
  }
  const bytes: number[] = [];
  for (; n > 0n; n >>= 8n) bytes.unshift(Number(n & 0xffn));
  for (let i = 0; i < s.length && s[i] === '1'; i++) bytes.unshift(0);
  if (bytes.length < 5) return undefined;
  const payload = Uint8Array.from(bytes.slice(0, -4));
  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest();
  const sum = sha(sha(payload));
  for (let i = 0; i < 4; i++) if (sum[i] !== bytes[bytes.length - 4 + i]) return undefined;
  return payload;
}

function addressChain(token: string): Chain | undefined {
  if (EVM_ADDRESS.test(token)) return 'evm';
  if (TRON_ADDRESS.test(token)) return 'tron';
  if (BTC_BECH32.test(token)) return 'btc';
  if (BTC_LEGACY.test(token)) {
    const p = base58CheckPayload(token);
    if (p?.length === 21 && (p[0] === 0x00 || p[0] === 0x05)) return 'btc';
  }
  return undefined;
}

/** Letters, digits, dashes and underscores: ids, hashes, addresses (full-width folded first). */
const TOKEN = /[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*/g;
const URL = /\b(?:https?:\/\/|www\.)\S+|\b(?:[a-z0-9-]+\.)+[a-z]{2,}\/\S*/gi;
const LABEL_END = String.raw`\s*(?:(?:is|was|are|[:：#=]|是|为|為|係|系)\s*)*$`;
/**
 * A label that names the next value as an id whatever its shape: "order no. 123", "order #4471",
 * "transaction id 88231", "ref no: FT23", "订单号 202611201234", "單號係 …", "交易序號是 …".
 */
const ID_LABEL = new RegExp(
  String.raw`(?:(?<![a-z])(?:order|ref|reference|transaction|trans|tx|txn|payment|transfer|withdrawal|deposit|trade|booking|confirmation|tracking|bank)\s*(?:id|no\.?|number|num|#|code|ref|reference|hash)|(?<![a-z])(?:txid|utr|rrn|arn)` +
    String.raw`|交易(?:号码?|號碼?|编号|編號|序号|序號|单号|單號|id|ID|哈希)|订单(?:号|编号)|訂單(?:號|編號)|单号|單號|流水号|流水號|参考号|參考號|凭证号|憑證號|回执号|回執號|哈希值?|编号|編號)` +
    LABEL_END,
  'i',
);
/**
 * A word before an id that could also come before an amount ("order 88231" but "order 250
 * usdt"): the value needs 5 characters with a digit and no currency after it.
 */
const WEAK_ID_LABEL = new RegExp(
  String.raw`(?:(?<![a-z])(?:order|ref|reference|tx|txn|receipt|invoice|hash)|交易|订单|訂單|哈希)` +
    LABEL_END,
  'i',
);
/** "phone 13800138000", "call me at …", "手机号 …": never an id. */
const PHONE_LABEL =
  /(?:(?<![a-z])(?:phone|tel|telephone|mobile|cell|cellphone|whatsapp|contact|call me|text me|reach me)(?:\s*(?:number|no\.?|#))?|电话(?:号码)?|電話(?:號碼)?|手机(?:号码?)?|手機(?:號碼?)?|联系方式|聯絡電話|联系电话)\s*(?:(?:is|at|on|[:：=]|是|係)\s*)*\+?\s*$/i;
const CURRENCY_BEFORE = /(?:[$¥￥€£]|hk\$|nt\$|us\$|usd|usdt|cny|rmb|eur|hkd|twd)\s*$/i;
const CURRENCY_AFTER =
  /^\s*(?:usdt|usdc|usd|dollars?|bucks|btc|eth|eur|euros?|gbp|cny|rmb|hkd|twd|sgd|块|塊|元|蚊|美元|美金|港幣|港币|台幣|台币)(?![a-z])/i;

const fullWidthToAscii = (s: string) =>
  s.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) =>
    String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );

/**
 * Transaction ids and wallet addresses in a message, in order, without repeats:
 * - ids of the configured shape (`shape`, TRANSACTION_ID_PATTERN; default `DEFAULT_TXID_SHAPE`);
 * - any value after an id label ("order 88231", "ref: FT23324", "订单号 202611201234");
 * - on-chain hashes, 64 hex with or without 0x, also inside explorer links
 *   (etherscan.io/tx/0x…, bscscan.com/tx/…, tronscan.org/#/transaction/…, mempool.space/tx/…);
 * - wallet addresses (EVM 0x+40 hex, TRON T…, Bitcoin bc1…/1…/3…) are returned apart.
 * Never ids: private keys (WIF, xprv, or anything written after "private key:"/"私钥是"), amounts,
 * dates, numbers after a phone label, e-mail addresses, masked values ("•••• 1234"), plain words.
 */
export function findIdentifiers(text: string, shape = DEFAULT_TXID_SHAPE): Identifiers {
  const src = fullWidthToAscii(text);
  const urls: Array<[number, number]> = [];
  for (const u of src.matchAll(URL)) urls.push([u.index, u.index + u[0].length]);
  const transactionIds: string[] = [];
  const addresses: WalletAddress[] = [];
  const seen = new Set<string>();
  const add = (key: string) => !seen.has(key) && !!seen.add(key);

  for (const m of src.matchAll(TOKEN)) {
    const token = m[0];
    const start = m.index;
    const end = start + token.length;
    const before = src.slice(Math.max(0, start - 80), start);
    const after = src.slice(end, end + 24);
    const prev = src[start - 1] ?? '';
    const next = src[end] ?? '';
    if (/[•*@]/.test(prev) || /[•*@]/.test(next)) continue; // masked, e-mail, @handle
    if (/^[.,]\d/.test(after) || /\d[.,]$/.test(before)) continue; // 1234567890.50
    if (looksLikePrivateKey(token) || isKeyIntroduced(before)) continue;

    if (TX_HASH.test(token)) {
      if (add(token.toLowerCase().replace(/^0x/, ''))) transactionIds.push(token);
      continue;
    }
    const chain = addressChain(token);
    if (chain) {
      if (add(`${chain}:${chain === 'evm' ? token.toLowerCase() : token}`))
        addresses.push({ value: token, chain });
      continue;
    }
    if (urls.some(([a, b]) => start >= a && end <= b)) continue; // only hashes and addresses in links
    if (/\.[a-z]/i.test(next + (src[end + 1] ?? ''))) continue; // a domain name
    if (PHONE_LABEL.test(before) || /\+\d{0,4}[\s-]*$/.test(before)) continue;
    if (CURRENCY_BEFORE.test(before) || CURRENCY_AFTER.test(after)) continue;
    const core = token.replace(/[-_]/g, '');
    const labelled =
      /\d/.test(core) &&
      ((ID_LABEL.test(before) && core.length >= 3) ||
        (WEAK_ID_LABEL.test(before) && core.length >= 5));
    if (!labelled && !shape.test(token)) continue;
    if (/^(?:19|20)\d\d[-_]\d{1,2}[-_]\d{1,2}$/.test(token)) continue; // 2026-11-20
    if (add(token.toUpperCase())) transactionIds.push(token);
  }
  return { transactionIds, addresses };
}

/** The transaction ids of `findIdentifiers` (addresses left out). */
export function findTransactionIds(text: string, shape = DEFAULT_TXID_SHAPE): string[] {
  return findIdentifiers(text, shape).transactionIds;
}

// ---------------------------------------------------------------------------------------------
// "I have no id"
// ---------------------------------------------------------------------------------------------

const EN_ID = String.raw`(?:(?:transaction|trans|tx|txn|transfer|payment|order|withdrawal|deposit|receipt|confirmation|tracking|trade|refund|bank|wallet)\s*(?:ids?|numbers?|no|num|#|hash(?:es)?|code|ref(?:erence)?(?:\s*(?:no|number))?)|txids?|txhash|tx\s*hash|hash(?:es)?|ids?|reference(?:\s*(?:no|number|code))?|ref\s*(?:no|number)|receipt|utr|rrn)(?![a-z])`;
const EN_NOT = String.raw`(?:dont|do not|didnt|did not|never|havent|have not|hadnt|cant|cannot|can not|couldnt|could not|unable to|not able to|wasnt|werent)`;
/** Sentences about the id: "I don't have the transaction id", "no tx hash", "what is a txid?". */
const EN_ABOUT_ID = [
  new RegExp(
    String.raw`\b${EN_NOT}\s+(?:\w+\s+){0,2}?(?:have|has|had|got|get|receive|received|know|remember|find|see|saw|locate|given)\b(?:\s+[\w']+){0,3}?\s+${EN_ID}`,
  ),
  new RegExp(String.raw`\b(?:no|zero|without|lost|lost my|lost the|missing)\s+(?:\w+\s+)?${EN_ID}`),
  new RegExp(
    String.raw`\b(?:where|wheres|how (?:do|can|would|should) i (?:find|get|see|check|look up))\b(?:\s+[\w']+){0,6}?\s+${EN_ID}`,
  ),
  new RegExp(
    String.raw`\b(?:what|whats|which)(?:\s+(?:is|are|s|does|do|a|an|the|this|that|my|your|kind of|you mean by|mean by|do you mean))*\s+${EN_ID}`,
  ),
  new RegExp(
    String.raw`${EN_ID}\s*[?:,.!-]*\s*(?:\w+\s+){0,3}?(?:none|nope|n/?a|dont have|do not have|dont know|do not know|idk|unknown|missing|not available|not sure|no idea|dunno|never got)`,
  ),
  /\b(?:not|wasnt|isnt|never) (?:a|an|any) (?:transaction|transfer|payment)\b|\b(?:it was|paid (?:in|with)|in|by) cash\b/,
];
/**
 * Whole clauses that say it when the id was just asked for: "no", "I don't have it", "can't find
 * it", "where do I find that?". Bare "idk", "what?" or "不知道" are left out: they say as much
 * about any other question ("did that help?").
 */
const EN_SHORT = [
  /^(?:no|nope|nah|none|nothing|n\/?a|na|not really|no sorry|sorry no|nope sorry|no i dont|nah i dont)$/,
  /^(?:(?:no|nope|nah|sorry|um|uh|well)\s+)*(?:i\s+)?(?:dont|do not|didnt|did not|havent|have not|never|dnt)\s+(?:even\s+)?(?:have|has|got|get|receive|received|keep|kept)(?:\s+(?:it|one|that|this|them|any|anything|that info|any of that))?(?:\s+(?:sorry|either|yet|anymore|with me|on me|here|now))?$/,
  /^(?:(?:no|nope|nah|sorry|um|uh|well)\s+)*(?:i\s+)?(?:dont|do not|didnt|did not|never)\s+(?:know|remember|see|saw)\s+(?:it|one|that|this|them|any)(?:\s+(?:sorry|either|anymore))?$/,
  /^(?:(?:no|nope|sorry|um|uh)\s+)*(?:i\s+)?(?:cant|cannot|can not|couldnt|could not|unable to|not able to)\s+(?:find|see|locate|get|access)(?:\s+(?:it|one|that|this|them|any))?(?:\s+(?:anywhere|sorry|now))?$/,
  /^(?:i\s+)?(?:have|got|had)\s+(?:none|nothing)$/,
  /^(?:i\s+)?(?:lost|deleted|threw away)\s+(?:it|that|them)$/,
  /^(?:and\s+|but\s+|so\s+)?where\s+(?:(?:do|can|would|should|could|will|am)\s+i\s+(?:even\s+|actually\s+)?|to\s+)(?:find|see|get|look|check|locate)(?:\s+(?:for\s+|at\s+)?(?:it|that|this|one|them))?(?:\s+(?:then|even|exactly|though))?$/,
  /^(?:and\s+|but\s+|so\s+)?(?:where\s+(?:is|s|are)|wheres)\s+(?:it|that|this|one|them)$/,
  /^(?:and\s+|but\s+|so\s+)?how\s+(?:do|can|would|should)\s+i\s+(?:even\s+)?(?:find|get|see|check|look up)(?:\s+(?:it|that|this|one|them))?$/,
];
const EN_FILLER =
  /^(?:sorry|ok|okay|lol|haha|hmm+|um+|uh+|well|thanks|thank you|pls|please|tbh|honestly|mate|bro|man|i think|either|even|idk|dunno|no idea|not sure|i dont know|dont know|what|huh)$/;

const ZH_ID = String.raw`(?:(?:交易|转账|转帐|付款|支付|提现|提款|提领|充值|订单|流水|参考|凭证|回执|收据|退款|汇款)(?:号码|号|编号|序号|单号|id|哈希|hash|码)|单号|订单号|哈希值?|txid|tx\s*id|tx\s*hash|hash)`;
const ZH_CUE = String.raw`(?:没有|冇|没|无|木有|不知道|唔知|哪知道|边知|不清楚|唔清楚|找不到|找不着|搵唔到|揾唔到|查不到|看不到|睇唔到|唔见|在哪|哪里|哪儿|哪看|边度|喺边|是啥|是什么|啥是|什么是|系咩|系乜|咩系|乜嘢|忘了|忘记|不记得|唔记得|没收到|冇收到|没给|没见过)`;
/** "我没有交易号", "交易号是啥？", "单号我找不到", "不知道交易号", "txid没有". */
const ZH_ABOUT_ID = [
  new RegExp(`${ZH_CUE}[^，。！？,.!?]{0,6}?${ZH_ID}`),
  new RegExp(`${ZH_ID}[^，。！？,.!?]{0,6}?${ZH_CUE}`),
  /(?:不是|唔系|唔係)(?:一笔|一筆)?交易(?:的问题|嚟|来的|啊|呀|喎|耶|$|[，,。.!！\s])|(?:付|俾|给|給)(?:的)?现金|现金(?:付|支付|交易)/,
];
const ZH_LEAD = String.raw`(?:我|我都|我也|我还|我真系|真系|真的|确实|其实|额|呃|嗯|唔|但|可是|都|也|还|就)*`;
const ZH_TAIL = String.raw`(?:啊|呀|哦|喔|噢|耶|欸|诶|嘛|呢|喎|啦|喇|咯|捏|哎|的|了|嘅|㗎|架|啵|wo|a|la|ar|lo|o)*`;
const ZH_SHORT = [
  new RegExp(`^${ZH_LEAD}(?:没有|没|无|木有|冇|没得|冇呀|冇啊|无呀)${ZH_TAIL}$`),
  new RegExp(`^${ZH_LEAD}(?:不记得|唔记得|忘了|忘记了)${ZH_TAIL}$`),
  new RegExp(
    `^${ZH_LEAD}(?:找不到|找不着|搵唔到|揾唔到|查不到|看不到|睇唔到|见不到|冇得睇|没看到|没找到|找唔到|唔见咗|弄丢了|删了)${ZH_TAIL}$`,
  ),
  new RegExp(
    `^${ZH_LEAD}(?:唔知|不知道|要|应该|可以)?(?:在|喺|去|从|系)?(?:哪里|哪儿|哪|边度|边处|边)(?:里|儿|度)?(?:可以|能|先)?(?:看|找|查|睇|搵|揾|见|拿|有|睇到|搵到)(?:到|得到)?${ZH_TAIL}$`,
  ),
];
const ZH_FILLER =
  /^(?:啊|呀|哦|喔|噢|耶|欸|诶|嘛|呢|喎|啦|喇|咯|哎|嗯|额|呃|好吧|sorry|不好意思|抱歉|唔好意思|我?不知道|我?唔知|是啥|什么)+$/;

/**
 * Whether the user says they have no transaction id, cannot find it or do not know what it is:
 * "I don't have it", "no tx hash, it was cash", "where do I find that?", "我没有交易号", "没有",
 * "在哪里看", "沒有交易編號", "冇單號", "唔知喺邊度睇". A bare "no"/"没有"/"無" counts only when it is
 * the whole answer ("no it didn't help" does not); long descriptions of a problem count only when
 * they say it about the id. A message with an id in it never does.
 */
export function saysNoIdentifier(text: string): boolean {
  if (findIdentifiers(text).transactionIds.length) return false;
  const t = foldText(text)
    .replace(/['’`´]/g, '')
    .replace(/[\p{Extended_Pictographic}\u{fe0f}]/gu, ' ');
  if (EN_ABOUT_ID.some((re) => re.test(t)) || ZH_ABOUT_ID.some((re) => re.test(t))) return true;
  if (t.length > 60) return false;
  const clauses = t
    .split(/[,.!?;:，。！？；、…~\n]+|\s+-\s+|(?<=\p{Script=Han})\s+|\s+(?=\p{Script=Han})/u)
    .map((c) => c.trim())
    .filter(Boolean);
  let said = false;
  for (const c of clauses) {
    if ([...EN_SHORT, ...ZH_SHORT].some((re) => re.test(c))) said = true;
    else if (!EN_FILLER.test(c) && !ZH_FILLER.test(c)) return false;
  }
  return said;
}

// ---------------------------------------------------------------------------------------------
// Amounts
// ---------------------------------------------------------------------------------------------

export interface Amount {
  value: number;
  currency?: string;
  /** As the user wrote it. */
  text: string;
}

const CURRENCY_WORDS: Record<string, string> = {
  $: 'USD',
  us$: 'USD',
  usd: 'USD',
  dollar: 'USD',
  dollars: 'USD',
  bucks: 'USD',
  美元: 'USD',
  美金: 'USD',
  刀: 'USD',
  '¥': 'CNY',
  '￥': 'CNY',
  cny: 'CNY',
  rmb: 'CNY',
  元: 'CNY',
  块: 'CNY',
  块钱: 'CNY',
  塊: 'CNY',
  塊錢: 'CNY',
  人民币: 'CNY',
  人民幣: 'CNY',
  '€': 'EUR',
  eur: 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  '£': 'GBP',
  gbp: 'GBP',
  usdt: 'USDT',
  u: 'USDT',
  usdc: 'USDC',
  btc: 'BTC',
  eth: 'ETH',
  hkd: 'HKD',
  hk$: 'HKD',
  港币: 'HKD',
  港幣: 'HKD',
  港元: 'HKD',
  港纸: 'HKD',
  港紙: 'HKD',
  蚊: 'HKD',
  twd: 'TWD',
  ntd: 'TWD',
  nt$: 'TWD',
  台币: 'TWD',
  台幣: 'TWD',
  臺幣: 'TWD',
  新台币: 'TWD',
  新台幣: 'TWD',
  新臺幣: 'TWD',
  sgd: 'SGD',
  s$: 'SGD',
};
const ZH_CURRENCY = String.raw`新台幣|新台币|新臺幣|台幣|台币|臺幣|港幣|港币|港元|港紙|港纸|人民币|人民幣|美元|美金`;
const PREFIX = String.raw`(?<pre>hk\$|nt\$|us\$|s\$|[$¥￥€£]|usdt|usdc|usd|cny|rmb|eur|gbp|hkd|twd|ntd|sgd|${ZH_CURRENCY})\s*`;
const NUMBER = String.raw`(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`;
const SUFFIX = String.raw`(?:\s*(?<suf>usdt|usdc|usd|dollars?|bucks|btc|eth|eur|euros?|gbp|cny|rmb|hkd|twd|ntd|sgd|${ZH_CURRENCY}|块钱|塊錢|元|块|塊|蚊|刀)|(?<u>u)(?![a-z]))`;
const WITH_PREFIX = new RegExp(`(?<![\\w.])${PREFIX}${NUMBER}(?:${SUFFIX})?`, 'iu');
const WITH_SUFFIX = new RegExp(`(?<![\\w.])${NUMBER}${SUFFIX}(?![a-z])`, 'iu');
const ZH_NUMBER = new RegExp(
  `(?<num>[零〇一二两兩三四五六七八九十百千万萬]+)(?<suf>块钱|塊錢|元|块|塊|蚊|${ZH_CURRENCY}|刀)`,
  'u',
);
const BARE = /(?<![\w.-])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w.-])/;
/** Words only Cantonese is written with. */
const CANTONESE = /[冇唔咗嘅喺佢哋啲嘢咁乜畀嚟咩喎噉嗰睇搵揾攞]|係|而家|尋日|琴日|聽日/;

/**
 * 元/块/塊 are the local currency: yuan in Simplified Chinese, Hong Kong dollars when the text is
 * Cantonese, New Taiwan dollars in other Traditional Chinese (Taiwan writes 元/塊 for NT$).
 */
function localYuan(text: string): string {
  if (CANTONESE.test(text)) return 'HKD';
  const clean = cleanText(text).toLowerCase();
  return hasCjk(clean) && foldText(text) !== clean ? 'TWD' : 'CNY';
}

function currencyOf(unit: string, text: string): string {
  if (/^(?:元|块|塊|块钱|塊錢)$/.test(unit)) return localYuan(text);
  return CURRENCY_WORDS[unit] ?? unit.toUpperCase();
}

/**
 * An amount with a currency marker ("$100", "100 USDT", "800u", "100元", "¥100", "一百元",
 * "HK$2380", "NT$1,500", "1500台幣", "港幣500", "3000蚊"); the first one when there are several.
 * With `bare: true` (the user is answering "how much?") a plain number counts too.
 */
export function findAmount(text: string, opts: { bare?: boolean } = {}): Amount | undefined {
  const matches = [WITH_PREFIX.exec(text), WITH_SUFFIX.exec(text), ZH_NUMBER.exec(text)];
  const m = matches
    .filter((x): x is RegExpExecArray => !!x?.groups)
    .sort((a, b) => a.index - b.index)[0];
  if (m?.groups) {
    const unit = (m.groups['pre'] ?? m.groups['suf'] ?? m.groups['u'] ?? '').toLowerCase();
    const raw = m.groups['num']!;
    const value = /\d/.test(raw) ? Number(raw.replace(/,/g, '')) : parseChineseNumber(raw);
    if (value !== undefined) return { value, currency: currencyOf(unit, text), text: m[0].trim() };
  }
  if (opts.bare) {
    const withoutIds = text.replace(CANDIDATE, (c) => (DEFAULT_TXID_SHAPE.test(c) ? ' ' : c));
    const b = BARE.exec(withoutIds);
    if (b) return { value: Number(b[1]!.replace(/,/g, '')), text: b[1]! };
  }
  return undefined;
}

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  兩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 一百 → 100, 三千五百 → 3500, 两万 → 20000, 兩萬 → 20000, 十五 → 15. */
export function parseChineseNumber(s: string): number | undefined {
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const ch of s) {
    if (ch in DIGITS) digit = DIGITS[ch];
    else if (ch in UNITS) {
      section += (digit ?? 1) * UNITS[ch]!;
      digit = undefined;
    } else if (ch === '万' || ch === '萬') {
      total += (section + (digit ?? 0)) * 10_000;
      section = 0;
      digit = undefined;
    } else return undefined;
  }
  const value = total + section + (digit ?? 0);
  return value > 0 ? value : undefined;
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

export interface DateMention {
  /** YYYY-MM-DD, in the user's time zone. */
  iso: string;
  /** HH:MM, when the user said the time ("昨天晚上11點", "today, around 3pm"). */
  time?: string;
  /** As the user wrote it. */
  text: string;
}

/**
 * Cantonese and Traditional words for days and times, in the forms chrono's Simplified Chinese
 * parser reads (尋日/琴日 → 昨天, 今朝 → 今天早上, 聽日 → 明天, 禮拜 → 礼拜, 點 → 点…). Longest first.
 */
const ZH_DATE_WORDS: Array<[string, string]> = [
  ['今朝早', '今天早上'],
  ['尋晚', '昨天晚上'],
  ['噚晚', '昨天晚上'],
  ['琴晚', '昨天晚上'],
  ['寻晚', '昨天晚上'],
  ['尋日', '昨天'],
  ['噚日', '昨天'],
  ['琴日', '昨天'],
  ['寻日', '昨天'],
  ['今朝', '今天早上'],
  ['聽朝', '明天早上'],
  ['听朝', '明天早上'],
  ['聽日', '明天'],
  ['听日', '明天'],
  ['夜晚黑', '晚上'],
  ['夜晚', '晚上'],
  ['朝早', '早上'],
  ['上晝', '上午'],
  ['下晝', '下午'],
  ['晏晝', '下午'],
  ['而家', '现在'],
  ['禮拜', '礼拜'],
  ['週', '周'],
  ['號', '号'],
  ['點', '点'],
  ['個', '个'],
  ['鐘', '钟'],
  ['兩', '两'],
  ['後', '后'],
  ['幾', '几'],
  ['這', '这'],
];

interface Normalized {
  text: string;
  /** Where each character of `text` starts and ends in the original. */
  from: number[];
  to: number[];
}

function normalizeDateText(original: string): Normalized {
  const out: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < original.length;) {
    const pair = ZH_DATE_WORDS.find(([w]) => original.startsWith(w, i));
    const [src, dst] = pair ?? [original[i]!, fullWidthToAscii(original[i]!)];
    for (const ch of dst) {
      out.push(ch);
      from.push(i);
      to.push(i + src.length);
    }
    i += src.length;
  }
  return { text: out.join(''), from, to };
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}

const shiftDays = (a: Ymd, days: number): Ymd => {
  const t = new Date(Date.UTC(a.y, a.m - 1, a.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
};
const ymdKey = (a: Ymd) => a.y * 10_000 + a.m * 100 + a.d;
const isoOf = (a: Ymd) => `${a.y}-${String(a.m).padStart(2, '0')}-${String(a.d).padStart(2, '0')}`;
const validDay = (y: number, m: number, d: number) =>
  m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();

interface WallClock extends Ymd {
  hour: number;
  minute: number;
  second: number;
  /** Monday 0 … Sunday 6 */
  weekday: number;
}

/** The date and time on the clocks of `timeZone` at `now`; UTC for a zone Intl does not know. */
function wallClock(now: number, timeZone: string): WallClock {
  let wall: number;
  try {
    wall = wallAt(timeZone, now);
  } catch {
    wall = now;
  }
  const w = new Date(wall);
  return {
    y: w.getUTCFullYear(),
    m: w.getUTCMonth() + 1,
    d: w.getUTCDate(),
    hour: w.getUTCHours(),
    minute: w.getUTCMinutes(),
    second: w.getUTCSeconds(),
    weekday: (w.getUTCDay() + 6) % 7,
  };
}

/** How a date the user left open ("friday", "Dec 1", "the 1st") moves back when it is ahead. */
type Roll = 'week' | 'month' | 'year';

interface Found {
  start: number;
  end: number;
  date: Ymd;
  hour?: number;
  minute?: number;
  roll?: Roll;
  /** Our own parsers win over chrono's on the same words. */
  own: boolean;
}

const EN_COUNT: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  couple: 2,
  'a couple': 2,
  'a couple of': 2,
  'couple of': 2,
  three: 3,
  few: 3,
  'a few': 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};
const EN_COUNT_WORDS = String.raw`\d+|a couple of|couple of|a couple|a few|few|an?|one|two|three|four|five|six|seven|eight|nine|ten`;
const zhCount = (s: string) => (/^\d+$/.test(s) ? Number(s) : parseChineseNumber(s));
const UNIT_DAYS: Record<string, number> = {
  day: 1,
  week: 7,
  天: 1,
  日: 1,
  星期: 7,
  礼拜: 7,
  周: 7,
  月: 30,
  小时: 0,
  钟头: 0,
  分钟: 0,
};
const ZH_WEEKDAY: Record<string, number> = {
  一: 0,
  '1': 0,
  二: 1,
  '2': 1,
  三: 2,
  '3': 2,
  四: 3,
  '4': 3,
  五: 4,
  '5': 4,
  六: 5,
  '6': 5,
  日: 6,
  天: 6,
  '7': 6,
};

/** What chrono reads wrong or not at all, found on the normalised text. */
function ownMentions(t: string, today: WallClock): Found[] {
  const found: Found[] = [];
  const push = (m: RegExpExecArray, date: Ymd, roll?: Roll) =>
    found.push({
      start: m.index,
      end: m.index + m[0].length,
      date,
      own: true,
      ...(roll && { roll }),
    });
  let m: RegExpExecArray | null;

  // "pending for 3 days", "it's been 9 days", "for a week" (chrono reads "for 3 days" as ahead).
  const enSince = new RegExp(
    String.raw`\b(?:for|since|been|over|past|last)\s+(?:the\s+)?(?:past\s+|last\s+)?(${EN_COUNT_WORDS})\s+(day|week)s?\b|\b(\d+)\s+(day|week)s?\s+(?:now|already)\b`,
    'gi',
  );
  while ((m = enSince.exec(t))) {
    const count = m[1] ?? m[3]!;
    const n = /^\d+$/.test(count) ? Number(count) : EN_COUNT[count.toLowerCase()];
    if (n !== undefined) push(m, shiftDays(today, -n * UNIT_DAYS[(m[2] ?? m[4]!).toLowerCase()]!));
  }

  // "两天了", "一个礼拜了", "超过十天了", "等了一个多小时了": that long ago.
  const zhSince =
    /(\d+|[零〇一二两三四五六七八九十]+)\s*(个)?多?\s*(天|日|星期|礼拜|周|月|小时|钟头|分钟)(?:多)?(?=了|还|都|没|啦|喇|耶|咯)/g;
  while ((m = zhSince.exec(t))) {
    const n = zhCount(m[1]!);
    if (n === undefined || (m[3] === '月' && !m[2])) continue;
    push(m, shiftDays(today, -n * UNIT_DAYS[m[3]!]!));
  }

  // 上周五, 上上周一, 这周三, 本周日: weeks start on Monday in Chinese (chrono counts from Sunday).
  const zhWeekday = /(上上|上|这|本|今|下)(?:个)?(?:周|星期|礼拜)([一二三四五六日天1-7])/g;
  while ((m = zhWeekday.exec(t))) {
    const weeks = { 上上: -2, 上: -1, 这: 0, 本: 0, 今: 0, 下: 1 }[m[1]!]!;
    push(m, shiftDays(today, weeks * 7 + ZH_WEEKDAY[m[2]!]! - today.weekday));
  }
  // 上周, 上个礼拜 (no day): a week ago; 上周末: last week's Saturday.
  const zhLastWeek = /上(?:个)?(?:周|星期|礼拜)(末)?(?![一二三四五六日天1-7])/g;
  while ((m = zhLastWeek.exec(t))) push(m, shiftDays(today, m[1] ? -7 + 5 - today.weekday : -7));

  // "on the 1st", "the 3rd", a bare "3rd": a day of this month.
  const enDay =
    /\b(?:(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)|on\s+(\d{1,2})(?:st|nd|rd|th))\b(?!\s+(?:of\b|time|transfer|transaction|payment|one|attempt|try|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))|^\s*(\d{1,2})(?:st|nd|rd|th)\W*$/gi;
  while ((m = enDay.exec(t))) {
    const d = Number(m[1] ?? m[2] ?? m[3]);
    if (validDay(today.y, today.m, d)) push(m, { y: today.y, m: today.m, d }, 'month');
  }
  // "1号", "这个月1号", "上个月15号", "本月3日".
  const zhDay =
    /(?<![月\d])(?:(这个|这|本|上个|上)月)?(\d{1,2}|[一二三四五六七八九十]{1,3})(号|日)(?![前后内了线楼])/g;
  while ((m = zhDay.exec(t))) {
    if (m[3] === '日' && !m[1]) continue; // 三日 is three days
    const d = zhCount(m[2]!);
    const back = m[1]?.startsWith('上') ? 1 : 0;
    const month = shiftDays({ y: today.y, m: today.m, d: 1 }, back ? -1 : 0);
    if (d !== undefined && validDay(month.y, month.m, d))
      push(m, { y: month.y, m: month.m, d }, m[1] ? undefined : 'month');
  }
  return found;
}

const EN_CHRONO = chronoEn.casual;
const ZH_CHRONO = chronoZhHans.casual;
const NOW_WORDS = /^(?:right\s+)?now$|^(?:现在|立刻|立即|即刻)$/i;
/** Lower-case "sat", "sun", "mon", "wed" are words more often than days ("sat there"). */
const WEEKDAY_WORDS = /^(?:on\s+)?(?:sat|sun|mon|wed)$/;
const ZH_TIME_OF_DAY = /^(?:上午|早上|早|下午|晚上|晚|夜|夜晚|中午|凌晨)$/;

function chronoMentions(t: string, ref: Date): { dates: Found[]; times: Found[] } {
  const results = [...EN_CHRONO.parse(t, ref), ...(hasCjk(t) ? ZH_CHRONO.parse(t, ref) : [])];
  const dates: Found[] = [];
  const times: Found[] = [];
  for (const r of results) {
    const s = r.start;
    const date = { y: s.get('year')!, m: s.get('month')!, d: s.get('day')! };
    const f: Found = { start: r.index, end: r.index + r.text.length, date, own: false };
    if (s.isCertain('hour')) {
      f.hour = s.get('hour')!;
      f.minute = s.get('minute') ?? 0;
    }
    const text = r.text.trim();
    const tags = [...s.tags()];
    const relative = tags.some(
      (x) =>
        x === 'result/relativeDate' ||
        (x.startsWith('casualReference/') && x !== 'casualReference/now'),
    );
    if (NOW_WORDS.test(text) || WEEKDAY_WORDS.test(text) || ZH_TIME_OF_DAY.test(text)) continue;
    if (s.isCertain('day')) {
      if (s.isCertain('month') && !s.isCertain('year')) f.roll = 'year';
      dates.push(f);
    } else if (s.isCertain('weekday')) dates.push({ ...f, roll: 'week' });
    else if (relative || /(?:前|ago)$/.test(text)) dates.push(f);
    else if (f.hour !== undefined) times.push(f);
  }
  return { dates, times };
}

/** "today, around 3pm", "this morning around 9": a time said just after the date. */
const TIME_GAP =
  /^[\s,，、.]*(?:(?:at|around|about|approximately|approx\.?|roughly|like|maybe|~|大概|大约|大約|约|約|差不多)[\s,，]*)?$/i;
const BARE_HOUR =
  /^[\s,，、.]*(?:at|around|about|approximately|approx\.?|roughly|like|~)\s*(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?![\d.,:]|\s*(?:usdt|usd|eur|dollars?|times|days?|hours?|mins?|minutes?)\b)/i;
const LATE = /evening|afternoon|night|tonight|晚|下午|夜/i;
const LAST_NIGHT = /last night|昨晚|昨天晚上|昨天夜里|昨夜/i;

function withTime(f: Found, t: string, times: Found[], todayKey: number): Found {
  if (f.hour !== undefined) return f;
  const said = t.slice(f.start, f.end);
  const next = times.find((x) => x.start >= f.end && TIME_GAP.test(t.slice(f.end, x.start)));
  let hour: number;
  let minute: number;
  let end: number;
  if (next?.hour !== undefined) {
    hour = next.hour;
    minute = next.minute ?? 0;
    end = next.end;
  } else {
    const b = BARE_HOUR.exec(t.slice(f.end));
    if (!b) return f;
    hour = Number(b[1]);
    minute = Number(b[2] ?? 0);
    const meridiem = b[3]?.toLowerCase()[0];
    if (meridiem === 'p' && hour < 12) hour += 12;
    else if (meridiem === 'a' && hour === 12) hour = 0;
    else if (!b[3] && LATE.test(said) && hour >= 6 && hour < 12) hour += 12;
    end = f.end + b[0].length;
  }
  if (hour > 23 || minute > 59) return f;
  // "last night, like 2am" is early this morning (chrono dates "last night" yesterday by day).
  const early = LAST_NIGHT.test(said) && hour < 5 && ymdKey(f.date) < todayKey;
  const date = early ? shiftDays(f.date, 1) : f.date;
  return { ...f, date, hour, minute, end };
}

/** "not yesterday", "不是昨天": a date the user rules out. */
const NEGATED = /(?:\bnot|n't|\bnever)\s+(?:on\s+)?(?:the\s+)?$|(?:不是|唔係|唔系|并非|並非)\s*$/i;

interface Mention {
  date: DateMention;
  /** Where it starts in the normalised text. */
  at: number;
  negated: boolean;
}

function scanDates(text: string, now: number, timeZone: string): Mention[] {
  const norm = normalizeDateText(text);
  const t = norm.text;
  const today = wallClock(now, timeZone);
  // chrono reads the reference's local fields: a Date showing the user's wall clock makes "今天"
  // their today whatever the server's zone (chrono's Chinese parsers ignore a `timezone` option).
  const ref = new Date(today.y, today.m - 1, today.d, today.hour, today.minute, today.second);
  const { dates, times } = chronoMentions(t, ref);
  const all = [...ownMentions(t, today), ...dates].sort(
    (a, b) => a.start - b.start || b.end - a.end || Number(b.own) - Number(a.own),
  );
  const kept: Found[] = [];
  for (const f of all) {
    const overlap = kept.find((k) => f.start < k.end && k.start < f.end);
    if (!overlap) kept.push(f);
    else if (f.own && !overlap.own && f.end - f.start >= overlap.end - overlap.start)
      kept[kept.indexOf(overlap)] = f;
  }
  const todayKey = ymdKey(today);
  return kept.map((found) => {
    const f = withTime(found, t, times, todayKey);
    let date = f.date;
    for (let i = 0; i < 2 && f.roll && ymdKey(date) > todayKey; i++) {
      if (f.roll === 'week') date = shiftDays(date, -7);
      else if (f.roll === 'year') date = { ...date, y: date.y - 1 };
      else {
        const prev = shiftDays({ ...date, d: 1 }, -1);
        date = validDay(prev.y, prev.m, date.d) ? { ...prev, d: date.d } : shiftDays(date, -31);
      }
    }
    if (!validDay(date.y, date.m, date.d)) date = shiftDays({ ...date, d: 1 }, date.d - 1); // Feb 29
    const mention: DateMention = {
      iso: isoOf(date),
      text: text
        .slice(norm.from[f.start], norm.to[f.end - 1])
        .replace(/^[\s,，、.。:：;；]+|[\s,，、.。:：;；]+$/g, ''),
    };
    if (f.hour !== undefined)
      mention.time = `${String(f.hour).padStart(2, '0')}:${String(f.minute ?? 0).padStart(2, '0')}`;
    return { date: mention, at: f.start, negated: NEGATED.test(t.slice(0, f.start)) };
  });
}

/**
 * Every date the user mentions, in order, each with the time when one is said. `timeZone` is the
 * user's IANA zone (default UTC; an unknown zone counts as UTC): "today" and "昨天" are dates on
 * their clocks. Dates left open and ahead of today ("friday" said on a Wednesday, "Dec 1" said in
 * November, "the 3rd" said on the 2nd) are the last such day before: users report what happened.
 */
export function findDates(text: string, now: number, timeZone = 'UTC'): DateMention[] {
  return scanDates(text, now, timeZone).map((m) => m.date);
}

/**
 * The date the user gives: "yesterday evening", "last friday", "3 days ago", "on the 1st",
 * "Dec 1", "2026-11-20", "上周五", "昨天晚上11點", "12月1號", "三天前", "尋日夜晚". The first one,
 * unless it is ruled out ("不是昨天，是前天"). See `findDates` for the time zone and open dates.
 */
export function findDate(text: string, now: number, timeZone = 'UTC'): DateMention | undefined {
  const all = scanDates(text, now, timeZone);
  return (all.find((m) => !m.negated) ?? all[0])?.date;
}

/**
 * Words that correct what was said before, with a date after them: "no wait", "no, it was…",
 * "actually", "I meant", "my bad", "不对", "应该是", "其实是", "唔係，係…". Only these forms: the flow
 * looks for corrections in answers to other questions, where "no money since yesterday",
 * "应该昨天就到了" or "不是很顺利" are no correction.
 */
const CORRECTION = new RegExp(
  [
    String.raw`^\s*(?:wait|hold on)\b|\bno,?\s+wait\b|\b(?:no|nope|nah)\b(?=\s*[,.!]|\s+(?:it was|it's|its|the|on|i meant|i mean)\b)`,
    String.raw`\b(?:actually|oops|my bad|correction|i meant|i mean|meant|mistake|typo|scratch that|make (?:it|that)|instead|rather|wrong (?:date|day))\b`,
    '不对|不對|错了|錯了|搞错|搞錯|弄错|弄錯|写错|寫錯|打错|打錯|说错|說錯|记错|記錯|讲错|講錯|更正|纠正|糾正|改成|改为|改為',
    '应该是|應該是|应该係|應該係|其实是|其實是|其实係|其實係|我是说|我是說|唔啱|唔对|唔對',
    String.raw`(?:不是|唔係|唔系)(?=\s*[，,。.!！\s]|\s*(?:是|係|系))`,
  ].join('|'),
  'i',
);
/** Words after the date that confirm it: "12月1号才对", "the 1st actually". */
const CORRECTION_AFTER = /才对|才對|才是|才係|才系|\bactually\b\W*$/i;

/**
 * A date given as a correction of one said before: "日期不对，是12月1号", "no wait, it was the 1st",
 * "actually it was yesterday", "sorry I meant Dec 2", "应该是上周五", "唔係，係禮拜五",
 * "不是昨天，是前天", "12月1号才对". The first date after the correction word (or after a date ruled
 * out), else one just before "才对"/"actually"; undefined without both a correction and a date.
 */
export function findDateCorrection(
  text: string,
  now: number,
  timeZone = 'UTC',
): DateMention | undefined {
  const t = normalizeDateText(text).text;
  const all = scanDates(text, now, timeZone);
  const ruledOut = all.find((m) => m.negated);
  const cue = CORRECTION.exec(t)?.index ?? ruledOut?.at;
  const dates = all.filter((m) => !m.negated);
  const after = cue === undefined ? undefined : dates.find((m) => m.at >= cue);
  if (after) return after.date;
  const post = CORRECTION_AFTER.exec(t);
  return post ? dates.filter((m) => m.at < post.index).pop()?.date : undefined;
}
