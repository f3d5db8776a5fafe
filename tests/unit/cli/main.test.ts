import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/main.js';
import type { Terminal } from '../../../src/cli/terminal.js';

const ROOT = path.resolve(__dirname, '../../..');

async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const terminal: Terminal = {
    out: (line) => {
      if (!terminal.quiet) out.push(line);
    },
    err: (line) => err.push(line),
    note: (line) => {
      if (!terminal.quiet) err.push(line);
    },
    verbose: false,
    quiet: false,
  };
  const code = await run(argv, terminal);
  return { code, out, err };
}

/** Words of commander's or Node's own English that must never reach a user. */
const ENGLISH =
  /\b(error|usage|unknown|missing|required|expected|display|did you mean|too many|default|commands?|the|for|not|and|of|is|with)\b|[a-z]:$/i;

describe('the command line guides in French', () => {
  it('says its version', async () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await cli('--version')).toEqual({ code: 0, out: [version], err: [] });
  });

  it('lists the commands it has when one is unknown', async () => {
    const { code, err } = await cli('fabriquer');
    expect(code).toBe(2);
    expect(err[0]).toMatch(
      /^pgo-kit : commande inconnue « fabriquer » \(commandes : build, preview, validate, list, init, schema, doctor/,
    );
  });

  it.each([
    [['help', 'inconnue'], /commande inconnue « inconnue »/],
    [['help', 'buil'], /commande inconnue « buil » — vouliez-vous dire « build » \?/],
    [['build', '--academy', 'limoges'], /option inconnue « --academy » — vouliez-vous dire « --academie » \?/],
    [['--couleur'], /option inconnue « --couleur »/],
    [['build', 'limoges'], /argument inattendu « limoges » — vouliez-vous dire --academie limoges \?/],
    [['build', '--html', 'limoge'], /vouliez-vous dire --academie limoges \?/],
    [['validate', 'Nantes'], /vouliez-vous dire --academie nantes \?/],
    [['build', '--academie', 'Nantes'], /identifiant d’académie invalide « Nantes » — vouliez-vous dire « nantes » \?/],
    [['build', '--academie', 'creteill'], /académie inconnue « creteill » — vouliez-vous dire « creteil » \?/],
    [['build', '--out'], /l’option « -o, --out <dossier> » attend une valeur/],
    [['init'], /argument manquant « slug »/],
    [['list', 'limoges'], /argument inattendu « limoges »/],
  ])('%j exits 2 with a French hint', async (argv, message) => {
    const { code, out, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('\n')).toMatch(message);
    for (const line of err) expect(line).not.toMatch(ENGLISH);
  });

  it.each([
    [[]],
    [['--help']],
    [['help']],
    [['build', '--help']],
    [['help', 'init']],
    [['init', '--help']],
    [['schema', '--help']],
    [['doctor', '--help']],
    [['validate', '--help']],
    [['list', '--help']],
  ])('help %j is in French', async (argv) => {
    const { out } = await cli(...argv);
    expect(out.join('\n')).toMatch(/Utilisation :/);
    for (const line of out)
      expect(line.replace(/--help|help \[commande\]|pgo-kit|<commande>/g, '')).not.toMatch(ENGLISH);
  });

  it.each([
    ['build', ['--academie <slug>', '--jobs <n>', '--navigateur-distant <ws>', '--watch']],
    ['restitution', ['[init]', '--academie <slug>', '--html', '--jobs <n>', '--navigateur-distant <ws>', '--force']],
    [
      'synthese',
      ['--out <dossier>', '--html', '--jobs <n>', '--browser <chemin>', '--navigateur-distant <ws>', '--force'],
    ],
    ['preview', ['--academie <slug>', '--port <numéro>']],
  ])('after a misuse of %s, the usage line names every option the command has', async (command, options) => {
    const { err } = await cli(command, '--option-inconnue');
    const usage = err.find((line) => line.startsWith('Utilisation : ')) ?? '';
    expect(usage).toMatch(new RegExp(`^Utilisation : pgo-kit ${command} `));
    for (const option of options) expect(usage).toContain(option);
  });

  it('every command’s help, whoever added the command, is in French', async () => {
    const { out } = await cli('--help');
    const commands =
      out
        .join('\n')
        .split('Commandes :')[1]
        ?.split('\n')
        .map((line) => /^ {2}([a-z-]+)/.exec(line)?.[1])
        .filter((name): name is string => Boolean(name) && name !== 'help') ?? [];
    expect(commands).toEqual(expect.arrayContaining(['build', 'validate', 'list', 'init', 'schema', 'doctor']));
    for (const command of commands) {
      const help = await cli(command, '--help');
      expect(help.code, command).toBe(0);
      for (const line of help.out) expect(line.replace(/--help|pgo-kit/g, ''), command).not.toMatch(ENGLISH);
    }
  });

  it('says nothing but errors with --quiet', async () => {
    expect(await cli('--quiet', 'validate', '--academie', 'limoges')).toEqual({ code: 0, out: [], err: [] });
    expect(await cli('validate', '--academie', 'limoges', '-q')).toEqual({ code: 0, out: [], err: [] });
    expect((await cli('validate', '--academie', 'limoges')).out).toHaveLength(1);
  });
});
