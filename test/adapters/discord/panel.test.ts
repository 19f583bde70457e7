import { afterEach, describe, expect, it } from 'vitest';
import { PANEL_CUSTOM_ID } from '../../../src/adapters/discord/mapper.ts';
import { DEFAULT_TEXTS } from '../../../src/adapters/discord/texts.ts';
import { DiscordAdapter } from '../../../src/adapters/discord/index.ts';
import { escapeDiscord } from '../../../src/adapters/discord/markdown.ts';
import { captureLogs, startHarness, type Harness } from './harness.ts';
import { RecordingCore } from './recording-core.ts';

let h: Harness;
afterEach(async () => h?.close());

const panelOf = () =>
  h.emu
    .botMessagesIn(h.support.id)
    .filter((m) => JSON.stringify(m.components).includes(PANEL_CUSTOM_ID));

describe('support channel panel', () => {
  it('posts and pins one panel with an "Open a case" button', async () => {
    h = await startHarness({ supportChannel: true });
    const panels = panelOf();
    expect(panels).toHaveLength(1);
    expect(h.emu.pins.get(h.support.id)).toEqual([panels[0]!.id]);
  });

  it('finds its panel again at restart instead of posting another', async () => {
    h = await startHarness({ supportChannel: true });
    const { logger } = captureLogs();
    const second = new DiscordAdapter({
      token: h.emu.token,
      apiRoot: h.emu.apiRoot,
      supportChannelId: h.support.id,
      logger,
    });
    await second.start(new RecordingCore());
    await second.stop();
    expect(panelOf()).toHaveLength(1);
  });

  it('starts the conversation in DMs: the core gets a start command for the DM channel', async () => {
    h = await startHarness({ supportChannel: true });
    const user = h.emu.addMember({ username: 'bob' });
    h.core.onUser = (e) => h.adapter.channel.send(e.address, { text: 'Hi! How can I help?' });
    const press = h.emu.pressButton(user.id, panelOf()[0]!.id, PANEL_CUSTOM_ID);
    await h.emu.waitFor(() => press.original?.['deferred'] === false);
    expect(h.core.userEvents[0]).toMatchObject({
      type: 'command',
      command: 'start',
      user: { userId: user.id },
      address: { chatId: h.emu.dmChannel(user.id).id },
    });
    expect(h.emu.dmsTo(user.id).map((m) => m.content)).toEqual(['Hi! How can I help?']);
    expect(press.original).toMatchObject({
      flags: 64,
      content: escapeDiscord(DEFAULT_TEXTS.panelOpened.en),
    });
  });

  it('tells a user whose DMs are closed (50007), ephemerally, how to open them', async () => {
    h = await startHarness({ supportChannel: true });
    const user = h.emu.addMember({ username: 'bob' });
    h.emu.closeDms(user.id);
    h.core.onUser = (e) => h.adapter.channel.send(e.address, { text: 'Hi! How can I help?' });
    const press = h.emu.pressButton(user.id, panelOf()[0]!.id, PANEL_CUSTOM_ID);
    await h.emu.waitFor(() => press.original?.['deferred'] === false);
    expect(press.original).toMatchObject({
      flags: 64,
      content: escapeDiscord(DEFAULT_TEXTS.dmsClosed.en),
    });
  });

  it("answers in Chinese when the user's Discord is in Chinese", async () => {
    h = await startHarness({ supportChannel: true });
    const user = h.emu.addMember({ username: 'wei', locale: 'zh-CN' });
    h.emu.closeDms(user.id);
    h.core.onUser = (e) => h.adapter.channel.send(e.address, { text: '您好' });
    const press = h.emu.pressButton(user.id, panelOf()[0]!.id, PANEL_CUSTOM_ID);
    await h.emu.waitFor(() => press.original?.['deferred'] === false);
    expect(press.original!['content']).toBe(escapeDiscord(DEFAULT_TEXTS.dmsClosed.zh));
  });
});
