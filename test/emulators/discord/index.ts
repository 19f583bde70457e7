export {
  DiscordEmulator,
  DEFAULT_BOT_PERMISSIONS,
  type EmulatorOptions,
  type FileInput,
  type FaultMatch,
} from './emulator.ts';
export type { EmuChannel, EmuMessage, EmuUser, EmuInteraction, CreatedMessage } from './model.ts';
export { parseMultipart, boundaryOf } from './multipart.ts';
export { channelPermissions } from './permissions.ts';
