import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { kitFiles, makeWorkspace, ROOT, runCliInProcess } from '../helpers/cli.js';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'invalid', 'academies');
const fixtures = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => name.replace(/\.yaml$/, ''));

describe('a build with a broken academy file', () => {
  const workspace = makeWorkspace({ 'academies/test.yaml': 'academie: Test\nthematiques: [sante]\n' });
  const kit = path.join(workspace, 'kits', 'test');
  let before: Record<string, Buffer> = {};
  const started = path.join(workspace, 'navigateur-demarre');
  const browser = path.join(workspace, 'navigateur.sh');
  writeFileSync(browser, `#!/bin/sh\ntouch '${started}'\nexec sleep 600\n`, { mode: 0o755 });

  beforeAll(async () => {
    expect((await runCliInProcess(['build', '--academie', 'test'], { cwd: workspace })).status).toBe(0);
    before = Object.fromEntries(kitFiles(kit).map((name) => [name, readFileSync(path.join(kit, name))]));
  });

  it.each(fixtures)('%s: exit 1, a located line, the earlier PDFs untouched', async (fixture) => {
    writeFileSync(path.join(workspace, 'academies', 'test.yaml'), readFileSync(path.join(FIXTURES, `${fixture}.yaml`)));
    // Refused before any rendering: the browser found by default is never started.
    const result = await runCliInProcess(['build', '--academie', 'test'], {
      cwd: workspace,
      env: { PUPPETEER_EXECUTABLE_PATH: browser },
    });
    expect(existsSync(started), 'browser started').toBe(false);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/^academies\/test\.yaml:\d+:\d+ +\S/m);
    expect(result.stderr).not.toMatch(/at .*\.js:\d+:\d+/);
    expect(kitFiles(kit).sort()).toEqual(Object.keys(before).sort());
    for (const [name, bytes] of Object.entries(before))
      expect(readFileSync(path.join(kit, name)).equals(bytes), name).toBe(true);
  });
});
