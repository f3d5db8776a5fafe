import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkspace, pinAcademies } from '../../../src/model/workspace.js';
import { PreviewSession, type PreviewState } from '../../../src/preview/session.js';
import { makeWorkspace as makeFolder } from '../../helpers/cli.js';

/** Every workspace made by this file, removed at its end. */
const made: string[] = [];
const makeWorkspace = (files: Record<string, string>) => {
  const root = makeFolder(files);
  made.push(root);
  return root;
};
afterAll(() => {
  for (const root of made) rmSync(root, { recursive: true, force: true });
});

describe('a preview session without PDF', () => {
  const root = makeWorkspace({ 'academies/lab.yaml': 'academie: Limoges\nsession:\n  participants: 12\n' });
  const file = path.join(root, 'academies', 'lab.yaml');
  const states: PreviewState[] = [];
  /** The run sheet's HTML with no-break spaces made plain, for matching. */
  const deroule = () => (session.document('deroule')?.html ?? '').replace(/[\u00a0\u202f]/g, ' ');
  const session = new PreviewSession({
    workspace: createWorkspace(root),
    slug: 'lab',
    onChange: (state) => states.push(state),
  });

  it('says from the start that it prints no PDF', () => {
    expect(session.current.pdf).toMatchObject({ version: 0, etat: 'indisponible' });
    expect(session.current.pdf.message).toContain('--no-pdf');
  });

  it('renders the three documents, their assets pointing at the preview server', async () => {
    await session.refresh();
    expect(session.current).toMatchObject({ version: 1, titre: 'Aperçu — Académie de Limoges', erreurs: [] });
    for (const id of ['deroule', 'supports', 'conseils']) {
      const html = session.document(id)?.html ?? '';
      expect(html).toContain('<link rel="stylesheet" media="screen" href="/apercu.css">');
      expect(html).toContain('href="/templates/styles/base.css"');
      expect(html).not.toContain('pgo-kit.invalid');
    }
    expect(deroule()).toContain('12 participants');
  });

  it('keeps the last good rendering after an invalid save, with the located errors', async () => {
    writeFileSync(file, 'academie: Limoges\nsession:\n  participants: douze\n');
    await session.refresh();
    expect(session.current.version).toBe(1);
    expect(session.current.erreurs).toHaveLength(1);
    expect(session.current.erreurs[0]).toMatch(/^academies\/lab\.yaml:3:17\s+session\.participants : /);
    expect(session.current.statut).toMatch(/dernier rendu valide/);
    expect(deroule()).toContain('12 participants');
  });

  it('recovers on the next good save', async () => {
    writeFileSync(file, 'academie: Limoges\nsession:\n  participants: 14\n');
    await session.refresh();
    expect(session.current).toMatchObject({ version: 2, erreurs: [] });
    expect(deroule()).toContain('14 participants');
    // Every change of state was told to the pages.
    expect(states.map((state) => state.version)).toEqual([1, 1, 2]);
  });

  it('merges the saves made while it renders into one more rendering', async () => {
    const before = session.current.version;
    await Promise.all([session.refresh(), session.refresh(), session.refresh()]);
    expect(session.current.version).toBe(before + 2);
  });

  it('says a deleted academy file in the page, not as a crash', async () => {
    rmSync(file);
    await session.refresh();
    expect(session.current.erreurs).toEqual([expect.stringMatching(/académie inconnue « lab »/)]);
    await session.close();
  });
});

describe('a preview whose academy file is deleted or moved while it runs', () => {
  it.each(['deleted', 'moved'])(
    '%s: says so and keeps the last rendering, never the bundled example of the same name',
    async (how) => {
      const root = makeWorkspace({ 'academies/limoges.yaml': 'academie: Limoges\nsession:\n  participants: 17\n' });
      const file = path.join(root, 'academies', 'limoges.yaml');
      // As `preview` makes it: the academy held to the lab's file.
      const session = new PreviewSession({
        workspace: pinAcademies(createWorkspace(root), ['limoges']),
        slug: 'limoges',
        onChange: () => undefined,
      });
      await session.refresh();
      expect(session.current).toMatchObject({ version: 1, erreurs: [] });
      if (how === 'deleted') rmSync(file);
      else renameSync(file, path.join(root, 'academies', 'limoges-ancien.yaml'));
      await session.refresh();
      expect(session.current.version).toBe(1);
      expect(session.current.erreurs).toEqual([
        expect.stringMatching(
          /^academies\/limoges\.yaml\s+fichier supprimé ou déplacé depuis le lancement de la commande : remettez-le en place/,
        ),
      ]);
      expect((session.document('deroule')?.html ?? '').replace(/[\u00a0\u202f]/g, ' ')).toContain('17 participants');
      // Put back, it is read again.
      writeFileSync(file, 'academie: Limoges\nsession:\n  participants: 18\n');
      await session.refresh();
      expect(session.current).toMatchObject({ version: 2, erreurs: [] });
      await session.close();
    },
  );

  it('is the lab’s file only that is held: an academy of the package stays the package’s', () => {
    const root = makeWorkspace({});
    const workspace = pinAcademies(createWorkspace(root), ['limoges']);
    expect(workspace.resolve('academies', 'limoges.yaml')).toBe(
      path.join(workspace.packageRoot, 'academies', 'limoges.yaml'),
    );
  });
});
