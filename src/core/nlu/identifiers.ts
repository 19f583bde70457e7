/**
 * Transaction ids and wallet addresses in what users write, and "I have no id" in any wording.
 * Pure functions; the transaction-id shape is configurable (TRANSACTION_ID_PATTERN /
 * TRANSACTION_ID_EXAMPLE).
 */
import { createHash } from 'node:crypto';
import { isKeyIntroduced, looksLikePrivateKey } from '../sensitive/index.ts';
import { TICKET_ID } from '../tickets/ids.ts';
import { foldText, fullWidthToAscii } from './text.ts';

export interface TransactionIdShape {
  /** Whole-token test for a candidate id. */
  test(candidate: string): boolean;
  /** Shown to users when an id does not fit ("e.g. TX-20261120-8F3K2Q9"). */
  example: string;
}

/** A word an id could be: a 0x hash, or letters and digits joined by - or _. */
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
 * Solana transaction signature: 64 bytes in Base58, 86–88 characters (what Solscan and wallets
 * show as the transaction). A Base58 key of that length is masked before it gets here when it is
 * introduced as one (sensitive/private-keys.ts), as a 64-hex key is. https://solana.com/docs/core/transactions
 */
const SOL_SIGNATURE = /^[1-9A-HJ-NP-Za-km-z]{86,88}$/;
const isChainHash = (token: string) => TX_HASH.test(token) || SOL_SIGNATURE.test(token);

/**
 * Default shape of typical wallet ids: 10–32 letters and digits with at least one digit, an
 * optional letter prefix and dashes or underscores (TX-20261120-8F3K2Q9, 7f3a9c21be,
 * 20261120123456789, pi_3MtwBwLkdIwHu7ix28a3tqPa); shorter ids with a letter prefix and a dash and
 * at least 3 digits (WD-88213-KQ, RF-77310452); and on-chain hashes (64 hex, 0x or not). Words
 * with a digit or two ("iphone15promax", "2fa-authentication", "USDT-TRC20") are not ids.
 */
