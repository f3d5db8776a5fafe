import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssues, ValidationError } from '../../../src/errors.js';
import { createLoader } from '../../../src/load.js';
import { createWorkspace } from '../../../src/model/workspace.js';
import { academyYaml } from '../../helpers/academy-file.js';

/** A lab's folder holding one academy file, rewritten before each load; one loader for the file (themes read once). */
const root = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-family-'));
mkdirSync(path.join(root, 'academies'));
const loader = createLoader(createWorkspace(root), { today: '2026-12-01' });
const loadTest = (yaml: string) => {
  writeFileSync(path.join(root, 'academies', 'test.yaml'), yaml);
  return loader.load('test');
};

/** The family-document warnings of an academy file (session, contact, donnees_personnelles). */
function familyLines(yaml: string): string[] {
  const warnings = loadTest(yaml).warnings;
  return formatIssues(warnings.filter((w) => /^(session|contact|donnees_personnelles)/.test(w.path))).map((line) =>
    line.replace(/\s+/g, ' '),
  );
}

/** The errors of an invalid academy file, one line each. */
function errorLines(yaml: string): string {
  try {
    loadTest(yaml);
  } catch (error) {
    if (error instanceof ValidationError) return formatIssues(error.issues).join('\n');
    throw error;
  }
  throw new Error('the file was accepted');
}

const complete = academyYaml({
  session: {
    date: '2027-03-17',
    debut: '09:30',
    accueil: '09:15',
    adresse: '4 rue Georges-Enesco, 94000 Créteil',
    reponse_avant: '2027-02-24',
  },
  contact: { nom: 'Nadia Benali', courriel: 'lab@example.org' },
  donnees_personnelles: { responsable: 'Rectorat de l’académie de Créteil', dpo: 'dpo@example.org' },
});

describe('what the family documents lack is a located warning, never a blank line', () => {
  it('says nothing when every key is given', () => {
    expect(familyLines(complete)).toEqual([]);
  });

  it('names every missing key of the invitation, the contact and the RGPD notice', () => {
    const lines = familyLines('academie: Test\nsession:\n  participants: 10\n');
    expect(lines).toHaveLength(3);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^academies\/test\.yaml:2:1 attention : session : l’invitation \(envoi\.pdf\) ne donnera pas la date \(session\.date\), l’heure d’accueil \(session\.accueil\), l’adresse complète \(session\.adresse\) et la date limite de réponse \(session\.reponse_avant\)/,
      ),
    );
    // Keys that are not there at all are located at the top of the file.
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^academies\/test\.yaml:1:1 attention : contact : .*\(contact\.nom\) et .*\(contact\.courriel\)/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^academies\/test\.yaml:1:1 attention : donnees_personnelles : .*\(donnees_personnelles\.responsable\) et .*délégué à la protection des données.*\(donnees_personnelles\.dpo\)/,
      ),
    );
  });

  it.each([
    ['  adresse: 4 rue Georges-Enesco, 94000 Créteil\n', /session : .*\(session\.adresse\)/],
    ['  courriel: lab@example.org\n', /contact : .*\(contact\.courriel\)/],
    ['  dpo: dpo@example.org\n', /donnees_personnelles : .*\(donnees_personnelles\.dpo\)/],
  ])('says the one key that is missing: %s', (removed, expected) => {
    const lines = familyLines(complete.replace(removed, ''));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
  });

  it('warns of an arrival after the start and a reply date after the session', () => {
    const lines = familyLines(complete.replace('"09:15"', '"10:00"').replace('2027-02-24', '2027-03-20'));
    expect(lines).toEqual([
      expect.stringMatching(
        /^academies\/test\.yaml:5:12 attention : session\.accueil : l’heure d’accueil \(10:00\) est après l’heure de début \(09:30\)$/,
      ),
      expect.stringMatching(
        /^academies\/test\.yaml:7:18 attention : session\.reponse_avant : la date limite de réponse \(2027-03-20\) n’est pas avant la session \(2027-03-17\)$/,
      ),
    ]);
  });

  it.each([
    ['  invites: 0\n', /session\.invites : nombre entier attendu entre 1 et 400/],
    ['  accueil: "9h15"\n', /session\.accueil : heure invalide/],
    ['  reponse_avant: 2027-02-30\n', /session\.reponse_avant : date invalide/],
  ])('refuses a wrong value: %s', (line, expected) => {
    expect(errorLines(`academie: Test\nsession:\n${line}`)).toMatch(expected);
  });

  it('refuses a contact address that is not an e-mail address', () => {
    expect(errorLines(complete.replace('lab@example.org', 'lab-at-example'))).toMatch(
      /contact\.courriel : adresse électronique attendue/,
    );
  });
});
