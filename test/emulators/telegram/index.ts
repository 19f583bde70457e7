export {
  TelegramEmulator,
  type DeskSetup,
  type HeldCall,
  type TelegramEmulatorOptions,
  type WebhookDelivery,
} from './emulator.ts';
export { ApiError, type Fault } from './api-error.ts';
export type {
  CallRecord,
  CallbackRecord,
  DeletionRecord,
  EmuUser,
  StoredMessage,
  TopicRecord,
} from './state.ts';
export { imageSize, jpegOfSize, photoDimensionsOk, pngOfSize, type ImageSize } from './image.ts';
export { TOPIC_COLORS } from './methods.ts';
