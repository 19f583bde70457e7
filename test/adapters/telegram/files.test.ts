import { Api, InputFile } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileFetcher, isPhoto } from '../../../src/adapters/telegram/files.ts';
import { TelegramEmulator } from '../../emulators/telegram/index.ts';
import { JPEG } from './harness.ts';

let emu: TelegramEmulator;
let api: Api;

beforeEach(async () => {
  emu = await TelegramEmulator.start();
  api = new Api(emu.token, { apiRoot: emu.apiRoot });
  emu.addUser({ id: 1, first_name: 'U' });
});
afterEach(async () => emu.stop());

async function uploadedFileId(): Promise<string> {
  const sent = await api.sendPhoto(1, new InputFile(JPEG, 'a.jpg'));
  return sent.photo.at(-1)!.file_id;
}

describe('fileFetcher', () => {
  it('downloads through getFile and the file path', async () => {
    expect(await fileFetcher(api, emu.apiRoot, emu.token)(await uploadedFileId())).toEqual(JPEG);
  });

  it('keeps the token out of a download error', async () => {
    const fetchFile = fileFetcher(api, 'http://127.0.0.1:1', emu.token);
    const err = await fetchFile(await uploadedFileId()).catch((e: unknown) => e as Error);
    expect([
      err instanceof Error,
      String((err as Error).message).includes(emu.token),
      (err as Error).cause,
    ]).toEqual([true, false, undefined]);
  });

  it('reports an HTTP failure by its status', async () => {
    const fetchFile = fileFetcher(api, emu.apiRoot, `${emu.token}x`);
    await expect(fetchFile(await uploadedFileId())).rejects.toThrow(
      'file download failed with HTTP 401',
    );
  });
});

describe('isPhoto', () => {
  it('sends JPEG, PNG and WebP as photos, anything else as a document', () => {
    const f = (mimeType: string) => ({ fileName: 'x', mimeType, bytes: new Uint8Array(1) });
    expect(
      ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/pdf'].map((m) =>
        isPhoto(f(m)),
      ),
    ).toEqual([true, true, true, false, false]);
  });

  it('sends an image over 10 MB as a document', () => {
    expect(
      isPhoto({
        fileName: 'big.png',
        mimeType: 'image/png',
        bytes: new Uint8Array(10 * 1024 * 1024 + 1),
      }),
    ).toBe(false);
  });
});
