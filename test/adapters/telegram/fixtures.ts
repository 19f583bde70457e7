/**
 * Updates as Telegram sends them (shapes recorded from the Bot API; ids and names changed). The
 * mapper is tested on these, without any network.
 * @see https://core.telegram.org/bots/api#update
 */
import type { Update } from 'grammy/types';

export const DESK_ID = -1001987654321;
const user = {
  id: 501,
  is_bot: false,
  first_name: 'Mei',
  last_name: 'Lin',
  username: 'meilin',
  language_code: 'zh-hans',
};
const agent = {
  id: 901,
  is_bot: false,
  first_name: 'Alice',
  username: 'alice_agent',
  language_code: 'en',
};
const dm = {
  id: 501,
  first_name: 'Mei',
  last_name: 'Lin',
  username: 'meilin',
  type: 'private' as const,
};
const desk = {
  id: DESK_ID,
  title: 'Wallet support desk',
  is_forum: true as const,
  type: 'supergroup' as const,
};

const photoSizes = [
  {
    file_id: 'AgACAgQAAxkBAAIBsmZ_small',
    file_unique_id: 'AQADs1',
    file_size: 1180,
    width: 90,
    height: 51,
  },
  {
    file_id: 'AgACAgQAAxkBAAIBsmZ_medium',
    file_unique_id: 'AQADs2',
    file_size: 15433,
    width: 320,
    height: 180,
  },
  {
    file_id: 'AgACAgQAAxkBAAIBsmZ_large',
    file_unique_id: 'AQADs3',
    file_size: 64210,
    width: 1280,
    height: 720,
  },
];