export const DEFAULT_TXID_SHAPE: TransactionIdShape = {
  test(candidate) {
    if (isChainHash(candidate)) return true;
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
/** "account is", "account number", "IBAN:", "戶口係": said to be a bank account (not "from my account TX-…"). */
const ACCOUNT_LABEL =
  /(?:(?<![a-z])(?:(?:bank\s+)?account|acct|a\/c|iban|sort\s+code|routing|card)(?:\s*(?:number|no\.?|#)(?:\s*(?:is|was|[:：=]))?|\s*(?:is|was|[:：=]))|(?:账户|帳戶|賬戶|户口|戶口|账号|帳號|賬號|卡号|卡號)\s*(?:是|係|为|為|[:：=]))\s*$/i;
const CURRENCY_BEFORE = /(?:[$¥￥€£]|hk\$|nt\$|us\$|usd|usdt|cny|rmb|eur|hkd|twd)\s*$/i;
const CURRENCY_AFTER =
  /^\s*(?:usdt|usdc|usd|dollars?|bucks|btc|eth|eur|euros?|gbp|cny|rmb|hkd|twd|sgd|块|塊|元|蚊|美元|美金|港幣|港币|台幣|台币)(?![a-z])/i;

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
    if (SOL_SIGNATURE.test(token)) {
      if (add(token)) transactionIds.push(token);
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
    // "his HSBC account is 123-456789-001", "IBAN: GB29…", "戶口係 123-456789-001": a bank account
    // (it had replaced the transaction id on the card).
    if (ACCOUNT_LABEL.test(before)) continue;
    if (CURRENCY_BEFORE.test(before) || CURRENCY_AFTER.test(after)) continue;
    const core = token.replace(/[-_]/g, '');
    const labelled =
      /\d/.test(core) &&
      ((ID_LABEL.test(before) && core.length >= 3) ||
        (WEAK_ID_LABEL.test(before) && core.length >= 5));
    if (!labelled && !shape.test(token)) continue;
    // "what did you decide on my old case T-T9UFU46?": our own case id, not a transaction's (it
    // had become the new case's Transaction ID).
    if (!labelled && CASE_ID.test(token)) continue;
    if (/^(?:19|20)\d\d[-_]\d{1,2}[-_]\d{1,2}$/.test(token)) continue; // 2026-11-20
    if (add(token.toUpperCase())) transactionIds.push(token);
  }
  return { transactionIds, addresses };
}

/** A case id of ours, however the user typed its letters. */
const CASE_ID = new RegExp(TICKET_ID.source, 'i');

/**
 * The text with the words of the default id shape blanked, so that a bare amount is not read
 * inside an id (amounts.ts; the configured shape is the conversation's concern).
 */
export function withoutIds(text: string): string {
  return text.replace(CANDIDATE, (c) => (DEFAULT_TXID_SHAPE.test(c) ? ' ' : c));
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
  // Non-native and older users: "i not have", "dunno where", "I don't know what that is".
  /^(?:i\s+)?(?:not|no)\s+(?:have|has|got)(?:\s+(?:it|one|that|this|them|any|(?:the\s+|an?\s+|any\s+)?(?:id|txid|tx id|number|code)))?$/,
  /^(?:i\s+)?(?:dunno|idk|(?:have\s+)?no idea|dont know|do not know)\s+(?:where|what (?:that|this|it) is|what is (?:that|this|it)|where (?:it is|to (?:find|look)(?: for)?(?: it)?))$/,
  /^(?:and\s+|but\s+|so\s+)?what\s+(?:is|s)\s+(?:that|this|a transaction id|a txid|a tx id)$/,
  /^(?:i\s+)?(?:lost|deleted|threw away)\s+(?:it|that|them)$/,
  /^(?:and\s+|but\s+|so\s+)?where\s+(?:(?:do|can|would|should|could|will|am)\s+i\s+(?:even\s+|actually\s+)?|to\s+)(?:find|see|get|look|check|locate)(?:\s+(?:for\s+|at\s+)?(?:it|that|this|one|them))?(?:\s+(?:then|even|exactly|though))?$/,
  /^(?:and\s+|but\s+|so\s+)?(?:where\s+(?:is|s|are)|wheres)\s+(?:it|that|this|one|them)$/,
  /^(?:and\s+|but\s+|so\s+)?how\s+(?:do|can|would|should)\s+i\s+(?:even\s+)?(?:find|get|see|check|look up)(?:\s+(?:it|that|this|one|them))?$/,
];
const EN_FILLER =
  /^(?:sorry|ok|okay|lol|haha|hmm+|um+|uh+|well|thanks|thank you|pls|please|tbh|honestly|mate|bro|man|i think|either|even|idk|dunno|no idea|not sure|i dont know|dont know|what|huh)$/;

const ZH_ID = String.raw`(?:(?:交易|转账|转帐|付款|支付|提现|提款|提领|充值|订单|流水|参考|凭证|回执|收据|退款|汇款)(?:号码|号|编号|序号|单号|id|哈希|hash|码)|单号|订单号|编号|哈希值?|txid|tx\s*id|tx\s*hash|hash)`;
const ZH_CUE = String.raw`(?:不懂|看不懂|唔明|不明白|没有|冇|没|无|木有|不知道|唔知|哪知道|边知|不清楚|唔清楚|找不到|找不着|搵唔到|揾唔到|查不到|看不到|睇唔到|唔见|在哪|哪里|哪儿|哪看|边度|喺边|点揾|点搵|点睇|点查|点样揾|怎么找|怎么查|怎么看|怎样找|如何找|如何查|是啥|是什么|啥是|什么是|系咩|系乜|咩系|乜嘢|忘了|忘记|不记得|唔记得|没收到|冇收到|没给|没见过)`;
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
  const t = foldNoId(text);
  if (EN_ABOUT_ID.some((re) => re.test(t)) || ZH_ABOUT_ID.some((re) => re.test(t))) return true;
  return onlyNoId(t);
}

/**
 * "I don't have one", "没有 找不到", "no id sorry": the answer says it has no id and nothing more
 * (nothing for the agent beyond the field's "the user does not have it").
 */
export function saysOnlyNoIdentifier(text: string): boolean {
  return !findIdentifiers(text).transactionIds.length && onlyNoId(foldNoId(text));
}

const foldNoId = (text: string) =>
  foldText(text)
    .replace(/['’`´]/g, '')
    .replace(/[\p{Extended_Pictographic}\u{fe0f}]/gu, ' ');

function onlyNoId(t: string): boolean {
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
