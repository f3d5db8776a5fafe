/**
 * Path containment that holds at a drive root: `E:\` (a USB key on Windows)
 * contains `E:\images\logo.png`, although `E:\` + `\` is not a prefix of it.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Whether `child` is strictly inside `parent`, in the given path flavour (path.win32 in tests). */
export function isWithin(parent: string, child: string, flavour: path.PlatformPath = path): boolean {
  const relative = flavour.relative(flavour.resolve(parent), flavour.resolve(child));
  return relative !== '' && relative.split(/[\\/]/)[0] !== '..' && !flavour.isAbsolute(relative);
}

/** A path written in a lab's file on any system (`images\logo.png` on Windows) as every system reads it. */
export function portableRelative(written: string): string {
  return written.replace(/\\/g, '/');
}

/**
 * `relative` as it is spelled on the disk when it differs only by Unicode
 * normal form: macOS writes « é » as e + accent (NFD), editors and keyboards
 * elsewhere as one character (NFC); both look the same and must name the
 * same file. Unchanged when an entry is missing or already matches.
 */
export function onDiskRelative(root: string, relative: string): string {
  if (/^\p{ASCII}*$/u.test(relative)) return relative;
  const segments = relative.split('/');
  const found: string[] = [];
  for (const segment of segments) {
    let entries: string[];
    try {
      entries = readdirSync(path.join(root, ...found));
    } catch {
      return relative;
    }
    const wanted = segment.normalize('NFC');
    found.push(
      entries.includes(segment) ? segment : (entries.find((entry) => entry.normalize('NFC') === wanted) ?? segment),
    );
  }
  return found.join('/');
}
