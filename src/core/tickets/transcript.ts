import type { IntentCatalog } from '../intents.ts';
import { evidenceName } from '../evidence.ts';
import type { OutboundFile } from '../types.ts';
import type { Ticket, TranscriptEntry } from './ticket.ts';

const stamp = (at: number) => new Date(at).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

/**
 * The whole case as a text file for agents (`/transcript`, TRANSCRIPT_ON_CLOSE): the user, agents,
 * internal notes marked as such, system events, times and file names. Everything in it was masked
 * when it arrived. `entries` is the whole transcript (Repo.transcript: its chunks and the record).
 */
export function transcriptFile(
  t: Ticket,
  entries: TranscriptEntry[],
  catalog: IntentCatalog,
): OutboundFile {
  const lines = [
    `Case ${t.id} — ${catalog.problem(t.intent)?.label.en ?? t.intent} — priority ${t.priority}`,
    `User: ${t.user.displayName ?? t.user.userId} (${t.user.platform})${t.user.username ? ` @${t.user.username}` : ''}`,
    `Opened ${stamp(t.createdAt)}; status ${t.status}${t.closedAt ? `, closed ${stamp(t.closedAt)}` : ''}`,
    ...Object.entries(t.fields).map(([k, v]) => `${k}: ${v}`),
    ...(t.also?.length ? [`also reported: ${t.also.join(', ')}`] : []),
    ...(t.escalated ? [`escalated ${stamp(t.escalated.at)} by ${t.escalated.by}`] : []),
    ...(t.rating !== undefined || t.ratingComment
      ? [
          `rating: ${t.rating !== undefined ? `${t.rating}/5` : 'no stars'} ${t.ratingComment ?? ''}`.trim(),
        ]
      : []),
    '',
  ];
  for (const e of entries) {
    const who =
      e.from === 'user'
        ? 'user'
        : e.from === 'agent'
          ? `agent ${e.authorName ?? ''}`.trim()
          : e.from === 'note'
            ? `internal note by ${e.authorName ?? 'an agent'}`
            : e.from;
    const files = e.files?.length
      ? ` [files: ${e.files.map((f) => evidenceName(f)).join(', ')}]`
      : '';
    lines.push(`[${stamp(e.at)}] ${who}: ${e.text}${files}`);
  }
  return {
    fileName: `${t.id}-transcript.txt`,
    mimeType: 'text/plain',
    bytes: new TextEncoder().encode(lines.join('\n') + '\n'),
  };
}
