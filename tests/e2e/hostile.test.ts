/**
 * Hostile files and faults (issue 8): every one gets a French answer, an
 * exit code among 0/1/2/3/130/143, never a stack trace, and never output
 * that is silently wrong. The faults that need pgo-kit's own process
 * (templates that never end, signals, kill -9) are in hostile-processes.test.ts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
  chmodSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeMadeFolders, removedAtEnd } from '../helpers/cleanup.js';
import { BIN, ROOT, runCli, runCliInProcess } from '../helpers/cli.js';
import { expectClean, madeWorkspace, shortTemporaryFolder } from '../helpers/hostile.js';

afterAll(removeMadeFolders);

/** A folder outside any workspace holding a « secret » a hostile link points to. */
const OUTSIDE = removedAtEnd(mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-dehors-')));
const SECRET = 'SECRET-HORS-DU-DOSSIER';
writeFileSync(path.join(OUTSIDE, 'secret.txt'), `${SECRET}\n`);
writeFileSync(path.join(OUTSIDE, 'secret.yaml'), `academie: ${SECRET}\nduree: [\n`);

/** The workspace of the first strace build: its kit, up to date afterwards, serves « an empty --browser » below. */
const STRACED = madeWorkspace({ 'academies/test.yaml': 'academie: Test\nthematiques: [sante]\n' });

// strace watches a real process: these two builds are the one place where pgo-kit's own process and its browser's are traced.
describe('a build watched by strace, with the browser pgo-kit finds by itself', () => {
  // .ci/run installs Debian's headless-only Chromium, which pgo-kit prefers: it probes nothing at all.
  const workspace = STRACED;
  const trace = path.join(workspace, 'trace.txt');
  let result: ReturnType<typeof spawnSync>;

  beforeAll(() => {
    result = spawnSync(
      'strace',
      // --seccomp-bpf: only the traced calls stop the process (the same calls are seen, at a fraction of the cost).
      [
        '-f',
        '--seccomp-bpf',
        '-e',
        'trace=connect,sendto,sendmsg',
        '-o',
        trace,
        process.execPath,
        BIN,
        'build',
        '--academie',
        'test',
        // One document at a time, as the tests' runs print (tests/helpers/cli.ts): what is traced is the same, with a renderer less.
        '--jobs',
        '1',
      ],
      {
        cwd: workspace,
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
  }, 120_000);

  it('uses the headless-only Chromium when the machine has it', () => {
    expect(existsSync('/usr/bin/chromium-headless-shell'), 'installed by .ci/run').toBe(true);
    expect(result.status, String(result.stderr)).toBe(0);
  });

  it('makes no DNS query and no connect() outside loopback, not even a routing probe', () => {
    const calls = readFileSync(trace, 'utf8')
      .split('\n')
      .filter((line) => /\b(connect|sendto|sendmsg)\(/.test(line));
    expect(calls.length).toBeGreaterThan(0);
    const outside = calls.filter((line) => {
      const address = /sin6?_port=htons\((\d+)\).*?(?:inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)")/.exec(
        line,
      );
      if (!address) return false;
      const host = address[2] ?? address[3] ?? '';
      return address[1] === '53' || !(host.startsWith('127.') || host === '::1');
    });
    expect(outside).toEqual([]);
  });
});

describe('a build watched by strace, with its own TMPDIR, --html and --browser chromium', () => {
  const workspace = madeWorkspace({
    'academies/test.yaml': 'academie: Test\nthematiques: [sante]\nidentite:\n  logo: images/logo.svg\n',
    'images/logo.svg':
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
  });
  const temporary = shortTemporaryFolder();
  const trace = path.join(workspace, 'trace.txt');
  let result: ReturnType<typeof spawnSync>;

  beforeAll(() => {
    result = spawnSync(
      'strace',
      [
        '-f',
        '-ff',
        '--seccomp-bpf',
        '-e',
        'trace=%network',
        '-o',
        trace,
        process.execPath,
        BIN,
        'build',
        '--academie',
        'test',
        '--html',
        '--browser',
        'chromium',
        '--jobs',
        '1',
      ],
      {
        cwd: workspace,
        env: { ...process.env, TMPDIR: temporary, PATH: `/usr/bin:${process.env.PATH ?? ''}` },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
  }, 120_000);

  it('builds, finding chromium on PATH', () => {
    expect(result.status, String(result.stderr)).toBe(0);
    expect(
      readdirSync(path.join(workspace, 'kits', 'test'))
        .filter((name) => !name.startsWith('.'))
        .sort(),
    ).toEqual([
      'conseils.html',
      'conseils.pdf',
      'deroule.html',
      'deroule.pdf',
      'envoi.html',
      'envoi.pdf',
      'impression',
      'supports.html',
      'supports.pdf',
    ]);
  });

  it('asks no DNS and connects nowhere but loopback', () => {
    // One file per thread (-ff): no call is split across lines.
    const lines = readdirSync(workspace)
      .filter((name) => name.startsWith('trace.txt.'))
      .flatMap((name) => {
        const tid = name.slice('trace.txt.'.length);
        return readFileSync(path.join(workspace, name), 'utf8')
          .split('\n')
          .map((line) => `${tid} ${line}`);
      });
    const dns: string[] = [];
    const outside: string[] = [];
    // UDP sockets by thread and descriptor: Chromium « connects » one to ask the kernel which route an
    // IPv6 address would take (2001:4860:4860::8888). No packet is sent; any datagram with an address is checked below.
    const datagram = new Set<string>();
    for (const line of lines) {
      const tid = line.split(/\s+/)[0] ?? '';
      const socket = /socket\((AF_INET6?), (SOCK_\w+).*\) = (\d+)/.exec(line);
      if (socket) {
        if (socket[2] === 'SOCK_DGRAM') datagram.add(`${tid}:${socket[3] ?? ''}`);
        else datagram.delete(`${tid}:${socket[3] ?? ''}`);
      }
      const address = /sin6?_port=htons\((\d+)\).*?(?:inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)")/.exec(
        line,
      );
      if (!address) continue;
      const [, port, v4, v6] = address;
      const host = v4 ?? v6 ?? '';
      if (port === '53') dns.push(line);
      const loopback = host.startsWith('127.') || host === '::1';
      if (loopback || /getsockname|getpeername|bind\(/.test(line)) continue;
      const connect = /connect\((\d+),/.exec(line);
      if (connect && datagram.has(`${tid}:${connect[1] ?? ''}`)) continue;
      outside.push(line);
    }
    expect(lines.length).toBeGreaterThan(100);
    expect(dns).toEqual([]);
    expect(outside).toEqual([]);
  });

  it('leaves nothing in the temporary folder: profile and the browser’s own files', () => {
    expect(readdirSync(temporary)).toEqual([]);
  });

  it('writes HTML with no absolute path of the machine', () => {
    for (const name of ['deroule.html', 'supports.html', 'conseils.html']) {
      const html = readFileSync(path.join(workspace, 'kits', 'test', name), 'utf8');
      expect(html).not.toContain(workspace);
      expect(html).not.toContain(ROOT);
      expect(html).not.toContain('file:');
      expect(html).toMatch(/pgo-kit:fonts\/400Regular\/SourceSans3_400Regular\.ttf/);
    }
    expect(readFileSync(path.join(workspace, 'kits', 'test', 'supports.html'), 'utf8')).toContain(
      '"../../images/logo.svg"',
    );
  });

  it('a locked file leaves the whole previous kit, and says so', async () => {
    const kit = path.join(workspace, 'kits', 'test');
    const before = Object.fromEntries(
      ['deroule.pdf', 'supports.pdf'].map((name) => [name, readFileSync(path.join(kit, name))]),
    );
    // A folder cannot be renamed over a file: as a PDF open in a reader on Windows, it cannot be replaced.
    execFileSync('rm', ['-f', path.join(kit, 'conseils.pdf')]);
    mkdirSync(path.join(kit, 'conseils.pdf'));
    writeFileSync(path.join(kit, 'conseils.pdf', 'verrou'), '');
    // Printed again (run() in this process is not the compiled pgo-kit the kit's stamp names), one document at a
    // time: the replacement that follows is the point, not printing in parallel.
    const again = await runCliInProcess(['build', '--academie', 'test', '--jobs', '1'], { cwd: workspace });
    expectClean(again, 3);
    expect(again.stderr).toMatch(
      /impossible de remplacer kits\/test\/conseils\.pdf : un dossier porte ce nom — les fichiers précédents de kits\/test\/ sont intacts/,
    );
    for (const [name, bytes] of Object.entries(before))
      expect(readFileSync(path.join(kit, name)).equals(bytes), name).toBe(true);
    expect(readdirSync(path.join(workspace, 'kits'))).toEqual(['test']);
  });
});

describe('nothing outside the workspace is read', () => {
  it('refuses links in templates/ that lead outside, naming each, before any rendering', async () => {
    const workspace = madeWorkspace({ 'academies/test.yaml': 'academie: Test\nthematiques: [sante]\n' });
    mkdirSync(path.join(workspace, 'templates', 'partials'), { recursive: true });
    mkdirSync(path.join(workspace, 'templates', 'styles'), { recursive: true });
    symlinkSync(path.join(OUTSIDE, 'secret.txt'), path.join(workspace, 'templates', 'partials', 'logo.hbs'));
    symlinkSync(path.join(OUTSIDE, 'secret.txt'), path.join(workspace, 'templates', 'styles', 'base.css'));
    symlinkSync(path.join(OUTSIDE, 'secret.txt'), path.join(workspace, 'templates', 'image.png'));
    const result = await runCliInProcess(['build', '--academie', 'test'], { cwd: workspace });
    expectClean(result, 1);
    for (const file of ['templates/partials/logo.hbs', 'templates/styles/base.css', 'templates/image.png']) {
      expect(result.stderr).toMatch(
        new RegExp(`^${file.replace(/\./g, '\\.')} +lien symbolique qui mène hors de votre dossier de travail`, 'm'),
      );
    }
    expect(result.stderr + result.stdout).not.toContain(SECRET);
    expect(existsSync(path.join(workspace, 'kits'))).toBe(false);
  });

  it('refuses data files that are links leading outside, without echoing them', async () => {
    const workspace = madeWorkspace({ 'academies/test.yaml': 'academie: Test\nthematiques: [sante]\n' });
    symlinkSync(path.join(OUTSIDE, 'secret.yaml'), path.join(workspace, 'academies', 'fuite.yaml'));
    mkdirSync(path.join(workspace, 'agendas'));
    symlinkSync(path.join(OUTSIDE, 'secret.yaml'), path.join(workspace, 'agendas', 'atelier-2h.yaml'));
    const result = await runCliInProcess(['validate', '--all'], { cwd: workspace });
    expectClean(result, 1);
    expect(result.stderr).toMatch(
      /^academies\/fuite\.yaml +lien symbolique qui mène hors de votre dossier de travail/m,
    );
    expect(result.stderr).toMatch(
      /^agendas\/atelier-2h\.yaml +lien symbolique qui mène hors de votre dossier de travail/m,
    );
    expect(result.stderr + result.stdout).not.toContain(SECRET);
  });
});

describe('linked folders that lead outside the workspace', () => {
  const academy = 'academie: Test\nthematiques: [sante]\n';
  /** A folder outside holding what a linked folder would bring in. */
  const elsewhere = removedAtEnd(mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-ailleurs-')));
  writeFileSync(path.join(elsewhere, 'secret.css'), `/* ${SECRET} */\n`);
  writeFileSync(path.join(elsewhere, 'test.yaml'), academy);

  it.each(['validate', 'build'])(
    '%s refuses a linked folder under templates/ (ln -s ~/ailleurs templates/ext), naming it',
    async (command) => {
      const workspace = madeWorkspace({ 'academies/test.yaml': academy, 'templates/styles/.garde': '' });
      symlinkSync(elsewhere, path.join(workspace, 'templates', 'ext'));
      const result = await runCliInProcess([command, '--academie', 'test'], { cwd: workspace });
      expectClean(result, 1);
      expect(result.stderr).toMatch(/^templates\/ext +lien symbolique qui mène hors de votre dossier de travail/m);
      expect(result.stdout).not.toContain('✓');
      expect(existsSync(path.join(workspace, 'kits'))).toBe(false);
    },
  );

  it.each([
    ['validate', 'templates', '/'],
    ['build', 'templates', '/'],
    ['validate', 'templates', 'elsewhere'],
    ['validate', 'academies', 'elsewhere'],
    ['build', 'academies', 'elsewhere'],
    ['validate', 'restitutions', 'elsewhere'],
  ])('%s says a whole %s/ folder linked to %s, and does not follow it', async (command, folder, target) => {
    const workspace = madeWorkspace(folder === 'academies' ? {} : { 'academies/test.yaml': academy });
    symlinkSync(target === '/' ? '/' : elsewhere, path.join(workspace, folder));
    const result = await runCliInProcess([command, '--academie', 'test'], { cwd: workspace });
    expectClean(result, 1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^${folder} +ce dossier est un lien symbolique qui mène hors de votre dossier de travail : refusé`,
        'm',
      ),
    );
    // The academy itself is valid next to a refused restitutions/ folder; nothing is valid with refused templates.
    expect(result.stdout).not.toContain(folder === 'restitutions' ? '✓ restitutions' : '✓');
    expect(result.stderr + result.stdout).not.toContain(SECRET);
  });
});

describe('one bad file does not stop the others', () => {
  const workspace = madeWorkspace({
    'academies/test.yaml': 'academie: Test\nthematiques: [sante]\n',
    'academies/Copie de limoges.yaml': 'academie: Copie\n',
    'academies/autre.yaml': 'academie: Autre\nthematiques: [sante, climat]\n',
    'themes/climat.yaml': 'id: climat\ntitre: Climat\n',
  });
  symlinkSync(path.join(workspace, 'nulle-part.yaml'), path.join(workspace, 'academies', 'casse.yaml'));
  mkdirSync(path.join(workspace, 'academies', 'dossier.yaml'));
  execFileSync('mkfifo', [path.join(workspace, 'academies', 'tube.yaml')]);
  let result: Awaited<ReturnType<typeof runCliInProcess>>;
  beforeAll(async () => {
    result = await runCliInProcess(['validate', '--all'], { cwd: workspace });
  });

  it('reports each as such and validates the valid academies', () => {
    expectClean(result, 1);
    expect(result.stderr).toMatch(
      /^academies\/Copie de limoges\.yaml +nom de fichier invalide : lettres minuscules sans accent, chiffres et tirets seulement — renommez-le par exemple en copie-de-limoges\.yaml/m,
    );
    expect(result.stderr).toMatch(/^academies\/casse\.yaml +lien symbolique cassé/m);
    expect(result.stderr).toMatch(/^academies\/dossier\.yaml +c’est un dossier, un fichier est attendu/m);
    expect(result.stderr).toMatch(/^academies\/tube\.yaml +ce n’est pas un fichier ordinaire/m);
    expect(result.stdout).toMatch(/✓ academies\/test\.yaml : Académie de Test/);
    expect(result.stdout).toMatch(/✓ .*limoges\.yaml : Académie de Limoges/);
  });

  it('says an invalid theme file’s errors once, and not « thématique inconnue »', () => {
    expect(
      result.stderr.match(/^themes\/climat\.yaml:\d+:\d+ +theme_pgo : clé obligatoire manquante « theme_pgo »/gm),
    ).toHaveLength(1);
    expect(result.stderr).not.toMatch(/thématique inconnue « climat »/);
    expect(result.stderr).toMatch(/✗ autre : données invalides/);
  });
});

describe('a folder where a file is, or a file where a folder is', () => {
  it.each([
    [['validate'], 'academies'],
    [['list'], 'academies'],
    [['validate'], 'themes'],
    [['build', '--academie', 'limoges'], 'templates'],
  ])('%j with a file named %s/', async (args, folder) => {
    const workspace = madeWorkspace({ [folder]: 'un fichier' });
    const result = await runCliInProcess(args, { cwd: workspace });
    expectClean(result, 1);
    expect(result.stderr).toMatch(new RegExp(`^${folder} +un fichier porte ce nom : un dossier est attendu`, 'm'));
  });
});

describe('wrong output becomes an error or a warning', () => {
  it('ids like constructor and __proto__ are ids, not Object’s own properties', async () => {
    const agenda = readFileSync(path.join(ROOT, 'agendas', 'atelier-2h.yaml'), 'utf8')
      .replace(/^id: atelier-2h$/m, 'id: piege')
      .replace(/- id: accueil$/m, '- id: constructor');
    const workspace = madeWorkspace({
      'agendas/piege.yaml': agenda,
      'academies/test.yaml': 'academie: Test\nderoule: piege\nthematiques: [sante]\n',
      'academies/proto.yaml': 'academie: Proto\nthematiques: [sante]\ndurees:\n  __proto__: 10\n  toString: 5\n',
    });
    const result = await runCliInProcess(['validate', '--all'], { cwd: workspace });
    expectClean(result, 1);
    expect(result.stdout).toMatch(
      /✓ academies\/test\.yaml : Académie de Test, 1\sthématique, 6\sphases, 14\sh\s00 – 16\sh\s00/,
    );
    expect(result.stdout + result.stderr).not.toMatch(/NaN/);
    expect(result.stderr).toMatch(/^academies\/proto\.yaml:4:3 +durees\.__proto__ : clé inconnue « __proto__ »/m);
    expect(result.stderr).toMatch(/^academies\/proto\.yaml:5:3 +durees\.toString : phase inconnue « toString »/m);
  });

  it('a logo that is not an image, or too heavy, is located', async () => {
    const workspace = madeWorkspace({
      'academies/faux.yaml': 'academie: Faux\nidentite:\n  logo: images/faux.png\n',
      'academies/lourd.yaml': 'academie: Lourd\nidentite:\n  logo: images/lourd.jpg\n',
      'images/faux.png': 'ceci est du texte',
      'images/lourd.jpg': Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(6 * 1024 * 1024)]),
    });
    const result = await runCliInProcess(['validate', '--all'], { cwd: workspace });
    expectClean(result, 1);
    expect(result.stderr).toMatch(
      /^academies\/faux\.yaml:3:9 +identite\.logo : ce fichier n’est pas une image PNG lisible/m,
    );
    expect(result.stderr).toMatch(
      /^academies\/lourd\.yaml:3:9 +identite\.logo : image trop lourde \(6 Mo, 5 Mo au plus\)/m,
    );
  });

  it('characters the fonts cannot draw, and a session past midnight, are warnings where they are written', async () => {
    const workspace = madeWorkspace({
      'academies/test.yaml':
        'academie: Test\nlab: "Lab 😀"\nsession:\n  debut: "23:00"\nthemes_locaux:\n  - id: local\n    titre: "مرحبا"\n    theme_pgo: Transparence\n    description: Une description.\n    questions: ["Pourquoi ?"]\nthematiques: [local]\n',
    });
    const result = await runCliInProcess(['validate', '--academie', 'test'], { cwd: workspace });
    expectClean(result, 0);
    expect(result.stderr).toMatch(
      /^academies\/test\.yaml:2:6 +attention : lab : caractère « 😀 » \(U\+1F600\) absent de la police des documents/m,
    );
    expect(result.stderr).toMatch(
      /^academies\/test\.yaml:7:12 +attention : themes_locaux n° 1 › titre : caractères « م » \(U\+0645\)/m,
    );
    expect(result.stderr).toMatch(
      /^academies\/test\.yaml:4:10 +attention : session\.debut : la session se terminerait après minuit \(à 1\sh\s00 le lendemain\)/m,
    );
  });
});

describe('all problems at once', () => {
  it('a duplicate key, a wrong theme field and the id checks, together', async () => {
    const workspace = madeWorkspace({
      'academies/test.yaml': [
        'academie: Test',
        'lab: Un',
        'lab: Deux',
        'session:',
        '  participants: 0',
        'themes_locaux:',
        '  - id: sante',
        '    titre: ""',
        '    theme_pgo: Transparence',
        '    description: Texte.',
        '    questions: ["?"]',
        'durees:',
        '  Accueil: 10',
        '',
      ].join('\n'),
    });
    const result = await runCliInProcess(['validate', '--academie', 'test'], { cwd: workspace });
    expectClean(result, 1);
    expect(result.stderr).toMatch(
      /^academies\/test\.yaml:3:1 +YAML invalide — clé en double : « lab » est déjà définie plus haut \(ligne 2\)/m,
    );
    expect(result.stderr).toMatch(/^academies\/test\.yaml:5:17 +session\.participants/m);
    expect(result.stderr).toMatch(/^academies\/test\.yaml:8:12 +themes_locaux n° 1 › titre : texte vide/m);
    expect(result.stderr).toMatch(
      /^academies\/test\.yaml:7:9 +themes_locaux n° 1 › id : la thématique « sante » existe déjà/m,
    );
    expect(result.stderr).toMatch(
      /^academies\/test\.yaml:13:3 +durees\.Accueil : phase inconnue « Accueil » — vouliez-vous dire « accueil » \?/m,
    );
  });

  it('at most 50 problems per file, then a count', async () => {
    const lines = ['academie: Test', ...Array.from({ length: 80 }, (_, index) => `inconnue${index}: 1`)];
    const workspace = madeWorkspace({ 'academies/test.yaml': `${lines.join('\n')}\n` });
    const result = await runCliInProcess(['validate', '--academie', 'test'], { cwd: workspace });
    expectClean(result, 1);
    expect(result.stderr.match(/^academies\/test\.yaml:\d+:\d+ +inconnue\d+ : clé inconnue/gm)).toHaveLength(50);
    expect(result.stderr).toMatch(/^academies\/test\.yaml +… et 30 autres problèmes dans ce fichier$/m);
  });
});

describe('an empty --browser', () => {
  it('is a misuse even when the kit is already up to date (nothing to print)', async () => {
    // The kit the first strace build made, up to date: said so, with no browser. Real processes: a kit's stamp
    // names the compiled pgo-kit that made it, which run() in this process (from the sources) is not.
    const unchanged = runCli(['build', '--academie', 'test'], { cwd: STRACED });
    expectClean(unchanged, 0);
    expect(unchanged.stderr).toMatch(/rien n’a changé/);
    const result = runCli(['build', '--academie', 'test', '--browser', ''], { cwd: STRACED });
    expectClean(result, 2);
    expect(result.stderr).toMatch(/l’option --browser attend le chemin ou le nom d’un navigateur/);
  });
});

describe('the command line, said in French', () => {
  it.each([
    [['constructor'], 2, /commande inconnue « constructor »/],
    [
      ['build', '--academie', 'limoges', '--browser', ''],
      2,
      /l’option --browser attend le chemin ou le nom d’un navigateur/,
    ],
    [
      ['build', '--academie', 'limoges', '--out', '/proc/pgo-kit'],
      3,
      /impossible d’écrire dans le dossier de sortie \/proc\/pgo-kit : dossier impossible à créer à cet endroit/,
    ],
    [
      ['build', '--academie', 'limoges', '--out', 'package.json/kits'],
      3,
      /impossible d’écrire dans le dossier de sortie package\.json\/kits : un fichier porte déjà ce nom/,
    ],
  ])('%j', async (args, status, message) => {
    // « At once »: before any rendering, not after a browser timeout: the browser found by default is never started.
    const workspace = madeWorkspace({
      'navigateur.sh': '#!/bin/sh\ntouch "$(dirname "$0")/demarre"\nexec sleep 600\n',
    });
    chmodSync(path.join(workspace, 'navigateur.sh'), 0o755);
    const result = await runCliInProcess(args, {
      env: { PUPPETEER_EXECUTABLE_PATH: path.join(workspace, 'navigateur.sh'), PGO_KIT_DELAI: '600' },
    });
    expectClean(result, status);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/function|native code/);
    expect(existsSync(path.join(workspace, 'demarre'))).toBe(false);
  });
});
