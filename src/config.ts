import { ConfigError } from './core/errors.ts';
import type { Locale } from './core/texts.ts';
import { parseDuration } from './core/time/duration.ts';
import { loadTimeConfig, type TimeConfig } from './core/time/index.ts';
import { ServiceHours } from './core/time/service-hours.ts';
import { SlaPolicy } from './core/time/sla.ts';
import {
  DEFAULT_TXID_SHAPE,
  txidShapeFromPattern,
  type TransactionIdShape,
} from './core/nlu/entities.ts';

/** Typed configuration from the environment; every variable is listed in .env.example. */
export interface Config {
  telegram?: {
    token: string;
    apiRoot?: string;
    webhook?: { url: string; secret: string };
  };
  discord?: {
    token: string;
    apiRoot?: string;
    supportChannelId?: string;
  };
  desk?: { platform: 'telegram' | 'discord'; chatId: string };
  agentIds: string[];
  /** SENIOR_AGENT_IDS (Telegram) / SENIOR_ROLE_ID (Discord): the senior tier. */
  seniorIds: string[];
  seniorRoleId?: string;
  /** TRANSCRIPT_ON_CLOSE=1: the transcript file is posted in the case when it closes. */
  transcriptOnClose: boolean;
  /** TIMER_INTERVAL: how often SLA and idle deadlines are checked (default 15 s). */
  timerIntervalMs: number;
  agentRoleId?: string;
  storeUrl: string;
  dataDir: string;
  logLevel: string;
  httpPort: number;
  /** `/metrics` on its own listener (0 turns it off), on `metricsHost` (loopback by default). */
  metricsPort: number;
  metricsHost: string;
  /** The name users see instead of an agent's own (STAFF_ALIAS); unset: the agent's name. */
  staffAlias?: string;
  /** AGENT_LINK_DOMAINS: the only sites agents' replies may link to (a domain: its subdomains too; with a path: under it only). */
  linkDomains?: string[];
  /** AGENT_CONTACTS: the official handles, phone numbers and e-mail addresses agents may give users. */
  agentContacts?: string[];
  /** Evidence files and transcript text of cases closed longer ago are deleted (0 keeps them). */
  retentionDays: number;
  txid: TransactionIdShape;
  /** SERVICE_HOURS / SERVICE_TZ / SERVICE_HOLIDAYS, SLA targets, idle timers. */
  time: TimeConfig;
  /** DESK_LANG: the language agents see (`en`, `zh` = Simplified, `zh-Hant`). */
  deskLocale: Locale;
  /** What the operator should know at start-up about a setting left out (main.ts logs each). */
  warnings: string[];
}

type Env = Record<string, string | undefined>;

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const SNOWFLAKE = /^\d{17,20}$/;

