/**
 * REST routes of the emulator, with Discord's error shapes: `{ message, code }` (and `errors` for
 * 50035), 401 for a bad token, 429 with `retry_after` and the Retry-After header, 403/50007 for a
 * user whose DMs are closed, 404/10003 for an unknown (deleted) channel, 400/50083 for an archived
 * thread, 400/40060 for an interaction answered twice, 404/10062 for one answered too late.
 * @see https://discord.com/developers/docs/topics/opcodes-and-status-codes#json
 * @see https://discord.com/developers/docs/topics/rate-limits#exceeding-a-rate-limit
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ChannelType, PermissionFlagsBits } from 'discord.js';
import type { DiscordEmulator, FaultMatch } from './emulator.ts';
import { now, type EmuAttachment, type EmuChannel, type EmuMessage } from './model.ts';
import { boundaryOf, parseMultipart } from './multipart.ts';
import { isThreadType } from './permissions.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: unknown,
  ) {
    super(message);
  }
}

const unknownChannel = (): ApiError => new ApiError(404, 10003, 'Unknown Channel');
const unknownMessage = (): ApiError => new ApiError(404, 10008, 'Unknown Message');
const missingAccess = (): ApiError => new ApiError(403, 50001, 'Missing Access');
const missingPermissions = (): ApiError => new ApiError(403, 50013, 'Missing Permissions');
const invalidForm = (errors: unknown): ApiError =>
  new ApiError(400, 50035, 'Invalid Form Body', errors);

interface Body {
  json: Record<string, any>;
  files: Map<string, { fileName: string; contentType: string | undefined; data: Buffer }>;
}

type Params = string[];
type Handler = (
  emu: DiscordEmulator,
  p: Params,
  body: Body,
  url: URL,
) => { status: number; body?: unknown };

const routes: Array<[method: string, pattern: RegExp, handler: Handler]> = [];
const route = (method: string, pattern: string, handler: Handler): void => {
  const re = new RegExp(`^${pattern.replace(/:\w+/g, '([^/]+)')}$`);
  routes.push([method, re, handler]);
};

/** Routes answered without `Authorization` (interaction tokens authenticate them). */
const NO_AUTH = /^\/(interactions|webhooks)\//;

export async function handleRest(
  emu: DiscordEmulator,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', emu.origin);
  const method = req.method ?? 'GET';
  const raw = await readAll(req);
  if (url.pathname.startsWith('/attachments/')) return serveFile(emu, url, res);
  const path = url.pathname
    .replace(/^\/api/, '')
    .replace(/^\/v\d+/, '')
    .replace(/%40/gi, '@');
  const reply = (status: number, body?: unknown, headers: Record<string, string> = {}): void => {
    emu.requests.push({ method, path, status });
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, { ...(text ? { 'content-type': 'application/json' } : {}), ...headers });
    res.end(text);
  };
  try {
    if (!NO_AUTH.test(path) && req.headers.authorization !== `Bot ${emu.token}`) {
      return reply(401, { message: '401: Unauthorized', code: 0 });
    }
    const limited = takeFault(emu.rateLimits, method, path);
    if (limited) {
      const headers: Record<string, string> = {
        'retry-after': String(limited.retryAfterSec),
        'x-ratelimit-scope': limited.global ? 'global' : 'user',
      };
      if (limited.global) headers['x-ratelimit-global'] = 'true';
      return reply(
        429,
        {
          message: 'You are being rate limited.',
          retry_after: limited.retryAfterSec,
          global: limited.global,
          code: 0,
        },
        headers,
      );
    }
    const failing = takeFault(emu.serverErrors, method, path);
    if (failing) return reply(failing.status, { message: 'Internal Server Error', code: 0 });
    const body = parseBody(req.headers['content-type'], raw);
    for (const [m, re, handler] of routes) {
      if (m !== method) continue;
      const match = re.exec(path);
      if (!match) continue;
      const out = handler(emu, match.slice(1).map(decodeURIComponent), body, url);
      return reply(out.status, out.body);
    }
    return reply(404, { message: '404: Not Found', code: 0 });
  } catch (err) {
    if (err instanceof ApiError) {
      return reply(err.status, {
        message: err.message,
        code: err.code,
        ...(err.errors ? { errors: err.errors } : {}),
      });
    }
    return reply(500, { message: String(err), code: 0 });
  }
}

