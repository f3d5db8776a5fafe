/**
 * Cheap checks that a lab's logo or font is what its name says, from its
 * size and first bytes: a renamed text file or a 40 MB photo is said at
 * `validate`, not discovered as an empty box in the printed kit.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';

/** A logo is printed a few centimetres wide: more than this is a mistake (and slows every document). */
export const MAX_LOGO_BYTES = 5 * 1024 * 1024;
export const MAX_FONT_BYTES = 10 * 1024 * 1024;
/** Wider or taller than this, an image is a photo, not a logo. */
const MAX_LOGO_PIXELS = 10_000;

function head(file: string, length: number): Buffer {
  const descriptor = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const read = readSync(descriptor, buffer, 0, length, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(descriptor);
  }
}

const megabytes = (bytes: number) =>
  `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;

/** Why `file` is not a usable logo, or undefined. */
export function logoProblem(file: string): string | undefined {
  const size = statSync(file).size;
  if (size > MAX_LOGO_BYTES)
    return `image trop lourde (${megabytes(size)}, ${megabytes(MAX_LOGO_BYTES)} au plus) : réduisez-la`;
  if (size === 0) return 'fichier vide : ce n’est pas une image';
  const bytes = head(file, 4096);
  const extension = path.extname(file).toLowerCase();
  const notImage = `ce fichier n’est pas une image ${extension.slice(1).toUpperCase()} lisible (son contenu ne correspond pas à son extension)`;
  switch (extension) {
    case '.png': {
      if (
        bytes.length < 24 ||
        bytes.toString('latin1', 0, 8) !== '\x89PNG\r\n\x1a\n' ||
        bytes.toString('latin1', 12, 16) !== 'IHDR'
      )
        return notImage;
      const width = bytes.readUInt32BE(16);
      const height = bytes.readUInt32BE(20);
      if (width === 0 || height === 0) return notImage;
      if (width > MAX_LOGO_PIXELS || height > MAX_LOGO_PIXELS)
        return `image trop grande (${width} × ${height} pixels, ${MAX_LOGO_PIXELS} au plus de côté) : réduisez-la`;
      return undefined;
    }
    case '.jpg':
    case '.jpeg':
      return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff ? undefined : notImage;
    case '.webp':
      return bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP'
        ? undefined
        : notImage;
    case '.svg':
      return /<svg[\s>]/i.test(bytes.toString('utf8')) ? undefined : notImage;
    default:
      return undefined;
  }
}

/** Why `file` is not a usable font, or undefined. */
export function fontProblem(file: string): string | undefined {
  const size = statSync(file).size;
  if (size > MAX_FONT_BYTES) return `police trop lourde (${megabytes(size)}, ${megabytes(MAX_FONT_BYTES)} au plus)`;
  const signature = head(file, 4).toString('latin1');
  const extension = path.extname(file).toLowerCase();
  const expected: Record<string, string[]> = {
    '.ttf': ['\x00\x01\x00\x00', 'true'],
    '.otf': ['OTTO', '\x00\x01\x00\x00'],
    '.woff': ['wOFF'],
    '.woff2': ['wOF2'],
  };
  const accepted = Object.hasOwn(expected, extension) ? expected[extension] : undefined;
  if (accepted && !accepted.includes(signature))
    return `ce fichier n’est pas une police ${extension.slice(1).toUpperCase()} lisible (son contenu ne correspond pas à son extension)`;
  return undefined;
}
