import type { AgentDesk, UserChannel } from '../../src/core/ports.ts';
import { DeliveryError, type DeliveryErrorCode } from '../../src/core/errors.ts';
import type {
  Address,
  CaseCard,
  DeskPost,
  DeskRef,
  OutboundFile,
  OutboundMessage,
} from '../../src/core/types.ts';

/** In-memory user channel: records what each user was sent; can refuse like a platform would. */
export class FakeChannel implements UserChannel {
  readonly sent: Array<{ to: Address; message: OutboundMessage }> = [];
  /** chatId → error code to throw on send. */
  readonly failing = new Map<string, DeliveryErrorCode>();
  /** chatId → a send to that chat waits for this promise (a slow platform; a turn in flight). */
  readonly holds = new Map<string, Promise<void>>();

  constructor(readonly platform = 'fake') {}

  async send(to: Address, message: OutboundMessage): Promise<void> {
    await this.holds.get(to.chatId);
    const code = this.failing.get(to.chatId);
    if (code) throw new DeliveryError(code, `fake ${code}`);
    this.sent.push({ to, message });
  }

  to(chatId: string): OutboundMessage[] {
    return this.sent.filter((s) => s.to.chatId === chatId).map((s) => s.message);
  }

  last(chatId: string): OutboundMessage {
    const all = this.to(chatId);
    if (!all.length) throw new Error(`nothing was sent to ${chatId}`);
    return all[all.length - 1]!;
  }
}

/** A user channel whose platform lets bots delete the user's messages (Telegram private chats). */
export class DeletingChannel extends FakeChannel {
  readonly deletions: Array<{ chatId: string; messageId: string }> = [];

  async deleteUserMessage(to: Address, messageId: string): Promise<boolean> {
    this.deletions.push({ chatId: to.chatId, messageId });
    return true;
  }
}

export interface FakeCase {
  ref: DeskRef;
  card: CaseCard;
  files: OutboundFile[];
  posts: DeskPost[];
  closed: boolean;
  deleted: boolean;
  /** The card message is in the topic (not only the topic). */
  cardPosted?: boolean;
  /** Posts made while the case was closed (a closed forum topic takes none from most members). */
  postedWhileClosed?: number;
  /** Posts rewritten by redactPost (their index in `posts`). */
  redacted?: number[];
}

/** In-memory agent desk: one case per ticket; a case can be "deleted" to test re-creation. */
export class FakeDesk implements AgentDesk {
  readonly cases: FakeCase[] = [];
  /** When set, every call throws this (e.g. a platform outage). */
  down: DeliveryErrorCode | undefined;
  /** The next this many posts fail (a platform hiccup), then posts work again. */
  failNextPosts = 0;
  /** openCase shows the case at once but returns only after this long (slow file uploads). */
  openDelayMs = 0;
  /** The next openCase "dies" after creating the topic, before the card is posted. */
  killAfterCreate = false;
  /** Whether a senior tier is set up (AgentDesk.hasSeniors); undefined: not known. */
  hasSeniors: boolean | undefined;
  private n = 0;

  constructor(readonly platform = 'fakedesk') {}

  private find(ref: DeskRef): FakeCase {
    if (this.down) throw new DeliveryError(this.down, `fake desk ${this.down}`);
    const c = this.cases.find((x) => x.ref.threadId === ref.threadId);
    if (!c || c.deleted) throw new DeliveryError('thread_gone', 'fake thread gone');
    return c;
  }

  async openCase(
    card: CaseCard,
    files: OutboundFile[],
    onCreated?: (ref: DeskRef) => Promise<void>,
    existing?: DeskRef,
  ): Promise<DeskRef> {
    if (this.down) throw new DeliveryError(this.down, `fake desk ${this.down}`);
    const adopted = existing && this.cases.find((c) => c.ref.threadId === existing.threadId);
    if (adopted) {
      // The topic a killed run created: the card and files go into it.
      adopted.card = card;
      adopted.files = files;
      adopted.cardPosted = true;
      return adopted.ref;
    }
    const ref = { platform: this.platform, chatId: 'desk', threadId: String(++this.n) };
    const c: FakeCase = { ref, card, files: [], posts: [], closed: false, deleted: false };
    this.cases.push(c);
    await onCreated?.(ref);
    // A kill right after the topic exists, before its card and files are posted.
    if (this.killAfterCreate) {
      this.killAfterCreate = false;
      throw new Error('killed after the topic was created');
    }
    c.files = files;
    c.cardPosted = true;
    if (this.openDelayMs) await new Promise((r) => setTimeout(r, this.openDelayMs));
    return ref;
  }
  async updateCard(ref: DeskRef, card: CaseCard): Promise<void> {
    this.find(ref).card = card;
  }
  async post(ref: DeskRef, post: DeskPost): Promise<string[] | void> {
    const c = this.find(ref);
    if (this.failNextPosts > 0) {
      this.failNextPosts--;
      throw new DeliveryError('platform_unavailable', 'fake post failed');
    }
    if (c.closed) c.postedWhileClosed = (c.postedWhileClosed ?? 0) + 1;
    c.posts.push(post);
    // A text post's "message id": its index in `posts`.
    if (!post.files?.length) return [String(c.posts.length - 1)];
  }
  /** redactPost refuses (a desk whose edits fail). */
  refuseRedact = false;
  async redactPost(ref: DeskRef, messageIds: string[], post: DeskPost): Promise<void> {
    if (this.refuseRedact) throw new DeliveryError('platform_unavailable', 'fake edit refused');
    const c = this.find(ref);
    const [first, ...rest] = messageIds.map(Number);
    c.posts[first!] = post;
    for (const i of rest) c.posts[i] = { from: post.from, text: '' };
    c.redacted = [...(c.redacted ?? []), first!];
  }
  async closeCase(ref: DeskRef, card: CaseCard): Promise<void> {
    const c = this.find(ref);
    c.closed = true;
    c.card = card;
  }
  async reopenCase(ref: DeskRef, card: CaseCard): Promise<void> {
    const c = this.find(ref);
    c.closed = false;
    c.card = card;
  }

  live(ticketId: string): FakeCase | undefined {
    return this.cases.filter((c) => c.card.ticketId === ticketId && !c.deleted).at(-1);
  }
}

export const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0,
  1, 8, 6, 0, 0, 0,
]);
export const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1]);
/** An .exe: "MZ" header. */
export const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]);