function takeFault<T extends { remaining: number; match: FaultMatch }>(
  list: T[],
  method: string,
  path: string,
): T | undefined {
  const fault = list.find(
    (f) =>
      f.remaining > 0 &&
      (!f.match.method || f.match.method === method) &&
      (!f.match.path || f.match.path.test(path)),
  );
  if (fault) fault.remaining--;
  return fault;
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseBody(contentType: string | undefined, raw: Buffer): Body {
  const body: Body = { json: {}, files: new Map() };
  if (!raw.length) return body;
  if (contentType?.startsWith('multipart/form-data')) {
    const boundary = boundaryOf(contentType);
    if (!boundary) throw new ApiError(400, 50109, 'The request body contains invalid JSON.');
    for (const part of parseMultipart(raw, boundary)) {
      if (part.name === 'payload_json') body.json = JSON.parse(part.data.toString('utf8'));
      else
        body.files.set(part.name, {
          fileName: part.fileName ?? part.name,
          contentType: part.contentType,
          data: part.data,
        });
    }
    return body;
  }
  try {
    body.json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ApiError(400, 50109, 'The request body contains invalid JSON.');
  }
  return body;
}

function serveFile(emu: DiscordEmulator, url: URL, res: ServerResponse): void {
  const file = emu.files.get(url.pathname);
  emu.requests.push({ method: 'GET', path: url.pathname, status: file ? 200 : 404 });
  if (!file) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, {
    'content-type': file.contentType ?? 'application/octet-stream',
    'content-length': file.bytes.length,
  });
  res.end(file.bytes);
}

// ── access checks ─────────────────────────────────────────────────────────────────────────────

/** A channel the bot can see, or the error Discord answers. */
function visibleChannel(emu: DiscordEmulator, id: string): EmuChannel {
  const ch = emu.channels.get(id);
  if (!ch) throw unknownChannel();
  if (ch.type === ChannelType.DM) return ch;
  if (
    !emu.canView(emu.bot.id, id) &&
    !(isThreadType(ch.type) && emu.threadMembers.get(id)?.has(emu.bot.id))
  ) {
    throw missingAccess();
  }
  return ch;
}

function requirePermission(emu: DiscordEmulator, ch: EmuChannel, bit: bigint): void {
  if (ch.type === ChannelType.DM) return;
  if (!(emu.permissionsOf(emu.bot.id, ch) & bit)) throw missingPermissions();
}

// ── message bodies ────────────────────────────────────────────────────────────────────────────

const MAX_CONTENT = 2000;

