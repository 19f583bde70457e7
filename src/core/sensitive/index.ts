/**
 * Masks secrets a user pastes before anything is stored, logged or forwarded: wallet recovery
 * phrases, private keys, Luhn-valid card numbers, CVV, passwords, one-time codes, national id and
 * passport numbers. Real support never asks for them, and the bot tells the user so. And reads an
 * agent's reply for what staff never do: ask for a secret, give one, take the user elsewhere.
 *
 * Values are masked, not words: "my password is hunter2" loses "hunter2", "I forgot my password"
 * stays as it is. `maskAgentText` masks only the secret values themselves (cards, phrases, keys,
 * ids), never an agent's instructions about passwords or codes.
 *
 * This file is the module's public face (import from here); each job has its own file:
 *
 *   mask.ts              maskSensitive, maskAgentText: the maskers below, in order
 *   recovery-phrases.ts  BIP-39 recovery phrases: whole, in parts, announced
 *   chinese-phrases.ts   phrases from the Chinese BIP-39 lists, told from Chinese prose
 *   phrase-words.ts      the BIP-39 word lists, and how a message is cut into words
 *   chat-list-words.ts   list words users write in chat anyway ("hello agent please help")
 *   private-keys.ts      WIF, xprv and hex private keys, and their prints
 *   cards-ids.ts         card numbers, national ids, SSNs, passport numbers
 *   codes-passwords.ts   CVV, one-time codes, passwords and PINs, 2FA secrets and backup codes
 *   lookalikes.ts        invisible characters, and letters of other scripts that pass for Latin
 *   agent-requests.ts    an agent's reply asking for a secret, giving one, taking the user elsewhere
 *   agent-links.ts       the links of an agent's reply, against AGENT_LINK_DOMAINS
 *   kinds.ts             the kinds of secrets, what masking returns, the marks left in their place
 */
export type { MaskResult, SensitiveKind } from './kinds.ts';
export { PRIVATE_KEY_MARK, RECOVERY_PHRASE_MARK } from './kinds.ts';
export { HALF_MARK, maskAgentText, maskSensitive } from './mask.ts';
export {
  announcesPhrase,
  findRecoveryPhrases,
  listWordsOnly,
  maskPhraseParts,
} from './recovery-phrases.ts';
export { chatListWords } from './chat-list-words.ts';
export { isKeyIntroduced, looksLikePrivateKey, secretPrint } from './private-keys.ts';
export { cnIdValid, luhnValid } from './cards-ids.ts';
export { foldLookalikes, LOOKALIKES } from './lookalikes.ts';
export {
  asksForRemoteAccess,
  asksForSecret,
  givesSecret,
  REMOTE_APPS_EN,
  REMOTE_APPS_ZH,
  requestParts,
  takesUserOffPlatform,
} from './agent-requests.ts';
export { outsideLinks, suspectLinks, withoutAllowedLinks } from './agent-links.ts';
