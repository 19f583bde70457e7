import { GrammyError, HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import {
  describeError,
  isNotModified,
  toDeliveryError,
} from '../../../src/adapters/telegram/errors.ts';

const refusal = (error_code: number, description: string, method = 'sendMessage') =>
  new GrammyError(`Call to '${method}' failed!`, { ok: false, error_code, description }, method, {
    text: 'secret user words',
  });

describe('toDeliveryError', () => {
  it('maps a 403 on the user side to user_unreachable', () => {
    expect(
      toDeliveryError(refusal(403, 'Forbidden: bot was blocked by the user'), 'user').code,
    ).toBe('user_unreachable');
  });

  it('does not call a 403 in the desk group user_unreachable', () => {
    expect(
      toDeliveryError(refusal(403, 'Forbidden: bot is not a member of the supergroup chat'), 'desk')
        .code,
    ).toBe('unknown');
  });

  it.each([
    'Bad Request: message thread not found',
    'Bad Request: TOPIC_ID_INVALID',
    'Bad Request: message to edit not found',
  ])('maps "%s" on the desk to thread_gone', (description) => {
    expect(toDeliveryError(refusal(400, description), 'desk').code).toBe('thread_gone');
  });

  it('maps a 429 that outlived the retries to platform_unavailable', () => {
    expect(toDeliveryError(refusal(429, 'Too Many Requests: retry after 90'), 'user').code).toBe(
      'platform_unavailable',
    );
  });

  it('maps a 5xx to platform_unavailable', () => {
    expect(toDeliveryError(refusal(502, 'Bad Gateway'), 'desk').code).toBe('platform_unavailable');
  });

  it('maps a network failure to platform_unavailable', () => {
    expect(
      toDeliveryError(
        new HttpError("Network request for 'sendMessage' failed!", new Error('ECONNRESET')),
        'user',
      ).code,
    ).toBe('platform_unavailable');
  });

  it('maps "chat not found" for a user to user_unreachable', () => {
    expect(toDeliveryError(refusal(400, 'Bad Request: chat not found'), 'user').code).toBe(
      'user_unreachable',
    );
  });
});

describe('describeError', () => {
  it('never includes the request payload (it holds what users wrote)', () => {
    expect(JSON.stringify(describeError(refusal(400, 'Bad Request: x')))).not.toContain(
      'secret user words',
    );
  });

  it('scrubs a bot token out of messages', () => {
    const err = new Error(
      'GET https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getMe failed',
    );
    expect(JSON.stringify(describeError(err))).not.toContain('AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw');
  });
});

describe('isNotModified', () => {
  it('recognises both flavours of "nothing changed"', () => {
    expect([
      isNotModified(
        refusal(400, 'Bad Request: message is not modified: specified new message content …'),
      ),
      isNotModified(refusal(400, 'Bad Request: TOPIC_NOT_MODIFIED')),
      isNotModified(refusal(400, 'Bad Request: message thread not found')),
    ]).toEqual([true, true, false]);
  });
});
