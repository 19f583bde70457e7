import type { SupportCore } from '../../../src/core/ports.ts';
import type { AgentEvent, AgentFeedback, UserEvent } from '../../../src/core/types.ts';

/**
 * An in-memory `SupportCore` that records what the adapter hands it and answers with scripted
 * behaviour (a fake of the port, not a mock): tests set `onUser` / `onAgent`.
 */
export class RecordingCore implements SupportCore {
  readonly userEvents: UserEvent[] = [];
  readonly agentEvents: AgentEvent[] = [];
  onUser: ((event: UserEvent) => Promise<void> | void) | undefined;
  onAgent: ((event: AgentEvent) => Promise<AgentFeedback> | AgentFeedback) | undefined;

  async handleUser(event: UserEvent): Promise<void> {
    this.userEvents.push(event);
    await this.onUser?.(event);
  }

  async handleAgent(event: AgentEvent): Promise<AgentFeedback> {
    this.agentEvents.push(event);
    return (await this.onAgent?.(event)) ?? { ok: true, text: '', quiet: true };
  }

  messages(): Array<Extract<UserEvent, { type: 'message' }>> {
    return this.userEvents.filter(
      (e): e is Extract<UserEvent, { type: 'message' }> => e.type === 'message',
    );
  }
}
