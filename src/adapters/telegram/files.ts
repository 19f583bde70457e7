/**
 * Files both ways. In: getFile, then the download path `${apiRoot}/file/bot<token>/<file_path>`
 * (grammY never downloads by itself; a local Bot API server in `--local` mode answers an absolute
 * path on its disk instead). Out: bytes we hold, uploaded as photos when Telegram can show them
 * inline, as documents otherwise; several files go as albums of up to 10.
 * @see https://core.telegram.org/bots/api#getfile
 * @see https://core.telegram.org/bots/api#sendmediagroup
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { InputFile, InputMediaBuilder, type Api } from 'grammy';
import type { Message } from 'grammy/types';
import type { OutboundFile } from '../../core/types.ts';
import { scrubSecrets } from '../../log.ts';

/** sendPhoto takes JPEG/PNG/WebP up to 10 MB; anything else goes as a document. */
const PHOTO_MIME = new Set(['image/jpeg', 'image/jpg', 'image/png', 'image/webp']);
const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
const ALBUM_MAX = 10;

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
      throw new Error(`file download failed: ${scrubSecrets(reason)}`);
    }
    if (!res.ok) throw new Error(`file download failed with HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };
}

export function isPhoto(file: OutboundFile): boolean {
  return PHOTO_MIME.has(file.mimeType.toLowerCase()) && file.bytes.length <= PHOTO_MAX_BYTES;
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
    if (group.length === 1) {
      const input = new InputFile(first.bytes, first.fileName);
      sent.push(
        isPhoto(first)
          ? await api.sendPhoto(chatId, input, { ...thread, ...captionOpts })
          : await api.sendDocument(chatId, input, { ...thread, ...captionOpts }),
      );
      continue;
    }
    // A group is all photos or all documents: Telegram refuses to mix documents with other media.
    const input = (file: OutboundFile) => new InputFile(file.bytes, file.fileName);
    const extra = (i: number) => (i === 0 ? captionOpts : {});
    const album = isPhoto(first)
      ? await api.sendMediaGroup(
          chatId,
          group.map((f, i) => InputMediaBuilder.photo(input(f), extra(i))),
          thread,
        )
      : await api.sendMediaGroup(
          chatId,
          group.map((f, i) => InputMediaBuilder.document(input(f), extra(i))),
          thread,
        );
    sent.push(...album);
  }
  return sent;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
