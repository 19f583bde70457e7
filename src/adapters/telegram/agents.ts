/**
 * Who is an agent: the ids in AGENT_IDS when set, otherwise the members of the desk supergroup
 * (creator, administrators, members), asked with getChatMember and remembered for a short while so
 * a busy topic does not cost one API call per message. The core enforces what non-agents may do.
 * @see https://core.telegram.org/bots/api#getchatmember
 */
import type { Api } from 'grammy';
import type { Logger } from '../../log.ts';
import { describeError } from './errors.ts';

export interface AgentDirectoryOptions {
  deskChatId?: string;
  /** AGENT_IDS; an empty list counts as unset. */
  agentIds?: readonly string[];
  cacheMs: number;
  now?: () => number;
}

export class AgentDirectory {
  private cache = new Map<number, { isAgent: Promise<boolean>; at: number }>();
  private readonly ids: ReadonlySet<string> | undefined;
  private readonly now: () => number;

  constructor(
    private readonly api: Api,
    private readonly options: AgentDirectoryOptions,
    private readonly log: Logger,
  ) {
    this.ids =
      options.agentIds && options.agentIds.length > 0 ? new Set(options.agentIds) : undefined;
    this.now = options.now ?? Date.now;
  }

  isAgent(userId: number): Promise<boolean> {
    if (this.ids) return Promise.resolve(this.ids.has(String(userId)));
    const desk = this.options.deskChatId;
    if (desk === undefined) return Promise.resolve(false);
    const hit = this.cache.get(userId);
    if (hit && this.now() - hit.at < this.options.cacheMs) return hit.isAgent;
    // Cache the question, not only the answer: messages in several topics at once ask once.
    const entry = { isAgent: this.ask(desk, userId), at: this.now() };
    this.cache.set(userId, entry);
    return entry.isAgent;
  }

  private async ask(desk: string, userId: number): Promise<boolean> {
    try {
      const member = await this.api.getChatMember(desk, userId);
      return (
        member.status === 'creator' ||
        member.status === 'administrator' ||
        member.status === 'member' ||
        (member.status === 'restricted' && member.is_member)
      );
    } catch (err) {
      // Not remembered: the next message asks again. Failing closed keeps a non-agent out.
      this.cache.delete(userId);
      this.log.warn(
        { userId, err: describeError(err) },
        'could not check desk membership; treating as non-agent',
      );
      return false;
    }
  }
}