/** Validates a create/edit body the way Discord does (the limits that a bot can hit). */
function validateMessageBody(json: Record<string, any>): void {
  const errors: Record<string, unknown> = {};
  if (typeof json['content'] === 'string' && [...json['content']].length > MAX_CONTENT) {
    errors['content'] = {
      _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }],
    };
  }
  const embeds = (json['embeds'] ?? []) as Array<Record<string, any>>;
  if (embeds.length > 10)
    errors['embeds'] = {
      _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 10 or fewer in length.' }],
    };
  embeds.forEach((e, i) => {
    const problems: string[] = [];
    if ((e['title']?.length ?? 0) > 256) problems.push('title');
    if ((e['description']?.length ?? 0) > 4096) problems.push('description');
    const fields = (e['fields'] ?? []) as Array<Record<string, string>>;
    if (fields.length > 25) problems.push('fields');
    for (const f of fields) {
      if (!f['name'] || f['name'].length > 256 || !f['value'] || f['value'].length > 1024)
        problems.push('fields.value');
    }
    if ((e['footer']?.text?.length ?? 0) > 2048) problems.push('footer');
    const total =
      (e['title']?.length ?? 0) +
      (e['description']?.length ?? 0) +
      (e['footer']?.text?.length ?? 0) +
      fields.reduce((n, f) => n + (f['name']?.length ?? 0) + (f['value']?.length ?? 0), 0);
    if (total > 6000) problems.push('total');
    if (problems.length)
      errors[`embeds.${i}`] = {
        _errors: problems.map((p) => ({ code: 'BASE_TYPE_BAD_LENGTH', message: p })),
      };
  });
  const rows = (json['components'] ?? []) as Array<Record<string, any>>;
  if (rows.length > 5)
    errors['components'] = {
      _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 5 or fewer in length.' }],
    };
  rows.forEach((row, i) => {
    const items = (row['components'] ?? []) as Array<Record<string, any>>;
    if (row['type'] !== 1 || items.length === 0 || items.length > 5)
      errors[`components.${i}`] = { _errors: [{ code: 'ROW_INVALID' }] };
    items.forEach((b, j) => {
      if (
        (b['label']?.length ?? 0) > 80 ||
        (b['custom_id']?.length ?? 0) > 100 ||
        (b['style'] !== 5 && !b['custom_id'])
      ) {
        errors[`components.${i}.components.${j}`] = { _errors: [{ code: 'BUTTON_INVALID' }] };
      }
    });
  });
  if (Object.keys(errors).length) throw invalidForm(errors);
}

function attachmentsFrom(
  emu: DiscordEmulator,
  channelId: string,
  body: Body,
): { attachments: EmuAttachment[]; bytes: Buffer[] } {
  const attachments: EmuAttachment[] = [];
  const bytes: Buffer[] = [];
  const declared = body.json['attachments'] as
    Array<{ id: string | number; filename?: string; description?: string }> | undefined;
  const entries = declared
    ? declared.map((a) => ({ key: `files[${a.id}]`, meta: a }))
    : [...body.files.keys()].map((key) => ({ key, meta: undefined }));
  for (const { key, meta } of entries) {
    const file = body.files.get(key);
    if (!file) continue; // an existing attachment kept on edit
    const att = emu.storeFile(channelId, {
      fileName: meta?.filename ?? file.fileName,
      bytes: file.data,
      ...(file.contentType ? { contentType: file.contentType } : {}),
    });
    if (meta?.description) att.description = meta.description;
    attachments.push(att);
    bytes.push(file.data);
  }
  return { attachments, bytes };
}

function createBotMessage(
  emu: DiscordEmulator,
  ch: EmuChannel,
  body: Body,
  id?: string,
): EmuMessage {
  const json = body.json;
  validateMessageBody(json);
  const { attachments, bytes } = attachmentsFrom(emu, ch.id, body);
  const content = typeof json['content'] === 'string' ? json['content'] : '';
  const embeds = (json['embeds'] ?? []) as unknown[];
  const components = (json['components'] ?? []) as unknown[];
  if (
    !content &&
    !embeds.length &&
    !attachments.length &&
    !components.length &&
    !json['sticker_ids']
  ) {
    throw new ApiError(400, 50006, 'Cannot send an empty message');
  }
  if (attachments.length) requirePermission(emu, ch, PermissionFlagsBits.AttachFiles);
  const msg = emu.storeMessage(
    ch,
    emu.bot,
    { content, embeds, components, attachments, flags: Number(json['flags'] ?? 0) },
    id,
  );
  if (json['message_reference']?.message_id)
    msg.message_reference = { message_id: String(json['message_reference'].message_id) };
  msg.mention_roles = pingedRoles(emu, ch, content, json['allowed_mentions']);
  if (ch.guild_id) {
    const m = emu.members.get(emu.bot.id);
    if (m) {
      const { user: _u, ...partial } = m;
      msg.member = partial;
    }
  }
  emu.created.push({
    message: msg,
    allowedMentions: json['allowed_mentions'],
    files: bytes,
    deleted: false,
  });
  emu.dispatch('MESSAGE_CREATE', { ...msg, channel_type: ch.type });
  return msg;
}

