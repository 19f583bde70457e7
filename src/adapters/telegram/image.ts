/**
 * Width and height from an image's first bytes, without decoding it: enough to know before
 * uploading that Telegram would refuse the image as a photo.
 *
 * - PNG: the IHDR chunk comes first; width and height are big-endian 32-bit at bytes 16–23
 *   (https://www.w3.org/TR/png/#11IHDR).
 * - JPEG: the first SOFn segment (markers 0xC0–0xCF except C4, C8, CC) holds height then width,
 *   big-endian 16-bit, after its length and sample precision (ITU-T T.81, B.2.2:
 *   https://www.w3.org/Graphics/JPEG/itu-t81.pdf).
 */

export interface ImageSize {
  width: number;
  height: number;
}

/** Telegram's limits for a photo: width + height ≤ 10000, ratio ≤ 20. */
const PHOTO_MAX_SIDES_SUM = 10_000;
const PHOTO_MAX_RATIO = 20;

/** The image's size, or undefined when the bytes are neither a PNG nor a JPEG we can read. */
export function imageSize(bytes: Uint8Array): ImageSize | undefined {
  return pngSize(bytes) ?? jpegSize(bytes);
}

/**
 * False when Telegram would refuse the image as a photo: "The photo's width and height must not
 * exceed 10000 in total. Width and height ratio must be at most 20."
 * (https://core.telegram.org/bots/api#sendphoto). Unknown sizes pass: Telegram decides.
 */
export function fitsPhotoLimits(bytes: Uint8Array): boolean {
  const size = imageSize(bytes);
  if (!size) return true;
  const { width, height } = size;
  if (width <= 0 || height <= 0) return false;
  return (
    width + height <= PHOTO_MAX_SIDES_SUM &&
    Math.max(width, height) <= PHOTO_MAX_RATIO * Math.min(width, height)
  );
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** 'IHDR' in ASCII. */
const IHDR = [0x49, 0x48, 0x44, 0x52];

function pngSize(b: Uint8Array): ImageSize | undefined {
  if (b.length < 24 || !PNG_SIGNATURE.every((v, i) => b[i] === v)) return undefined;
  if (!IHDR.every((v, i) => b[12 + i] === v)) return undefined;
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
      pos += 1; // fill byte before a marker
      continue;
    }
    // Markers without a length field: TEM and RST0–RST7.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += 2;
      continue;
    }
    // End of image or start of scan before any frame header: nothing to read.
    if (marker === 0xd9 || marker === 0xda) return undefined;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) {
      if (pos + 8 >= b.length) return undefined;
      return { height: (b[pos + 5]! << 8) | b[pos + 6]!, width: (b[pos + 7]! << 8) | b[pos + 8]! };
    }
    const length = (b[pos + 2]! << 8) | b[pos + 3]!;
    if (length < 2) return undefined;
    pos += 2 + length;
  }
  return undefined;
}
