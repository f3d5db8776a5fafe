import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeMadeFolders } from '../helpers/cleanup.js';
import { madeWorkspace } from '../helpers/hostile.js';
import { BIN, kitFiles, pdfPages, ROOT, runCliInProcess, squash, type CliResult } from '../helpers/cli.js';
import { copyKit, sharedKit } from '../helpers/shared-kits.js';

afterAll(removeMadeFolders);

const hostile = [
  'academie: Test',
  'thematiques: [piege]',
  'themes_locaux:',
  '  - id: piege',
  '    titre: "<script>document.title=1</script>Titre"',
  '    theme_pgo: "<iframe src=\'file:///etc/passwd\'></iframe>"',
  '    description: "<img src=x onerror=alert(1)> {{academie.nom}} &amp;"',
  '    questions: ["<b>gras</b> ?"]',
  '',
].join('\n');

/**
 * One build serves the cases below that need printed PDFs: the academy with
 * markup in its texts, a lab's stylesheet asking for the network and for
 * files outside, the lab's own logo and font, and an invalid academy beside
 * it. It is made once, by the CLI's run() in this process (nothing here is
 * about pgo-kit's own process but Ctrl-C).
 */
const FONTS = path.join(ROOT, 'node_modules', '@expo-google-fonts', 'source-sans-3');
let shared: Promise<{ workspace: string; result: CliResult }> | undefined;
function sharedBuild(): Promise<{ workspace: string; result: CliResult }> {
  shared ??= (async () => {
    const workspace = madeWorkspace({
      'academies/test.yaml': `${hostile}identite:\n  logo: images/logo.png\n  police: "polices/Police d'un lab.ttf"\n`,
      'academies/mauvaise.yaml': 'academie: Mauvaise\nsession:\n  participants: 0\n',
      'images/logo.png': readFileSync(path.join(FONTS, '400Regular', 'SourceSans3_400Regular.ttf.png')),
      "polices/Police d'un lab.ttf": readFileSync(path.join(FONTS, '200ExtraLight', 'SourceSans3_200ExtraLight.ttf')),
      'templates/styles/deroule.css': [
        '@import url("https://exemple.invalid/distant.css");',
        // Chromium itself refuses file:// from a web origin; the rest is refused by pgo-kit.
        'body { background: url("file:///etc/passwd"); }',
        'h1 { background: url("/templates/%2e%2e/%2e%2e/etc/passwd"); }',
        'h2 { background: url("/templates/../package.json"); }',
      ].join('\n'),
    });
    const result = await runCliInProcess(
      ['build', '--academie', 'test', '--academie', 'mauvaise', '--html', '--verbose'],
      { cwd: workspace },
    );
    return { workspace, result };
  })();
  return shared;
}

describe('text from YAML is always text', () => {
  it('prints markup and script literally in the PDF', async () => {
    const { workspace, result } = await sharedBuild();
    expect(existsSync(path.join(workspace, 'kits/test/.pgo-kit.json')), result.stderr).toBe(true);
    // Warnings only (what its family documents lack): no error for this academy.
    const errors = result.stderr
      .split('\n')
      .filter((line) => line.startsWith('academies/test.yaml') && !/^\S+\s+attention : /.test(line));
    expect(errors).toEqual([]);
    const poster = squash(pdfPages(path.join(workspace, 'kits/test/supports.pdf'))[0] ?? '');
    expect(poster).toContain(squash('<script>document.title=1</script>Titre'));
    expect(poster).toContain(squash("<iframe src='file:///etc/passwd'></iframe>"));
    expect(poster).toContain(squash('<img src=x onerror=alert(1)> {{academie.nom}} &amp;'));
    expect(poster).toContain(squash('<b>gras</b> ?'));
    const html = readFileSync(path.join(workspace, 'kits/test/supports.html'), 'utf8');
    expect(html).not.toMatch(/<script>|<iframe|<img src=x/);
  });
});

describe('documents load nothing but the package’s assets', () => {
  it('blocks requests to the network and to other files', async () => {
    const { workspace, result } = await sharedBuild();
    expect(existsSync(path.join(workspace, 'kits/test/deroule.pdf')), result.stderr).toBe(true);
    expect(result.stderr).toContain('requête bloquée : https://exemple.invalid/distant.css');
    expect(result.stderr).toMatch(/requête bloquée : https:\/\/pgo-kit\.invalid\/etc\/passwd/);
    expect(result.stderr).toMatch(/requête bloquée : https:\/\/pgo-kit\.invalid\/package\.json/);
  });

  it('names the template and line of a missing variable', async () => {
    const workspace = madeWorkspace({
      'academies/test.yaml': 'academie: Test\n',
      'templates/conseils.hbs': '<!doctype html>\n<html lang="fr">\n<body>{{variable_inconnue}}</body>\n</html>\n',
    });
    const result = await runCliInProcess(['build', '--academie', 'test'], { cwd: workspace });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^templates\/conseils\.hbs:3:\d+ +variable ou aide inconnue « variable_inconnue »/m);
    expect(existsSync(path.join(workspace, 'kits'))).toBe(false);
  });
});

