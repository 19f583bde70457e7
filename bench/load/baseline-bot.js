/**
 * The baseline of the load test: the smallest grammY bot that walks the same withdrawal case as
 * the real bot, with the same Bot API calls per turn and state in a Map (no store, no NLU, no
 * logging). Long polling with @grammyjs/runner and `sequentialize` per chat, as the real adapter.
 * Plain JavaScript so that it runs on `node` alone, like dist/main.js (no tsx loader in its RSS).
 *
 *   TELEGRAM_BOT_TOKEN, TELEGRAM_API_ROOT, AGENT_DESK=telegram:<chat id>  node bench/load/baseline-bot.js
 *
 * Calls per turn (what dist/main.js makes, seen on the emulator):
 *   first words      sendMessage (answer + [Yes, solved | No, I still need help])
 *   "No"             answerCallbackQuery, editMessageReplyMarkup, sendMessage ×2
 *   the id           sendMessage (amount + [Skip])
 *   "Skip"           answerCallbackQuery, editMessageReplyMarkup, sendMessage (screenshots)
 *   "Done"/"Skip"    answerCallbackQuery, editMessageReplyMarkup, sendMessage (summary)
 *   "Send"           answerCallbackQuery, editMessageReplyMarkup, sendMessage (case id),
 *                    createForumTopic, sendMessage (card in the topic)
 *   once handed off  sendMessage into the case's topic (the relay)
 */
import { run, sequentialize } from '@grammyjs/runner';
import { Bot } from 'grammy';
import process from 'node:process';

const token = process.env['TELEGRAM_BOT_TOKEN'] ?? '';
const apiRoot = process.env['TELEGRAM_API_ROOT'] ?? 'https://api.telegram.org';
const desk = Number((process.env['AGENT_DESK'] ?? '').replace(/^telegram:/, ''));

const bot = new Bot(token, { client: { apiRoot } });
/** @type {Map<number, { step: string, id?: string, txid?: string, thread?: number }>} */
const users = new Map();

const kb = (/** @type {Array<[string, string]>} */ ...buttons) => ({
  inline_keyboard: [buttons.map(([text, data]) => ({ text, callback_data: data }))],
});
const esc = (/** @type {string} */ s) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const caseId = () =>
  'T-' +
  Array.from(
    { length: 7 },
    () => 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'[Math.floor(Math.random() * 32)],
  ).join('');

bot.use(sequentialize((ctx) => String(ctx.chat?.id ?? ctx.from?.id ?? '')));

bot.on('message:text', async (ctx) => {
  const chat = ctx.chat.id;
  const text = ctx.message.text;
  const u = users.get(chat) ?? { step: 'new' };
  users.set(chat, u);
  if (u.step === 'new') {
    u.step = 'solved?';
    await ctx.api.sendMessage(
      chat,
      'Here is what usually solves “Withdrawal pending”:\n1. Withdrawals usually take 1–3 business days.\n\nDid this solve it?',
      { reply_markup: kb(['✅ Yes, solved', 'y'], ['❌ No, I still need help', 'n']) },
    );
  } else if (u.step === 'txid') {
    u.txid = text;
    u.step = 'amount';
    await ctx.api.sendMessage(
      chat,
      'How much was it, and in which currency? (e.g. 100 USDT, $250, ¥300) — or press Skip.',
      { reply_markup: kb(['Skip', 'skip']) },
    );
  } else if (u.step === 'open' && u.thread !== undefined) {
    await ctx.api.sendMessage(desk, `<b>👤 ${esc(ctx.from.first_name)}</b>\n${esc(text)}`, {
      message_thread_id: u.thread,
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    });
  } else {
    await ctx.api.sendMessage(chat, 'Please use the buttons above.');
  }
});

bot.on('callback_query:data', async (ctx) => {
  const chat = ctx.chat?.id;
  const message = ctx.callbackQuery.message;
  const u = chat === undefined ? undefined : users.get(chat);
  await ctx.answerCallbackQuery();
  if (chat === undefined || !message || !u) return;
  await ctx.api.editMessageReplyMarkup(chat, message.message_id, {
    reply_markup: { inline_keyboard: [] },
  });
  if (u.step === 'solved?') {
    u.step = 'txid';
    await ctx.api.sendMessage(
      chat,
      "Sorry it's not solved. I'll pass your case to an agent — first a few details.",
    );
    await ctx.api.sendMessage(chat, 'The withdrawal ID (or the TXID for crypto).', {
      reply_markup: kb(["I don't have it", 'none']),
    });
  } else if (u.step === 'amount') {
    u.step = 'screenshots';
    await ctx.api.sendMessage(
      chat,
      'Please send screenshots of the error or the transaction (up to 3, images or PDF).',
      { reply_markup: kb(['Done', 'done'], ['Skip', 'skip']) },
    );
  } else if (u.step === 'screenshots') {
    u.step = 'summary';
    await ctx.api.sendMessage(
      chat,
      `Please check your case:\n• Problem: Withdrawal pending\n• Transaction ID: ${u.txid ?? '-'}`,
      { reply_markup: kb(['✅ Send to support', 'send'], ['✏️ Edit', 'edit'], ['✖ Cancel', 'x']) },
    );
  } else if (u.step === 'summary') {
    u.step = 'open';
    u.id = caseId();
    await ctx.api.sendMessage(
      chat,
      `Your case ${u.id} is with our support team. We usually answer within 4 hours.`,
    );
    const topic = await ctx.api.createForumTopic(desk, `🔵 ${u.id} · withdrawal_pending · en`);
    u.thread = topic.message_thread_id;
    await ctx.api.sendMessage(
      desk,
      `🔵 <b>${u.id}</b> · withdrawal_pending · en\nStatus: 🟢 open\nTransaction ID: ${esc(u.txid ?? '-')}`,
      { message_thread_id: u.thread, parse_mode: 'HTML' },
    );
  }
});

bot.catch((err) => process.stderr.write(`baseline: ${String(err.error)}\n`));

await bot.init();
const runner = run(bot, {
  runner: { fetch: { timeout: 30, allowed_updates: ['message', 'callback_query'] }, silent: true },
});
process.stdout.write('{"msg":"ready"}\n');
const stop = async () => {
  await runner.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
