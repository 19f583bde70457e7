import type { EvidenceRejection } from '../evidence.ts';
import type { SensitiveKind } from '../sensitive.ts';
import type { Lang, Priority, TicketStatus } from '../types.ts';

/** Every sentence the bot says to users, in both languages. Agents' feedback is in deskText. */
type T = { en: string; zh: string };
const pick = (lang: Lang, t: T) => t[lang];

export const ui = {
  solved: { en: '✅ Yes, solved', zh: '✅ 解决了' },
  notSolved: { en: '❌ No, I still need help', zh: '❌ 没有解决，需要帮助' },
  skip: { en: 'Skip', zh: '跳过' },
  done: { en: 'Done', zh: '完成' },
  confirm: { en: '✅ Send to support', zh: '✅ 提交给客服' },
  edit: { en: '✏️ Edit', zh: '✏️ 修改' },
  cancel: { en: '✖ Cancel', zh: '✖ 取消' },
  human: { en: '🙋 Talk to a human', zh: '🙋 人工客服' },
  noTxid: { en: "I don't have it", zh: '我没有交易号' },
} satisfies Record<string, T>;

export const label = (lang: Lang, key: keyof typeof ui) => pick(lang, ui[key]);

const ETA: Record<Priority, T> = {
  urgent: {
    en: 'within 1 hour (urgent cases are handled around the clock)',
    zh: '1 小时内（紧急问题 24 小时处理）',
  },
  high: { en: 'within 2 hours', zh: '2 小时内' },
  normal: {
    en: 'within 4 hours (agents work 08:00–22:00 UTC+8)',
    zh: '4 小时内（人工客服时间 08:00–22:00，北京时间）',
  },
  low: { en: 'within 24 hours', zh: '24 小时内' },
};

const SLOT_LABELS: Record<string, T> = {
  transaction_id: { en: 'Transaction ID', zh: '交易号' },
  amount: { en: 'Amount', zh: '金额' },
  date: { en: 'Date', zh: '日期' },
  screenshots: { en: 'Screenshots', zh: '截图' },
  images: { en: 'Screenshots', zh: '截图' },
  error_text: { en: 'Error message', zh: '错误信息' },
  error_message: { en: 'Error message', zh: '错误信息' },
  description: { en: 'Description', zh: '问题描述' },
  details: { en: 'Details', zh: '详情' },
  notes: { en: 'Additional details', zh: '补充说明' },
  reason: { en: 'Reason', zh: '原因' },
  merchant: { en: 'Merchant', zh: '商户' },
  recipient: { en: 'Recipient', zh: '收款方' },
};

export function slotLabel(lang: Lang, slot: string): string {
  const known = SLOT_LABELS[slot];
  if (known) return pick(lang, known);
  const words = slot.replace(/_/g, ' ');
  return lang === 'en' ? words[0]!.toUpperCase() + words.slice(1) : words;
}

const SENSITIVE: Record<SensitiveKind, T> = {
  card_number: { en: 'card number', zh: '银行卡号' },
  cvv: { en: 'card security code (CVV)', zh: '卡片安全码（CVV）' },
  password: { en: 'password', zh: '密码' },
  otp: { en: 'one-time code', zh: '验证码' },
  national_id: { en: 'ID number', zh: '身份证号' },
  passport: { en: 'passport number', zh: '护照号码' },
  recovery_phrase: { en: 'recovery phrase', zh: '助记词' },
  private_key: { en: 'private key', zh: '私钥' },
};

const STATUS: Record<TicketStatus, T> = {
  open: { en: 'waiting for an agent', zh: '等待客服处理' },
  claimed: { en: 'an agent is working on it', zh: '客服正在处理' },
  closed: { en: 'closed', zh: '已关闭' },
};

