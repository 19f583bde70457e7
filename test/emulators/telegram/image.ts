/**
 * Image dimensions from the uploaded bytes, the way the emulator needs them: to refuse a photo
 * Telegram would refuse, and to report a photo's real width and height. Written for the emulator on
 * purpose (not imported from the adapter), so a mistake in the adapter's reader cannot hide itself.
 *
 * - PNG: the IHDR chunk comes first; width and height are big-endian 32-bit at bytes 16–23.
 *   @see https://www.w3.org/TR/png/#11IHDR
 * - JPEG: the first SOFn segment (0xFFC0–0xFFCF except C4, C8, CC) holds height then width,
 *   big-endian 16-bit, after the segment length and the sample precision.
 *   @see https://www.w3.org/Graphics/JPEG/itu-t81.pdf (B.2.2)
 */
export interface ImageSize {
  width: number;
  height: number;
}

export function imageSize(bytes: Uint8Array): ImageSize | undefined {
  return pngSize(bytes) ?? jpegSize(bytes);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngSize(b: Uint8Array): ImageSize | undefined {
  if (b.length < 24 || !PNG_SIGNATURE.every((v, i) => b[i] === v)) return undefined;
  if (String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!) !== 'IHDR') return undefined;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function jpegSize(b: Uint8Array): ImageSize | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  let pos = 2;
  while (pos + 3 < b.length) {
    if (b[pos] !== 0xff) return undefined;
    const marker = b[pos + 1]!;
    if (marker === 0xff) {
      pos++; // fill byte
      continue;
    }
    // Markers without a length: TEM, RST0–7.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // end of image / start of scan
    const length = (b[pos + 2]! << 8) | b[pos + 3]!;
    const isSof = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isSof) {
      if (pos + 8 >= b.length) return undefined;
      return {
        height: (b[pos + 5]! << 8) | b[pos + 6]!,
        width: (b[pos + 7]! << 8) | b[pos + 8]!,
      };
    }
    if (length < 2) return undefined;
    pos += 2 + length;
  }
  return undefined;
}

/**
 * Telegram refuses a photo whose width and height exceed 10000 in total, or whose sides differ
 * more than 20 times (answering 400 PHOTO_INVALID_DIMENSIONS).
 * @see https://core.telegram.org/bots/api#sendphoto
 */
export function photoDimensionsOk(size: ImageSize): boolean {
  const { width, height } = size;
  if (width <= 0 || height <= 0) return false;
  return width + height <= 10_000 && Math.max(width, height) / Math.min(width, height) <= 20;
}

// ─── test images ────────────────────────────────────────────────────────────────────────────────

/**
 * The head of a PNG of the given size: signature and IHDR (8-bit RGBA), then a few bytes. Enough
 * for anything that reads the header (the emulator, the adapter, the core's type sniffing).
 */
export function pngOfSize(width: number, height: number): Uint8Array {
  const b = Buffer.alloc(8 + 25 + 8);
  Buffer.from(PNG_SIGNATURE).copy(b, 0);
  b.writeUInt32BE(13, 8); // IHDR data length
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b.writeUInt8(8, 24); // bit depth
  b.writeUInt8(6, 25); // colour type: RGBA
  return new Uint8Array(b);
}

/** The head of a baseline JPEG of the given size: SOI, an APP0 segment, then SOF0. */
export function jpegOfSize(width: number, height: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof0 = [0xff, 0xc0, 0, 11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof0, 1, 0x11, 0, 0xff, 0xd9]);
}
