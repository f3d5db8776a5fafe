import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeMadeFolders, removedAtEnd } from '../helpers/cleanup.js';
import { findBrowser } from '../../src/pdf/find-browser.js';
import { madeWorkspace } from '../helpers/hostile.js';
import { pdfInfo, pdfText, ROOT, runCliInProcess, type CliResult } from '../helpers/cli.js';

afterAll(removeMadeFolders);

/** A Chromium of the test's own, listening on 127.0.0.1 on a port it picks; its address is read from its stderr. */
async function startRemoteBrowser(): Promise<{ child: ChildProcess; endpoint: string; profile: string }> {
  const { executablePath } = await findBrowser({});
  const profile = removedAtEnd(mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-remote-')));
  const child = spawn(
    executablePath,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--remote-debugging-address=127.0.0.1',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`no DevTools address:\n${seen}`)), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const found = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    child.on('exit', () => reject(new Error(`browser ended:\n${seen}`)));
  });
  return { child, endpoint, profile };
}

// The CLI's run() in this process: what is tested is the remote browser's use, not pgo-kit's own process.
describe('printing through a browser that is already running (--navigateur-distant)', () => {
  let remote: Awaited<ReturnType<typeof startRemoteBrowser>>;
  const out = removedAtEnd(mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-remote-out-')));
  let byFlag: CliResult;
  let byVariable: CliResult;
  let pagesAfter: { url: string }[];
  // Limoges with one of its four themes (its own): the remote browser's use is the point, not the kit's size.
  const limoges = readFileSync(path.join(ROOT, 'academies', 'limoges.yaml'), 'utf8');
  const smaller = limoges.replace(/^thematiques: \[.*\]$/m, 'thematiques: [numerique-responsable]');

  beforeAll(async () => {
    expect(smaller).not.toBe(limoges);
    remote = await startRemoteBrowser();
    // No local browser to be found: a run that did not print through the remote one would fail (« navigateur introuvable »).
    const noLocalBrowser = { PUPPETEER_EXECUTABLE_PATH: '/nulle/part/chrome' };
    byFlag = await runCliInProcess(
      ['build', '--academie', 'limoges', '--out', out, '--navigateur-distant', remote.endpoint],
      { cwd: madeWorkspace({ 'academies/limoges.yaml': smaller }), env: noLocalBrowser },
    );
    // The synthesis of one restitution (one PDF): reading the variable is the point, not a second kit.
    byVariable = await runCliInProcess(['synthese', '--out', out], {
      cwd: madeWorkspace({
        'restitutions/limoges.yaml': readFileSync(path.join(ROOT, 'restitutions', 'limoges.yaml')),
      }),
      env: { ...noLocalBrowser, PGO_KIT_NAVIGATEUR_DISTANT: remote.endpoint },
    });
    const port = new URL(remote.endpoint).port;
    pagesAfter = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { url: string }[];
  }, 180_000);

  afterAll(async () => {
    if (!remote) return;
    const { child, profile } = remote;
    // Chromium's helpers may still be writing into the profile until the main process is gone.
    const ended =
      child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await ended;
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  });

  it('prints the kit with the remote browser', () => {
    expect(byFlag.status, byFlag.stderr).toBe(0);
    const deroule = path.join(out, 'limoges', 'deroule.pdf');
    expect(pdfText(deroule)).toContain('Académie de Limoges');
    const info = pdfInfo(deroule);
    expect(info.Tagged).toBe('yes');
    expect(info.Author).toBe('Lab’Lim');
  });

  it('reads the address from PGO_KIT_NAVIGATEUR_DISTANT too', () => {
    expect(byVariable.status, byVariable.stderr).toBe(0);
    expect(pdfText(path.join(out, 'synthese.pdf'))).toContain('Synthèse des ateliers');
  });

  it('leaves the browser running, without our pages', () => {
    expect(remote.child.exitCode).toBeNull();
    expect(remote.child.signalCode).toBeNull();
    expect(pagesAfter.filter((page) => page.url.includes('pgo-kit'))).toEqual([]);
  });

  it('says in French when the browser cannot be reached (exit 3)', async () => {
    const result = await runCliInProcess(
      [
        'build',
        '--academie',
        'limoges',
        '--out',
        out,
        '--force',
        '--navigateur-distant',
        'ws://127.0.0.1:9/devtools/browser/absent',
      ],
      { cwd: madeWorkspace({ 'academies/limoges.yaml': smaller }) },
    );
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(
      /navigateur distant injoignable \(ws:\/\/127\.0\.0\.1:9\/devtools\/browser\/absent\)/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [['--navigateur-distant', 'http://127.0.0.1:9222'], /adresse ws:\/\/… ou wss:\/\/…/],
    [['--navigateur-distant', 'ws://127.0.0.1:9222', '--browser', '/usr/bin/chromium'], /s’excluent/],
  ])('refuses %j as a usage error', async (args, message) => {
    const result = await runCliInProcess(['build', '--academie', 'limoges', '--out', out, ...args]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
