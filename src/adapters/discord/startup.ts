/**
 * Start-up checks that turn Discord's refusals into errors an operator can act on: a token Discord
 * refuses (401), a desk channel the bot cannot see, or one it cannot open case threads in. A Discord
 * that does not answer yet is waited for, not an error.
 * @see https://discord.com/developers/docs/topics/permissions
 */
import {
  ChannelType,
  DiscordAPIError,
  DiscordjsErrorCodes,
  HTTPError,
  PermissionFlagsBits,
  PermissionsBitField,
  RateLimitError,
  RESTJSONErrorCodes,
  Routes,
  type REST,
  type APIChannel,
  type Client,
  type PermissionResolvable,
} from 'discord.js';
import { ConfigError } from '../../core/errors.ts';
import type { Logger } from '../../log.ts';
import { networkReason, untilReachable, type ReachOptions } from '../common/reach.ts';
import { discordCode, isNetworkError } from './errors.ts';

/**
 * `GET /gateway/bot` until Discord answers: the first call `client.login()` makes, asked first so
 * an outage (no answer, a 5xx) is waited out with backoff (see untilReachable) instead of ending
 * the start; a refused token (401) ends it at once. discord.js cannot log in again after a failed
 * login (it destroys the client), hence the probe.
 * @see https://discord.com/developers/docs/events/gateway#get-gateway-bot
 */
export async function untilDiscordAnswers(
  rest: REST,
  log: Logger,
  signal: AbortSignal,
  reach?: ReachOptions,
): Promise<void> {
  try {
    await untilReachable({
      platform: 'Discord',
      attempt: (s) => rest.get(Routes.gatewayBot(), { signal: s }),
      outage: discordOutage,
      log,
      signal,
      options: reach,
    });
  } catch (err) {
    throw loginError(err);
  }
}

/**
 * Why a call failed when it is an outage worth waiting out: no answer, or a 5xx discord.js already
 * retried; undefined for a refusal (4xx).
 * @see https://discord.com/developers/docs/topics/opcodes-and-status-codes#http
 */
export function discordOutage(err: unknown): string | undefined {
  if (err instanceof HTTPError || err instanceof DiscordAPIError) {
    return err.status >= 500 ? `HTTP ${err.status}` : undefined;
  }
  if (err instanceof RateLimitError) return 'rate limited';
  if (isNetworkError(err) || (err instanceof TypeError && /fetch failed/i.test(err.message)))
    return networkReason(err);
  return undefined;
}

/** The error `client.login()` threw, said so that an operator knows what to fix. */
export function loginError(err: unknown): Error {
  const code = (err as { code?: unknown } | undefined)?.code;
  const status = (err as { status?: unknown } | undefined)?.status;
  if (code === DiscordjsErrorCodes.TokenInvalid || status === 401) {
    return new ConfigError([
      'DISCORD_BOT_TOKEN: 401 from Discord, the token was refused (reset it in the Developer Portal → Bot)',
    ]);
  }
  const outage = discordOutage(err);
  // Discord went away between the probe and the login: the supervisor's restart waits again.
  if (outage !== undefined) return new Error(`Discord not reachable while logging in (${outage})`);
  return err instanceof Error ? err : new Error(String(err));
}

const DESK_NEEDS = {
  common: [
    PermissionFlagsBits.ViewChannel,
    PermissionFlagsBits.ReadMessageHistory,
    PermissionFlagsBits.SendMessagesInThreads,
    PermissionFlagsBits.EmbedLinks,
    PermissionFlagsBits.AttachFiles,
    // Locking a closed case's thread and unarchiving it again.
    PermissionFlagsBits.ManageThreads,
  ],
  text: [PermissionFlagsBits.CreatePublicThreads],
  forum: [PermissionFlagsBits.SendMessages],
};

export interface DeskCheck {
  kind: 'text' | 'forum';
  guildId: string;
  /** Whether @everyone can view the desk channel, i.e. every member can read every case. */
  visibleToEveryone: boolean;
}

/** Checks that the bot can see the desk channel and open case threads in it. */
export async function checkDesk(client: Client<true>, deskChannelId: string): Promise<DeskCheck> {
  const where = `AGENT_DESK channel ${deskChannelId}`;
  let raw: APIChannel;
  try {
    raw = (await client.rest.get(Routes.channel(deskChannelId))) as APIChannel;
  } catch (err) {
    const code = discordCode(err);
    if (code === RESTJSONErrorCodes.UnknownChannel) {
      throw new ConfigError([
        `${where}: unknown channel (10003): check the id, and that the bot is in that server`,
      ]);
    }
    if (code === RESTJSONErrorCodes.MissingAccess) {
      throw new ConfigError([
        `${where}: the bot cannot see it (50001 Missing Access): give the bot's role View Channel there`,
      ]);
    }
    throw err;
  }
  if (raw.type !== ChannelType.GuildText && raw.type !== ChannelType.GuildForum) {
    throw new ConfigError([
      `${where}: it is a channel of type ${raw.type}; use a text channel or a forum`,
    ]);
  }
  const kind = raw.type === ChannelType.GuildForum ? 'forum' : 'text';
  const guild = client.guilds.cache.get(raw.guild_id ?? '');
  const channel = await client.channels.fetch(deskChannelId);
  if (!guild || !channel || !('permissionsFor' in channel)) {
    throw new ConfigError([`${where}: the bot is not in that channel's server`]);
  }
  const me = await guild.members.fetchMe();
  const perms = channel.permissionsFor(me);
  const missing = [...DESK_NEEDS.common, ...DESK_NEEDS[kind]].filter((p) => !perms.has(p));
  if (missing.length) {
    throw new ConfigError([
      `${where}: the bot cannot open case threads there; missing permissions: ${permissionNames(missing).join(', ')}`,
    ]);
  }
  const everyone = channel.permissionsFor(guild.roles.everyone);
  return {
    kind,
    guildId: guild.id,
    visibleToEveryone: everyone.has(PermissionFlagsBits.ViewChannel),
  };
}

function permissionNames(bits: PermissionResolvable[]): string[] {
  return bits.flatMap((b) => new PermissionsBitField(b).toArray());
}
