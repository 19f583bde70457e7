/**
 * The senior tier on Telegram: SENIOR_AGENT_IDS (user ids; seniors are agents too), and how to
 * mention them when the core calls them into a case (an escalation, a missed SLA target).
 *
 * A mention must notify: `@username` does for anyone in the group; without a username, a text
 * mention (`<a href="tg://user?id=…">name</a>`) does for a member the bot has seen. Names come
 * from the seniors' own desk messages, or from getChatMember once per `cacheMs` (default 1 h); a
 * failed call still mentions the id, named "senior agent".
 * @see https://core.telegram.org/bots/api#formatting-options (inline mention of a user)
 * @see https://core.telegram.org/bots/api#getchatmember
 */
import type { Api } from 'grammy';
import type { User } from 'grammy/types';
import type { Logger } from '../../log.ts';
import { describeError } from './errors.ts';
import { displayName } from './mapper.ts';

export interface Mention {
  userId: string;
  name: string;
  username?: string;
}

export interface SeniorDirectoryOptions {
  /** SENIOR_AGENT_IDS. */
  seniorIds?: readonly string[];
  deskChatId?: string;
  /** How long a senior's name and username are trusted (default 1 h). */
  cacheMs?: number;
  now?: () => number;
}

const FALLBACK_NAME = 'senior agent';

export class SeniorDirectory {
  private readonly ids: readonly string[];
  private readonly known = new Map<string, Mention & { at: number }>();
  private readonly cacheMs: number;
  private readonly now: () => number;

  constructor(
    private readonly api: Api,
    private readonly options: SeniorDirectoryOptions,
    private readonly log: Logger,
  ) {
    this.ids = [...new Set(options.seniorIds ?? [])];
    this.cacheMs = options.cacheMs ?? 60 * 60_000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.ids.length;
  }

  has(userId: number | string): boolean {
    return this.ids.includes(String(userId));
  }

  /** A senior wrote in the desk: their current name and username, without a call. */
  seen(agent: { userId: string; displayName: string; username?: string }): void {
    if (!this.has(agent.userId)) return;
    const m: Mention & { at: number } = {
      userId: agent.userId,
      name: agent.displayName,
      at: this.now(),
    };
    if (agent.username !== undefined) m.username = agent.username;
    this.known.set(agent.userId, m);
  }

  /** Every senior, named as well as we know them (never throws). */
  async mentions(): Promise<Mention[]> {
    return Promise.all(this.ids.map((id) => this.mention(id)));
  }

  private async mention(userId: string): Promise<Mention> {
    const cached = this.known.get(userId);
    if (cached && this.now() - cached.at < this.cacheMs) return strip(cached);
    const desk = this.options.deskChatId;
    if (desk === undefined) return cached ? strip(cached) : { userId, name: FALLBACK_NAME };
    try {
      const member = await this.api.getChatMember(desk, Number(userId));
      const fresh = mentionOf(member.user);
      this.known.set(userId, { ...fresh, at: this.now() });
      if (member.status === 'left' || member.status === 'kicked')
        this.log.warn(
          { userId },
          'a SENIOR_AGENT_IDS senior is not in the desk group: add them, or the mention reaches no one',
        );
      return fresh;
    } catch (err) {
      this.log.warn({ userId, err: describeError(err) }, 'senior agent could not be looked up');
      return cached ? strip(cached) : { userId, name: FALLBACK_NAME };
    }
  }
}

function mentionOf(user: User): Mention {
  const m: Mention = { userId: String(user.id), name: displayName(user) };
  if (user.username !== undefined) m.username = user.username;
  return m;
}

function strip({ at: _at, ...mention }: Mention & { at: number }): Mention {
  return mention;
}
