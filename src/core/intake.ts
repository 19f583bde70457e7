import type { Logger } from 'pino';
import type { CoreContext } from './context.ts';
import { withTimeout } from './context.ts';
import type { EvidenceFile, EvidenceRejection } from './evidence.ts';
import { MAX_EVIDENCE_BYTES } from './evidence.ts';
import type { FlowInput } from './flow/step.ts';
import { sanitizeUserText } from './nlu/text.ts';
import { maskSensitive } from './sensitive.ts';
import type { InboundAttachment, UserEvent } from './types.ts';

const MAX_ATTACHMENTS_PER_MESSAGE = 10;

/**
 * Intake: turns what a user (or an agent) sent into what the flow reads — text cleaned, cut to
 * length and masked; attachments downloaded into the evidence store (platform links expire).
 */
export class Intake {
  constructor(private readonly ctx: CoreContext) {}

  async toFlowInput(event: UserEvent, log: Logger): Promise<FlowInput> {
    if (event.type === 'choice') return { kind: 'choice', id: event.choiceId };
    if (event.type === 'command')
      return {
        kind: 'command',
        command: event.command,
        ...(event.user.languageCode ? { languageCode: event.user.languageCode } : {}),
      };
    let text = sanitizeUserText(event.text ?? '');
    let truncated: number | undefined;
    const max = this.ctx.maxTextLength;
    if (text.length > max) {
      text = text.slice(0, max);
      truncated = max;
    }
    const masked = maskSensitive(text);
    if (masked.found.length) {
      log.warn({ kinds: masked.found }, 'sensitive data masked');
      const seen = this.ctx.counters.secretsMasked;
      for (const k of masked.found) seen.set(k, (seen.get(k) ?? 0) + 1);
    }
    const { files, rejected } = await this.keepAttachments(
      event.attachments.slice(0, MAX_ATTACHMENTS_PER_MESSAGE),
      log,
    );
    return {
      kind: 'text',
      text: masked.text,
      files,
      rejected,
      sensitive: masked.found,
      ...(truncated ? { truncated } : {}),
      ...(event.unsupported ? { unsupported: true } : {}),
    };
  }

  /** Downloads each attachment now (platform links expire) into the evidence store. */
  async keepAttachments(
    attachments: InboundAttachment[],
    log: Logger,
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
      const kept = await this.ctx.deps.evidence.put(bytes, a.fileName);
      if (kept.ok) files.push(kept.file);
      else {
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
