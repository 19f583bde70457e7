import { describe, expect, it } from 'vitest';
import { saysNoIdentifier } from '../../../src/core/nlu/entities.ts';

describe('saysNoIdentifier', () => {
  it.each([
    // English
    "I don't have it",
    'I don’t have it',
    'i dont have any id',
    'no id',
    "don't know the transaction id",
    'where do i find that?',
    "can't find it",
    'I can’t find it',
    'what is a transaction id?',
    'no tx hash, it was cash',
    'i dont have any id, where would i even see that',
    "I don't remember it",
    'how do I find it?',
    "idk, I don't have one",
    '不知道 没有单号',
    'no',
    'No.',
    'nope',
    'nope sorry',
    'n/a',
    'where is the transaction id?',
    'how do I find the tx hash?',
    'there is no reference number',
    'I never got a receipt',
    'dont have one sorry',
    'it was cash',
    "I've no idea what the txid is",
    'txid? none',
    "what's my withdrawal id?",
    // Simplified
    '我没有交易号',
    '没有',
    '没有单号',
    '没有单号啊 在哪看',
    '交易号是啥？我没有啊',
    '不知道交易号',
    '找不到',
    '单号我找不到',
    '在哪里看',
    '我哪知道交易号 我都没操作过',
    '不是交易的问题 没单号',
    '这不是交易',
    'txid没有',
    '什么是交易号',
    '无',
    // Traditional
    '沒有交易編號',
    '我沒有交易號',
    '我找不到交易編號欸',
    '在哪裡看',
    '交易號是什麼？',
    '沒有耶 這不是交易',
    '無',
    // Cantonese
    '冇單號',
    '冇',
    '冇呀',
    '唔知喺邊度睇',
    '冇單號喎 唔知喺邊度睇',
    '搵唔到',
    '單號喺邊度睇',
    '我冇交易號碼',
    '交易號點搵？',
    '單號點睇',
    '交易号怎么查',
  ])('"%s" says there is no id', (text) => {
    expect(saysNoIdentifier(text)).toBe(true);
  });

  it.each([
    "no it didn't help",
    "no, it didn't help",
    'nope, still not working',
    'yes',
    'ok',
    'TX-20261120-8F3K2Q9',
    'my id is TX-20261120-8F3K2Q9',
    'no id? here: TX4401928374',
    'I sent the tx hash yesterday but no one replied',
    'my withdrawal is pending for 3 days and I have no idea why',
    "I don't know why my withdrawal is pending",
    "I don't have access to my account",
    "I don't have any money left",
    'no money arrived',
    'where is my money?',
    'how do I find the setting?',
    '不是转账失败，是余额不对',
    // unsure about anything: not about the id by themselves
    'idk',
    "I don't know",
    'not sure',
    'what?',
    "what's that?",
    '不知道',
    '唔知',
    '是啥',
    '我不知道为什么提现还没到账',
    '提现卡住了',
    '没有用',
    '没用啊',
    '不对',
    '沒有到帳',
    '冇到賬',
    '交易号是 TX6620384751',
    '哈希是这个 0xb1a0992232d334de6f2ecfd1dc0d54351266d3db8171bcf53fb3089455ad24ac',
    '唔好理住先 我尋日提款去張卡仲未到 係咪有問題',
  ])('"%s" does not', (text) => {
    expect(saysNoIdentifier(text)).toBe(false);
  });
});

describe('"no id" in the words of non-native and older users (outside review)', () => {
  it.each([
    'i not have',
    'i not have id',
    'dunno where',
    "I don't know what that is",
    'I have no idea what that is',
    'what is that?',
    '我不懂什麼是編號',
  ])('"%s" says there is no id', (text) => {
    expect(saysNoIdentifier(text)).toBe(true);
  });

  it.each(['i not have money', 'what now', 'it says error 402'])('"%s" does not', (text) => {
    expect(saysNoIdentifier(text)).toBe(false);
  });
});
