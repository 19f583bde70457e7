import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AlbumCollector,
  mergeAgentAlbum,
  mergeUserAlbum,
} from '../../../src/adapters/telegram/album.ts';
import type { AgentEvent, InboundAttachment, UserEvent } from '../../../src/core/types.ts';

afterEach(() => {
  vi.useRealTimers();
});

function collector(windowMs = 100) {
  const albums: string[][] = [];
  const errors: unknown[] = [];
  const c = new AlbumCollector<string>(
    windowMs,
    async (items) => {
      albums.push(items);
    },
    (err) => errors.push(err),
  );
  return { c, albums, errors };
}

describe('AlbumCollector', () => {
  it('hands the parts over as one album after the quiet window', async () => {
    vi.useFakeTimers();
    const { c, albums } = collector();
    c.add('chat1', 'g1', 'a');
    c.add('chat1', 'g1', 'b');
    c.add('chat1', 'g1', 'c');
    expect(albums).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(albums).toEqual([['a', 'b', 'c']]);
  });

  it('restarts the window with every part', async () => {
    vi.useFakeTimers();
    const { c, albums } = collector();
    c.add('chat1', 'g1', 'a');
    await vi.advanceTimersByTimeAsync(80);
    c.add('chat1', 'g1', 'b');
    await vi.advanceTimersByTimeAsync(80);
    expect(albums).toEqual([]);
    await vi.advanceTimersByTimeAsync(20);
    expect(albums).toEqual([['a', 'b']]);
  });

  it('hands over at once when the album reaches Telegram’s maximum of 10', async () => {
    vi.useFakeTimers();
    const { c, albums } = collector(10_000);
    for (let i = 0; i < 10; i++) c.add('chat1', 'g1', String(i));
    await vi.advanceTimersByTimeAsync(0);
    expect(albums).toHaveLength(1);
    expect(albums[0]).toHaveLength(10);
  });

  it('keeps albums of different chats apart', async () => {
    vi.useFakeTimers();
    const { c, albums } = collector();
    c.add('chat1', 'g1', 'a');
    c.add('chat2', 'g1', 'x');
    await vi.advanceTimersByTimeAsync(100);
    expect(albums).toEqual([['a'], ['x']]);
  });

  it('lets a later message of the chat wait until the album was handled', async () => {
    vi.useFakeTimers();
    const { c, albums } = collector();
    c.add('chat1', 'g1', 'a');
    let settled = false;
    void c.whenSettled('chat1').then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(50);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(50);
    expect(settled).toBe(true);
    expect(albums).toEqual([['a']]);
  });

  it('does not hold up other chats', async () => {
    const { c } = collector(10_000);
    c.add('chat1', 'g1', 'a');
    await expect(c.whenSettled('chat2')).resolves.toBeUndefined();
  });

  it('hands over what is buffered on flushAll instead of dropping it', async () => {
    const { c, albums } = collector(10_000);
    c.add('chat1', 'g1', 'a');
    c.add('chat1', 'g1', 'b');
    await c.flushAll();
    expect(albums).toEqual([['a', 'b']]);
    expect(c.size).toBe(0);
  });

  it('reports a failing handover to onError and still settles', async () => {
    const errors: unknown[] = [];
    const c = new AlbumCollector<string>(
      10,
      async () => Promise.reject(new Error('core down')),
      (e) => errors.push(e),
    );
    c.add('chat1', 'g1', 'a');
    await c.flushAll();
    await c.whenSettled('chat1');
    expect(errors).toHaveLength(1);
  });
});

const att = (name: string): InboundAttachment => ({
  kind: 'photo',
  fileName: name,
  fetch: async () => new Uint8Array(),
});

function part(messageId: string, text: string, name: string): UserEvent {
  return {
    type: 'message',
    address: { platform: 'telegram', chatId: '501' },
    user: { platform: 'telegram', userId: '501' },
    messageId,
    text,
    attachments: [att(name)],
  };
}

describe('mergeUserAlbum', () => {
  it('uses the first message id, whatever order the parts arrived in', () => {
    const merged = mergeUserAlbum([part('12', '', 'b'), part('11', 'caption', 'a')]);
    expect(merged.messageId).toBe('11');
  });

  it('keeps every attachment in message order', () => {
    const merged = mergeUserAlbum([part('12', '', 'b'), part('11', '', 'a'), part('13', '', 'c')]);
    if (merged.type !== 'message') throw new Error('expected a message');
    expect(merged.attachments.map((a) => a.fileName)).toEqual(['a', 'b', 'c']);
  });

  it("counts the messages waiting after the album's last part, not its own other parts", () => {
    const waiting = (p: UserEvent, n: number): UserEvent => ({ ...p, queuedAfter: n });
    const alone = mergeUserAlbum([
      waiting(part('11', 'x', 'a'), 2),
      waiting(part('12', '', 'b'), 1),
      part('13', '', 'c'),
    ]);
    expect(alone.queuedAfter).toBeUndefined();
    const followed = mergeUserAlbum([
      waiting(part('11', 'x', 'a'), 3),
      waiting(part('12', '', 'b'), 1),
    ]);
    expect(followed.queuedAfter).toBe(1);
  });

  it('joins the captions that are there', () => {
    const merged = mergeUserAlbum([
      part('11', 'first', 'a'),
      part('12', '', 'b'),
      part('13', 'third', 'c'),
    ]);
    if (merged.type !== 'message') throw new Error('expected a message');
    expect(merged.text).toBe('first\nthird');
  });
});

describe('mergeAgentAlbum', () => {
  const desk = { platform: 'telegram', chatId: '-100', threadId: '5' };
  const agent = { platform: 'telegram', userId: '9', displayName: 'A', isAgent: true };
  const reply = (id: string, text: string): AgentEvent => ({
    type: 'reply',
    desk,
    agent,
    messageId: id,
    text,
    attachments: [att(id)],
  });
  const note = (id: string, args: string): AgentEvent => ({
    type: 'command',
    command: 'note',
    desk,
    agent,
    messageId: id,
    args,
  });

  it('makes one reply with all the files', () => {
    const merged = mergeAgentAlbum([reply('8', ''), reply('7', 'see these')]);
    if (merged?.type !== 'reply') throw new Error('expected a reply');
    expect([merged.messageId, merged.text, merged.attachments.length]).toEqual([
      '7',
      'see these',
      2,
    ]);
  });

  it('makes an album captioned with a command that one command, and no reply', () => {
    const merged = mergeAgentAlbum([
      reply('12', ''),
      note('11', 'internal: fraud'),
      reply('13', ''),
    ]);
    expect(merged).toMatchObject({
      type: 'command',
      command: 'note',
      messageId: '11',
      args: 'internal: fraud',
    });
  });

  it("adds the other parts' captions to the command's args", () => {
    const merged = mergeAgentAlbum([note('11', 'see'), reply('12', 'and this one')]);
    expect(merged).toMatchObject({ type: 'command', args: 'see\nand this one' });
  });

  it('drops an album captioned with a command that is not ours', () => {
    const skip = { type: 'skip' as const, messageId: '11', reason: 'not a desk command' };
    expect(mergeAgentAlbum([reply('12', ''), skip, reply('13', '')])).toBeUndefined();
  });
});
