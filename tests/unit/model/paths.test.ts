import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWithin, portableRelative } from '../../../src/model/paths.js';

describe('a file inside the workspace, on every system', () => {
  it.each([
    // A workspace at a drive root (a USB key): its own files are inside it.
    ['E:\\', 'E:\\images\\logo.png', true],
    ['E:\\', 'E:\\polices\\MaPolice.woff2', true],
    ['E:\\', 'E:\\', false],
    ['E:\\', 'F:\\images\\logo.png', false],
    ['E:\\lab', 'E:\\lab\\images\\logo.png', true],
    ['E:\\lab', 'E:\\lab2\\logo.png', false],
    ['E:\\lab', 'E:\\lab\\..\\secret.png', false],
    ['E:\\lab', 'E:\\lab\\..logo.png', true],
    ['C:\\Users\\Camille\\Lab', 'c:\\users\\camille\\lab\\images\\logo.png', true],
  ])('win32: %s holds %s: %s', (parent, child, inside) => {
    expect(isWithin(parent, child, path.win32)).toBe(inside);
  });

  it.each([
    ['/', '/images/logo.png', true],
    ['/home/camille/lab', '/home/camille/lab/images/logo.png', true],
    ['/home/camille/lab', '/home/camille/lab-2/logo.png', false],
    ['/home/camille/lab', '/home/camille/lab', false],
    ['/home/camille/lab', '/home/camille/lab/../secret.png', false],
  ])('posix: %s holds %s: %s', (parent, child, inside) => {
    expect(isWithin(parent, child, path.posix)).toBe(inside);
  });

  it.each([
    ['images\\logo.png', 'images/logo.png'],
    ['.\\polices\\MaPolice.woff2', './polices/MaPolice.woff2'],
    ['images/logo.png', 'images/logo.png'],
  ])('%s written on Windows is read as %s', (written, read) => {
    expect(portableRelative(written)).toBe(read);
  });
});
