/**
 * Path containment that holds at a drive root: `E:\` (a USB key on Windows)
 * contains `E:\images\logo.png`, although `E:\` + `\` is not a prefix of it.
 */
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