/**
 * The roles a message pings: `<@&id>` in its content, allowed by `allowed_mentions` (absent: every
 * mention is allowed; `parse` with "roles", or the id in `roles`), and the role mentionable — or the
 * bot allowed to mention every role (Mention Everyone) in that channel.
 * @see https://discord.com/developers/docs/resources/message#allowed-mentions-object
 */
function pingedRoles(
  emu: DiscordEmulator,
  ch: EmuChannel,
  content: string,
  allowed: { parse?: string[]; roles?: string[] } | undefined,
): string[] {
  const out: string[] = [];
  for (const m of content.matchAll(/(?<!\\)<@&(\d+)>/g)) {
    const id = m[1]!;
    const role = emu.roles.get(id);
    if (!role || out.includes(id)) continue;
    const permitted =
      allowed === undefined || !!allowed.parse?.includes('roles') || !!allowed.roles?.includes(id);
    const canPing =
      role.mentionable ||
      (emu.permissionsOf(emu.bot.id, ch) & PermissionFlagsBits.MentionEveryone) !== 0n;
    if (permitted && canPing) out.push(id);
  }
  return out;
}

function applyEdit(emu: DiscordEmulator, ch: EmuChannel, msg: EmuMessage, body: Body): EmuMessage {
  const json = body.json;
  validateMessageBody(json);
  if (typeof json['content'] === 'string') msg.content = json['content'];
  if (json['embeds']) msg.embeds = json['embeds'];
  if (json['components']) msg.components = json['components'];
  if (json['attachments']) {
    const keep = new Set(
      (json['attachments'] as Array<{ id: string | number }>).map((a) => String(a.id)),
    );
    const added = attachmentsFrom(emu, ch.id, body);
    msg.attachments = [...msg.attachments.filter((a) => keep.has(a.id)), ...added.attachments];
  }
  msg.edited_timestamp = now();
  emu.edits.push({ channelId: ch.id, messageId: msg.id, body: json, at: Date.now() });
  emu.dispatch('MESSAGE_UPDATE', { ...msg });
  return msg;
}

function messageIn(emu: DiscordEmulator, ch: EmuChannel, messageId: string): EmuMessage {
  const msg = emu.channelMessages.get(ch.id)?.find((m) => m.id === messageId);
  if (!msg) throw unknownMessage();
  return msg;
}

function assertWritableThread(emu: DiscordEmulator, ch: EmuChannel): void {
  if (!ch.thread_metadata?.archived) return;
  // Sending to an archived thread unarchives it, unless a moderator locked it.
  // https://discord.com/developers/docs/topics/threads#archiving-and-unarchiving-threads
  if (ch.thread_metadata.locked) throw new ApiError(400, 50083, 'Thread is archived');
  emu.patchThread(ch, { archived: false });
}

// ── routes ────────────────────────────────────────────────────────────────────────────────────

route('GET', '/gateway/bot', (emu) => ({
  status: 200,
  body: {
    url: emu.gatewayUrl,
    shards: 1,
    session_start_limit: {
      total: 1000,
      remaining: 999,
      reset_after: 14_400_000,
      max_concurrency: 1,
    },
  },
}));
route('GET', '/gateway', (emu) => ({ status: 200, body: { url: emu.gatewayUrl } }));
route('GET', '/users/@me', (emu) => ({ status: 200, body: emu.bot }));
route('GET', '/applications/@me', (emu) => ({
  status: 200,
  body: { id: emu.applicationId, name: 'support-bot', flags: 0 },
}));

route('POST', '/users/@me/channels', (emu, _p, body) => {
  const recipient = String(body.json['recipient_id'] ?? '');
  if (!emu.users.has(recipient))
    throw new ApiError(400, 50035, 'Invalid Form Body', {
      recipient_id: { _errors: [{ code: 'NUMBER_TYPE_COERCE' }] },
    });
  return { status: 200, body: emu.channelPayload(emu.dmChannel(recipient)) };
});

