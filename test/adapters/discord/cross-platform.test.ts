/**
 * One real core, both adapters: a Telegram user's case is worked in the Discord desk, and a Discord
 * user's case in the Telegram desk (forum topics).
 */
import { openCaseWithoutScreenshots } from '../../support/walk.ts';
import { afterEach, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../support/core.ts';
import { AGENT, startTelegram, type TelegramSetup } from '../telegram/harness.ts';
import { TgUser } from '../telegram/tg-user.ts';
import { DcUser } from './dc-user.ts';
import { startHarness, type Harness } from './harness.ts';

const TG_USER = { id: 701, first_name: 'Tom', last_name: 'Ng', language_code: 'en' };

let dc: Harness | undefined;
let tg: TelegramSetup | undefined;
const cores: TestCore[] = [];
afterEach(async () => {
  await tg?.stop();
  await dc?.close();
  tg = undefined;
  dc = undefined;
  for (const c of cores.splice(0)) await c.dispose();
});

/** The core links a desk thread to its ticket just after opening it; agents write after that. */
async function linked(lookup: () => Promise<string | undefined>): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await lookup())) {
    if (Date.now() > deadline) throw new Error('the desk thread was never linked to its ticket');
    await new Promise((r) => setTimeout(r, 10));
  }
}

it("works a Telegram user's case in the Discord desk", async () => {
  dc = await startHarness({ start: false });
  const discord = dc;
  tg = await startTelegram({
    desk: false,
    core: async (telegram) => {
      const c = await makeTestCore({
        channels: [telegram.channel, discord.adapter.channel],
        desk: discord.adapter.desk!,
      });
      cores.push(c);
      await discord.adapter.start(c.core);
      return c.core;
    },
  });
  tg.emu.addUser(TG_USER);
  const user = new TgUser(tg.emu, TG_USER.id);
  const ticketId = await openCaseWithoutScreenshots(user);
  const thread = await dc.emu.waitFor(
    () => dc!.emu.threadsOf(dc!.desk.id).find((t) => t.name?.includes(ticketId)),
    5_000,
    'the Discord thread',
  );
  await dc.emu.waitFor(() => dc!.emu.botMessagesIn(thread.id).length > 0, 5_000, 'the card');
  await linked(() => cores[0]!.core.repo.ticketIdForThread('discord', discord.desk.id, thread.id));
  expect(JSON.stringify(dc.emu.botMessagesIn(thread.id)[0]!.embeds)).toContain(
    `(telegram ${TG_USER.id})`,
  );
  dc.emu.memberSays(dc.agent.id, thread.id, { content: 'Hi Tom, looking at it now.' });
  expect((await user.expect(/Ana/)).text).toMatch(
    /^💬 Ana · case T-[A-Z0-9]{7}: Hi Tom, looking at it now\.$/,
  );
});

it("works a Discord user's case in the Telegram desk", async () => {
  dc = await startHarness({ desk: 'none', start: false });
  const discord = dc;
  tg = await startTelegram({
    core: async (telegram) => {
      const c = await makeTestCore({
        channels: [telegram.channel, discord.adapter.channel],
        desk: telegram.desk!,
      });
      cores.push(c);
      await discord.adapter.start(c.core);
      return c.core;
    },
  });
  const user = new DcUser(dc.emu, dc.emu.addUser({ username: 'dee', globalName: 'Dee' }).id);
  const ticketId = await openCaseWithoutScreenshots(user);
  const deskId = tg.deskId!;
  const topic = await tg.emu.waitFor(
    () => tg!.emu.topics(deskId).find((t) => t.name.includes(ticketId)),
    'the Telegram topic',
  );
  await linked(() =>
    cores[0]!.core.repo.ticketIdForThread('telegram', String(deskId), String(topic.threadId)),
  );
  tg.emu.memberSends(deskId, AGENT.id, topic.threadId, 'Hi Dee, it is on its way.');
  expect((await user.expect(/Alice/)).text).toMatch(
    /^💬 Alice · case T-[A-Z0-9]{7}: Hi Dee, it is on its way\.$/,
  );
});
