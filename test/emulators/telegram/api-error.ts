/**
 * A Bot API refusal with the exact shape Telegram answers: `{ ok: false, error_code, description,
 * parameters? }`. The descriptions below are the real ones the adapter matches on.
 * @see https://core.telegram.org/bots/api#making-requests
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number; migrate_to_chat_id?: number },
  ) {
    super(description);
  }

  toJSON(): Record<string, unknown> {
    const body: Record<string, unknown> = {
      ok: false,
      error_code: this.errorCode,
      description: this.description,
    };
    if (this.parameters) body['parameters'] = this.parameters;
    return body;
  }
}

export const errors = {
  unauthorized: () => new ApiError(401, 'Unauthorized'),
  notFound: () => new ApiError(404, 'Not Found'),
  tooManyRequests: (retryAfter: number) =>
    new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter }),
  internal: () => new ApiError(500, 'Internal Server Error'),
  badGateway: () => new ApiError(502, 'Bad Gateway'),
  blocked: () => new ApiError(403, 'Forbidden: bot was blocked by the user'),
  notMember: () => new ApiError(403, 'Forbidden: bot is not a member of the supergroup chat'),
  threadNotFound: () => new ApiError(400, 'Bad Request: message thread not found'),
  chatNotFound: () => new ApiError(400, 'Bad Request: chat not found'),
  messageToEditNotFound: () => new ApiError(400, 'Bad Request: message to edit not found'),
  notModified: () =>
    new ApiError(
      400,
      'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    ),
  topicInvalid: () => new ApiError(400, 'Bad Request: TOPIC_ID_INVALID'),
  topicNotModified: () => new ApiError(400, 'Bad Request: TOPIC_NOT_MODIFIED'),
  notAForum: () => new ApiError(400, 'Bad Request: the chat is not a forum'),
  noTopicRights: () => new ApiError(400, 'Bad Request: not enough rights to create a topic'),
  queryInvalid: () =>
    new ApiError(
      400,
      'Bad Request: query is too old and response timeout expired or query ID is invalid',
    ),
  conflictWebhook: () =>
    new ApiError(
      409,
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    ),
  /** @see https://core.telegram.org/bots/api#sendphoto (width + height ≤ 10000, ratio ≤ 20) */
  photoInvalidDimensions: () => new ApiError(400, 'Bad Request: PHOTO_INVALID_DIMENSIONS'),
  messageToDeleteNotFound: () => new ApiError(400, 'Bad Request: message to delete not found'),
  /** Older than 48 h, or someone else's message the bot has no right to delete. */
  messageCantBeDeleted: () =>
    new ApiError(400, "Bad Request: message can't be deleted for everyone"),
  badRequest: (what: string) => new ApiError(400, `Bad Request: ${what}`),
};

/** A fault a test scripts for the next calls of a method. */
export type Fault =
  | { kind: 'rate_limit'; retryAfter: number }
  | { kind: 'server_error'; status?: 500 | 502 }
  | { kind: 'error'; errorCode: number; description: string };

export function faultError(fault: Fault): ApiError {
  switch (fault.kind) {
    case 'rate_limit':
      return errors.tooManyRequests(fault.retryAfter);
    case 'server_error':
      return fault.status === 502 ? errors.badGateway() : errors.internal();
    case 'error':
      return new ApiError(fault.errorCode, fault.description);
  }
}