describe('several academies in one build', () => {
  it('builds the valid ones, reports the others and exits 1', async () => {
    const { workspace, result } = await sharedBuild();
    expect(result.status).toBe(1);
    const written = kitFiles(path.join(workspace, 'kits/test'));
    expect(written.filter((name) => !name.startsWith('impression/'))).toEqual([
      '.pgo-kit.json',
      'conseils.html',
      'conseils.pdf',
      'deroule.html',
      'deroule.pdf',
      'envoi.html',
      'envoi.pdf',
      'supports.html',
      'supports.pdf',
    ]);
    expect(written.filter((name) => name.startsWith('impression/')).length).toBeGreaterThan(0);
    expect(existsSync(path.join(workspace, 'kits/mauvaise'))).toBe(false);
    expect(result.stderr).toMatch(/academies\/mauvaise\.yaml:3:17 +session\.participants/);
    expect(result.stderr).toMatch(/mauvaise : 1 erreur\(s\), rien n’a été écrit/);
  });
});

function browsersOf(pid: number): string[] {
  const table = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return table.split('\n').filter((line) => line.includes(`pgo-kit-chrome-${pid}-`));
}

describe('Ctrl-C in the middle of a build', () => {
  // A real process: the point is the signal, its exit code and the browser it must take with it.
  it('leaves no browser, no partial file, and earlier PDFs intact', async () => {
    // An earlier kit of Limoges (a copy of the run's shared kit, made with --html), made again without --html after
    // Créteil's: interrupted once the first document is printed, long before Limoges' four are.
    const kit = await sharedKit('limoges', { html: true });
    expect(kit.status, kit.stderr).toBe(0);
    const earlier = copyKit(kit);
    const before = Object.fromEntries(kitFiles(earlier.folder).map((name) => [name, readFileSync(earlier.file(name))]));
    expect(Object.keys(before)).toContain('deroule.pdf');
    const child = spawn(
      process.execPath,
      [BIN, 'build', '--academie', 'creteil', '--academie', 'limoges', '--out', earlier.out, '--verbose'],
      { cwd: path.dirname(path.dirname(BIN)), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    const firstDocument = new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (/ : \S+\.pdf imprimé$/m.test(stderr)) resolve();
      });
    });
    await firstDocument;
    expect(browsersOf(child.pid!).length).toBeGreaterThan(0);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/Interrompu/);
    expect(browsersOf(child.pid!)).toEqual([]);
    const leftovers = readdirSync(earlier.out, { recursive: true })
      .map(String)
      .filter((name) => name.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
    // The earlier kit as it was, byte for byte.
    expect(kitFiles(earlier.folder)).toEqual(Object.keys(before).sort());
    for (const [name, bytes] of Object.entries(before))
      expect(readFileSync(earlier.file(name)).equals(bytes), name).toBe(true);
    for (const slug of readdirSync(earlier.out)) {
      const names = kitFiles(path.join(earlier.out, slug));
      for (const name of names) {
        // Every file that exists is complete: the PDFs (print jobs included) and the kit's stamp, which lists all the others.
        const content = readFileSync(path.join(earlier.out, slug, name));
        if (name === '.pgo-kit.json') expect(JSON.parse(content.toString()).files).toHaveLength(names.length - 1);
        else if (name.endsWith('.pdf')) expect(content.subarray(-6).toString()).toMatch(/%%EOF/);
      }
    }
  });
});

describe('a lab’s own logo and font', () => {
  it('are printed when they are inside the workspace', async () => {
    const { workspace, result } = await sharedBuild();
    expect(existsSync(path.join(workspace, 'kits/test/deroule.pdf')), result.stderr).toBe(true);
    const fonts = execFileSync('pdffonts', [path.join(workspace, 'kits/test/deroule.pdf')], { encoding: 'utf8' });
    expect(fonts).toMatch(/SourceSans3-ExtraLight/);
    const images = execFileSync('pdfimages', ['-list', path.join(workspace, 'kits/test/supports.pdf')], {
      encoding: 'utf8',
    });
    expect(images.split('\n').filter((line) => /^\s+\d+\s+\d+\s+image/.test(line)).length).toBeGreaterThan(0);
  });

  it('are refused, located, when they point outside the workspace', async () => {
    const workspace = madeWorkspace({
      'academies/test.yaml': 'academie: Test\nidentite:\n  logo: ../../etc/logo.png\n  police: /etc/passwd\n',
    });
    const result = await runCliInProcess(['build', '--academie', 'test'], { cwd: workspace });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /academies\/test\.yaml:3:9 +identite\.logo : le fichier doit se trouver dans votre dossier de travail/,
    );
    expect(result.stderr).toMatch(/academies\/test\.yaml:4:11 +identite\.police : chemin relatif attendu/);
  });
});
