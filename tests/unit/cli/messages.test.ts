import { describe, expect, it } from 'vitest';
import { signalExitCode } from '../../../src/cli/commands/shared.js';
import { writeFailureReason } from '../../../src/build.js';
import { interruptionMessage } from '../../../src/cli/commands/build.js';

describe('what an interruption says', () => {
  const display = (file: string) => file.replace('/labo/', '');
  it.each([
    [[], 'Interrompu : aucun fichier partiel n’a été laissé, les PDF précédents sont intacts.'],
    [
      ['/labo/kits/limoges'],
      'Interrompu : aucun fichier partiel n’a été laissé ; le nouveau kit est complet dans kits/limoges/, les autres dossiers gardent leurs PDF précédents, intacts.',
    ],
    [
      ['/labo/kits/limoges', '/labo/kits/lille'],
      'Interrompu : aucun fichier partiel n’a été laissé ; le nouveau kit est complet dans kits/limoges/, kits/lille/, les autres dossiers gardent leurs PDF précédents, intacts.',
    ],
  ])('%j', (complete, message) => {
    expect(interruptionMessage(complete, display)).toBe(message);
  });
});

describe('why a folder cannot be written', () => {
  it.each([
    ['EROFS', 'système de fichiers en lecture seule'],
    ['EACCES', 'permission refusée'],
    ['EPERM', 'permission refusée'],
    ['ENOSPC', 'disque plein'],
    ['EDQUOT', 'disque plein'],
    ['ENOTDIR', 'un fichier porte déjà ce nom'],
    ['ENOENT', 'dossier impossible à créer à cet endroit'],
    ['EBUSY', 'fichier verrouillé ou ouvert dans une autre application (fermez-le dans votre lecteur de PDF)'],
    ['EIO', 'écriture impossible'],
    [undefined, 'écriture impossible'],
  ])('%s', (code, reason) => {
    expect(writeFailureReason(code)).toBe(reason);
  });
});

describe('the exit code after an interruption', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGHUP', 129],
    ['SIGTERM', 143],
  ] as const)('%s gives %i, as a shell says it', (signal, code) => {
    expect(signalExitCode(signal)).toBe(code);
  });
});
