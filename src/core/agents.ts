import type { KeyValueStore } from './ports.ts';
import type { AgentIdentity } from './types.ts';

const MAX_KNOWN = 500;
const key = (platform: string) => `agents:v1:${platform}`;

/**
 * Agents the desk has seen write, per platform, so `/transfer @name` can find one (the Telegram
 * Bot API cannot resolve a username to an id: docs/platform-facts.md).
 */
export class KnownAgents {
  constructor(private readonly store: KeyValueStore) {}

  async remember(agent: AgentIdentity): Promise<void> {
    if (!agent.isAgent) return;
    const all = (await this.store.get<AgentIdentity[]>(key(agent.platform))) ?? [];
    const i = all.findIndex((a) => a.userId === agent.userId);
    const same =
      i >= 0 &&
      all[i]!.displayName === agent.displayName &&
      all[i]!.username === agent.username &&
      all[i]!.isSenior === agent.isSenior;
    if (same) return;
    const next = all.filter((a) => a.userId !== agent.userId);
    next.unshift(agent);
    await this.store.set(key(agent.platform), next.slice(0, MAX_KNOWN));
  }

  /** "@alice", "alice", a display name or a numeric id → a known agent of that platform. */
  async find(platform: string, who: string): Promise<AgentIdentity | undefined> {
    const q = who.trim().replace(/^@/, '').toLowerCase();
    if (!q) return undefined;
    const all = (await this.store.get<AgentIdentity[]>(key(platform))) ?? [];
    return (
      all.find((a) => a.userId === q) ??
      all.find((a) => a.username?.toLowerCase() === q) ??
      all.find((a) => a.displayName.toLowerCase() === q)
    );
  }
}
