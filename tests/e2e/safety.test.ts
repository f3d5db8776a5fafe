import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, kitFiles, makeWorkspace, pdfPages, runCli, squash } from '../helpers/cli.js';

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

describe('text from YAML is always text', () => {
  it('prints markup and script literally in the PDF', () => {
    const workspace = makeWorkspace({ 'academies/test.yaml': hostile });
    const result = runCli(['build', '--academie', 'test', '--html'], { cwd: workspace });
    expect(result.status, result.stderr).toBe(0);
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
  it('blocks requests to the network and to other files', () => {
    const workspace = makeWorkspace({
      'academies/test.yaml': 'academie: Test\nthematiques: [sante]\n',
      'templates/styles/deroule.css': [
        '@import url("https://exemple.invalid/distant.css");',
        // Chromium itself refuses file:// from a web origin; the rest is refused by pgo-kit.
        'body { background: url("file:///etc/passwd"); }',
        'h1 { background: url("/templates/%2e%2e/%2e%2e/etc/passwd"); }',
        'h2 { background: url("/templates/../package.json"); }',
      ].join('\n'),
    });
    const result = runCli(['build', '--academie', 'test', '--verbose'], { cwd: workspace });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain('requête bloquée : https://exemple.invalid/distant.css');
    expect(result.stderr).toMatch(/requête bloquée : https:\/\/pgo-kit\.invalid\/etc\/passwd/);
    expect(result.stderr).toMatch(/requête bloquée : https:\/\/pgo-kit\.invalid\/package\.json/);
  });

  it('names the template and line of a missing variable', () => {
    const workspace = makeWorkspace({
      'academies/test.yaml': 'academie: Test\n',
      'templates/conseils.hbs': '<!doctype html>\n<html lang="fr">\n<body>{{variable_inconnue}}</body>\n</html>\n',
    });
    const result = runCli(['build', '--academie', 'test'], { cwd: workspace });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^templates\/conseils\.hbs:3:\d+ +variable ou aide inconnue « variable_inconnue »/m);
    expect(existsSync(path.join(workspace, 'kits'))).toBe(false);
  });
});

describe('several academies in one build', () => {
  it('builds the valid ones, reports the others and exits 1', () => {
    const workspace = makeWorkspace({
      'academies/bonne.yaml': 'academie: Bonne\nthematiques: [sante]\n',
      'academies/mauvaise.yaml': 'academie: Mauvaise\nsession:\n  participants: 0\n',
    });
    const result = runCli(['build', '--academie', 'bonne', '--academie', 'mauvaise'], { cwd: workspace });
    expect(result.status).toBe(1);
    const written = kitFiles(path.join(workspace, 'kits/bonne'));
    expect(written.filter((name) => !name.startsWith('impression/'))).toEqual([
      '.pgo-kit.json',
      'conseils.pdf',
      'deroule.pdf',
      'envoi.pdf',
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
  it('leaves no browser, no partial file, and earlier PDFs intact', async () => {
    const workspace = makeWorkspace({});
    const child = spawn(process.execPath, [BIN, 'build', '--all', '--out', path.join(workspace, 'kits')], {
      cwd: path.dirname(path.dirname(BIN)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const firstAcademy = new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('→')) resolve();
      });
    });
    await firstAcademy;
    expect(browsersOf(child.pid!).length).toBeGreaterThan(0);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/Interrompu/);
    expect(browsersOf(child.pid!)).toEqual([]);
    const leftovers = readdirSync(path.join(workspace, 'kits'), { recursive: true })
      .map(String)
      .filter((name) => name.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
    const built = readdirSync(path.join(workspace, 'kits'));
    for (const slug of built) {
      const names = kitFiles(path.join(workspace, 'kits', slug));
      for (const name of names) {
        // Every file that exists is complete: the PDFs (print jobs included) and the kit's stamp, which lists all the others.
        const content = readFileSync(path.join(workspace, 'kits', slug, name));
        if (name === '.pgo-kit.json') expect(JSON.parse(content.toString()).files).toHaveLength(names.length - 1);
        else expect(content.subarray(-6).toString()).toMatch(/%%EOF/);
      }
    }
  });
});

describe('a lab’s own logo and font', () => {
  const FONTS = path.join(path.dirname(path.dirname(BIN)), 'node_modules', '@expo-google-fonts', 'source-sans-3');

  it('are printed when they are inside the workspace', () => {
    const workspace = makeWorkspace({
      'academies/test.yaml':
        'academie: Test\nthematiques: [sante]\nidentite:\n  logo: images/logo.png\n  police: "polices/Police d\'un lab.ttf"\n',
      'images/logo.png': readFileSync(path.join(FONTS, '400Regular', 'SourceSans3_400Regular.ttf.png')),
      "polices/Police d'un lab.ttf": readFileSync(path.join(FONTS, '200ExtraLight', 'SourceSans3_200ExtraLight.ttf')),
    });
    const result = runCli(['build', '--academie', 'test'], { cwd: workspace });
    expect(result.status, result.stderr).toBe(0);
    const fonts = execFileSync('pdffonts', [path.join(workspace, 'kits/test/deroule.pdf')], { encoding: 'utf8' });
    expect(fonts).toMatch(/SourceSans3-ExtraLight/);
    const images = execFileSync('pdfimages', ['-list', path.join(workspace, 'kits/test/supports.pdf')], {
      encoding: 'utf8',
    });
    expect(images.split('\n').filter((line) => /^\s+\d+\s+\d+\s+image/.test(line)).length).toBeGreaterThan(0);
  });

  it('are refused, located, when they point outside the workspace', () => {
    const workspace = makeWorkspace({
      'academies/test.yaml': 'academie: Test\nidentite:\n  logo: ../../etc/logo.png\n  police: /etc/passwd\n',
    });
    const result = runCli(['build', '--academie', 'test'], { cwd: workspace });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /academies\/test\.yaml:3:9 +identite\.logo : le fichier doit se trouver dans votre dossier de travail/,
    );
    expect(result.stderr).toMatch(/academies\/test\.yaml:4:11 +identite\.police : chemin relatif attendu/);
  });
});
