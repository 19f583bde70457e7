/**
 * Who is an agent: exactly the ids in AGENT_IDS when set; otherwise the desk supergroup's
 * administrators (status "creator" or "administrator"). A plain member of the desk group is not an
 * agent: groups are easy to join, and the core refuses /claim, /close and replies from non-agents.
 *
 * The administrator list comes from getChatAdministrators (one call for everyone, bots left out:
 * https://core.telegram.org/bots/api#getchatadministrators) and is kept for `cacheMs` (default 60
 * s), so a busy topic costs no call per message. Someone missing from a list older than
 * `missRefreshMs` (default 5 s) makes us ask again once: a newly promoted agent is recognised at
 * their first message, while a non-agent chatting in a topic costs at most one call per few
 * seconds. A failed call counts as "not an agent" (fail closed) and is not remembered.
 */
import type { Api } from 'grammy';
import type { Logger } from '../../log.ts';
import { describeError } from './errors.ts';

export interface AgentDirectoryOptions {
  deskChatId?: string;
  /** AGENT_IDS; an empty list counts as unset. */
  agentIds?: readonly string[];
  /** How long the administrator list is trusted. */
  cacheMs: number;
  /** A miss asks again when the list is at least this old (default 5 s, at most `cacheMs`). */
  missRefreshMs?: number;
  now?: () => number;
}

interface AdminList {
  at: number;
  /** Resolves to the ids, or undefined when the call failed. */
  ids: Promise<ReadonlySet<number> | undefined>;
}

const DEFAULT_MISS_REFRESH_MS = 5_000;

export class AgentDirectory {
  private readonly ids: ReadonlySet<string> | undefined;
  private readonly now: () => number;
  private readonly missRefreshMs: number;
  private admins: AdminList | undefined;

  constructor(
    private readonly api: Api,
    private readonly options: AgentDirectoryOptions,
    private readonly log: Logger,
  ) {
    this.ids =
      options.agentIds && options.agentIds.length > 0 ? new Set(options.agentIds) : undefined;
    this.now = options.now ?? Date.now;
    this.missRefreshMs = Math.min(
      options.missRefreshMs ?? DEFAULT_MISS_REFRESH_MS,
      options.cacheMs,
    );
  }

  async isAgent(userId: number): Promise<boolean> {
    if (this.ids) return this.ids.has(String(userId));
    const desk = this.options.deskChatId;
    if (desk === undefined) return false;
    let list = this.admins;
    if (!list || this.now() - list.at >= this.options.cacheMs) list = this.refresh(desk);
    const ids = await list.ids;
    if (ids?.has(userId)) return true;
    if (ids === undefined) return false; // the call failed: fail closed
    // A miss: maybe promoted since the list was fetched. Someone may already be asking again…
    const latest = this.admins;
    if (latest && latest !== list) return (await latest.ids)?.has(userId) ?? false;
    // …otherwise ask once more, unless the list is brand new.
    if (this.now() - list.at < this.missRefreshMs) return false;
    return (await this.refresh(desk).ids)?.has(userId) ?? false;
  }

  /** Asks Telegram for the list; callers arriving meanwhile share the same call. */
  private refresh(desk: string): AdminList {
    const previous = this.admins;
    const entry: AdminList = { at: this.now(), ids: Promise.resolve(undefined) };
    entry.ids = this.api.getChatAdministrators(desk).then(
      (members) =>
        new Set(
          members
            .filter((m) => m.status === 'creator' || m.status === 'administrator')
            .map((m) => m.user.id),
        ),
      (err: unknown) => {
        // Not remembered: the next message asks again. Failing closed keeps a non-agent out.
        if (this.admins === entry) this.admins = previous;
        this.log.warn(
          { err: describeError(err) },
          'could not list the desk administrators; treating the sender as non-agent',
        );
        return undefined;
      },
    );
    this.admins = entry;
    return entry;
  }
}