export const fixtures = {
  text: {
    update_id: 811_000_001,
    message: {
      message_id: 41,
      from: user,
      chat: dm,
      date: 1_732_000_000,
      text: '我的提现三天了还没到账',
    },
  },
  start: {
    update_id: 811_000_002,
    message: {
      message_id: 42,
      from: user,
      chat: dm,
      date: 1_732_000_001,
      text: '/start ref-campaign',
      entities: [{ offset: 0, length: 6, type: 'bot_command' }],
    },
  },
  startMentioned: {
    update_id: 811_000_003,
    message: {
      message_id: 43,
      from: user,
      chat: dm,
      date: 1_732_000_002,
      text: '/status@wallet_support_bot',
      entities: [{ offset: 0, length: 26, type: 'bot_command' }],
    },
  },
  unknownCommand: {
    update_id: 811_000_004,
    message: {
      message_id: 44,
      from: user,
      chat: dm,
      date: 1_732_000_003,
      text: '/refund please',
      entities: [{ offset: 0, length: 7, type: 'bot_command' }],
    },
  },
  photo: {
    update_id: 811_000_005,
    message: {
      message_id: 45,
      from: user,
      chat: dm,
      date: 1_732_000_004,
      photo: photoSizes,
      caption: 'screenshot of the pending withdrawal',
    },
  },
  imageDocument: {
    update_id: 811_000_006,
    message: {
      message_id: 46,
      from: user,
      chat: dm,
      date: 1_732_000_005,
      document: {
        file_name: 'Screenshot_20241120.png',
        mime_type: 'image/png',
        thumbnail: {
          file_id: 'AAMCBAADGQEthumb',
          file_unique_id: 'AQADth',
          file_size: 9000,
          width: 320,
          height: 640,
        },
        file_id: 'BQACAgQAAxkBAAIBtGZ_doc',
        file_unique_id: 'AgADdoc',
        file_size: 482_113,
      },
    },
  },
  pdfDocument: {
    update_id: 811_000_007,
    message: {
      message_id: 47,
      from: user,
      chat: dm,
      date: 1_732_000_006,
      document: {
        file_name: 'statement.pdf',
        mime_type: 'application/pdf',
        file_id: 'BQACAgpdf',
        file_unique_id: 'AgADpdf',
        file_size: 80_000,
      },
    },
  },
  videoDocument: {
    update_id: 811_000_008,
    message: {
      message_id: 48,
      from: user,
      chat: dm,
      date: 1_732_000_007,
      document: {
        file_name: 'screen.mp4',
        mime_type: 'video/mp4',
        file_id: 'BQACAgmp4',
        file_unique_id: 'AgADmp4',
        file_size: 2_000_000,
      },
    },
  },
  sticker: {
    update_id: 811_000_009,
    message: {
      message_id: 49,
      from: user,
      chat: dm,
      date: 1_732_000_008,
      sticker: {
        width: 512,
        height: 512,
        emoji: '😭',
        set_name: 'SadCats',
        is_animated: false,
        is_video: false,
        type: 'regular',
        file_id: 'CAACAgIAAxkBsticker',
        file_unique_id: 'AgADst',
        file_size: 24_000,
      },
    },
  },
  voice: {
    update_id: 811_000_010,
    message: {
      message_id: 50,
      from: user,
      chat: dm,
      date: 1_732_000_009,
      voice: {
        duration: 4,
        mime_type: 'audio/ogg',
        file_id: 'AwACAgvoice',
        file_unique_id: 'AgADvo',
        file_size: 12_000,
      },
    },
  },
  location: {
    update_id: 811_000_011,
    message: {
      message_id: 51,
      from: user,
      chat: dm,
      date: 1_732_000_010,
      location: { latitude: 31.2304, longitude: 121.4737 },
    },
  },
  videoNote: {
    update_id: 811_000_012,
    message: {
      message_id: 52,
      from: user,
      chat: dm,
      date: 1_732_000_011,
      video_note: {
        duration: 3,
        length: 240,
        file_id: 'DQACAgnote',
        file_unique_id: 'AgADnote',
        file_size: 90_000,
      },
    },
  },
  albumPart: {
    update_id: 811_000_013,
    message: {
      message_id: 53,
      from: user,
      chat: dm,
      date: 1_732_000_012,
      media_group_id: '13820736271827301',
      photo: photoSizes,
      caption: 'three screenshots',
    },
  },
  otherGroup: {
    update_id: 811_000_014,
    message: {
      message_id: 900,
      from: user,
      chat: { id: -1001111111111, title: 'Crypto chat', type: 'supergroup' as const },
      date: 1_732_000_013,
      text: 'anyone else has withdrawal problems?',
    },
  },
  deskGeneral: {
    update_id: 811_000_015,
    message: {
      message_id: 300,
      from: agent,
      chat: desk,
      date: 1_732_000_014,
      text: 'good morning team',
    },
  },
  deskReply: {
    update_id: 811_000_016,
    message: {
      message_id: 301,
      message_thread_id: 120,
      is_topic_message: true,
      from: agent,
      chat: desk,
      date: 1_732_000_015,
      text: 'Hi, I checked: the bank is processing it.',
    },
  },
  deskClose: {
    update_id: 811_000_017,
    message: {
      message_id: 302,
      message_thread_id: 120,
      is_topic_message: true,
      from: agent,
      chat: desk,
      date: 1_732_000_016,
      text: '/close@wallet_support_bot',
      entities: [{ offset: 0, length: 25, type: 'bot_command' }],
    },
  },
  deskNote: {
    update_id: 811_000_018,
    message: {
      message_id: 303,
      message_thread_id: 120,
      is_topic_message: true,
      from: agent,
      chat: desk,
      date: 1_732_000_017,
      text: '/note  asked the bank, ref 99812  ',
      entities: [{ offset: 0, length: 5, type: 'bot_command' }],
    },
  },
  deskOtherBotCommand: {
    update_id: 811_000_019,
    message: {
      message_id: 304,
      message_thread_id: 120,
      is_topic_message: true,
      from: agent,
      chat: desk,
      date: 1_732_000_018,
      text: '/close@another_bot',
      entities: [{ offset: 0, length: 18, type: 'bot_command' }],
    },
  },
  deskUnknownCommand: {
    update_id: 811_000_020,
    message: {
      message_id: 305,
      message_thread_id: 120,
      is_topic_message: true,
      from: agent,
      chat: desk,
      date: 1_732_000_019,
      text: '/ban 501',
      entities: [{ offset: 0, length: 4, type: 'bot_command' }],
    },
  },
  deskTopicClosed: {
    update_id: 811_000_021,
    message: {
      message_id: 306,
      message_thread_id: 120,
      is_topic_message: true,
      from: agent,
      chat: desk,
      date: 1_732_000_020,
      forum_topic_closed: {},
    },
  },
  deskPhoto: {
    update_id: 811_000_022,
    message: {
      message_id: 307,
      message_thread_id: 120,
      is_topic_message: true,
      from: agent,
      chat: desk,
      date: 1_732_000_021,
      photo: photoSizes,
      caption: 'This is how the form should look',
    },
  },
  deskSticker: {
    update_id: 811_000_023,
    message: {
      message_id: 308,
      message_thread_id: 120,
      is_topic_message: true,
      from: agent,
      chat: desk,
      date: 1_732_000_022,
      sticker: {
        width: 512,
        height: 512,
        emoji: '👍',
        is_animated: false,
        is_video: false,
        type: 'regular',
        file_id: 'CAACAgthumbs',
        file_unique_id: 'AgADth',
      },
    },
  },
  callback: {
    update_id: 811_000_024,
    callback_query: {
      id: '2150328745628731123',
      from: user,
      message: {
        message_id: 60,
        from: {
          id: 7000000001,
          is_bot: true,
          first_name: 'Wallet Support',
          username: 'wallet_support_bot',
        },
        chat: dm,
        date: 1_732_000_030,
        text: 'Did this solve it?',
        reply_markup: {
          inline_keyboard: [
            [
              { text: 'Yes, solved', callback_data: 'f:solved' },
              { text: 'No, I still need help', callback_data: 'f:not_solved' },
            ],
          ],
        },
      },
      chat_instance: '-5981127362515128812',
      data: 'f:not_solved',
    },
  },
  inlineCallback: {
    update_id: 811_000_025,
    callback_query: {
      id: '2150328745628731999',
      from: user,
      inline_message_id: 'AgAAAJ1x',
      chat_instance: '12',
      data: 'x',
    },
  },
  fromBot: {
    update_id: 811_000_026,
    message: {
      message_id: 70,
      from: { id: 6000000002, is_bot: true, first_name: 'Other bot' },
      chat: dm,
      date: 1_732_000_040,
      text: 'hello',
    },
  },
  edited: {
    update_id: 811_000_027,
    edited_message: {
      message_id: 41,
      from: user,
      chat: dm,
      date: 1_732_000_000,
      edit_date: 1_732_000_100,
      text: 'edited text',
    },
  },
  forwardedFromUser: {
    update_id: 811_000_028,
    message: {
      message_id: 71,
      from: user,
      chat: dm,
      date: 1_732_000_050,
      forward_origin: {
        type: 'user',
        date: 1_731_990_000,
        sender_user: {
          id: 7_100_000_001,
          is_bot: false,
          first_name: 'Wallet',
          last_name: 'Support',
          username: 'wallet_support_help',
        },
      },
      text: 'Your wallet will be frozen. Verify it at wallet-verify.example within 24 hours.',
    },
  },
  forwardedFromHidden: {
    update_id: 811_000_029,
    message: {
      message_id: 72,
      from: user,
      chat: dm,
      date: 1_732_000_051,
      forward_origin: { type: 'hidden_user', date: 1_731_990_000, sender_user_name: 'Anna Admin' },
      text: '/start verify',
      entities: [{ offset: 0, length: 6, type: 'bot_command' }],
    },
  },
  forwardedFromChannel: {
    update_id: 811_000_030,
    message: {
      message_id: 73,
      from: user,
      chat: dm,
      date: 1_732_000_052,
      forward_origin: {
        type: 'channel',
        date: 1_731_990_000,
        chat: {
          id: -1_001_555_000_111,
          type: 'channel',
          title: 'Wallet Airdrop',
          username: 'wallet_airdrop',
        },
        message_id: 12,
        author_signature: 'Tom',
      },
      photo: photoSizes,
      caption: 'Claim 500 USDT now',
    },
  },
  forwardedFromGroup: {
    update_id: 811_000_031,
    message: {
      message_id: 74,
      from: user,
      chat: dm,
      date: 1_732_000_053,
      forward_origin: {
        type: 'chat',
        date: 1_731_990_000,
        sender_chat: { id: -1_001_555_000_222, type: 'supergroup', title: 'Wallet Users Help' },
      },
      text: 'DM me for a refund',
    },
  },
} satisfies Record<string, Update>;