export const say = {
  welcome: (lang: Lang) =>
    pick(lang, {
      en: "Hi! I'm the wallet support assistant. Tell me what went wrong — a failed payment, a pending withdrawal, a locked account, a refund, a transfer that hasn't arrived, a transaction you don't recognise — and I'll help you fix it or pass it to a human agent with everything they need.",
      zh: '您好！我是钱包客服助手。请告诉我遇到了什么问题——支付失败、提现未到账、账户被冻结、退款、转账未到、不认识的交易等——我会帮您解决，或把完整信息转给人工客服。',
    }),
  help: (lang: Lang) =>
    pick(lang, {
      en: 'Describe your problem in your own words (English or Chinese) and attach screenshots if you have them.\nCommands: /status — your open case, /cancel — stop the current step, /help — this message.\nWrite "talk to a human" at any time to reach an agent.\nWe will never ask for your password, card number, CVV or verification codes.',
      zh: '请用自己的话描述问题（中文或英文），有截图可以直接发送。\n命令：/status 查看当前工单，/cancel 取消当前步骤，/help 查看帮助。\n随时输入“人工客服”可转人工。\n我们绝不会索要您的密码、卡号、CVV 或验证码。',
    }),
  selfHelp: (lang: Lang, title: string, steps: readonly string[]) =>
    pick(lang, {
      en: `Here is what usually solves “${title}”:\n${steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}\n\nDid this solve it?`,
      zh: `关于“${title}”，通常可以这样解决：\n${steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}\n\n问题解决了吗？`,
    }),
  humanAlready: (lang: Lang) =>
    pick(lang, {
      en: 'You\'re already on your way to a human agent — this is the last bit they need (or press Skip / "I don\'t have it").',
      zh: '您的问题马上会转给人工客服，这是客服需要的信息（没有的话可以点“跳过”）。',
    }),
  didItHelp: (lang: Lang) => pick(lang, { en: 'Did this solve it?', zh: '问题解决了吗？' }),
  solvedBye: (lang: Lang) =>
    pick(lang, {
      en: "Great, glad it's sorted! Write any time if you need more help.",
      zh: '太好了，问题已解决！如需帮助随时联系我们。',
    }),
  startCollect: (lang: Lang) =>
    pick(lang, {
      en: "Sorry it's not solved. I'll pass your case to an agent — first a few details so they don't have to ask you again.",
      zh: '抱歉问题还没解决。我会把您的问题转给人工客服，先收集几项信息，免得客服再问一遍。',
    }),
  humanShortcut: (lang: Lang) =>
    pick(lang, {
      en: "Sure, I'll connect you with a human agent. A few quick details first so they can help right away.",
      zh: '好的，马上为您转人工客服。请先提供几项信息，方便客服直接处理。',
    }),
  askTxid: (lang: Lang, example: string) =>
    pick(lang, {
      en: `Please send the transaction ID. You'll find it in the app under History → the transaction → Details. It looks like ${example}.`,
      zh: `请发送交易号。在 App 的“账单/交易记录 → 该笔交易 → 详情”里可以找到，格式类似 ${example}。`,
    }),
  badTxid: (lang: Lang, example: string, attempt: number) =>
    pick(lang, {
      en: `That doesn't look like a transaction ID. It is 10–32 letters and digits, sometimes with dashes, like ${example}. Please try again (attempt ${attempt} of 3).`,
      zh: `这看起来不是交易号。交易号由 10–32 位字母和数字组成，可能带短横线，例如 ${example}。请再试一次（第 ${attempt}/3 次）。`,
    }),
  txidGiveUp: (lang: Lang) =>
    pick(lang, {
      en: "No problem — I'll pass the case on without a verified transaction ID; the agent will look it up.",
      zh: '没关系，我会在没有核实交易号的情况下提交，客服会帮您查找。',
    }),
  askAmount: (lang: Lang) =>
    pick(lang, {
      en: 'How much was it, and in which currency? (e.g. 100 USDT, $250, 300元) — or press Skip.',
      zh: '金额是多少？请注明币种（例如 100 USDT、$250、300元），也可以点“跳过”。',
    }),
  badAmount: (lang: Lang) =>
    pick(lang, {
      en: 'Please write the amount as a number, e.g. 100 USDT or ¥250 — or press Skip.',
      zh: '请用数字写金额，例如 100 USDT 或 ¥250，也可以点“跳过”。',
    }),
  askDate: (lang: Lang) =>
    pick(lang, {
      en: 'When did it happen? (e.g. yesterday, 3 days ago, 2026-11-20)',
      zh: '是什么时候发生的？（例如：昨天、三天前、2026-11-20）',
    }),
  askImages: (lang: Lang, max: number) =>
    pick(lang, {
      en: `Please send screenshots of the error or the transaction (up to ${max}, images or PDF). Press Done when finished, or Skip.`,
      zh: `请发送报错或交易的截图（最多 ${max} 张，图片或 PDF）。发完请点“完成”，没有可以点“跳过”。`,
    }),
  imageReceived: (lang: Lang, n: number, max: number) =>
    pick(lang, {
      en: `Got it — ${n} of ${max}. Send more or press Done.`,
      zh: `已收到第 ${n}/${max} 个文件。可以继续发送，或点“完成”。`,
    }),
  imagesFull: (lang: Lang, max: number) =>
    pick(lang, {
      en: `That's the maximum of ${max} files — thanks.`,
      zh: `已达到最多 ${max} 个文件，谢谢。`,
    }),
  imageWanted: (lang: Lang) =>
    pick(lang, {
      en: 'Please send a screenshot (image or PDF), or press Done / Skip.',
      zh: '请发送截图（图片或 PDF），或点“完成”/“跳过”。',
    }),
  fileKept: (lang: Lang) =>
    pick(lang, {
      en: 'Thanks, I attached your file to the case.',
      zh: '已收到文件，会一并提交给客服。',
    }),
  rejected: (lang: Lang, reason: EvidenceRejection) =>
    pick(
      lang,
      {
        bad_type: {
          en: 'I can only accept images (PNG, JPEG, WebP) or PDF files, and that file is neither. Please send a screenshot instead.',
          zh: '只能接收图片（PNG、JPEG、WebP）或 PDF 文件，这个文件不是。请改发截图。',
        },
        too_large: {
          en: 'That file is larger than 10 MB. Please send a smaller screenshot.',
          zh: '文件超过 10 MB，请发送小一些的截图。',
        },
        empty: { en: 'That file was empty. Please send it again.', zh: '文件是空的，请重新发送。' },
        download_failed: {
          en: "I couldn't download that file. Please send it again.",
          zh: '文件下载失败，请重新发送。',
        },
      }[reason],
    ),
  summary: (lang: Lang, title: string, lines: Array<[string, string]>) =>
    pick(lang, {
      en: `Please check your case:\n• Problem: ${title}\n${lines.map(([k, v]) => `• ${k}: ${v}`).join('\n')}\n\nSend it to our support team?`,
      zh: `请确认您的问题：\n• 问题：${title}\n${lines.map(([k, v]) => `• ${k}：${v}`).join('\n')}\n\n确认提交给客服吗？`,
    }),
  notProvided: (lang: Lang) => pick(lang, { en: 'not provided', zh: '未提供' }),
  unverified: (lang: Lang) => pick(lang, { en: 'unverified', zh: '未核实' }),
  files: (lang: Lang, n: number) => pick(lang, { en: `${n} file(s)`, zh: `${n} 个文件` }),
  noted: (lang: Lang) =>
    pick(lang, { en: 'Noted — I added that to your case.', zh: '好的，已补充到您的问题中。' }),
  editWhich: (lang: Lang) =>
    pick(lang, { en: 'What would you like to change?', zh: '您想修改哪一项？' }),
  ticketCreated: (lang: Lang, id: string, priority: Priority) =>
    pick(lang, {
      en: `Your case ${id} is with our support team. We usually answer ${pick('en', ETA[priority])}. You can keep writing here — everything goes to the agent handling your case.`,
      zh: `您的工单 ${id} 已提交给客服团队，通常会在${pick('zh', ETA[priority])}回复。您可以继续在这里留言，所有消息都会转给处理您问题的客服。`,
    }),
  agentSays: (lang: Lang, name: string, text: string) =>
    pick(lang, { en: `💬 ${name} (support): ${text}`, zh: `💬 客服 ${name}：${text}` }),
  cancelled: (lang: Lang) =>
    pick(lang, {
      en: 'Okay, cancelled. Write again any time.',
      zh: '好的，已取消。需要帮助随时联系我们。',
    }),
  handedOff: (lang: Lang, id: string) =>
    pick(lang, {
      en: `Your case ${id} is with our agents; they close it once it's solved. Anything you write here goes to them.`,
      zh: `您的工单 ${id} 正在由客服处理，解决后会关闭。您在这里发送的内容都会转给客服。`,
    }),
  menu: (lang: Lang) =>
    pick(lang, {
      en: "I'm not sure I understood. These are the problems I can help with — pick one, or describe yours in other words:",
      zh: '抱歉，我没太明白。我可以帮您处理以下问题，请选择一项，或换个说法描述：',
    }),
  askDescribe: (lang: Lang) =>
    pick(lang, {
      en: 'Thanks! What is the problem? Describe it in a few words.',
      zh: '收到！请简单描述一下遇到的问题。',
    }),
  unsupported: (lang: Lang) =>
    pick(lang, {
      en: "I can't read stickers, voice messages, videos or locations. Please describe your problem in text or send a screenshot.",
      zh: '我无法识别贴纸、语音、视频或位置。请用文字描述问题，或发送截图。',
    }),
  truncated: (lang: Lang, max: number) =>
    pick(lang, {
      en: `Your message was very long; I kept the first ${max} characters.`,
      zh: `您的消息太长，我保留了前 ${max} 个字符。`,
    }),
  sensitive: (lang: Lang, kinds: readonly SensitiveKind[]) => {
    const what = kinds.map((k) => pick(lang, SENSITIVE[k]));
    return pick(lang, {
      en: `⚠️ I hid the ${what.join(' and ')} in your message — it is not stored or passed on. Please never share it with anyone: our staff will never ask for it. If someone else may have it, change your password or freeze your card in the app now.`,
      zh: `⚠️ 您的消息中含有${what.join('和')}，我已将其隐藏，不会保存或转发。请勿向任何人透露：我们的工作人员绝不会索要。如果可能已泄露，请立即在 App 中修改密码或冻结卡片。`,
    });
  },
  error: (lang: Lang, ref: string) =>
    pick(lang, {
      en: `Sorry, something went wrong on our side (ref ${ref}). Nothing you sent is lost — please try again in a minute.`,
      zh: `抱歉，系统出了点问题（编号 ${ref}）。您发送的内容不会丢失，请稍后再试。`,
    }),
  slowDown: (lang: Lang, toAgent: boolean) =>
    toAgent
      ? pick(lang, {
          en: "You're sending messages very fast. Every one of them is kept for the agent — you can wait for their answer now.",
          zh: '您发送消息太快了。每条消息都已为客服保存，请稍等客服回复。',
        })
      : pick(lang, {
          en: "You're sending messages very fast. I keep what you wrote with your case; please send one message at a time and wait for my answer.",
          zh: '您发送消息太快了。您写的内容已记录在问题中；请一次发一条，并等待我的回复。',
        }),
  staleButton: (lang: Lang) =>
    pick(lang, {
      en: 'That button belongs to an earlier step.',
      zh: '这个按钮已失效（属于之前的步骤）。',
    }),
  status: (lang: Lang, id: string, status: TicketStatus, assignee?: string) =>
    pick(lang, {
      en: `Your case ${id}: ${pick('en', STATUS[status])}${assignee && status !== 'closed' ? ` (${assignee})` : ''}.`,
      zh: `您的工单 ${id}：${pick('zh', STATUS[status])}${assignee && status !== 'closed' ? `（${assignee}）` : ''}。`,
    }),
  noCase: (lang: Lang) =>
    pick(lang, { en: 'You have no open case.', zh: '您目前没有进行中的工单。' }),
  survey: (lang: Lang, id: string) =>
    pick(lang, {
      en: `Your case ${id} has been closed. How would you rate our help? (1 = poor, 5 = excellent)`,
      zh: `您的工单 ${id} 已关闭。请为本次服务打分（1 = 很差，5 = 非常好）。`,
    }),
  surveyComment: (lang: Lang) =>
    pick(lang, {
      en: 'Thank you! Anything you would like to add? Write a comment, or press Skip.',
      zh: '谢谢！还有什么想补充的吗？可以写下意见，或点“跳过”。',
    }),
  surveyThanks: (lang: Lang) =>
    pick(lang, {
      en: 'Thanks for your feedback! Write any time if you need help again.',
      zh: '感谢您的反馈！如需帮助随时联系我们。',
    }),
  closedNotice: (lang: Lang, id: string) =>
    pick(lang, {
      en: `Your earlier case ${id} has been closed by our team.`,
      zh: `您之前的工单 ${id} 已由客服关闭。`,
    }),
  reopened: (lang: Lang, id: string) =>
    pick(lang, {
      en: `Your case ${id} was reopened — an agent will follow up here.`,
      zh: `您的工单 ${id} 已重新打开，客服会在这里继续跟进。`,
    }),
};
