import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWorkspaceFile } from '../../../src/model/load.js';
import { LOGO_EXTENSIONS } from '../../../src/model/schemas.js';
import { createWorkspace } from '../../../src/model/workspace.js';
import { createAssetResolver } from '../../../src/render/assets.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-ws-'));
mkdirSync(path.join(root, 'images'));
writeFileSync(path.join(root, 'images', 'logo.png'), 'png');
writeFileSync(path.join(root, 'images', 'notes.txt'), 'txt');
writeFileSync(path.join(root, 'images', 'Logo Lab.PNG'), 'png');
const outside = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-outside-'));
writeFileSync(path.join(outside, 'secret.png'), 'png');
symlinkSync(path.join(outside, 'secret.png'), path.join(root, 'images', 'lien.png'));

describe('files a lab points to', () => {
  it.each([
    ['images/logo.png', undefined],
    ['./images/logo.png', undefined],
    ['images/absent.png', /introuvable/],
    ['images/notes.txt', /type de fichier non pris en charge/],
    ['../outside/secret.png', /dans votre dossier de travail/],
    ['images/../../etc/passwd.png', /dans votre dossier de travail/],
    ['/etc/passwd', /chemin relatif attendu/],
    ['file:///etc/passwd', /chemin relatif attendu/],
    ['images/lien.png', /dans votre dossier de travail/],
    ['images', /type de fichier/],
    // Written on Windows, read on Linux and macOS.
    ['images\\logo.png', undefined],
    ['..\\outside\\secret.png', /dans votre dossier de travail/],
    // Near misses of a file's name: capitals, a space or a dash, a folder's capitals.
    [
      'images/logo lab.png',
      /^fichier introuvable : images\/logo lab\.png — vouliez-vous dire « images\/Logo Lab\.PNG » \?$/,
    ],
    ['Images/logo.png', /vouliez-vous dire « images\/logo\.png » \?$/],
    ['images/logo-lab.png', /vouliez-vous dire « images\/Logo Lab\.PNG » \?$/],
    ['images/tout-autre-nom.png', /^fichier introuvable : images\/tout-autre-nom\.png$/],
  ])('%s', (relative, problem) => {
    const result = checkWorkspaceFile(root, relative, LOGO_EXTENSIONS);
    if (problem) expect(result).toMatch(problem);
    else expect(result).toBeUndefined();
  });
});

describe('asset URLs a document may load', () => {
  const workspace = createWorkspace(root);
  const resolve = createAssetResolver(workspace, new Set(['images/logo.png']));
  const at = (pathname: string) => resolve(new URL(pathname, 'https://pgo-kit.invalid'));

  it.each([
    ['/templates/styles/base.css', /templates\/styles\/base\.css$/],
    ['/fonts/400Regular/SourceSans3_400Regular.ttf', /SourceSans3_400Regular\.ttf$/],
    ['/workspace/images/logo.png', /images\/logo\.png$/],
  ])('serves %s', (pathname, file) => {
    expect(at(pathname)).toMatch(file);
  });

  it.each([
    '/workspace/images/notes.txt',
    '/workspace/academies/x.yaml',
    '/templates/%2E%2E/package.json',
    '/fonts/%2E%2E/%2E%2E/package.json',
    '/etc/passwd',
    '/package.json',
  ])('refuses %s', (pathname) => {
    expect(at(pathname)).toBeUndefined();
  });

  it('refuses other origins', () => {
    expect(resolve(new URL('https://exemple.fr/templates/styles/base.css'))).toBeUndefined();
  });
});