route('GET', '/channels/:id', (emu, [id]) => ({
  status: 200,
  body: emu.channelPayload(visibleChannel(emu, id!)),
}));

route('PATCH', '/channels/:id', (emu, [id], body) => {
  const ch = visibleChannel(emu, id!);
  const json = body.json;
  if (
    typeof json['name'] === 'string' &&
    (json['name'].length < 1 || [...json['name']].length > 100)
  ) {
    throw invalidForm({
      name: {
        _errors: [
          { code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' },
        ],
      },
    });
  }
  emu.channelEdits.push({ channelId: ch.id, body: json });
  if (isThreadType(ch.type)) {
    const manage = (emu.permissionsOf(emu.bot.id, ch) & PermissionFlagsBits.ManageThreads) !== 0n;
    if (json['locked'] !== undefined && !manage) throw missingPermissions();
    if (ch.thread_metadata?.locked && json['archived'] === false && !manage)
      throw missingPermissions();
    emu.patchThread(ch, json);
  } else {
    requirePermission(emu, ch, PermissionFlagsBits.ManageChannels);
    if (typeof json['name'] === 'string') ch.name = json['name'];
    emu.dispatch('CHANNEL_UPDATE', emu.channelPayload(ch));
  }
  return { status: 200, body: emu.channelPayload(ch) };
});

route('DELETE', '/channels/:id', (emu, [id]) => {
  const ch = visibleChannel(emu, id!);
  requirePermission(
    emu,
    ch,
    isThreadType(ch.type) ? PermissionFlagsBits.ManageThreads : PermissionFlagsBits.ManageChannels,
  );
  const payload = emu.channelPayload(ch);
  emu.deleteChannel(ch.id);
  return { status: 200, body: payload };
});

/**
 * Get Channel Messages: `limit` 1–100 (default 50); `after` gives the oldest `limit` messages after
 * that id, `before` (or neither) the newest ones before it. Always newest first, as Discord answers.
 * @see https://discord.com/developers/docs/resources/message#get-channel-messages
 */
route('GET', '/channels/:id/messages', (emu, [id], _b, url) => {
  const ch = visibleChannel(emu, id!);
  const q = url.searchParams;
  const limit = Math.max(1, Math.min(Number(q.get('limit') ?? 50), 100));
  if (!Number.isInteger(limit)) throw invalidForm({ limit: { _errors: [] } });
  const after = q.get('after');
  const before = q.get('before');
  // Stored in creation order, i.e. by id.
  let list = [...(emu.channelMessages.get(ch.id) ?? [])];
  if (after !== null) list = list.filter((m) => compareSnowflakes(m.id, after) > 0).slice(0, limit);
  else {
    if (before !== null) list = list.filter((m) => compareSnowflakes(m.id, before) < 0);
    list = list.slice(-limit);
  }
  return { status: 200, body: list.reverse() };
});

function compareSnowflakes(a: string, b: string): number {
  const d = BigInt(a) - BigInt(b);
  return d > 0n ? 1 : d < 0n ? -1 : 0;
}

route('POST', '/channels/:id/messages', (emu, [id], body) => {
  const ch = visibleChannel(emu, id!);
  if (ch.type === ChannelType.DM) {
    const recipient = ch.recipients?.[0];
    if (recipient && emu.closedDms.has(recipient.id))
      throw new ApiError(403, 50007, 'Cannot send messages to this user');
  } else if (isThreadType(ch.type)) {
    requirePermission(emu, ch, PermissionFlagsBits.SendMessagesInThreads);
    assertWritableThread(emu, ch);
  } else if (ch.type === ChannelType.GuildForum) {
    throw new ApiError(400, 50008, 'Cannot send messages in a non-text channel');
  } else {
    requirePermission(emu, ch, PermissionFlagsBits.SendMessages);
  }
  return { status: 200, body: createBotMessage(emu, ch, body) };
});

const listPins = (emu: DiscordEmulator, id: string): EmuMessage[] => {
  const ch = visibleChannel(emu, id);
  const ids = emu.pins.get(ch.id) ?? [];
  return ids
    .map((mid) => emu.channelMessages.get(ch.id)?.find((m) => m.id === mid))
    .filter((m): m is EmuMessage => !!m);
};
route('GET', '/channels/:id/pins', (emu, [id]) => ({ status: 200, body: listPins(emu, id!) }));
route('GET', '/channels/:id/messages/pins', (emu, [id]) => ({
  status: 200,
  body: {
    items: listPins(emu, id!).map((message) => ({ pinned_at: now(), message })),
    has_more: false,
  },
}));
const pin: Handler = (emu, [id, mid]) => {
  const ch = visibleChannel(emu, id!);
  const msg = messageIn(emu, ch, mid!);
  requirePermission(emu, ch, PermissionFlagsBits.ManageMessages);
  const list = emu.pins.get(ch.id) ?? [];
  if (!list.includes(msg.id)) list.unshift(msg.id);
  emu.pins.set(ch.id, list);
  msg.pinned = true;
  emu.dispatch('CHANNEL_PINS_UPDATE', {
    channel_id: ch.id,
    guild_id: ch.guild_id,
    last_pin_timestamp: now(),
  });
  return { status: 204 };
};
route('PUT', '/channels/:id/pins/:mid', pin);
route('PUT', '/channels/:id/messages/pins/:mid', pin);

route('GET', '/channels/:id/messages/:mid', (emu, [id, mid]) => ({
  status: 200,
  body: messageIn(emu, visibleChannel(emu, id!), mid!),
}));

route('PATCH', '/channels/:id/messages/:mid', (emu, [id, mid], body) => {
  const ch = visibleChannel(emu, id!);
  const msg = messageIn(emu, ch, mid!);
  if (msg.author.id !== emu.bot.id)
    throw new ApiError(403, 50005, 'Cannot edit a message authored by another user');
  if (ch.thread_metadata?.archived) throw new ApiError(400, 50083, 'Thread is archived');
  return { status: 200, body: applyEdit(emu, ch, msg, body) };
});

route('DELETE', '/channels/:id/messages/:mid', (emu, [id, mid]) => {
  const ch = visibleChannel(emu, id!);
  const msg = messageIn(emu, ch, mid!);
  emu.channelMessages.set(
    ch.id,
    (emu.channelMessages.get(ch.id) ?? []).filter((m) => m !== msg),
  );
  const rec = emu.createdRecord(msg.id);
  if (rec) rec.deleted = true;
  emu.dispatch('MESSAGE_DELETE', { id: msg.id, channel_id: ch.id, guild_id: ch.guild_id });
  return { status: 204 };
});

route('PUT', '/channels/:id/messages/:mid/reactions/:emoji/@me', (emu, [id, mid, emoji]) => {
  const ch = visibleChannel(emu, id!);
  messageIn(emu, ch, mid!);
  requirePermission(emu, ch, PermissionFlagsBits.AddReactions);
  emu.reactions.push({ channelId: ch.id, messageId: mid!, emoji: emoji! });
  return { status: 204 };
});

route('POST', '/channels/:id/threads', (emu, [id], body) => {
  const parent = visibleChannel(emu, id!);
  const json = body.json;
  const name = String(json['name'] ?? '');
  if (name.length < 1 || [...name].length > 100) {
    throw invalidForm({
      name: {
        _errors: [
          { code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' },
        ],
      },
    });
  }
  const forum = parent.type === ChannelType.GuildForum;
  if (!forum && parent.type !== ChannelType.GuildText)
    throw new ApiError(400, 50024, 'Cannot execute action on this channel type');
  const type = forum ? ChannelType.PublicThread : Number(json['type'] ?? ChannelType.PrivateThread);
  if (forum) {
    requirePermission(emu, parent, PermissionFlagsBits.SendMessages);
    if (!json['message'])
      throw invalidForm({
        message: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] },
      });
  } else {
    requirePermission(
      emu,
      parent,
      type === ChannelType.PrivateThread
        ? PermissionFlagsBits.CreatePrivateThreads
        : PermissionFlagsBits.CreatePublicThreads,
    );
  }
  const ts = now();
  const thread: EmuChannel = {
    id: emu.ids.next(),
    type,
    guild_id: parent.guild_id!,
    parent_id: parent.id,
    name,
    owner_id: emu.bot.id,
    last_message_id: null,
    flags: 0,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    thread_metadata: {
      archived: false,
      locked: false,
      auto_archive_duration: Number(json['auto_archive_duration'] ?? 4320),
      archive_timestamp: ts,
      create_timestamp: ts,
      ...(type === ChannelType.PrivateThread ? { invitable: json['invitable'] !== false } : {}),
    },
  };
  if (forum) thread.applied_tags = (json['applied_tags'] as string[] | undefined) ?? [];
  emu.channels.set(thread.id, thread);
  emu.threadMembers.set(thread.id, new Set([emu.bot.id]));
  emu.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
  if (!forum) return { status: 201, body: emu.channelPayload(thread) };
  // A forum post's starter message has the thread's id.
  const message = createBotMessage(
    emu,
    thread,
    { json: json['message'] as Record<string, any>, files: body.files },
    thread.id,
  );
  return { status: 201, body: { ...emu.channelPayload(thread), message } };
});

