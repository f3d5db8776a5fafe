/**
 * `build --watch` after a rebuild that failed: a refusal of the whole build (a link in templates/ that
 * leads outside the folder, said as located issues) and a browser that failed are said, and the watch
 * goes on, the previous PDFs kept; anything else (a bug) stops it, as it stops build.
 */
import { describe, expect, it } from 'vitest';
import { EnvironmentError, UsageError, ValidationError, type Issue } from '../../../src/errors.js';
import { goesOn } from '../../../src/preview/rebuild.js';

const refused: Issue = {
  file: 'templates/styles/dehors.css',
  path: '',
  message: 'lien symbolique qui mène hors de votre dossier de travail : refusé (copiez le fichier dans le dossier)',
  severity: 'error',
};

describe('a rebuild that failed during build --watch', () => {
  it.each<[string, unknown, boolean, string[]]>([
    [
      'a link in templates/ that leads outside',
      new ValidationError([refused]),
      true,
      ['refusé : templates/styles/dehors.css'],
    ],
    [
      'a browser that crashed',
      new EnvironmentError('le navigateur ne répond plus'),
      true,
      ['échec : le navigateur ne répond plus'],
    ],
    ['a usage error (not a rebuild’s)', new UsageError('x'), false, []],
    ['a bug', new TypeError('undefined is not a function'), false, []],
  ])('%s: goes on = %s', (_case, error, expected, said) => {
    const heard: string[] = [];
    const result = goesOn(error, {
      onRefused: (issues) => heard.push(...issues.map((issue) => `refusé : ${issue.file}`)),
      onFailure: (failure) => heard.push(`échec : ${failure.message}`),
    });
    expect(result).toBe(expected);
    expect(heard).toEqual(said);
  });
});
