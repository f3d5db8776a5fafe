import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserVersion, checkFonts, checkNode, checkOutput } from '../../../src/cli/commands/doctor-run.js';

const folder = () => mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-doctor-'));

describe('pgo-kit doctor', () => {
  it.each([
    ['20.19.0', true],
    ['22.11.0', true],
    ['18.20.4', false],
  ])('Node.js %s is %s', (version, ok) => {
    const check = checkNode(version, 'linux');
    expect(check.ok).toBe(ok);
    expect(check.detail).toContain(version);
    if (!ok) expect(check.fix).toMatch(/nodejs\.org/);
  });

  it('finds an output folder writable, existing or to be created', () => {
    const root = folder();
    expect(checkOutput('kits', root)).toEqual({
      label: 'Dossier de sortie',
      ok: true,
      detail: 'kits (sera créé) : écriture possible',
    });
    expect(checkOutput('.', root).ok).toBe(true);
  });

  it('says when the output path is a file', () => {
    const root = folder();
    writeFileSync(path.join(root, 'kits'), '');
    const check = checkOutput('kits', root);
    expect(check.ok).toBe(false);
    expect(check.fix).toMatch(/--out/);
  });

  it('finds the fonts the templates load', () => {
    expect(checkFonts()).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/^Source Sans 3, 4 fichiers inclus/),
    });
  });

  it('reads the version of a Windows browser from the folder beside it', async () => {
    const root = folder();
    mkdirSync(path.join(root, '120.0.6099.110'));
    mkdirSync(path.join(root, '119.0.6045.200'));
    expect(await browserVersion(path.join(root, 'msedge.exe'), 'win32')).toBe('120.0.6099.110');
  });

  it('gives no version for a program that does not answer', async () => {
    expect(await browserVersion(path.join(folder(), 'absent'), 'linux')).toBeUndefined();
  });
});
