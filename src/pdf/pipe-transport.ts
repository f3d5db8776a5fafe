/**
 * DevTools messages over the pipe Chromium opens with --remote-debugging-pipe:
 * JSON texts, each ended by a NUL byte, in both directions. A
 * ConnectionTransport (Puppeteer's public interface for a custom link to a
 * browser) handed to puppeteer.connect().
 */
import type { ConnectionTransport } from 'puppeteer-core';

/** Splits a stream of NUL-ended messages; keeps the unfinished tail for the next chunk. Pure but for its buffer. */
export class MessageSplitter {
  private pending: Buffer[] = [];

  /** The messages this chunk completes, decoded whole (a UTF-8 character may straddle two chunks). */
  push(chunk: Buffer): string[] {
    if (!chunk.includes(0)) {
      this.pending.push(chunk);
      return [];
    }
    const data = Buffer.concat([...this.pending, chunk]);
    const messages: string[] = [];
    let start = 0;
    for (let end = data.indexOf(0); end !== -1; end = data.indexOf(0, start)) {
      messages.push(data.toString('utf8', start, end));
      start = end + 1;
    }
    this.pending = start < data.length ? [data.subarray(start)] : [];
    return messages;
  }
}

export class PipeTransport implements ConnectionTransport {
  onmessage?: (message: string) => void;
  onclose?: () => void;
  private closed = false;

  constructor(private readonly toBrowser: NodeJS.WritableStream, fromBrowser: NodeJS.ReadableStream) {
    const splitter = new MessageSplitter();
    fromBrowser.on('data', (chunk: Buffer) => {
      for (const message of splitter.push(chunk)) {
        // One message at a time, each in its own turn, as a WebSocket delivers them.
        setImmediate(() => this.onmessage?.(message));
      }
    });
    fromBrowser.once('close', () => this.end());
    // A browser gone mid-write: said by the close that follows, not as an uncaught error.
    fromBrowser.on('error', () => undefined);
    toBrowser.on('error', () => undefined);
  }

  send(message: string): void {
    if (this.closed) return;
    this.toBrowser.write(`${message}\0`);
  }

  /** Called by Puppeteer when it lets go of the browser: nothing more is sent. */
  close(): void {
    this.closed = true;
  }

  /** The browser closed its end (it quit or died). */
  private end(): void {
    this.closed = true;
    const onclose = this.onclose;
    this.onclose = undefined;
    onclose?.();
  }
}
