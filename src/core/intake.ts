import type { Logger } from 'pino';
import { printSalt, userSecretPrints } from './agent-guard.ts';
import type { CoreContext } from './context.ts';
import { withTimeout } from './context.ts';
import type { EvidenceFile, EvidenceRejection } from './evidence.ts';
import { MAX_EVIDENCE_BYTES } from './evidence.ts';
import type { FlowInput } from './flow/types.ts';
import { sanitizeUserText } from './nlu/text.ts';
import { maskSensitive } from './sensitive/index.ts';
import type { UserMark } from './tickets/ticket.ts';
import type { InboundAttachment, UserEvent } from './types.ts';

const MAX_ATTACHMENTS_PER_MESSAGE = 10;
const HAN = /\p{Script=Han}/u;

/**
 * Intake: turns what a user (or an agent) sent into what the flow reads — text cleaned, cut to
 * length and masked; attachments downloaded into the evidence store (platform links expire).
 */
export class Intake {
  constructor(private readonly ctx: CoreContext) {}

  /**
   * The flow's input, and the bytes of the files it may keep: nothing is written yet — the turn
   * holds only the files the step keeps (`Held.hold`).
   */
  /**
   * `knownKeys`: fingerprints of the keys this user pasted earlier in the case (masked again);
   * `expectPhrase`: their last messages announced or held a recovery phrase (its next parts are
   * masked: maskSensitive); `phraseBefore`: their last messages, when list words and nothing else.
   */
  async toFlowInput(
    event: UserEvent,
    log: Logger,
    knownKeys: readonly string[] = [],
    expectPhrase = false,
    phraseBefore = '',
    codeBefore = false,
  ): Promise<{ input: FlowInput; held: Held }> {
    const held = new Held(this.ctx);
    if (event.type === 'choice') return { input: { kind: 'choice', id: event.choiceId }, held };
    if (event.type === 'command')
      return {
        input: {
          kind: 'command',
          command: event.command,
          ...(event.user.languageCode ? { languageCode: event.user.languageCode } : {}),
        },
        held,
      };
    let text = sanitizeUserText(event.text ?? '');
    let truncated: number | undefined;
    const max = this.ctx.maxTextLength;
    if (text.length > max) {
      // Cut between characters, never inside a surrogate pair (an emoji cut in half is a broken
      // character on the desk and in the store).
      const end = /[\ud800-\udbff]/.test(text[max - 1]!) ? max - 1 : max;
      text = text.slice(0, end);
      truncated = max;
    }
    const masked = maskSensitive(text, knownKeys, expectPhrase, phraseBefore, codeBefore);
    // The codes and passwords masked, remembered by a salted one-way print with the keys' (never
    // the values): an agent's reply writing one back is held (agent.ts).
    const prints = [
      ...(masked.prints ?? []),
      ...userSecretPrints(text, masked.text, printSalt(event.address.platform, event.user.userId)),
    ];
    if (masked.found.length) {
      log.warn({ kinds: masked.found }, 'sensitive data masked');
      const seen = this.ctx.counters.secretsMasked;
      for (const k of masked.found) seen.set(k, (seen.get(k) ?? 0) + 1);
    }
    const { files, rejected } = await this.keepAttachments(
      event.attachments.slice(0, MAX_ATTACHMENTS_PER_MESSAGE),
      log,
      held,
    );
    return {
      input: {
        kind: 'text',
        text: masked.text,
        files,
        rejected,
        sensitive: masked.found,
        ...(prints.length ? { secretPrints: prints } : {}),
        ...(masked.listOnly ? { listOnly: true } : {}),
        ...(masked.codeHalf ? { codeHalf: true } : {}),
        // A Chinese phrase masked whole: what is left says nothing of the user's language.
        ...(HAN.test(text) && !HAN.test(masked.text) ? { maskedHan: true } : {}),
        ...(truncated ? { truncated } : {}),
        ...(event.unsupported ? { unsupported: event.unsupported } : {}),
      },
      held,
    };
  }

  /**
   * Downloads each attachment now (platform links expire). With `held`, the bytes wait there for
   * the step to decide; without, they are kept at once (agents' files go straight on a ticket).
   */
  async keepAttachments(
    attachments: InboundAttachment[],
    log: Logger,
    held?: Held,
  ): Promise<{ files: EvidenceFile[]; rejected: EvidenceRejection[] }> {
    const files: EvidenceFile[] = [];
    const rejected: EvidenceRejection[] = [];
    for (const a of attachments) {
      if (a.size !== undefined && a.size > MAX_EVIDENCE_BYTES) {
        rejected.push('too_large');
        continue;
      }
      let bytes: Uint8Array;
      try {
        bytes = await withTimeout(
          a.fetch(),
          this.ctx.deps.downloadTimeoutMs ?? 30_000,
          'attachment download',
        );
      } catch (err) {
        log.warn({ err }, 'attachment download failed');
        rejected.push('download_failed');
        continue;
      }
      const asFile = a.kind === 'document';
      const kept = held
        ? this.ctx.deps.evidence.prepare(bytes, a.fileName, asFile)
        : await this.ctx.deps.evidence.put(bytes, a.fileName, asFile);
      if (kept.ok) {
        files.push(kept.file);
        held?.add(kept.file, bytes);
      } else {
        log.info(
          { reason: kept.reason, declared: a.mimeType, size: bytes.length },
          'attachment refused',
        );
        rejected.push(kept.reason);
      }
    }
    return { files, rejected };
  }
}

/**
 * What a user's message was besides its words, as the case keeps it: an edit, or forwarded — and
 * from whom (the name cleaned, masked and cut like the user's own words; a handle only if it is
 * one).
 */
export function userMark(event: UserEvent): UserMark {
  if (event.type !== 'message') return {};
  const mark: UserMark = {};
  const from = event.forwardedFrom;
  if (from) {
    const name = maskSensitive(sanitizeUserText(from.name)).text.trim().slice(0, 64);
    mark.forwarded = {
      name: name || '?',
      ...(from.username && /^\w{1,64}$/.test(from.username) ? { username: from.username } : {}),
      ...(from.hidden ? { hidden: true as const } : {}),
    };
  }
  if (event.edited) mark.edited = true;
  return mark;
}

/**
 * Files a user sent in this turn, in memory until the step decides: `hold` writes the ones the
 * new state or a ticket references (a cancelled case, an eleventh screenshot are never written).
 */
export class Held {
  private readonly bytes = new Map<string, { file: EvidenceFile; bytes: Uint8Array }>();

  constructor(private readonly ctx: CoreContext) {}

  add(file: EvidenceFile, bytes: Uint8Array): void {
    this.bytes.set(file.sha256, { file, bytes });
  }

  get size(): number {
    return this.bytes.size;
  }

  /** Writes (as held, pending a ticket) the files among `referenced`; answers how many. */
  async hold(referenced: Iterable<EvidenceFile>): Promise<number> {
    let n = 0;
    const seen = new Set<string>();
    for (const f of referenced) {
      const entry = this.bytes.get(f.sha256);
      if (!entry || seen.has(f.sha256)) continue;
      seen.add(f.sha256);
      await this.ctx.deps.evidence.hold(entry.file, entry.bytes);
      n++;
    }
    return n;
  }
}
