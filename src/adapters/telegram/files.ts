/**
 * Files both ways. In: getFile, then the download path `${apiRoot}/file/bot<token>/<file_path>`
 * (grammY never downloads by itself; a local Bot API server in `--local` mode answers an absolute
 * path on its disk instead). Out: bytes we hold, uploaded as photos when Telegram can show them
 * inline, as documents otherwise; several files go as albums of up to 10. A photo Telegram refuses
 * for its dimensions (a long scrolling screenshot) goes again as a document, once: the file still
 * arrives, and nothing upstream retries or re-creates anything for it.
 * @see https://core.telegram.org/bots/api#getfile
 * @see https://core.telegram.org/bots/api#sendphoto
 * @see https://core.telegram.org/bots/api#senddocument
 * @see https://core.telegram.org/bots/api#sendmediagroup
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { GrammyError, InputFile, InputMediaBuilder, type Api } from 'grammy';
import type { Message } from 'grammy/types';
import type { OutboundFile } from '../../core/types.ts';
import { scrubSecrets } from '../../log.ts';
import { fitsPhotoLimits } from './image.ts';

/**
 * sendPhoto takes JPEG/PNG/WebP up to 10 MB, width + height ≤ 10000, ratio ≤ 20
 * (https://core.telegram.org/bots/api#sendphoto); anything else goes as a document.
 */
const PHOTO_MIME = new Set(['image/jpeg', 'image/jpg', 'image/png', 'image/webp']);
const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
const ALBUM_MAX = 10;
/**
 * Telegram's answer to a photo outside its dimension limits: 400 "Bad Request:
 * PHOTO_INVALID_DIMENSIONS" (limits: https://core.telegram.org/bots/api#sendphoto).
 */
const PHOTO_REFUSED = /PHOTO_INVALID_DIMENSIONS/i;

export type FileFetcher = (fileId: string) => Promise<Uint8Array>;

export function fileFetcher(api: Api, apiRoot: string, token: string): FileFetcher {
  return async (fileId) => {
    const file = await api.getFile(fileId);
    if (!file.file_path) throw new Error(`getFile gave no file_path for ${fileId}`);
    if (isAbsolute(file.file_path)) return new Uint8Array(await readFile(file.file_path));
    // The URL holds the token: errors report the status or the network reason only, no cause.
    let res: Response;
    try {
      res = await fetch(`${apiRoot}/file/bot${token}/${file.file_path}`);
    } catch (err) {
      const reason =
        err instanceof Error && err.cause instanceof Error ? err.cause.message : 'network error';
      // No cause on purpose: fetch's own errors may quote the URL ("Failed to parse URL from …").
      // eslint-disable-next-line preserve-caught-error
      throw new Error(`file download failed: ${scrubSecrets(reason)}`);
    }
    if (!res.ok) throw new Error(`file download failed with HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };
}

/**
 * Sent as a photo: not sent to us as a file (a screenshot sent as a document stays one — a photo
 * is recompressed), and a type, size and (when we can read them) dimensions Telegram accepts.
 */
export function isPhoto(file: OutboundFile): boolean {
  return (
    !file.asFile &&
    PHOTO_MIME.has(file.mimeType.toLowerCase()) &&
    file.bytes.length <= PHOTO_MAX_BYTES &&
    fitsPhotoLimits(file.bytes)
  );
}

/** Telegram refused the image as a photo (its dimensions); as a document it goes through. */
export function isPhotoRefused(err: unknown): boolean {
  return (
    err instanceof GrammyError && err.error_code === 400 && PHOTO_REFUSED.test(err.description)
  );
}

export interface SendFilesOptions {
  threadId?: number;
  /** A caption for the first file (HTML when parseMode is set). */
  caption?: string;
  parseMode?: 'HTML';
}

/** Photos first (as one album per 10), then documents (likewise); a group of one is a single send. */
export async function sendFiles(
  api: Api,
  chatId: string,
  files: OutboundFile[],
  options: SendFilesOptions = {},
): Promise<Message[]> {
  const groups = [
    ...chunk(files.filter(isPhoto), ALBUM_MAX),
    ...chunk(
      files.filter((f) => !isPhoto(f)),
      ALBUM_MAX,
    ),
  ];
  const sent: Message[] = [];
  let caption = options.caption;
  const thread = options.threadId === undefined ? {} : { message_thread_id: options.threadId };
  for (const group of groups) {
    const captionOpts =
      caption === undefined
        ? {}
        : { caption, ...(options.parseMode ? { parse_mode: options.parseMode } : {}) };
    caption = undefined;
    const first = group[0]!;
    const input = (file: OutboundFile) => new InputFile(file.bytes, file.fileName);
    if (group.length === 1) {
      const asDocument = () =>
        api.sendDocument(chatId, input(first), { ...thread, ...captionOpts });
      sent.push(
        isPhoto(first)
          ? await api
              .sendPhoto(chatId, input(first), { ...thread, ...captionOpts })
              .catch(orAsDocument(asDocument))
          : await asDocument(),
      );
      continue;
    }
    // A group is all photos or all documents: Telegram refuses to mix documents with other media.
    const extra = (i: number) => (i === 0 ? captionOpts : {});
    const documents = () =>
      api.sendMediaGroup(
        chatId,
        group.map((f, i) => InputMediaBuilder.document(input(f), extra(i))),
        thread,
      );
    const album = isPhoto(first)
      ? await api
          .sendMediaGroup(
            chatId,
            group.map((f, i) => InputMediaBuilder.photo(input(f), extra(i))),
            thread,
          )
          // Telegram does not say which photo it refused: the whole album goes as documents.
          .catch(orAsDocument(documents))
      : await documents();
    sent.push(...album);
  }
  return sent;
}

/** A refused photo is sent once more as a document; any other error stands. */
function orAsDocument<T>(asDocument: () => Promise<T>): (err: unknown) => Promise<T> {
  return (err) => {
    if (!isPhotoRefused(err)) throw err;
    return asDocument();
  };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
