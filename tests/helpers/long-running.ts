/** A pgo-kit command that keeps running (preview, build --watch): its output awaited line by line, its exit awaited. */
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN, oneJobUnlessGiven } from './cli.js';

export interface LongRunning {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the match once the stream's text (from `from` on) matches; rejects after `timeoutMs` or on exit. */
  waitFor(
    stream: 'stdout' | 'stderr',
    pattern: RegExp,
    options?: { from?: number; timeoutMs?: number },
  ): Promise<RegExpMatchArray>;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

export function startCli(args: string[], cwd: string): LongRunning {
  const child = spawn(process.execPath, [BIN, ...oneJobUnlessGiven(args)], {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const text = { stdout: '', stderr: '' };
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    text.stdout += chunk;
    notify();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    text.stderr += chunk;
    notify();
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      resolve(code);
      notify();
    });
  });
  return {
    child,
    stdout: () => text.stdout,
    stderr: () => text.stderr,
    exited,
    waitFor(stream, pattern, { from = 0, timeoutMs = 30_000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = text[stream].slice(from).match(pattern);
          if (match) {
            done();
            resolve(match);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            done();
            reject(
              new Error(`process ended before ${pattern} appeared.\nstdout: ${text.stdout}\nstderr: ${text.stderr}`),
            );
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(
            new Error(
              `${pattern} did not appear within ${timeoutMs} ms.\nstdout: ${text.stdout}\nstderr: ${text.stderr}`,
            ),
          );
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    async stop(signal = 'SIGINT') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
