/**
 * The one check every command that writes makes before any long work: the
 * output folder can be created and written (not /proc, not a file, not
 * read-only), said in French with its true cause.
 */
import { EnvironmentError } from '../errors.js';
import { assertWritableDirectory } from './replace-directory.js';

/** Why a folder or file cannot be written, in French, from the system's error code. */
export function writeFailureReason(code: string | undefined): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission refusée';
    case 'EROFS':
      return 'système de fichiers en lecture seule';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'disque plein';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'un fichier porte déjà ce nom';
    case 'ENOENT':
      return 'dossier impossible à créer à cet endroit';
    case 'ENAMETOOLONG':
      return 'nom trop long pour le système de fichiers';
    case 'ELOOP':
      return 'trop de liens symboliques les uns vers les autres';
    case 'EBUSY':
      return 'fichier verrouillé ou ouvert dans une autre application (fermez-le dans votre lecteur de PDF)';
    default:
      return 'écriture impossible';
  }
}

/**
 * Creates `directory` if needed and checks that files can be written in it;
 * returns the folders it created (to remove if nothing is written). `what`
 * names it in the message: « le dossier de sortie ».
 */
export function prepareOutputFolder(directory: string, shown: string, what = 'le dossier de sortie'): string[] {
  try {
    return assertWritableDirectory(directory);
  } catch (error) {
    throw new EnvironmentError(
      `impossible d’écrire dans ${what} ${shown} : ${writeFailureReason((error as NodeJS.ErrnoException).code)}`,
      error,
    );
  }
}
