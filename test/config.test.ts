import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { ConfigError } from '../src/core/errors.ts';

const TG = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1';
const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
};

describe('configuration from the environment', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      storeUrl: 'sqlite://./data/support.sqlite',
      dataDir: './data',
      logLevel: 'info',
      httpPort: 8080,
    });
    expect(c.telegram).toBeUndefined();
  });

  it('reads a Telegram bot with a forum desk', () => {
    const c = loadConfig({
      TELEGRAM_BOT_TOKEN: TG,
      AGENT_DESK: 'telegram:-1001234567890',
      AGENT_IDS: '11, 22',
    });
    expect(c.desk).toEqual({ platform: 'telegram', chatId: '-1001234567890' });
    expect(c.agentIds).toEqual(['11', '22']);
  });

  it('gives one clear message per bad variable', () => {
    const p = problems({
      TELEGRAM_BOT_TOKEN: 'nope',
      AGENT_DESK: 'slack:1',
      LOG_LEVEL: 'loud',
      HTTP_PORT: 'x',
      STORE_URL: 'mongodb://x',
    });
    expect(p).toHaveLength(5);
    expect(p.join('\n')).toMatch(/TELEGRAM_BOT_TOKEN does not look like a bot token/);
    expect(p.join('\n')).toMatch(/AGENT_DESK must be "telegram:<supergroup id>"/);
    expect(p.join('\n')).toMatch(/LOG_LEVEL must be one of/);
    expect(p.join('\n')).toMatch(/HTTP_PORT must be a port number/);
    expect(p.join('\n')).toMatch(/STORE_URL must start with/);
  });

  it('needs the desk platform token and a webhook secret', () => {
    expect(problems({ AGENT_DESK: 'discord:123456789012345678' })).toEqual([
      'AGENT_DESK is on discord but DISCORD_BOT_TOKEN is not set',
    ]);
    expect(
      problems({
        TELEGRAM_BOT_TOKEN: TG,
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/telegram/webhook',
      })[0],
    ).toMatch(/TELEGRAM_WEBHOOK_SECRET is required/);
  });

  it('never echoes a token in its messages', () => {
    const bad = '12345:short';
    expect(problems({ TELEGRAM_BOT_TOKEN: bad }).join('\n')).not.toContain(bad);
  });

  it('checks a configured transaction id shape against its example', () => {
    expect(
      problems({ TRANSACTION_ID_PATTERN: 'PAY\\d{8}', TRANSACTION_ID_EXAMPLE: 'PAY123' })[0],
    ).toMatch(/does not match/);
    expect(
      loadConfig({ TRANSACTION_ID_PATTERN: 'PAY\\d{8}', TRANSACTION_ID_EXAMPLE: 'PAY12345678' })
        .txid.example,
    ).toBe('PAY12345678');
  });
});
