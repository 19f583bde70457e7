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

describe('desk and time variables', () => {
  it('reads the senior tier, transcript on close, desk language, service hours and SLA targets', () => {
    const c = loadConfig({
      SENIOR_AGENT_IDS: '33, 44',
      SENIOR_ROLE_ID: '123456789012345679',
      TRANSCRIPT_ON_CLOSE: '1',
      DESK_LANG: 'zh-Hant',
      SERVICE_HOURS: 'Mon-Fri 09:00-18:00',
      SERVICE_TZ: 'Asia/Taipei',
      SLA_FIRST_RESPONSE: 'normal:2h',
      USER_IDLE_NUDGE: '1h',
      USER_IDLE_CLOSE: '1d',
      METRICS_PORT: '9500',
      RETENTION_DAYS: '90',
      STAFF_ALIAS: 'Support',
      AGENT_LINK_DOMAINS: 'wallet.example, https://Help.Wallet.example/faq/, t.me/OurWallet',
    });
    expect(c.linkDomains).toEqual(['wallet.example', 'help.wallet.example/faq', 't.me/ourwallet']);
    expect(c.seniorIds).toEqual(['33', '44']);
    expect(c.seniorRoleId).toBe('123456789012345679');
    expect(c.transcriptOnClose).toBe(true);
    expect(c.deskLocale).toBe('zh-Hant');
    expect(c.time.hours.timeZone).toBe('Asia/Taipei');
    expect(c.time.sla.firstResponseTarget('normal')).toBe(2 * 3_600_000);
    expect([c.time.idleNudgeMs, c.time.idleCloseMs]).toEqual([3_600_000, 86_400_000]);
    expect([c.metricsPort, c.metricsHost, c.retentionDays, c.staffAlias]).toEqual([
      9500,
      '127.0.0.1',
      90,
      'Support',
    ]);
  });

  it('refuses AGENT_LINK_DOMAINS that are not domain names', () => {
    expect(() => loadConfig({ AGENT_LINK_DOMAINS: 'wallet.example, not a domain' })).toThrow(
      /AGENT_LINK_DOMAINS must be domain names.*"not a domain"/,
    );
  });

  it('reads AGENT_CONTACTS (official handles, phone numbers, e-mail addresses) and refuses anything else', () => {
    expect(
      loadConfig({ AGENT_CONTACTS: '@OurWallet, +1 800 555 0199 , help@wallet.example' })
        .agentContacts,
    ).toEqual(['@OurWallet', '+1 800 555 0199', 'help@wallet.example']);
    expect(() => loadConfig({ AGENT_CONTACTS: '@OurWallet, 555 0100, t.me/x' })).toThrow(
      /AGENT_CONTACTS must be handles, phone numbers with their country code or e-mail addresses.*"555 0100", "t\.me\/x"/,
    );
  });

  it('names each bad variable', () => {
    expect(() =>
      loadConfig({
        SENIOR_AGENT_IDS: 'bob',
        SERVICE_HOURS: 'Mon-Fri 9-18',
        DESK_LANG: 'fr',
        METRICS_PORT: 'x',
        TRANSCRIPT_ON_CLOSE: 'maybe',
      }),
    ).toThrow(
      /SENIOR_AGENT_IDS[\s\S]*SERVICE_HOURS[\s\S]*DESK_LANG|SERVICE_HOURS[\s\S]*SENIOR_AGENT_IDS/,
    );
  });

  it('warns at start-up that links are not checked when AGENT_LINK_DOMAINS is not set', () => {
    for (const env of [{}, { AGENT_LINK_DOMAINS: ' , ' }])
      expect(loadConfig(env).warnings.join('\n')).toMatch(
        /AGENT_LINK_DOMAINS is not set: links in agents' replies are not checked/,
      );
    expect(loadConfig({ AGENT_LINK_DOMAINS: 'wallet.example' }).warnings).toEqual([]);
  });
});