route('PUT', '/channels/:id/thread-members/:uid', (emu, [id, uid]) => {
  const ch = visibleChannel(emu, id!);
  if (!isThreadType(ch.type))
    throw new ApiError(400, 50024, 'Cannot execute action on this channel type');
  if (!emu.members.has(uid!)) throw new ApiError(404, 10007, 'Unknown Member');
  emu.threadMembers.get(ch.id)?.add(uid!);
  return { status: 204 };
});

// ── interactions ──────────────────────────────────────────────────────────────────────────────

route('POST', '/interactions/:id/:token/callback', (emu, [id, token], body) => {
  const interaction = emu.interactions.get(id!);
  if (!interaction || interaction.token !== token)
    throw new ApiError(404, 10062, 'Unknown interaction');
  if (interaction.callbacks.length)
    throw new ApiError(400, 40060, 'Interaction has already been acknowledged.');
  if (Date.now() - interaction.createdAt > emu.interactionAckDeadlineMs)
    throw new ApiError(404, 10062, 'Unknown interaction');
  const type = Number(body.json['type']);
  const data = body.json['data'] as Record<string, any> | undefined;
  if (data) validateMessageBody(data);
  interaction.callbacks.push({ type, data });
  const channelId = interaction.payload['channel_id'] as string;
  const ch = emu.channels.get(channelId);
  if (type === 4 && data) {
    const ephemeral = (Number(data['flags'] ?? 0) & 64) !== 0;
    if (!ephemeral && ch)
      interaction.original = { ...createBotMessage(emu, ch, { json: data, files: body.files }) };
    else interaction.original = { id: emu.ids.next(), ...data };
  } else if (type === 5) {
    interaction.original = {
      id: emu.ids.next(),
      content: '',
      flags: Number(data?.['flags'] ?? 0),
      deferred: true,
    };
  } else if (type === 7 && data && ch) {
    const message = interaction.payload['message'] as EmuMessage | undefined;
    if (message)
      applyEdit(emu, ch, messageIn(emu, ch, message.id), { json: data, files: body.files });
  }
  return { status: 204 };
});

