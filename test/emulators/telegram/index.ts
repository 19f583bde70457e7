export {
  TelegramEmulator,
  type DeskSetup,
  type TelegramEmulatorOptions,
  type WebhookDelivery,
} from './emulator.ts';
export { ApiError, type Fault } from './api-error.ts';
export type { CallRecord, CallbackRecord, EmuUser, StoredMessage, TopicRecord } from './state.ts';
export { TOPIC_COLORS } from './methods.ts';