/** Reads and validates the environment; one clear message per bad or missing variable. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const get = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const url = (name: string, protocols = ['http:', 'https:']) => {
    const v = get(name);
    if (v === undefined) return undefined;
    try {
      const u = new URL(v);
      if (!protocols.includes(u.protocol))
        problems.push(
          `${name} must start with ${protocols.map((p) => p + '//').join(' or ')} (got "${u.protocol}")`,
        );
      return v.replace(/\/+$/, '');
    } catch {
      problems.push(`${name} is not a URL: "${v}"`);
      return undefined;
    }
  };

  const config: Config = {
    agentIds: [],
    seniorIds: [],
    transcriptOnClose: false,
    timerIntervalMs: 15_000,
    storeUrl: get('STORE_URL') ?? 'sqlite://./data/support.sqlite',
    dataDir: get('DATA_DIR') ?? './data',
    logLevel: get('LOG_LEVEL') ?? 'info',
    httpPort: 8080,
    metricsPort: 9464,
    metricsHost: get('METRICS_HOST') ?? '127.0.0.1',
    retentionDays: 0,
    txid: DEFAULT_TXID_SHAPE,
    time: { hours: ServiceHours.always(), sla: new SlaPolicy({}) },
    deskLocale: 'en',
    warnings: [],
  };
  const time = loadTimeConfig(env);
  if (time.ok) {
    const { ok: _ok, ...rest } = time;
    config.time = rest;
  } else problems.push(...time.problems);
  const deskLang = get('DESK_LANG');
  if (deskLang !== undefined) {
    const locale = (
      { en: 'en', zh: 'zh-Hans', 'zh-hans': 'zh-Hans', 'zh-hant': 'zh-Hant' } as const
    )[deskLang.toLowerCase() as 'en'];
    if (locale) config.deskLocale = locale;
    else problems.push(`DESK_LANG must be en, zh (Simplified) or zh-Hant, got "${deskLang}"`);
  }
  const staffAlias = get('STAFF_ALIAS');
  if (staffAlias !== undefined) {
    if (staffAlias.split('|').some((part) => part.trim().length > 32))
      problems.push('STAFF_ALIAS must be at most 32 characters (in each language: "Support|客服")');
    else config.staffAlias = staffAlias;
  }
  const linkDomains = get('AGENT_LINK_DOMAINS');
  if (linkDomains !== undefined) {
    const domains = linkDomains
      .split(',')
      .map((d) =>
        d
          .trim()
          .toLowerCase()
          .replace(/^https?:\/\//, '')
          .replace(/[?#].*$/, '')
          .replace(/\/+$/, ''),
      )
      .filter(Boolean);
    // A domain (its subdomains too), or a domain and a path ("t.me/ourwallet": that path only).
    const bad = domains.filter(
      (d) => !/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?:\/[\w.~%@+-]+)*$/.test(d),
    );
    if (bad.length)
      problems.push(
        `AGENT_LINK_DOMAINS must be domain names, or a domain and a path, separated by commas (e.g. wallet.example,t.me/yourwallet), got "${bad.join('", "')}"`,
      );
    else if (domains.length) config.linkDomains = domains;
  }
  // Without it, only link shorteners and form builders are held: any other site an agent links
  // to (a phishing page, a fake "wallet support" site) reaches the user.
  if (!config.linkDomains)
    config.warnings.push(
      "AGENT_LINK_DOMAINS is not set: links in agents' replies are not checked against your sites (only link shorteners and form builders are held); set it to the domains agents may link to, e.g. wallet.example,t.me/yourwallet",
    );
  const agentContacts = get('AGENT_CONTACTS');
  if (agentContacts !== undefined) {
    const contacts = agentContacts
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    // "@OurWallet", "+1 800 555 0199" (a country code, at least 7 digits), "help@wallet.example".
    const bad = contacts.filter(
      (c) =>
        !/^@[A-Za-z][A-Za-z0-9_.]{2,31}$/.test(c) &&
        !/^[\w.+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/.test(c) &&
        !(/^\+[\d\s().-]+$/.test(c) && c.replace(/\D/g, '').length >= 7),
    );
    if (bad.length)
      problems.push(
        `AGENT_CONTACTS must be handles, phone numbers with their country code or e-mail addresses, separated by commas (e.g. @yourwallet,+1 800 555 0199,help@wallet.example), got "${bad.join('", "')}"`,
      );
    else if (contacts.length) config.agentContacts = contacts;
  }
  const retention = get('RETENTION_DAYS');
  if (retention !== undefined) {
    const n = Number(retention);
    if (!Number.isInteger(n) || n < 0)
      problems.push(
        `RETENTION_DAYS must be a whole number of days (0 keeps everything), got "${retention}"`,
      );
    else config.retentionDays = n;
  }

  const tgToken = get('TELEGRAM_BOT_TOKEN');
  if (tgToken !== undefined) {
    if (!/^\d{3,}:[A-Za-z0-9_-]{20,}$/.test(tgToken))
      problems.push(
        'TELEGRAM_BOT_TOKEN does not look like a bot token ("123456:ABC…" from @BotFather)',
      );
    config.telegram = { token: tgToken };
    const apiRoot = url('TELEGRAM_API_ROOT');
    if (apiRoot) config.telegram.apiRoot = apiRoot;
    const hook = url('TELEGRAM_WEBHOOK_URL', ['https:', 'http:']);
    if (hook) {
      const secret = get('TELEGRAM_WEBHOOK_SECRET');
      if (!secret)
        problems.push(
          'TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_WEBHOOK_URL is set (1–256 of A-Z a-z 0-9 _ -)',
        );
      else if (!/^[A-Za-z0-9_-]{1,256}$/.test(secret))
        problems.push('TELEGRAM_WEBHOOK_SECRET may hold only A-Z a-z 0-9 _ - (1–256 characters)');
      else config.telegram.webhook = { url: hook, secret };
    }
  } else {
    for (const n of ['TELEGRAM_WEBHOOK_URL', 'TELEGRAM_API_ROOT'])
      if (get(n)) problems.push(`${n} is set but TELEGRAM_BOT_TOKEN is not`);
  }

  const dcToken = get('DISCORD_BOT_TOKEN');
  if (dcToken !== undefined) {
    if (!/^[A-Za-z0-9._-]{20,}$/.test(dcToken))
      problems.push(
        'DISCORD_BOT_TOKEN does not look like a bot token (Developer Portal → Bot → Token)',
      );
    config.discord = { token: dcToken };
    const apiRoot = url('DISCORD_API_ROOT');
    if (apiRoot) config.discord.apiRoot = apiRoot;
    const support = get('DISCORD_SUPPORT_CHANNEL');
    if (support !== undefined) {
      if (!SNOWFLAKE.test(support))
        problems.push(
          `DISCORD_SUPPORT_CHANNEL must be a channel id (17–20 digits), got "${support}"`,
        );
      else config.discord.supportChannelId = support;
    }
  }

  const desk = get('AGENT_DESK');
  if (desk !== undefined) {
    const m = /^(telegram|discord):(-?\d+)$/.exec(desk);
    if (!m)
      problems.push(
        `AGENT_DESK must be "telegram:<supergroup id>" or "discord:<channel id>", got "${desk}"`,
      );
    else {
      const platform = m[1] as 'telegram' | 'discord';
      if (platform === 'telegram' && !m[2]!.startsWith('-100'))
        problems.push(
          `AGENT_DESK telegram chat id must be a supergroup id starting with -100, got "${m[2]}"`,
        );
      if (platform === 'discord' && !SNOWFLAKE.test(m[2]!))
        problems.push(`AGENT_DESK discord channel id must be 17–20 digits, got "${m[2]}"`);
      if (!config[platform])
        problems.push(
          `AGENT_DESK is on ${platform} but ${platform.toUpperCase()}_BOT_TOKEN is not set`,
        );
      config.desk = { platform, chatId: m[2]! };
    }
  }

  const ids = get('AGENT_IDS');
  if (ids !== undefined) {
    config.agentIds = ids
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = config.agentIds.filter((id) => !/^\d+$/.test(id));
    if (bad.length)
      problems.push(
        `AGENT_IDS must be comma-separated numeric Telegram user ids; not ids: ${bad.join(', ')}`,
      );
  }
  const seniors = get('SENIOR_AGENT_IDS');
  if (seniors !== undefined) {
    config.seniorIds = seniors
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    const bad = config.seniorIds.filter((id) => !/^\d+$/.test(id));
    if (bad.length)
      problems.push(
        `SENIOR_AGENT_IDS must be comma-separated numeric Telegram user ids; not ids: ${bad.join(', ')}`,
      );
  }
  const seniorRole = get('SENIOR_ROLE_ID');
  if (seniorRole !== undefined) {
    if (!SNOWFLAKE.test(seniorRole))
      problems.push(`SENIOR_ROLE_ID must be a Discord role id (17–20 digits), got "${seniorRole}"`);
    else config.seniorRoleId = seniorRole;
  }
  const interval = get('TIMER_INTERVAL');
  if (interval !== undefined) {
    try {
      config.timerIntervalMs = parseDuration(interval);
    } catch (err) {
      problems.push(`TIMER_INTERVAL: ${(err as Error).message}`);
    }
  }
  const transcript = get('TRANSCRIPT_ON_CLOSE');
  if (transcript !== undefined) {
    if (!/^(0|1|true|false)$/i.test(transcript))
      problems.push(`TRANSCRIPT_ON_CLOSE must be 1 or 0, got "${transcript}"`);
    else config.transcriptOnClose = /^(1|true)$/i.test(transcript);
  }
  const role = get('AGENT_ROLE_ID');
  if (role !== undefined) {
    if (!SNOWFLAKE.test(role))
      problems.push(`AGENT_ROLE_ID must be a Discord role id (17–20 digits), got "${role}"`);
    else config.agentRoleId = role;
  }

  if (!/^(sqlite|redis|rediss|postgres|postgresql|memory):/i.test(config.storeUrl))
    problems.push(
      `STORE_URL must start with sqlite://, redis://, postgres:// or memory:// (got "${config.storeUrl.replace(/\/\/.*@/, '//***@')}")`,
    );
  if (!LEVELS.includes(config.logLevel))
    problems.push(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, got "${config.logLevel}"`);
  const port = get('HTTP_PORT');
  if (port !== undefined) {
    const n = Number(port);
    if (!Number.isInteger(n) || n < 0 || n > 65535)
      problems.push(
        `HTTP_PORT must be a port number 0–65535 (0 turns the HTTP server off), got "${port}"`,
      );
    else config.httpPort = n;
  }
  const metricsPort = get('METRICS_PORT');
  if (metricsPort !== undefined) {
    const n = Number(metricsPort);
    if (!Number.isInteger(n) || n < 0 || n > 65535)
      problems.push(
        `METRICS_PORT must be a port number 0–65535 (0 turns /metrics off), got "${metricsPort}"`,
      );
    else config.metricsPort = n;
  }

  const pattern = get('TRANSACTION_ID_PATTERN');
  if (pattern !== undefined) {
    const example = get('TRANSACTION_ID_EXAMPLE');
    try {
      const shape = txidShapeFromPattern(pattern, example ?? '');
      if (!example)
        problems.push(
          'TRANSACTION_ID_EXAMPLE is required with TRANSACTION_ID_PATTERN (users are shown it)',
        );
      else if (!shape.test(example))
        problems.push(`TRANSACTION_ID_EXAMPLE "${example}" does not match TRANSACTION_ID_PATTERN`);
      else config.txid = shape;
    } catch (err) {
      problems.push(
        `TRANSACTION_ID_PATTERN is not a valid regular expression: ${(err as Error).message}`,
      );
    }
  }

  if (problems.length) throw new ConfigError(problems);
  return config;
}