function interactionByToken(emu: DiscordEmulator, app: string, token: string) {
  const interaction = [...emu.interactions.values()].find((i) => i.token === token);
  if (!interaction || app !== emu.applicationId) throw new ApiError(404, 10015, 'Unknown Webhook');
  return interaction;
}

route('GET', '/webhooks/:app/:token/messages/@original', (emu, [app, token]) => {
  const i = interactionByToken(emu, app!, token!);
  if (!i.original || i.originalDeleted) throw unknownMessage();
  return { status: 200, body: i.original };
});
route('PATCH', '/webhooks/:app/:token/messages/@original', (emu, [app, token], body) => {
  const i = interactionByToken(emu, app!, token!);
  if (!i.original || i.originalDeleted) throw unknownMessage();
  validateMessageBody(body.json);
  const channelId = i.payload['channel_id'] as string;
  // Files uploaded with the edit (multipart, `files[n]` parts) become the answer's attachments.
  const { attachments, bytes } = attachmentsFrom(emu, channelId, body);
  i.original = {
    ...i.original,
    ...body.json,
    ...(body.json['attachments'] ? { attachments } : {}),
    deferred: false,
  };
  if (bytes.length) i.files = bytes;
  return { status: 200, body: { channel_id: channelId, ...i.original } };
});
route('DELETE', '/webhooks/:app/:token/messages/@original', (emu, [app, token]) => {
  const i = interactionByToken(emu, app!, token!);
  if (!i.original || i.originalDeleted) throw unknownMessage();
  i.originalDeleted = true;
  return { status: 204 };
});
route('POST', '/webhooks/:app/:token', (emu, [app, token], body) => {
  const i = interactionByToken(emu, app!, token!);
  validateMessageBody(body.json);
  const followup = { id: emu.ids.next(), channel_id: i.payload['channel_id'], ...body.json };
  i.followups.push(followup);
  return { status: 200, body: followup };
});

