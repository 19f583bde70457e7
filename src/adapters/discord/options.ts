import type { KeyValueStore } from '../../core/ports.ts';
import type { Logger } from '../../log.ts';
import type { ReachOptions } from '../common/reach.ts';
import type { ReplayRecord } from './replay.ts';
import type { DiscordTexts } from './texts.ts';

/**
 * What the Discord adapter needs, named after the environment variables the lead's config reads
 * (the adapter itself never reads process.env).
 */
export interface DiscordAdapterOptions {
  /** DISCORD_BOT_TOKEN. Never logged. */
  token: string;
  /** The core's store: where half-sent messages are remembered for every instance. */
  sharedStore?: KeyValueStore;
  /**
   * DISCORD_API_ROOT: REST base, e.g. `http://proxy:8080/api` for @discordjs/proxy or the test
   * emulator; discord.js appends `/v10`. The gateway URL comes from `GET /gateway/bot` there.
   * Default: https://discord.com/api.
   */
  apiRoot?: string;
  /** AGENT_DESK=discord:<channel id>: the text or forum channel that holds one thread per case. */
  deskChannelId?: string;
  /** AGENT_ROLE_ID: members with this role are agents (administrators always are). */
  agentRoleId?: string;
  /**
   * SENIOR_ROLE_ID: the senior tier (agents too), pinged when the core calls the seniors (an
   * escalation, a missed SLA target). The role must be mentionable for the ping to notify.
   */
  seniorRoleId?: string;
  /** The agents' snippet names, offered as choices of `/snippet` (at most 25; else free text). */
  snippetNames?: readonly string[];
  /** DISCORD_SUPPORT_CHANNEL: a server channel that gets a pinned "Open a case" panel. */
  supportChannelId?: string;
  logger: Logger;
  /** Panel and DMs-closed texts (the only user-facing texts the adapter owns); default en + zh. */
  texts?: Partial<DiscordTexts>;
  /** How long `start()` waits for the gateway to become ready. Default 30 s. */
  readyTimeoutMs?: number;
  /** REST request timeout (discord.js `rest.timeout`). Default 15 s. */
  restTimeoutMs?: number;
  /** Downloads of attachment bytes at intake give up after this long. Default 30 s. */
  downloadTimeoutMs?: number;
  /** Backoff while Discord does not answer at start-up (default 1 s doubling to 30 s). */
  reach?: ReachOptions;
  /**
   * The last DM message handled per user, and which users have an open conversation or case: at
   * start the adapter hands the core the DMs those users sent while the bot was offline (see
   * replay.ts). Unset: no replay.
   */
  replay?: ReplayRecord;
}
