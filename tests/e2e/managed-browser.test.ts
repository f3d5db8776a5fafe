/**
 * A Chrome or Edge managed by an administrator who forbids headless mode or
 * remote debugging: the build says so and what to ask IT, not « délai de
 * démarrage dépassé ». The browser is a stand-in script that answers as
 * Chromium does under such a policy.
 */
import { chmodSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeMadeFolders } from '../helpers/cleanup.js';
import { madeWorkspace } from '../helpers/hostile.js';
import { runCliInProcess } from '../helpers/cli.js';

afterAll(removeMadeFolders);

describe('a browser its administrator’s policy stops', () => {
  it.each([
    ['Headless mode is disallowed by the system admin.', 'HeadlessMode'],
    ['DevTools remote debugging is disallowed by the system admin.', 'RemoteDebuggingAllowed'],
  ])('%s', async (words, policy) => {
    const workspace = madeWorkspace({
      'academies/test.yaml': 'academie: Test\nthematiques: [sante]\n',
      // Exit code 22: Chromium's RESULT_CODE_ACTION_DISALLOWED_BY_POLICY.
      'navigateur-gere': `#!/bin/sh\necho "[1206/091500.123456:ERROR:chrome_main_delegate.cc(1001)] ${words}" >&2\nexit 22\n`,
    });
    const browser = path.join(workspace, 'navigateur-gere');
    chmodSync(browser, 0o755);
    const result = await runCliInProcess(['build', '--academie', 'test', '--browser', browser], { cwd: workspace });
    expect(result.status).toBe(3);
    expect(result.stderr).toContain(`est géré par votre administration`);
    expect(result.stderr).toContain(
      `Demandez au service informatique d’autoriser, pour ce poste, la stratégie ${policy}`,
    );
    expect(result.stderr).not.toMatch(/délai/);
    expect(existsSync(path.join(workspace, 'kits', 'test'))).toBe(false);
  });
});
