import { describe, expect, it } from 'vitest';
import { policyRefusal } from '../../../src/pdf/browser-policy.js';

const EDGE = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';

describe('a browser its administrator’s policy stopped', () => {
  it.each([
    [
      '[1206/091500.123:ERROR:chrome_main_delegate.cc(1001)] Headless mode is disallowed by the system admin.',
      /interdit de fonctionner sans fenêtre \(mode « headless »\)[\s\S]*stratégie HeadlessMode/,
    ],
    [
      'DevTools remote debugging is disallowed by the system admin.',
      /interdit d’être piloté par un programme \(débogage à distance\)[\s\S]*stratégie RemoteDebuggingAllowed/,
    ],
    // As Puppeteer's launch error quotes the browser's output.
    [
      'Failed to launch the browser process!\n[0101/000000.000000:ERROR:devtools] DevTools remote debugging is disallowed by the system admin.\n',
      /stratégie RemoteDebuggingAllowed/,
    ],
    ['Chrome for Testing is disallowed by the system admin.', /stratégie ChromeForTestingAllowed/],
  ])('is told what to ask IT: %s', (output, message) => {
    const said = policyRefusal(output, EDGE);
    expect(said).toMatch(message);
    expect(said).toMatch(
      /^le navigateur \(C:\\Program Files \(x86\)\\Microsoft\\Edge\\Application\\msedge\.exe\) est géré par votre administration/,
    );
    expect(said).toMatch(/Demandez au service informatique/);
    expect(said).toMatch(/--browser/);
    expect(said).not.toMatch(/délai/);
  });

  it.each([
    'browser exited (1) before answering\n[ERROR:gpu_init.cc] Passthrough is not supported',
    'no answer after 30000 ms',
    '',
  ])('says nothing of a policy otherwise: %j', (output) => {
    expect(policyRefusal(output, EDGE)).toBeUndefined();
  });
});
