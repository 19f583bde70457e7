import type { SupportCore } from '../../../src/core/ports.ts';
/**
 * An in-memory fake of the `SupportCore` port: records every event the adapter delivers and runs
 * an optional script for each, so tests can drive the adapter without the real core.
 */
import type { AgentEvent, AgentFeedback, UserEvent } from '../../../src/core/types.ts';

export class RecordingCore implements SupportCore {
  readonly userEvents: UserEvent[] = [];
  readonly agentEvents: AgentEvent[] = [];
  onUser: (event: UserEvent) => Promise<void> = async () => undefined;
  onAgent: (event: AgentEvent) => Promise<AgentFeedback> = async () => ({
    ok: true,
    text: 'Delivered.',
    quiet: true,
  });

  async handleUser(event: UserEvent): Promise<void> {
    this.userEvents.push(event);
    await this.onUser(event);
  }

  async handleAgent(event: AgentEvent): Promise<AgentFeedback> {
    this.agentEvents.push(event);
    return this.onAgent(event);
  }
}
