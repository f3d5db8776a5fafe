/**
 * The real CLI as a process, as runCli (tests/helpers/cli.ts) but awaited instead of blocking: for a run that
 * prints through a browser this test process holds (--navigateur-distant), whose new pages wait for this
 * process's Puppeteer to let them start, which a blocked event loop never does.
 */
import { spawn } from 'node:child_process';
import { BIN, oneJobUnlessGiven, ROOT, type CliResult } from './cli.js';

/** `env` is added to this process's variables. */
export function runCliAwaited(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...oneJobUnlessGiven(args)], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
