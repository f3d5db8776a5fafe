import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError, type Issue } from '../../../src/errors.js';
import { createLoader } from '../../../src/load.js';
import { createWorkspace } from '../../../src/model/workspace.js';

const ROOT = path.resolve(__dirname, '../../..');
const shipped = readFileSync(path.join(ROOT, 'agendas/atelier-2h.yaml'), 'utf8');

/** A lab's folder with the shipped agenda, one instruction edited. */
function issuesFor(edited: string): Issue[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-repere-'));
  mkdirSync(path.join(dir, 'academies'));
  mkdirSync(path.join(dir, 'agendas'));
  writeFileSync(path.join(dir, 'academies/nice.yaml'), 'academie: Nice\n');
  writeFileSync(path.join(dir, 'agendas/atelier-2h.yaml'), edited);
  try {
    createLoader(createWorkspace(dir)).load('nice');
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  return [];
}

describe('placeholders a lab writes in its agenda', () => {
  it('accepts the shipped ones', () => {
    expect(issuesFor(shipped)).toEqual([]);
  });

  it.each([
    ['{minutes}', /repère inconnu « \{minutes\} » ; repères possibles : duree, /],
    ['{duree/}', /repère illisible « \{duree\/\} »/],
  ])('locates %s in the agenda file', (placeholder, message) => {
    const edited = shipped.replace('laissez {duree-tour_affiches-5} minutes', `laissez ${placeholder} minutes`);
    expect(edited).not.toBe(shipped);
    const [issue, ...others] = issuesFor(edited);
    expect(others).toEqual([]);
    expect(issue?.file).toMatch(/agendas[/\\]atelier-2h\.yaml$/);
    expect(issue?.path).toBe('phases[1].consignes[1]');
    expect(issue?.line).toBeGreaterThan(100);
    expect(issue?.message).toMatch(message);
  });
});
