/**
 * A managed Chrome or Edge (a school's or a rectorat's computer) may be
 * forbidden, by its administrator's policy, to run without a window or to
 * be driven by a program: it then says so on its output and quits. What the
 * lab member can do is ask IT, or use another browser: say that, not « délai
 * dépassé ». Pure: reads the browser's last words (its stderr, or the launch
 * error that quotes them).
 */

/** What Chromium prints when a policy forbids what pgo-kit needs (chrome/app/chrome_main_delegate.cc and DevTools). */
const REFUSALS: { pattern: RegExp; what: string; policy: string }[] = [
  {
    pattern: /Headless mode is disallowed by the system admin/i,
    what: 'de fonctionner sans fenêtre (mode « headless »)',
    policy: 'HeadlessMode',
  },
  {
    pattern: /remote debugging is disallowed by the system admin/i,
    what: 'd’être piloté par un programme (débogage à distance)',
    policy: 'RemoteDebuggingAllowed',
  },
  {
    pattern: /Chrome for Testing is disallowed by the system admin/i,
    what: 'de lancer Chrome for Testing',
    policy: 'ChromeForTestingAllowed',
  },
];

/**
 * The French message for a browser its administrator's policy stopped, or
 * undefined when its output says nothing of the kind.
 */
export function policyRefusal(output: string, executablePath: string): string | undefined {
  const refusal = REFUSALS.find((candidate) => candidate.pattern.test(output));
  if (!refusal) return undefined;
  return [
    `le navigateur (${executablePath}) est géré par votre administration, qui lui interdit ${refusal.what} : pgo-kit ne peut pas s’en servir pour produire les PDF.`,
    `  Demandez au service informatique d’autoriser, pour ce poste, la stratégie ${refusal.policy} de Chrome ou d’Edge,`,
    '  ou indiquez un autre navigateur, non géré : pgo-kit build --browser <chemin> (par exemple Chromium installé dans votre dossier personnel).',
  ].join('\n');
}
