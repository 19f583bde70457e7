import { describe, expect, it } from 'vitest';
import { maskSensitive } from '../../src/core/sensitive.ts';

describe('maskSensitive', () => {
  it.each([
    ['card 4111 1111 1111 1111 declined', 'card •••• •••• •••• 1111 declined', 'card_number'],
    ['cvv 123', 'cvv •••', 'cvv'],
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

  it.each(['password reset not working', 'i forgot my password', '密码错误', 'order 88231', 'tx 20261120123456789', 'transaction id 4111111111111111', 'card 4111 1111 1111 1112 (not Luhn-valid)'])(
    'leaves "%s" alone',
    (input) => {
      expect(maskSensitive(input)).toEqual({ text: input, found: [] });
    },
  );
});
