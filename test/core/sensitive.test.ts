import { describe, expect, it } from 'vitest';
import { maskSensitive } from '../../src/core/sensitive/index.ts';

describe('maskSensitive', () => {
  it.each([
    ['card 4111 1111 1111 1111 declined', 'card •••• •••• •••• 1111 declined', 'card_number'],
    ['cvv 123', 'cvv •••', 'cvv'],
    ['背面三碼 123', '背面三碼 •••', 'cvv'],
    ['my password is hunter22', 'my password is ••••••', 'password'],
    ['verification code 482913', 'verification code ••••••', 'otp'],
    ['验证码是 123456', '验证码是 ••••••', 'otp'],
    ['我的密码是abc12345', '我的密码是••••••', 'password'],
    ['身份证号 11010519491231002X', '身份证号 ••••••••••••••002X', 'national_id'],
  ])('%s', (input, masked, kind) => {
    const r = maskSensitive(input);
    expect(r.text).toBe(masked);
    expect(r.found).toContain(kind);
  });

  it.each([
    'password reset not working',
    'i forgot my password',
    '密码错误',
    'order 88231',
    'tx 20261120123456789',
    'transaction id 4111111111111111',
    'ref 4111 1111 1111 1112 (not Luhn-valid, not said to be a card)',
    '订单号 6222021234567890123',
  ])('leaves "%s" alone', (input) => {
    expect(maskSensitive(input)).toEqual({ text: input, found: [] });
  });
});

describe('maskSensitive, the way people really paste secrets', () => {
  it.each([
    'card number 4111 1111 1111 1111',
    'my card number: 4111111111111111',
    'card no. 4111-1111-1111-1111',
    'I paid 4111111111111111',
    '4111.1111.1111.1111',
    '4111 - 1111 - 1111 - 1111',
  ])('masks the card in "%s"', (input) => {
    const r = maskSensitive(input);
    expect(r.found).toContain('card_number');
    expect(r.text).not.toMatch(/4111\D?1111\D?1111\D?1111/);
  });

  it.each([
    // Said to be a card, so masked whatever the checksum (a typo, a card that does not use Luhn).
    ['我的卡被盗刷了 卡号6222021234567890123 我都没用过这张卡', '6222021234567890123'],
    ['card 4111 1111 1111 1112 (a typo)', '4111 1111 1111 1112'],
    ['信用卡號碼係 5500 0000 0000 0005', '5500 0000 0000 0005'],
    // A UnionPay number (62…, 16–19 digits), said to be nothing.
    ['6222021234567890124 这个是什么扣款', '6222021234567890124'],
  ])('masks a card number that fails the checksum when it is one: "%s"', (input, number) => {
    const r = maskSensitive(input);
    expect(r.found).toContain('card_number');
    expect(r.text).not.toContain(number);
  });

  it.each([
    ['my password is: hunter22', 'hunter22'],
    ['the password I use is Secret#9', 'Secret#9'],
    ['my password for login is qwerty123', 'qwerty123'],
    ['pass: s3cr3t', 's3cr3t'],
    ['pw: abc123', 'abc123'],
    ['pwd: xy', ': xy'],
    ['my password hunter2!', 'hunter2!'],
    ['PIN码是123456', '123456'],
    ['我的pin是1234', '1234'],
    ['口令是888888', '888888'],
    ['CVV是123', '123'],
    ['OTP是123456', '123456'],
    ['cvv code: 123', '123'],
    ['CVV number is 123', '123'],
  ])('masks "%s"', (input, secret) => {
    const r = maskSensitive(input);
    expect(r.found.length).toBeGreaterThan(0);
    expect(r.text).not.toContain(secret);
  });

  it('masks a card typed with full-width digits once the text is sanitized', async () => {
    const { sanitizeUserText } = await import('../../src/core/nlu/text.ts');
    const r = maskSensitive(sanitizeUserText('卡号４１１１ １１１１ １１１１ １１１１'));
    expect(r.found).toContain('card_number');
  });

  it.each([
    'my password is not working',
    'password is wrong',
    'the password reset link expired',
    'pin blocked after 3 tries',
  ])('leaves "%s" alone', (input) => {
    expect(maskSensitive(input).found).toEqual([]);
  });
});

describe('error codes are evidence, not secrets', () => {
  it.each(['it says error code 10023', 'status code 5003 on payment'])('keeps "%s"', (input) => {
    expect(maskSensitive(input).text).toBe(input);
  });

  // A deposit's memo or reference is what the agent needs to credit it (security review: they
  // were masked as one-time codes, and the user told so).
  it.each([
    'memo code 104857',
    'bank transfer code 552910',
    'and the reference code is 839201',
    'payment code 771204 on the receipt',
  ])('keeps a memo or reference: "%s"', (input) => {
    expect(maskSensitive(input)).toEqual({ text: input, found: [] });
  });
});
