/**
 * Downtime replay: Discord does not re-deliver DMs sent while the bot was offline (a new gateway
 * session starts from READY), so at start the adapter reads the DMs after the last one it handled,
 * for users the record lists, and hands each to the core once, oldest first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  DiscordAdapter,
  type ReplayEntry,
  type ReplayRecord,
} from '../../../src/adapters/discord/index.ts';
import type { KeyValueStore } from '../../../src/core/ports.ts';
import { createStore } from '../../../src/store.ts';
import type { DiscordEmulator } from '../../emulators/discord/index.ts';
import { captureLogs, startHarness, type Harness } from './harness.ts';
import { RecordingCore } from './recording-core.ts';

/** The record main.ts keeps in the store, in memory: the users in `open` are listed. */
class MemoryRecord implements ReplayRecord {
  readonly last = new Map<string, { channelId: string; messageId: string }>();
  readonly open = new Set<string>();
  async list(): Promise<ReplayEntry[]> {
    return [...this.last]
      .filter(([userId]) => this.open.has(userId))
      .map(([userId, l]) => ({ userId, channelId: l.channelId, afterMessageId: l.messageId }));
  }
  async remember(userId: string, channelId: string, messageId: string): Promise<void> {
    this.last.set(userId, { channelId, messageId });
  }
}

let h: Harness | undefined;
const extra: DiscordAdapter[] = [];
afterEach(async () => {
  for (const a of extra.splice(0)) await a.stop();
  await h?.close();
  h = undefined;
});

/** Another run of the bot on the same emulator, record and (new) core. */
async function restart(
  emu: DiscordEmulator,
  replay: ReplayRecord,
  core = new RecordingCore(),
  sharedStore?: KeyValueStore,
) {
  const adapter = new DiscordAdapter({
    token: emu.token,
    apiRoot: emu.apiRoot,
    logger: captureLogs().logger,
    replay,
    ...(sharedStore ? { sharedStore } : {}),
  });
  extra.push(adapter);
  await adapter.start(core);
  return { adapter, core };
}

const texts = (core: RecordingCore) =>
  core.userEvents.map((e) => (e.type === 'message' ? e.text : e.type));

describe('DMs sent while the bot was offline', () => {
  it('are handed to the core once, oldest first, for users with an open conversation', async () => {
    const record = new MemoryRecord();
    h = await startHarness({ adapter: { replay: record } });
    const emu = h.emu;
    const sam = emu.addUser({ username: 'sam' });
    const idle = emu.addUser({ username: 'ida' });
    emu.userSendsDm(sam.id, { content: 'my withdrawal is stuck' });
    emu.userSendsDm(idle.id, { content: 'thanks, all good' });
    await emu.waitFor(() => h!.core.userEvents.length === 2, 5_000, 'both DMs');
    await emu.waitFor(() => record.last.size === 2, 5_000, 'both recorded');
    record.open.add(sam.id);

    await h.adapter.stop();
    emu.userSendsDm(sam.id, { content: 'hello?' });
    emu.userSendsDm(sam.id, { content: 'anyone there?' });
    emu.userSendsDm(idle.id, { content: 'one more thing' });

    const second = await restart(emu, record);
    await emu.waitFor(() => second.core.userEvents.length >= 2, 5_000, 'the replayed DMs');
    await new Promise((r) => setTimeout(r, 200));
    expect(texts(second.core)).toEqual(['hello?', 'anyone there?']);
    expect(second.core.userEvents[0]!.address.chatId).toBe(emu.dmChannel(sam.id).id);
    const lastSent = emu.channelMessages.get(emu.dmChannel(sam.id).id)!.at(-1)!;
    expect(record.last.get(sam.id)?.messageId).toBe(lastSent.id);

    // Live DMs still arrive; a third run has nothing left to replay.
    emu.userSendsDm(sam.id, { content: 'live' });
    await emu.waitFor(() => second.core.userEvents.length === 3, 5_000, 'the live DM');
    await second.adapter.stop();
    const third = await restart(emu, record);
    await new Promise((r) => setTimeout(r, 300));
    expect(third.core.userEvents).toEqual([]);
  });

  it('reads past the 100 messages one request returns, skipping the bot’s own', async () => {
    const record = new MemoryRecord();
    h = await startHarness({ adapter: { replay: record } });
    const emu = h.emu;
    const sam = emu.addUser({ username: 'sam' });
    emu.userSendsDm(sam.id, { content: 'start' });
    await emu.waitFor(() => record.last.size === 1, 5_000, 'the first DM recorded');
    record.open.add(sam.id);
    // The bot answered before it stopped: its own message is in the DM history too.
    await h.adapter.channel.send(
      { platform: 'discord', chatId: emu.dmChannel(sam.id).id },
      { text: 'How can I help?' },
    );
    await h.adapter.stop();
    const offline = Array.from({ length: 120 }, (_, i) => `m${i}`);
    for (const content of offline) emu.userSendsDm(sam.id, { content });

    const second = await restart(emu, record);
    await emu.waitFor(() => second.core.userEvents.length >= 120, 10_000, 'all replayed');
    expect(texts(second.core)).toEqual(offline);
    const pages = emu.requests.filter((r) => r.method === 'GET' && /\/messages$/.test(r.path));
    expect(pages.length).toBeGreaterThanOrEqual(2);
  });

  it('hands on, in order, edits made offline to messages already handled, each once', async () => {
    const record = new MemoryRecord();
    const store = await createStore('memory://');
    h = await startHarness({ adapter: { replay: record, sharedStore: store } });
    const emu = h.emu;
    const sam = emu.addUser({ username: 'sam' });
    const first = emu.userSendsDm(sam.id, { content: 'the reference is BR-55120' });
    const second = emu.userSendsDm(sam.id, { content: 'amount 250 USDT' });
    await emu.waitFor(() => record.last.get(sam.id)?.messageId === second.id, 5_000, 'recorded');
    // An edit made while the bot runs is handled live, and not again after a restart.
    emu.authorEdits(second.id, 'amount 260 USDT');
    await emu.waitFor(() => h!.core.userEvents.length === 3, 5_000, 'the live edit');
    record.open.add(sam.id);

    await h.adapter.stop();
    emu.authorEdits(first.id, 'the reference is BR-55210');
    emu.userSendsDm(sam.id, { content: 'hello?' });
    const third = await restart(emu, record, new RecordingCore(), store);
    await emu.waitFor(() => third.core.userEvents.length >= 2, 5_000, 'the replayed edit and DM');
    await new Promise((r) => setTimeout(r, 200));
    expect(
      third.core.userEvents.map((e) => e.type === 'message' && [e.text, e.edited ?? false]),
    ).toEqual([
      ['the reference is BR-55210', true],
      ['hello?', false],
    ]);
    expect(third.core.userEvents[0]!.messageId).toMatch(new RegExp(`^${first.id}:e\\d+$`));

    await third.adapter.stop();
    const fourth = await restart(emu, record, new RecordingCore(), store);
    await new Promise((r) => setTimeout(r, 300));
    expect(fourth.core.userEvents).toEqual([]);
    await store.close();
  });

  it('replays nothing without a record, as before', async () => {
    h = await startHarness();
    const sam = h.emu.addUser({ username: 'sam' });
    await h.adapter.stop();
    h.emu.userSendsDm(sam.id, { content: 'offline' });
    const second = await restart(h.emu, new MemoryRecord());
    await new Promise((r) => setTimeout(r, 200));
    expect(second.core.userEvents).toEqual([]);
  });
});
