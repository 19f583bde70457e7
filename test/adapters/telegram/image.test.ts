import { describe, expect, it } from 'vitest';
import { fitsPhotoLimits, imageSize } from '../../../src/adapters/telegram/image.ts';
import { jpegOfSize, pngOfSize } from '../../emulators/telegram/index.ts';
import { JPEG, PNG } from './harness.ts';

describe('imageSize', () => {
  it('reads a PNG from its IHDR and a JPEG from its frame header', () => {
    expect([imageSize(pngOfSize(1170, 2532)), imageSize(jpegOfSize(4032, 3024))]).toEqual([
      { width: 1170, height: 2532 },
      { width: 4032, height: 3024 },
    ]);
  });

  it('knows nothing of bytes without a readable header', () => {
    expect([imageSize(JPEG), imageSize(PNG), imageSize(new Uint8Array())]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('fitsPhotoLimits (width + height ≤ 10000, ratio ≤ 20)', () => {
  it.each([
    [1170, 2532, true],
    [5000, 5000, true],
    [5000, 5001, false],
    [1080, 12_000, false],
    [100, 2000, true],
    [100, 2001, false],
  ])('%i × %i → %s', (w, h, ok) => {
    expect([fitsPhotoLimits(pngOfSize(w, h)), fitsPhotoLimits(jpegOfSize(h, w))]).toEqual([ok, ok]);
  });

  it('lets an image of unknown size through (Telegram decides)', () => {
    expect(fitsPhotoLimits(JPEG)).toBe(true);
  });
});
