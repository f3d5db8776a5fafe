import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removedAtEnd, removeMadeFolders } from '../helpers/cleanup.js';
import { kitFiles, makeWorkspace, ROOT, runCliInProcess } from '../helpers/cli.js';
import { copyKit, sharedKit, type SharedKit, SHARED_KIT_TIMEOUT } from '../helpers/shared-kits.js';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'invalid', 'academies');
const fixtures = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => name.replace(/\.yaml$/, ''));

/**
 * An earlier kit (a copy of the shared Limoges kit), then the lab's own academies/limoges.yaml, broken,
 * which wins over the package's: every build must stop at the file, before the browser, and leave the
 * earlier kit as it was.
 */
afterAll(removeMadeFolders);

describe('a build with a broken academy file', () => {
  const workspace = removedAtEnd(makeWorkspace({}));
  mkdirSync(path.join(workspace, 'academies'));
  let earlier: SharedKit;
  let before: Record<string, Buffer> = {};
  let mtimes: number[] = [];
  const started = path.join(workspace, 'navigateur-demarre');
  const browser = path.join(workspace, 'navigateur.sh');
  writeFileSync(browser, `#!/bin/sh\ntouch '${started}'\nexec sleep 600\n`, { mode: 0o755 });
  const files = () => kitFiles(earlier.folder);

  beforeAll(async () => {
    const kit = await sharedKit('limoges', { html: true });
    expect(kit.status, kit.stderr).toBe(0);
    earlier = copyKit(kit);
    before = Object.fromEntries(files().map((name) => [name, readFileSync(earlier.file(name))]));
    mtimes = files().map((name) => statSync(earlier.file(name)).mtimeMs);
  }, SHARED_KIT_TIMEOUT);

  /** Writes the lab's academy file and builds; refused before any rendering, the browser found by default is never started. */
  async function buildWith(text: string | Buffer) {
    writeFileSync(path.join(workspace, 'academies', 'limoges.yaml'), text);
    const result = await runCliInProcess(['build', '--academie', 'limoges', '--out', earlier.out, '--html'], {
      cwd: workspace,
      env: { PUPPETEER_EXECUTABLE_PATH: browser },
    });
    expect(existsSync(started), 'browser started').toBe(false);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).not.toMatch(/at .*\.js:\d+:\d+/);
    expect(files()).toEqual(Object.keys(before).sort());
    for (const [name, bytes] of Object.entries(before))
      expect(readFileSync(earlier.file(name)).equals(bytes), name).toBe(true);
    return result;
  }

  it.each(fixtures)('%s: exit 1, a located line, the earlier PDFs untouched', async (fixture) => {
    const result = await buildWith(readFileSync(path.join(FIXTURES, `${fixture}.yaml`)));
    expect(result.stderr).toMatch(/^academies\/limoges\.yaml:\d+:\d+ +\S/m);
  });

  it('a value of the wrong type: its line, column, key, expectation and value; the earlier files keep their bytes and their dates', async () => {
    const result = await buildWith('academie: Test\nsession:\n  participants: seize\n');
    expect(result.stderr).toMatch(
      /academies\/limoges\.yaml:3:17 +session\.participants : nombre entier attendu entre 1 et 200 \(reçu : "seize"\)/,
    );
    expect(files().map((name) => statSync(earlier.file(name)).mtimeMs)).toEqual(mtimes);
  });
});
