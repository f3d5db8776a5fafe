import { describe, expect, it } from 'vitest';
import { DEFAULT_DELAY_MS, delayInSeconds, parseDelay, readConfig } from '../../src/config.js';
import { remoteBrowser } from '../../src/cli/commands/printing.js';
import { UsageError } from '../../src/errors.js';

describe('the environment, read once', () => {
  it.each<[string | undefined, number]>([
    [undefined, DEFAULT_DELAY_MS],
    ['', DEFAULT_DELAY_MS],
    ['  ', DEFAULT_DELAY_MS],
    ['180', 180_000],
    ['2.5', 2_500],
    ['0', DEFAULT_DELAY_MS],
    ['-5', DEFAULT_DELAY_MS],
    ['beaucoup', DEFAULT_DELAY_MS],
  ])('PGO_KIT_DELAI=%j gives %i ms', (value, ms) => {
    expect(parseDelay(value)).toBe(ms);
  });

  it.each<[number, string]>([
    [60_000, '60 s'],
    [1_000, '1 s'],
    [1_500, '1,5 s'],
    [400, '0,4 s'],
    [250, '0,25 s'],
  ])('a delay of %i ms is said « %s » in messages', (ms, said) => {
    expect(delayInSeconds(ms)).toBe(said);
  });

  it('reads every variable pgo-kit knows', () => {
    expect(
      readConfig({
        PGO_KIT_DELAI: '5',
        PGO_KIT_NAVIGATEUR_DISTANT: 'ws://127.0.0.1:9222/x',
        SOURCE_DATE_EPOCH: '1796220000',
        PGO_KIT_PROFIL: '1',
      }),
    ).toEqual({
      delayMs: 5_000,
      remoteBrowser: 'ws://127.0.0.1:9222/x',
      sourceDate: new Date(1_796_220_000_000),
      profile: true,
    });
    expect(readConfig({})).toEqual({
      delayMs: DEFAULT_DELAY_MS,
      remoteBrowser: undefined,
      sourceDate: undefined,
      profile: false,
    });
  });

  it('refuses a SOURCE_DATE_EPOCH that is not a number of seconds', () => {
    expect(() => readConfig({ SOURCE_DATE_EPOCH: 'hier' })).toThrow(UsageError);
  });
});

describe('a remote browser and --browser', () => {
  it.each<[string | undefined, string | undefined, string | undefined, RegExp | string | undefined]>([
    [undefined, undefined, undefined, undefined],
    ['ws://127.0.0.1:9222/x', undefined, undefined, 'ws://127.0.0.1:9222/x'],
    [undefined, undefined, 'ws://hote:9222/x', 'ws://hote:9222/x'],
    // The option wins over the variable.
    ['ws://a:1/x', undefined, 'ws://b:2/x', 'ws://a:1/x'],
    ['ws://a:1/x', '/usr/bin/chromium', undefined, /--browser et --navigateur-distant s’excluent/],
    // The variable set in the shell is the conflict: said as such.
    [
      undefined,
      '/usr/bin/chromium',
      'ws://b:2/x',
      /--browser et la variable PGO_KIT_NAVIGATEUR_DISTANT s’excluent : retirez la variable/,
    ],
    [undefined, undefined, 'http://b:2/x', /la variable PGO_KIT_NAVIGATEUR_DISTANT attend une adresse ws:\/\//],
    ['localhost:9222', undefined, undefined, /--navigateur-distant attend une adresse ws:\/\//],
  ])('--navigateur-distant %j, --browser %j, variable %j', (flag, browser, variable, expected) => {
    const outcome = (() => {
      try {
        return remoteBrowser(flag, browser, variable);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as Error).message;
      }
    })();
    if (expected instanceof RegExp) expect(outcome).toMatch(expected);
    else expect(outcome).toBe(expected);
  });
});
