import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveKit } from '../../../src/core/kit.js';
import { createLoader } from '../../../src/load.js';
import { createWorkspace } from '../../../src/model/workspace.js';

const loader = createLoader(createWorkspace(path.resolve(__dirname, '../../..')));
const plain = (text: string | null) => text?.replace(/[\u00a0\u202f]/g, ' ');

describe('the kit derived from an academy', () => {
  it.each([
    ['limoges', 'jeudi 10 décembre 2026', '14 h 00', '16 h 00', 16, 4],
    ['creteil', 'mercredi 17 mars 2027', '9 h 30', '11 h 30', 24, 5],
    ['lille', 'jeudi 4 février 2027', '13 h 45', '15 h 45', 20, 7],
    ['bordeaux', null, '14 h 00', '16 h 00', 12, 7],
  ])('%s', (slug, date, start, end, participants, themes) => {
    const kit = deriveKit(loader.load(slug));
    expect(kit.session.date).toBe(date);
    expect(plain(kit.session.debut)).toBe(start);
    expect(plain(kit.session.fin)).toBe(end);
    expect(kit.session.participants).toBe(participants);
    expect(kit.themes).toHaveLength(themes);
    expect(kit.impression.find((line) => line.id === 'mes-3-idees')?.exemplaires).toBe(participants);
    expect(kit.impression.find((line) => line.id === 'affiche-theme')?.exemplaires).toBe(themes);
    // Three dots each, plus a spare margin of ten.
    expect(kit.materiel.find((item) => item.id === 'gommettes')?.quantite).toBe(participants * 3 + 10);
    expect(kit.deroule.gommettesParPersonne).toBe(3);
    expect(kit.phases.map((phase) => phase.numero)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('uses the academy’s durations for the clock times', () => {
    const kit = deriveKit(loader.load('lille'));
    expect(kit.phases.map((phase) => `${plain(phase.debut)}–${plain(phase.fin)}`)).toEqual([
      '13 h 45–14 h 00',
      '14 h 00–14 h 20',
      '14 h 20–14 h 45',
      '14 h 45–15 h 05',
      '15 h 05–15 h 25',
      '15 h 25–15 h 45',
    ]);
  });

  it('has no QR code without a contribution URL, and one with it', () => {
    expect(deriveKit(loader.load('bordeaux'), '<svg/>').contribution).toBeNull();
    const limoges = loader.load('limoges');
    // The shipped files leave the URL commented out: no QR code leads to a homepage.
    expect(deriveKit(limoges, '<svg/>').contribution).toBeNull();
    const withUrl = {
      ...limoges,
      academy: { ...limoges.academy, contribution_url: 'https://example.org/consultation-pgo' },
    };
    expect(deriveKit(withUrl, '<svg/>').contribution).toEqual({
      url: 'https://example.org/consultation-pgo',
      qr: '<svg/>',
    });
  });

  it('counts the sheets to print by paper', () => {
    const kit = deriveKit(loader.load('creteil'));
    // A3: the agenda poster, 5 posters, the tally, 2 + 1 commitment canvases, 4 + 1 action canvases, the criteria for the wall, 2 + 1 « Notre engagement ».
    // A4: ideas 24, recap 4 + 1, brief 24, feedback 24, attendance 2 + 1, 2 blank image-rights authorisations (the rest goes out with envoi.pdf).
    expect(kit.feuilles).toEqual({ A3: 1 + 5 + 1 + 3 + 5 + 1 + 3, A4: 24 + 5 + 24 + 24 + 3 + 2 });
  });

  it.each([
    // slug, invited, arrival, address, reply date, contact, controller, DPO
    [
      'limoges',
      23,
      '13 h 45',
      '13 rue François-Chénieux, 87000 Limoges',
      'jeudi 26 novembre 2026',
      'à Camille Martin (lablim@example.org)',
      'Rectorat de l’académie de Limoges',
      'dpo.limoges@example.org',
    ],
    [
      'creteil',
      34,
      '9 h 15',
      '4 rue Georges-Enesco, 94000 Créteil',
      'mercredi 24 février 2027',
      'à Nadia Benali (lab-creteil@example.org)',
      'Rectorat de l’académie de Créteil',
      'dpo.creteil@example.org',
    ],
    ['bordeaux', 17, null, null, null, 'au lab de l’académie', 'Rectorat de l’académie de Bordeaux', null],
  ])(
    '%s: what the family documents say, and how many go out',
    (slug, invites, accueil, adresse, reponse, ecrireA, responsable, dpo) => {
      const kit = deriveKit(loader.load(slug));
      expect(kit.session.invites).toBe(invites);
      expect(kit.session.accueil === null ? null : plain(kit.session.accueil)).toBe(accueil);
      expect(kit.session.adresse).toBe(adresse);
      expect(kit.session.reponseAvant).toBe(reponse);
      expect(kit.famille.ecrireA).toBe(ecrireA);
      expect(kit.famille.responsable).toBe(responsable);
      expect(kit.famille.dpo).toBe(dpo);
      expect(kit.envoi.map((line) => [line.id, line.exemplaires])).toEqual([
        ['invitation', invites],
        ['autorisation-image', invites],
      ]);
    },
  );

  it('names the lab with its article, and says how many themes the group keeps', () => {
    const creteil = deriveKit(loader.load('creteil'));
    expect(creteil.academie.labArticleMajuscule).toBe('Le Lab académique de Créteil');
    expect(creteil.academie.labDe).toBe('du Lab académique de Créteil');
    expect(creteil.deroule.choixThemes).toBe('le groupe en retiendra deux');
    expect(deriveKit(loader.load('bordeaux')).academie.labArticle).toBe('le lab de l’académie');
  });

  it.each([
    ['creteil', 4, 'sous-groupes de 6 personnes', '2 sur chaque engagement', 5],
    ['limoges', 3, 'sous-groupes de 5 ou 6 personnes', '2 sur l’engagement 1, 1 sur l’engagement 2', 4],
    ['lille', 4, 'sous-groupes de 5 personnes', '2 sur chaque engagement', 5],
    ['bordeaux', 2, 'sous-groupes de 6 personnes', '1 sur chaque engagement', 3],
  ])(
    '%s works in %i small groups, with matching canvases and sheets',
    (slug, groups, resume, repartition, actionCanvases) => {
      const kit = deriveKit(loader.load(slug));
      expect(kit.sousGroupes.nombre).toBe(groups);
      expect(plain(kit.sousGroupes.resume)).toBe(`${groups} ${resume}`);
      expect(kit.sousGroupes.repartition).toBe(repartition);
      const copies = (id: string) => kit.impression.find((line) => line.id === id)?.exemplaires;
      expect(copies('canevas-actions')).toBe(actionCanvases);
      expect(copies('rappel-criteres')).toBe(1);
      expect(copies('synthese')).toBe(groups + 1);
      expect(kit.materiel.find((item) => item.id === 'feutres-epais')?.quantite).toBe(groups * 2);
      const actions = kit.phases.find((phase) => phase.id === 'actions');
      expect(plain(actions?.consignes[0] ?? '')).toMatch(new RegExp(`^Formez ${groups} sous-groupes`));
    },
  );

  it('prints the minutes of the academy’s durations inside the instructions', () => {
    const shipped = loader.load('bordeaux');
    const longer = {
      ...shipped,
      phases: shipped.phases.map((phase) => (phase.id === 'reflexion' ? { ...phase, duree: 30 } : phase)),
    };
    const text = (model: typeof shipped) =>
      deriveKit(model)
        .phases.find((phase) => phase.id === 'reflexion')
        ?.consignes.join('\n') ?? '';
    // 20 minutes less a minute per poster (7) and 5 to copy onto sticky notes.
    expect(text(shipped)).toContain('laissez 8 minutes de réflexion');
    expect(text(longer)).toContain('laissez 18 minutes de réflexion');
    expect(text(longer)).toContain('en 7 minutes, une minute par affiche');
    for (const phase of deriveKit(shipped).phases) {
      expect([...phase.consignes, ...phase.conseils].join(' ')).not.toMatch(/[{}]/);
    }
  });

  it('splits the opening once, for the instructions, the tips and the guide', () => {
    const kit = deriveKit(loader.load('creteil'));
    expect(kit.ouverture).toEqual({ accueil: 3, pgo: 7, programme: 5 });
    const opening = kit.phases.find((phase) => phase.id === 'accueil');
    const text = [...(opening?.consignes ?? []), ...(opening?.conseils ?? [])].join(' ');
    expect(text).toContain('Accueil (3 min)');
    expect(text).toContain('Le PGO en bref (7 min)');
    expect(text).toContain('Programme (5 min)');
    expect(text).toContain('en 7 minutes');
  });

  it('dates the academy’s next steps', () => {
    expect(deriveKit(loader.load('limoges')).suites[0]).toEqual({
      date: '18 décembre 2026',
      etape: 'synthèse envoyée aux participants et au lab d’innovation du ministère',
    });
    expect(deriveKit(loader.load('limoges')).suites[1]?.date).toBe('janvier 2027');
    expect(deriveKit(loader.load('bordeaux')).suites).toEqual([]);
  });
});
