/**
 * The few user-facing texts that belong to the adapter because the core never sees the moment
 * they answer: the support-channel panel (posted before any conversation) and the ephemeral answer
 * to a panel press when the user's DMs are closed (no DM can carry it). Everything else the user
 * reads comes from the core. Chosen by the interaction's `locale` (Discord client language).
 * @see https://discord.com/developers/docs/reference#locales
 */
export interface DiscordTexts {
  panelText: { en: string; zh: string };
  panelButton: string;
  /** Ephemeral answer after a panel press when the DM went out. */
  panelOpened: { en: string; zh: string };
  /** Ephemeral answer after a panel press when the user's DMs are closed (50007). */
  dmsClosed: { en: string; zh: string };
}

export const DEFAULT_TEXTS: DiscordTexts = {
  panelText: {
    en: 'Need help with a payment, a withdrawal or your wallet? Press the button and we will continue in your direct messages.',
    zh: '支付、提现或钱包遇到问题？点击下方按钮，我们会在私信中继续为您处理。',
  },
  panelButton: 'Open a case · 提交问题',
  panelOpened: {
    en: 'I have sent you a direct message: let us continue there.',
    zh: '我已给您发送私信，请在私信中继续。',
  },
  dmsClosed: {
    en:
      'I cannot send you a direct message because your DMs are closed for this server. ' +
      'Open the server menu → Privacy Settings → turn on "Direct Messages", then press the button again.',
    zh: '无法给您发送私信：您关闭了来自本服务器成员的私信。请打开服务器菜单 → 隐私设置 → 开启"私信"，然后再次点击按钮。',
  },
};

export function pickLang(locale: string | undefined): 'en' | 'zh' {
  return locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
