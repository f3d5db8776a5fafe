import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';

describe('bin/pgo-kit.js in a clone before npm ci', () => {
  it('says in French what to do, with no stack trace', () => {
    const clone = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-clone-'));
    cpSync(BIN, path.join(clone, 'bin', 'pgo-kit.js'));
    const result = spawnSync(
      process.execPath,
      [path.join(clone, 'bin', 'pgo-kit.js'), 'build', '--academie', 'limoges'],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^pgo-kit : le programme n’est pas encore compilé \(dossier dist\/ absent\)\.\n {2}Dans le dossier de pgo-kit \(.+\), lancez une fois : npm ci\n/,
    );
    expect(result.stderr).not.toMatch(/Error|at file:|node:internal/);
    rmSync(clone, { recursive: true, force: true });
  });
});
