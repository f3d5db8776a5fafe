import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MessageSplitter, PipeTransport } from '../../../src/pdf/pipe-transport.js';

describe('NUL-ended DevTools messages', () => {
  it.each([
    ['one whole message', ['{"id":1}\0'], [['{"id":1}']]],
    ['two in one chunk', ['{"id":1}\0{"id":2}\0'], [['{"id":1}', '{"id":2}']]],
    ['one over three chunks', ['{"id"', ':1', '}\0'], [[], [], ['{"id":1}']]],
    ['the end of one and the start of the next', ['{"id":1}\0{"id"', ':2}\0'], [['{"id":1}'], ['{"id":2}']]],
    ['an empty message', ['\0'], [['']]],
  ])('%s', (_name, chunks, expected) => {
    const splitter = new MessageSplitter();
    expect(chunks.map((chunk) => splitter.push(Buffer.from(chunk)))).toEqual(expected);
  });

  it('decodes a character whose UTF-8 bytes straddle two chunks', () => {
    const bytes = Buffer.from('{"t":"é"}\0');
    const cut = bytes.indexOf(0xc3) + 1;
    const splitter = new MessageSplitter();
    expect([...splitter.push(bytes.subarray(0, cut)), ...splitter.push(bytes.subarray(cut))]).toEqual(['{"t":"é"}']);
  });
});

describe('the pipe transport', () => {
  it('sends each message NUL-ended, and hands over each one received', async () => {
    const toBrowser = new PassThrough();
    const fromBrowser = new PassThrough();
    const transport = new PipeTransport(toBrowser, fromBrowser);
    const received: string[] = [];
    transport.onmessage = (message) => received.push(message);
    transport.send('{"id":1,"method":"Browser.getVersion"}');
    expect(toBrowser.read()?.toString()).toBe('{"id":1,"method":"Browser.getVersion"}\0');
    fromBrowser.write('{"id":1,"result":{}}\0{"method":"Target.targetCreated"}\0');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(received).toEqual(['{"id":1,"result":{}}', '{"method":"Target.targetCreated"}']);
  });

  it('says once that the browser closed its end, and sends nothing after', async () => {
    const toBrowser = new PassThrough();
    const fromBrowser = new PassThrough();
    const transport = new PipeTransport(toBrowser, fromBrowser);
    let closes = 0;
    transport.onclose = () => closes++;
    fromBrowser.destroy();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(closes).toBe(1);
    transport.send('{"id":2}');
    expect(toBrowser.read()).toBeNull();
  });
});
