/**
 * The rules that run before any phase's: a recovery phrase or private key pasted (warned, the
 * message deleted, the case urgent) and a security report in words (phishing, impersonation, a
 * takeover), which interrupts whatever is going on with protective steps first.
 */
import type { EvidenceFile } from '../evidence.ts';
import type { SensitiveKind } from '../sensitive.ts';
import { startIntent } from './problems.ts';
import { maxPriority, stripMarks, type Turn } from './step-turn.ts';

const SECURITY = 'security_report';
const SECURITY_CONFIDENCE = 0.55;
/** Secrets whose leak makes the case urgent and flagged (others are only masked). */
export const LEAKED: readonly SensitiveKind[] = ['recovery_phrase', 'private_key'];

/** The secrets found, named in the user's language ("a recovery phrase and a private key"). */
export function secretNames(t: Turn, kinds: readonly SensitiveKind[]): string {
  return kinds.map((k) => t.t(`secret.${k}`)).join(t.t('secret.and'));
}

/** A recovery phrase or private key was pasted: say what it means and what to do now. */
export function secretLeaked(t: Turn, kinds: SensitiveKind[]): void {
  t.state.secrets = [...new Set([...(t.state.secrets ?? []), ...kinds])];
  t.state.minPriority = 'urgent';
  t.reply(t.t('say.secretLeaked', { what: secretNames(t, kinds) }));
  t.effects.push({
    type: 'delete_message',
    done: t.t('say.secretDeleted'),
    failed: t.t('say.secretDeleteYourself'),
  });
}

/**
 * A security report (phishing, impersonation, a leaked secret, a takeover) is handled at once,
 * whatever the step: protective steps first, case urgent, no "did you mean…?" confirmation.
 * The words said so far stay on the case.
 */
export function securityInterrupt(
  t: Turn,
  text: string,
  files: EvidenceFile[],
  leaked: boolean,
): boolean {
  if (t.state.intent === SECURITY) return false;
  // The marker left by masking is not the user's words: a pasted phrase alone is handled by
  // the leak warning and an urgent, flagged case, not by a switch of problem.
  const words = stripMarks(text);
  if (!words) return false;
  const c = t.classify(words);
  const security =
    (c.intent === SECURITY && c.confidence >= SECURITY_CONFIDENCE) ||
    (leaked && t.state.phase === 'idle');
  if (!security) return false;
  t.addFiles(files);
  if (t.state.intent && t.state.intent !== SECURITY) {
    t.state.also = [...new Set([...(t.state.also ?? []), t.state.intent])];
    t.state.minPriority = maxPriority(t.spec()!.priority, t.state.minPriority);
  }
  t.keepWords(text);
  startIntent(t, SECURITY);
  return true;
}
