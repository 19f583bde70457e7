export { TelegramAdapter, orderKey } from './adapter.ts';
export type { TelegramAdapterOptions } from './options.ts';
export { TelegramUserChannel } from './channel.ts';
export { TelegramAgentDesk } from './desk.ts';
export { mapUpdate, type MapperContext, type Routed } from './mapper.ts';
export { webhookSecretFromToken } from './webhook.ts';
