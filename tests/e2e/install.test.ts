/**
 * A lab's path from the package's tarball to a printed kit, as the README
 * says for an account without administrator rights: `npm pack`, then
 * `npm config set prefix ~/.npm-global`, the PATH line, `npm install -g
 * <tarball>`, and the installed command, found through PATH, from an empty
 * working folder and from the home folder (which holds the npm prefix).
 *
 * The tarball is packed from the code `npm test` has just compiled (checked
 * fresh below: no older than src/ and tsconfig.json), with only the files a
 * fresh compile writes, rather than compiled again by `prepack`
 * (scripts/compile.mjs --fresh, a full tsc of ~15 s of CPU); the templates
 * precompiled by prepack's own second step, scripts/precompile-templates.mjs:
 * the file `npm run build` made with it when no template changed since, else
 * made again in the package's copy.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText, ROOT, squash } from '../helpers/cli.js';

const made: string[] = [];
const temporary = (name: string) => {
  const folder = mkdtempSync(path.join(os.tmpdir(), `pgo-kit-${name}-`));
  made.push(folder);
  return folder;
};
afterAll(() => {
  for (const folder of made) rmSync(folder, { recursive: true, force: true });
});

const files = (folder: string) =>
  readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) =>
    statSync(path.join(folder, name)).isFile(),
  );
const mtime = (file: string) => statSync(file).mtimeMs;

/**
 * The compiled code of dist/ as `prepack` (scripts/compile.mjs --fresh) would leave it: the output of each
 * source file, nothing stale; throws when a file is older than its source. The precompiled templates are
 * made apart (see the stage below).
 */
function freshCompiledCode(): string[] {
  const dist = path.join(ROOT, 'dist');
  const stale: string[] = [];
  const shipped: string[] = [];
  const tsconfig = mtime(path.join(ROOT, 'tsconfig.json'));
  for (const name of files(dist)) {
    const output = path.join(dist, name);
    const stem = /^(.*)\.(js|d\.ts)(\.map)?$/.exec(name)?.[1];
    const source = stem === undefined ? undefined : path.join(ROOT, 'src', `${stem}.ts`);
    if (!source || !existsSync(source)) continue; // Left by a source since removed: a fresh compile has no such file.
    if (mtime(source) > mtime(output) || tsconfig > mtime(output)) stale.push(name);
    shipped.push(name);
  }
  if (stale.length > 0 || !shipped.includes(path.join('cli', 'main.js')))
    throw new Error(`dist/ is older than its sources (run npm run build): ${stale.slice(0, 5).join(', ')}`);
  return shipped;
}

