/**
 * Gateway payloads in the shapes Discord sends them (API v10), trimmed of fields the mapper does
 * not read; ids are real-looking snowflakes. Each test copies and edits them.
 * @see https://discord.com/developers/docs/events/gateway-events#message-create
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object
 */
import {
  PermissionFlagsBits,
  type APIInteraction,
  type GatewayMessageCreateDispatchData,
} from 'discord.js';

/** An agent's computed permissions in a desk thread: no Administrator. */
export const AGENT_PERMISSIONS = (
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands
).toString();

export const BOT_ID = '1300000000000000001';
export const GUILD_ID = '1300000000000000100';
export const DESK_ID = '1300000000000000200';
export const THREAD_ID = '1300000000000000201';
export const DM_ID = '1300000000000000300';
export const AGENT_ROLE_ID = '1300000000000000400';
export const ADMIN_ROLE_ID = '1300000000000000401';

const alice = {
  id: '1300000000000000500',
  username: 'alice_w',
  global_name: 'Alice',
  discriminator: '0',
  avatar: null,
  public_flags: 0,
  flags: 0,
  banner: null,
  accent_color: null,
  avatar_decoration_data: null,
  collectibles: null,
  display_name_styles: null,
  primary_guild: null,
};

const ana = { ...alice, id: '1300000000000000600', username: 'agent.ana', global_name: 'Ana' };

/** A user's DM with a screenshot and a PDF (no guild_id; `channel_type` 1). */
export function dmWithAttachments(): GatewayMessageCreateDispatchData {
  return {
    type: 0,
    tts: false,
    timestamp: '2026-11-30T10:00:00.000000+00:00',
    pinned: false,
    nonce: '1312345678901234567',
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    id: '1300000000000001000',
    flags: 0,
    embeds: [],
    edited_timestamp: null,
    content: 'my withdrawal has been pending for 3 days',
    components: [],
    channel_id: DM_ID,
    author: alice,
    attachments: [
      {
        id: '1300000000000001001',
        filename: 'screenshot.png',
        size: 48213,
        url: 'https://cdn.discordapp.com/attachments/1300000000000000300/1300000000000001001/screenshot.png?ex=674b&is=6749&hm=abc',
        proxy_url:
          'https://media.discordapp.net/attachments/1300000000000000300/1300000000000001001/screenshot.png?ex=674b',
        width: 1080,
        height: 2340,
        content_type: 'image/png',
        placeholder: 'abc',
        placeholder_version: 1,
      },
      {
        id: '1300000000000001002',
        filename: 'statement.pdf',
        size: 90211,
        url: 'https://cdn.discordapp.com/attachments/1300000000000000300/1300000000000001002/statement.pdf?ex=674b',
        proxy_url:
          'https://media.discordapp.net/attachments/1300000000000000300/1300000000000001002/statement.pdf?ex=674b',
        content_type: 'application/pdf',
      },
    ],
    channel_type: 1,
  } as unknown as GatewayMessageCreateDispatchData;
}

/**
 * A user forwards to the bot a message from another DM: a message of their own, empty, with the
 * HAS_SNAPSHOT flag, a `message_reference` of type 1 (FORWARD) and the forwarded message's words,
 * files and embeds — not its author — in `message_snapshots`.
 * @see https://discord.com/developers/docs/resources/message#message-snapshot-object
 */
export function dmForward(): GatewayMessageCreateDispatchData {
  const dm = dmWithAttachments();
  return {
    ...dm,
    id: '1300000000000001100',
    content: '',
    attachments: [],
    flags: 1 << 14,
    message_reference: {
      type: 1,
      channel_id: '1300000000000000999',
      message_id: '1300000000000000998',
    },
    message_snapshots: [
      {
        message: {
          type: 0,
          content: 'Dear customer, verify your recovery phrase at wallet-verify.example now.',
          embeds: [
            {
              type: 'rich',
              title: 'Wallet Support Team',
              description: 'Your wallet will be frozen in 24 hours.',
              fields: [{ name: 'Case', value: 'WS-4471', inline: false }],
            },
            { type: 'link', url: 'https://wallet-verify.example', title: 'Wallet Verify' },
          ],
          attachments: [dm.attachments[0]!],
          timestamp: '2026-11-30T09:00:00.000000+00:00',
          edited_timestamp: null,
          flags: 0,
          mentions: [],
          mention_roles: [],
          components: [],
        },
      },
    ],
  } as unknown as GatewayMessageCreateDispatchData;
}