// ── commands, guilds ──────────────────────────────────────────────────────────────────────────

const registerCommands = (
  emu: DiscordEmulator,
  list: unknown,
  guildId?: string,
): Array<Record<string, unknown>> => {
  if (!Array.isArray(list)) throw invalidForm({ _errors: [{ code: 'LIST_TYPE_CONVERT' }] });
  return list.map((c: Record<string, unknown>) => {
    if (
      !/^[-_\p{L}\p{N}]{1,32}$/u.test(String(c['name'])) ||
      String(c['name']) !== String(c['name']).toLowerCase()
    ) {
      throw invalidForm({ name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME' }] } });
    }
    if (!c['description'] || String(c['description']).length > 100)
      throw invalidForm({ description: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } });
    return {
      type: 1,
      ...c,
      id: emu.ids.next(),
      application_id: emu.applicationId,
      version: emu.ids.next(),
      ...(guildId ? { guild_id: guildId } : {}),
    };
  });
};
route('PUT', '/applications/:app/commands', (emu, _p, body) => {
  emu.commands.global = registerCommands(emu, body.json);
  return { status: 200, body: emu.commands.global };
});
route('GET', '/applications/:app/commands', (emu) => ({ status: 200, body: emu.commands.global }));
route('PUT', '/applications/:app/guilds/:gid/commands', (emu, [, gid], body) => {
  if (gid !== emu.guildId) throw missingAccess();
  const list = registerCommands(emu, body.json, gid);
  emu.commands.guild.set(gid, list);
  return { status: 200, body: list };
});
route('GET', '/applications/:app/guilds/:gid/commands', (emu, [, gid]) => ({
  status: 200,
  body: emu.commands.guild.get(gid!) ?? [],
}));

route('GET', '/guilds/:gid', (emu, [gid]) => {
  if (gid !== emu.guildId) throw new ApiError(404, 10004, 'Unknown Guild');
  const { channels: _c, threads: _t, members: _m, ...guild } = emu.guildPayload();
  return { status: 200, body: guild };
});
route('GET', '/guilds/:gid/roles', (emu) => ({ status: 200, body: [...emu.roles.values()] }));
route('GET', '/guilds/:gid/members/:uid', (emu, [, uid]) => {
  const m = emu.members.get(uid === '@me' ? emu.bot.id : uid!);
  if (!m) throw new ApiError(404, 10007, 'Unknown Member');
  return { status: 200, body: m };
});
