import { DiscordAPIError, HTTPError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { errorSummary, safePath, toDeliveryError } from '../../../src/adapters/discord/errors.ts';

const apiError = (status: number, code: number, message: string): DiscordAPIError =>
  new DiscordAPIError(
    { message, code },
    code,
    status,
    'POST',
    'https://discord.com/api/v10/channels/1/messages',
    {
      body: { content: 'secret user text' },
      files: undefined,
    },
  );

describe('toDeliveryError', () => {
  it('maps 50007 (DMs closed) to user_unreachable', () => {
    expect(
      toDeliveryError(apiError(403, 50007, 'Cannot send messages to this user'), 'send').code,
    ).toBe('user_unreachable');
  });

  it('maps 10003 (unknown channel) to thread_gone', () => {
    expect(toDeliveryError(apiError(404, 10003, 'Unknown Channel'), 'post').code).toBe(
      'thread_gone',
    );
  });

  it('maps a 5xx that discord.js gave up retrying to platform_unavailable', () => {
    const err = new HTTPError(
      503,
      'Service Unavailable',
      'POST',
      'https://discord.com/api/v10/channels/1/messages',
      { body: undefined, files: undefined },
    );
    expect(toDeliveryError(err, 'send').code).toBe('platform_unavailable');
  });

  it('maps a request timeout to platform_unavailable', () => {
    const err = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
    expect(toDeliveryError(err, 'send').code).toBe('platform_unavailable');
  });

  it('names the token setting on a 401', () => {
    expect(toDeliveryError(apiError(401, 0, '401: Unauthorized'), 'send').message).toContain(
      'DISCORD_BOT_TOKEN',
    );
  });

  it('maps other refusals to unknown', () => {
    expect(toDeliveryError(apiError(400, 50035, 'Invalid Form Body'), 'send').code).toBe('unknown');
  });
});

describe('log safety', () => {
  it("summarizes an API error without the request body (the user's text)", () => {
    expect(
      JSON.stringify(errorSummary(apiError(403, 50007, 'Cannot send messages to this user'))),
    ).not.toContain('secret user text');
  });

  it('drops interaction and webhook tokens from paths', () => {
    expect(safePath('https://discord.com/api/v10/interactions/123/aW50ZXJhY3Rpb24/callback')).toBe(
      '/api/v10/interactions/123/<token>/callback',
    );
    expect(safePath('/api/v10/webhooks/55/aW50ZXJhY3Rpb24/messages/@original')).toBe(
      '/api/v10/webhooks/55/<token>/messages/@original',
    );
  });
});