/** An agent's message in a case thread of the desk (guild_id, partial member with roles). */
export function agentThreadMessage(): GatewayMessageCreateDispatchData {
  return {
    type: 0,
    tts: false,
    timestamp: '2026-11-30T10:05:00.000000+00:00',
    pinned: false,
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    member: {
      roles: [AGENT_ROLE_ID],
      premium_since: null,
      pending: false,
      nick: 'Ana (support)',
      mute: false,
      joined_at: '2025-01-01T00:00:00.000000+00:00',
      flags: 0,
      deaf: false,
      communication_disabled_until: null,
      banner: null,
      avatar: null,
    },
    id: '1300000000000002000',
    flags: 0,
    embeds: [],
    edited_timestamp: null,
    content: 'Hello, I am checking your withdrawal now.',
    components: [],
    channel_id: THREAD_ID,
    author: ana,
    attachments: [],
    guild_id: GUILD_ID,
    channel_type: 11,
    position: 3,
  } as unknown as GatewayMessageCreateDispatchData;
}

/** The user pressed a button on the bot's DM message. */
export function dmButtonPress(): APIInteraction {
  return {
    version: 1,
    type: 3,
    token: 'aW50ZXJhY3Rpb246MTMwMDAwMDAwMDAwMDAwMzAwMDp0b2tlbg',
    message: {
      type: 0,
      tts: false,
      timestamp: '2026-11-30T10:00:01.000000+00:00',
      pinned: false,
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      id: '1300000000000002500',
      flags: 0,
      embeds: [],
      edited_timestamp: null,
      content: 'Did this solve it?',
      components: [
        {
          type: 1,
          id: 1,
          components: [
            { type: 2, id: 2, style: 2, label: 'Solved', custom_id: 'sh:solved' },
            { type: 2, id: 3, style: 2, label: 'Not solved', custom_id: 'sh:not_solved' },
          ],
        },
      ],
      channel_id: DM_ID,
      author: { ...alice, id: BOT_ID, username: 'support-bot', global_name: null, bot: true },
      attachments: [],
    },
    locale: 'zh-CN',
    id: '1300000000000003000',
    entitlements: [],
    context: 1,
    data: { id: 3, custom_id: 'sh:not_solved', component_type: 2 },
    channel_id: DM_ID,
    channel: {
      type: 1,
      recipients: [alice],
      last_message_id: '1300000000000002500',
      id: DM_ID,
      flags: 0,
    },
    authorizing_integration_owners: { '0': GUILD_ID },
    attachment_size_limit: 10485760,
    application_id: BOT_ID,
    app_permissions: '562949953601536',
    user: alice,
  } as unknown as APIInteraction;
}

/** /note in a case thread (guild interaction: member with computed permissions). */
export function agentSlashNote(): APIInteraction {
  return {
    version: 1,
    type: 2,
    token: 'aW50ZXJhY3Rpb246MTMwMDAwMDAwMDAwMDAwNDAwMDp0b2tlbg',
    member: {
      user: ana,
      roles: [AGENT_ROLE_ID],
      premium_since: null,
      permissions: AGENT_PERMISSIONS,
      pending: false,
      nick: null,
      mute: false,
      joined_at: '2025-01-01T00:00:00.000000+00:00',
      flags: 0,
      deaf: false,
      communication_disabled_until: null,
      banner: null,
      avatar: null,
    },
    locale: 'en-US',
    id: '1300000000000004000',
    guild_locale: 'en-US',
    guild_id: GUILD_ID,
    guild: { locale: 'en-US', id: GUILD_ID, features: [] },
    entitlements: [],
    context: 0,
    data: {
      type: 1,
      options: [{ value: 'called the bank, waiting', type: 3, name: 'text' }],
      name: 'note',
      id: '1300000000000004100',
      guild_id: GUILD_ID,
    },
    channel_id: THREAD_ID,
    channel: {
      type: 11,
      thread_metadata: {
        locked: false,
        create_timestamp: '2026-11-30T10:00:05.000000+00:00',
        auto_archive_duration: 10080,
        archived: false,
        archive_timestamp: '2026-11-30T10:00:05.000000+00:00',
      },
      permissions: AGENT_PERMISSIONS,
      parent_id: DESK_ID,
      owner_id: BOT_ID,
      name: '🟡 T-7K3Q9X · withdrawal_pending · en',
      id: THREAD_ID,
      guild_id: GUILD_ID,
      flags: 0,
    },
    authorizing_integration_owners: { '0': GUILD_ID },
    attachment_size_limit: 10485760,
    application_id: BOT_ID,
    app_permissions: '2251799813685247',
  } as unknown as APIInteraction;
}
