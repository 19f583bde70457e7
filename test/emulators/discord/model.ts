/**
 * The emulator's records, kept in the JSON shapes the Discord API sends, so they can be returned
 * from REST and dispatched on the gateway as they are.
 * @see https://discord.com/developers/docs/resources/message#message-object
 * @see https://discord.com/developers/docs/resources/channel#channel-object
 */
import type { OverwriteLike } from './permissions.ts';

export interface EmuUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: '0';
  avatar: null;
  bot?: boolean;
  /** Not part of the API user: the client locale this user's interactions carry. */
  locale?: string;
}

export interface EmuRole {
  id: string;
  name: string;
  permissions: string;
  position: number;
  color: 0;
  hoist: false;
  managed: boolean;
  mentionable: boolean;
  flags: 0;
  icon: null;
  unicode_emoji: null;
}

export interface EmuMember {
  user: EmuUser;
  roles: string[];
  nick: string | null;
  joined_at: string;
  deaf: false;
  mute: false;
  flags: 0;
  avatar: null;
  pending: false;
}

export interface ThreadMetadata {
  archived: boolean;
  locked: boolean;
  auto_archive_duration: number;
  archive_timestamp: string;
  create_timestamp: string;
  invitable?: boolean;
}

export interface EmuChannel {
  id: string;
  type: number;
  guild_id?: string;
  name?: string;
  parent_id?: string | null;
  position?: number;
  permission_overwrites?: OverwriteLike[];
  recipients?: EmuUser[];
  owner_id?: string;
  thread_metadata?: ThreadMetadata;
  message_count?: number;
  member_count?: number;
  total_message_sent?: number;
  last_message_id: string | null;
  flags: number;
  topic?: string | null;
  nsfw?: boolean;
  rate_limit_per_user?: number;
  available_tags?: unknown[];
  applied_tags?: string[];
}

export interface EmuAttachment {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type?: string;
  description?: string;
}

export interface EmuMessage {
  id: string;
  channel_id: string;
  guild_id?: string;
  author: EmuUser;
  member?: Omit<EmuMember, 'user'>;
  content: string;
  embeds: unknown[];
  components: unknown[];
  attachments: EmuAttachment[];
  timestamp: string;
  edited_timestamp: string | null;
  flags: number;
  type: number;
  tts: false;
  mention_everyone: false;
  mentions: unknown[];
  mention_roles: string[];
  pinned: boolean;
  /** `type` 0: a reply (the default); 1: a forward, whose copy is in `message_snapshots`. */
  message_reference?: { type?: number; message_id: string; channel_id?: string; guild_id?: string };
  /**
   * A forwarded message's copy: the forwarded message's fields as they were (no author).
   * @see https://discord.com/developers/docs/resources/message#message-snapshot-object
   */
  message_snapshots?: Array<{ message: EmuSnapshot }>;
  sticker_items?: Array<{ id: string; name: string; format_type: number }>;
}

/** The fields of a forwarded message a snapshot keeps: its author and ids are left out. */
export type EmuSnapshot = Pick<
  EmuMessage,
  | 'content'
  | 'embeds'
  | 'attachments'
  | 'components'
  | 'timestamp'
  | 'edited_timestamp'
  | 'flags'
  | 'type'
  | 'mentions'
  | 'mention_roles'
  | 'sticker_items'
>;

/** A message the bot created, with what the emulator noticed about the request that made it. */
export interface CreatedMessage {
  message: EmuMessage;
  /** The request body's `allowed_mentions`, to check that user text cannot ping anyone. */
  allowedMentions: unknown;
  /** The uploaded files' bytes, in the order of `message.attachments`. */
  files: Buffer[];
  deleted: boolean;
}

export interface EmuInteraction {
  id: string;
  token: string;
  payload: Record<string, unknown>;
  createdAt: number;
  /** Initial responses (POST …/callback) in order; a second one is refused with 40060. */
  callbacks: Array<{ type: number; data: Record<string, unknown> | undefined }>;
  /** The original response as last edited through the webhook (PATCH …/messages/@original). */
  original: Record<string, unknown> | undefined;
  originalDeleted: boolean;
  followups: Array<Record<string, unknown>>;
  /** Bytes of the files attached to the original response, in the order of its attachments. */
  files?: Buffer[];
}

export interface MessageEdit {
  channelId: string;
  messageId: string;
  body: Record<string, unknown>;
  at: number;
}

export interface RequestRecord {
  method: string;
  path: string;
  status: number;
}

export const now = (): string => new Date().toISOString();