const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('installed from its tarball into a user prefix (~/.npm-global), as the README says', () => {
  const home = temporary('home');
  const prefix = path.join(home, '.npm-global');
  const lab = temporary('lab');
  const installed = path.join(prefix, 'lib', 'node_modules', 'pgo-kit');
  // The machine's npm cache, so that the install needs no network the test machine may not have (npm test gives it).
  const cache =
    process.env.npm_config_cache ??
    execFileSync(npm, ['config', 'get', 'cache'], { env: cleanEnv(), encoding: 'utf8' }).trim();
  /** The account's environment: its own HOME (and so ~/.npmrc), and the README's PATH line. */
  const userEnv = () => ({
    ...cleanEnv(),
    HOME: home,
    npm_config_cache: cache,
    PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
  });
  let installLog = '';

  const pgoKitIn = (cwd: string, ...args: string[]) => {
    // By its name, through PATH, as a lab member types it.
    const result = spawnSync('pgo-kit', args, { cwd, encoding: 'utf8', env: userEnv(), timeout: 120_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const pgoKit = (...args: string[]) => pgoKitIn(lab, ...args);

  beforeAll(() => {
    // Pack a copy: the package's files, and dist/ as a fresh compile leaves it, already compiled (see above).
    const stage = temporary('stage');
    for (const entry of [
      'package.json',
      'README.md',
      'LICENSE',
      'bin',
      'themes',
      'agendas',
      'academies',
      'templates',
      'schemas',
      'restitutions',
    ]) {
      cpSync(path.join(ROOT, entry), path.join(stage, entry), { recursive: true });
    }
    for (const name of freshCompiledCode()) {
      mkdirSync(path.dirname(path.join(stage, 'dist', name)), { recursive: true });
      cpSync(path.join(ROOT, 'dist', name), path.join(stage, 'dist', name));
    }
    // prepack's second step: the templates precompiled next to the compiled code. Its output depends on the
    // templates' text alone, so the file `npm run build` wrote is the same when it is newer than every template
    // and than what writes it (a template edited since, which npm test does not recompile: made again here).
    const precompiled = path.join('render', 'templates.precompiled.cjs');
    const writers = [
      path.join(ROOT, 'dist', 'render', 'precompiled.js'),
      path.join(ROOT, 'scripts', 'precompile-templates.mjs'),
    ];
    const templates = files(path.join(ROOT, 'templates'))
      .filter((name) => name.endsWith('.hbs'))
      .map((name) => path.join(ROOT, 'templates', name));
    const built = path.join(ROOT, 'dist', precompiled);
    if (existsSync(built) && [...writers, ...templates].every((file) => mtime(file) <= mtime(built))) {
      cpSync(built, path.join(stage, 'dist', precompiled));
    } else {
      cpSync(path.join(ROOT, 'scripts'), path.join(stage, 'scripts'), { recursive: true });
      symlinkSync(path.join(ROOT, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
      execFileSync(process.execPath, [path.join(stage, 'scripts', 'precompile-templates.mjs')], {
        cwd: stage,
        stdio: 'pipe',
      });
    }
    const tarballs = temporary('tarball');
    execFileSync(npm, ['pack', '--pack-destination', tarballs, '--silent', '--ignore-scripts'], {
      cwd: stage,
      env: cleanEnv(),
      stdio: 'pipe',
    });
    const [tarball] = readdirSync(tarballs);
    execFileSync(npm, ['config', 'set', 'prefix', prefix], { cwd: lab, env: userEnv(), stdio: 'pipe' });
    const install = spawnSync(
      npm,
      ['install', '-g', path.join(tarballs, tarball ?? ''), '--no-audit', '--no-fund', '--prefer-offline'],
      {
        cwd: lab,
        env: userEnv(),
        encoding: 'utf8',
        timeout: 240_000,
      },
    );
    installLog = `${install.stdout}${install.stderr}`;
    if (install.status !== 0) throw new Error(`npm install -g failed:\n${installLog}`);
  }, 300_000);

  it('installs with no warning and no compile step: compiled code, data, schemas and licence are shipped', () => {
    expect(installLog).not.toMatch(/warn|ERR/i);
    expect(existsSync(path.join(installed, 'src'))).toBe(false);
    for (const file of [
      'dist/cli/main.js',
      'dist/render/templates.precompiled.cjs',
      'schemas/academie.schema.json',
      'schemas/theme.schema.json',
      'schemas/deroule.schema.json',
      'LICENSE',
      'academies/limoges.yaml',
      'templates/deroule.hbs',
    ]) {
      expect(existsSync(path.join(installed, file)), file).toBe(true);
    }
    // No install-time script: nothing runs, and npm has nothing to warn about.
    const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as {
      scripts?: Record<string, string>;
    };
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare'])
      expect(manifest.scripts?.[script], script).toBeUndefined();
  });

  it('says what it found with doctor, naming the browser', () => {
    const result = pgoKit('doctor');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/✓ Navigateur : \/\S+ \(trouvé par : [^)]+\) — .+/);
    expect(result.stdout).toMatch(/✓ Polices : Source Sans 3/);
  });

  it('lists the 30 académies shipped with the package, and a theme dropped in the folder as replacing its own', () => {
    // The lab's theme, used by the build below. One `list` shows both (it was run twice).
    mkdirSync(path.join(lab, 'themes'), { recursive: true });
    const shipped = readFileSync(path.join(installed, 'themes', 'sante.yaml'), 'utf8');
    writeFileSync(
      path.join(lab, 'themes', 'sante.yaml'),
      shipped.replace(/^titre: .*$/m, 'titre: Une santé choisie par le lab'),
    );
    const result = pgoKit('list');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Académies \(30\) :/);
    expect(result.stdout).toMatch(/^ {2}limoges +Académie de Limoges — Nouvelle-Aquitaine$/m);
    expect(result.stdout).toMatch(/^ {2}sante .*\[votre dossier, remplace le fichier de pgo-kit\]$/m);
  });

  it('init writes a starter file that names an existing schema and validates as written, then refuses to overwrite it', () => {
    // As a lab would type it: a slug outside the 30 académies gets a provisional name to correct.
    const result = pgoKit('init', 'lab-test');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/nom provisoire « Lab-Test »/);
    expect(result.stdout).toMatch(/pgo-kit validate --academie lab-test\n\s+pgo-kit build --academie lab-test/);
    const file = path.join(lab, 'academies', 'lab-test.yaml');
    const text = readFileSync(file, 'utf8');
    const schema = /^# yaml-language-server: \$schema=(\S+)/.exec(text)?.[1] ?? '';
    expect(existsSync(path.resolve(path.dirname(file), schema)), schema).toBe(true);
    // In a lab's folder, `validate` alone checks the lab's academy, not the 30 shipped ones.
    const validate = pgoKit('validate');
    expect(validate.status, validate.stderr).toBe(0);
    expect(validate.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^✓ academies\/lab-test\.yaml : Académie de Lab-Test/),
    ]);

    const again = pgoKit('init', 'lab-test', '--nom', 'Autre');
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/existe déjà.*--force/);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('builds the kit from the built-in data and a theme dropped in the folder, then, with nothing changed, says nothing with --quiet', () => {
    // The lab's themes/sante.yaml, dropped before `list` above.
    const first = pgoKit('build', '--academie', 'lab-test');
    expect(first.status, first.stderr).toBe(0);
    for (const name of ['deroule.pdf', 'supports.pdf', 'conseils.pdf', 'envoi.pdf']) {
      expect(existsSync(path.join(lab, 'kits', 'lab-test', name)), name).toBe(true);
      expect(first.stderr).toContain(`Académie de Lab-Test : ${name} imprimé`);
    }
    expect(pdfText(path.join(lab, 'kits', 'lab-test', 'deroule.pdf'))).toContain('Académie de Lab-Test');
    // The lab's theme, and the package's others (the starter offers all seven).
    const supports = squash(pdfText(path.join(lab, 'kits', 'lab-test', 'supports.pdf')));
    expect(supports).toContain(squash('Une santé choisie par le lab'));
    const other = /^titre: (.*)$/m.exec(readFileSync(path.join(installed, 'themes', 'probite.yaml'), 'utf8'))?.[1];
    expect(other).toBeTruthy();
    expect(supports).toContain(squash(other?.replace(/'/g, '’') ?? ''));

    // Nothing changed: without --quiet it would list the kit, its warnings and « rien n’a changé ».
    const second = pgoKit('build', '--academie', 'lab-test', '--quiet');
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout + second.stderr).toBe('');
  });

  it('writes the JSON Schemas where asked, the same as the shipped ones', () => {
    const result = pgoKit('schema', '--out', 'editeur');
    expect(result.status, result.stderr).toBe(0);
    for (const file of ['academie.schema.json', 'theme.schema.json', 'deroule.schema.json']) {
      expect(readFileSync(path.join(lab, 'editeur', file), 'utf8')).toBe(
        readFileSync(path.join(installed, 'schemas', file), 'utf8'),
      );
    }
  });

  it('from the home folder, which holds the npm prefix and so the package, marks nothing as the user’s', () => {
    expect(readFileSync(path.join(home, '.npmrc'), 'utf8')).toContain(`prefix=${prefix}`);
    const result = pgoKitIn(home, 'list');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Académies \(30\) :/);
    expect(result.stdout).not.toContain('[votre dossier');
  });

  it('builds outside a working folder from the shipped file, and says so with the way to one’s own', () => {
    const elsewhere = temporary('ailleurs');
    // One document at a time: where the academy comes from is the point here (the lab's build above prints in parallel).
    const result = pgoKitIn(elsewhere, 'build', '--academie', 'nantes', '--jobs', '1');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      `Académie nantes : ${path.join(installed, 'academies', 'nantes.yaml')} (fichier fourni avec pgo-kit)`,
    );
    expect(result.stderr).toContain(
      'fichier fourni avec pgo-kit : pour le vôtre, pgo-kit init nantes dans votre dossier de travail',
    );
    expect(existsSync(path.join(elsewhere, 'kits', 'nantes', 'deroule.pdf'))).toBe(true);
  });

  it('exits 2 on an unknown command, in French', () => {
    const result = pgoKit('imprimer');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^pgo-kit : commande inconnue « imprimer »/);
  });
});
