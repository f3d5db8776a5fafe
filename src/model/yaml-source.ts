/**
 * Reads a user's YAML file while keeping where every key and value came
 * from, so that validation errors can name `file:line:col`.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { Issue } from '../errors.js';
import { strayQuote, syntaxHints } from './yaml-hints.js';
import { MAX_EXPANDED_CHARS, oversizedAlias } from './yaml-size.js';
import { misplacedSpaces } from './yaml-spaces.js';

/** Files larger than this are refused before parsing: a lab's YAML is a few KiB. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Aliases expanded when converting to plain data; beyond this it is a "billion laughs" file. */
const MAX_ALIAS_COUNT = 100;

export interface Position {
  line: number;
  col: number;
}

export type PathSegment = string | number;

export interface ParsedYaml {
  /** Plain data, or undefined when the file could not be read at all. */
  data: unknown;
  issues: Issue[];
  /** Position of the value at `path` (or of its key with `key: true`); the nearest existing ancestor otherwise. */
  locate(path: readonly PathSegment[], options?: { key?: boolean }): Position | undefined;
  /** True when `path` exists in the document (so a missing key is told apart from a wrong value). */
  has(path: readonly PathSegment[]): boolean;
}

/** French wording for the parser's error codes; the code is what is stable across versions. */
function frenchSyntaxMessage(code: string, message: string, source: string, offset: number): string {
  switch (code) {
    case 'DUPLICATE_KEY': {
      const key = /^[^\s:#]+|^"[^"]*"|^'[^']*'/.exec(source.slice(offset))?.[0];
      return key ? `clé en double : « ${key} » est déjà définie plus haut` : 'clé en double';
    }
    case 'TAB_AS_INDENT':
      return 'tabulation dans l’indentation : indentez avec des espaces';
    case 'MISSING_CHAR':
      if (/quote/i.test(message)) return 'guillemet fermant manquant';
      if (/\]/.test(message)) return 'crochet fermant « ] » manquant';
      if (/\}/.test(message)) return 'accolade fermante « } » manquante';
      return 'caractère manquant';
    case 'BAD_INDENT':
      if (/flow/i.test(message)) return 'liste ou table entre crochets non refermée (ou mal indentée)';
      return 'indentation incorrecte : les clés de même niveau doivent commencer à la même colonne';
    case 'MULTILINE_IMPLICIT_KEY':
      return 'indentation incorrecte : cette ligne est plus indentée que la clé précédente (ou un « : » manque au-dessus)';
    case 'BLOCK_AS_IMPLICIT_KEY': {
      // `lieu: Salle: B12`: the parser stops on the value, which holds a second « : ».
      const rest = source.slice(offset, source.indexOf('\n', offset) === -1 ? undefined : source.indexOf('\n', offset));
      if (/:(\s|$)/.test(rest))
        return `la valeur contient « : » : mettez la valeur entre guillemets, par exemple "${rest.trim().replace(/"/g, '\\"')}"`;
      return 'indentation incorrecte ou « : » manquant après une clé';
    }
    case 'MULTIPLE_DOCS':
      return 'le fichier contient plusieurs documents (« --- ») : un seul est attendu';
    case 'BAD_ALIAS':
    case 'BAD_SCALAR_START':
      return 'valeur mal formée : mettez-la entre guillemets';
    case 'BAD_DQ_ESCAPE':
      return 'séquence d’échappement invalide entre guillemets';
    default:
      return 'syntaxe YAML invalide';
  }
}

/**
 * The parser reports an unclosed quote or bracket where the file ends; the
 * user needs the line where it was opened.
 */
function openingOffset(code: string, message: string, source: string, offset: number, end: number): number {
  // An over-indented line turns the line above into a multi-line key: the fault is on the line the error ends on.
  if (code === 'MULTILINE_IMPLICIT_KEY') {
    const lineStart = source.lastIndexOf('\n', end - 1) + 1;
    return lineStart + (/^[ \t]*/.exec(source.slice(lineStart))?.[0].length ?? 0);
  }
  const opener =
    code === 'MISSING_CHAR' && /quote/i.test(message)
      ? /'/.test(message)
        ? "'"
        : '"'
      : /flow|\]|\}/i.test(message)
        ? /\}|map/i.test(message)
          ? '{'
          : '['
        : undefined;
  if (!opener) return offset;
  const found = source.lastIndexOf(opener, Math.max(0, offset - 1));
  return found >= 0 ? found : offset;
}

function nodeAt(doc: Document, path: readonly PathSegment[], key: boolean): { node: Node | null; complete: boolean } {
  let current: unknown = doc.contents;
  let found: Node | null = (doc.contents as Node | null) ?? null;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (isMap(current)) {
      const pair = current.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return { node: found, complete: false };
      if (last && key) return { node: pair.key as Node, complete: true };
      current = pair.value;
      // A key with no value (`date:`) has no node of its own: point at the key.
      found = (pair.value as Node | null) ?? (pair.key as Node);
    } else if (isSeq(current) && typeof segment === 'number') {
      const item = current.items[segment];
      if (item === undefined) return { node: found, complete: false };
      current = item;
      found = item as Node;
    } else {
      return { node: found, complete: false };
    }
  }
  return { node: found, complete: true };
}

/** Every key defined twice in the same map, located at its second definition. */
function duplicateKeys(doc: Document, toPosition: (offset: number) => Position, displayPath: string): Issue[] {
  const issues: Issue[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        const offset = pair.key.range?.[0] ?? 0;
        const first = seen.get(name);
        if (first === undefined) {
          seen.set(name, offset);
          continue;
        }
        issues.push({
          file: displayPath,
          ...toPosition(offset),
          path: '',
          message: `YAML invalide — clé en double : « ${name} » est déjà définie plus haut (ligne ${toPosition(first).line}) ; seule la dernière valeur compte`,
          severity: 'error',
        });
      }
    },
  });
  return issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** Plain texts that end with a lone `"`: valid YAML, but a quote left behind that would be printed. */
function strayQuotes(doc: Document, toPosition: (offset: number) => Position, displayPath: string): Issue[] {
  const issues: Issue[] = [];
  visit(doc, {
    Scalar(_key, node) {
      if (node.type !== 'PLAIN' || typeof node.value !== 'string') return;
      const message = strayQuote(node.value);
      if (message)
        issues.push({ file: displayPath, ...toPosition(node.range?.[0] ?? 0), path: '', message, severity: 'error' });
    },
  });
  return issues;
}

export function parseYamlSource(displayPath: string, bytes: Uint8Array): ParsedYaml {
  const noLocation: ParsedYaml = {
    data: undefined,
    issues: [],
    locate: () => undefined,
    has: () => false,
  };
  // A whole-file problem still gets a position, line 1 unless we know better, so every line reads file:line:col.
  const fileIssue = (message: string, position: Position = { line: 1, col: 1 }): ParsedYaml => ({
    ...noLocation,
    issues: [{ file: displayPath, line: position.line, col: position.col, path: '', message, severity: 'error' }],
  });

  if (bytes.byteLength > MAX_FILE_BYTES) {
    return fileIssue(`fichier trop volumineux (${Math.ceil(bytes.byteLength / 1024)} Kio, 1 024 Kio au plus)`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Point at the first character that is not UTF-8.
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const bad = lenient.indexOf('\ufffd');
    const before = lenient.slice(0, Math.max(0, bad));
    const line = before.split('\n').length;
    const col = before.length - before.lastIndexOf('\n');
    return fileIssue('le fichier n’est pas encodé en UTF-8 : enregistrez-le en UTF-8 depuis votre éditeur', {
      line,
      col,
    });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Old Mac line ends (CR alone) are line ends too: the file is read, not taken for one long line.
  text = text.replace(/\r(?!\n)/g, '\n');

  const lineCounter = new LineCounter();
  // Duplicate keys are found below, so that they do not hide the file's other problems.
  // logLevel 'error': the parser's warnings (a list used as a key…) would reach the user as an English Node warning; the schema reports such keys in French.
  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: false,
    prettyErrors: false,
    version: '1.2',
    logLevel: 'error',
  });
  const toPosition = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };

  // Non-breaking spaces where YAML needs spaces: said as such, where they are; the parser's errors they cause are left out.
  const spaces = misplacedSpaces(text, doc).map((problem): Issue => ({
    file: displayPath,
    line: problem.line,
    col: problem.col,
    path: '',
    message: `YAML invalide — ${problem.message}`,
    severity: 'error',
  }));
  if (doc.errors.length > 0 && spaces.length > 0) return { ...noLocation, issues: spaces };

  if (doc.errors.length > 0) {
    const seenLines = new Set<number>();
    // The mistakes people really make, said where they are and with the fix; the parser's own errors they explain are left out.
    const hints = syntaxHints(
      text,
      doc.errors.flatMap((error) => [
        toPosition(error.pos[0]).line,
        toPosition(openingOffset(error.code, error.message, text, error.pos[0], error.pos[1])).line,
      ]),
      doc.errors.some((error) => error.code === 'MISSING_CHAR' && /quote/i.test(error.message)),
    );
    const issues: Issue[] = hints.map((hint) => ({
      file: displayPath,
      line: hint.line,
      col: hint.col,
      path: '',
      message: `YAML invalide — ${hint.message}`,
      severity: 'error',
    }));
    hints.forEach((hint) => seenLines.add(hint.line));
    const explained = (line: number) => hints.some((hint) => line >= hint.from && line <= hint.to);
    const multiline = new Set(doc.errors.filter((e) => e.code === 'MULTILINE_IMPLICIT_KEY').map((e) => e.pos[0]));
    for (const error of doc.errors) {
      if (error.code === 'BLOCK_AS_IMPLICIT_KEY' && multiline.has(error.pos[0])) continue;
      const offset = openingOffset(error.code, error.message, text, error.pos[0], error.pos[1]);
      const position = toPosition(offset);
      // One message per line: the parser often reports the same mistake several times.
      if (seenLines.has(position.line) || explained(position.line) || explained(toPosition(error.pos[0]).line))
        continue;
      seenLines.add(position.line);
      issues.push({
        file: displayPath,
        line: position.line,
        col: position.col,
        path: '',
        message: `YAML invalide — ${frenchSyntaxMessage(error.code, error.message, text, error.pos[0])}`,
        severity: 'error',
      });
    }
    return { ...noLocation, issues };
  }

  if (doc.contents === null) {
    return fileIssue('fichier vide : il doit au moins contenir la clé « academie » ou les clés attendues');
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message =
      error instanceof Error && /resource exhaustion/i.test(error.message)
        ? 'trop d’alias YAML (« *nom ») : fichier refusé par sécurité'
        : error instanceof Error && /Unresolved alias/i.test(error.message)
          ? `alias inconnu : « *${error.message.split(': ').pop() ?? ''} » ne correspond à aucune ancre « & »`
          : 'contenu YAML impossible à lire';
    return fileIssue(message);
  }
  const oversized = oversizedAlias(doc);
  if (oversized !== undefined) {
    return fileIssue(
      `alias YAML (« *nom ») qui répètent trop de texte : plus de ${(MAX_EXPANDED_CHARS / 1_000_000).toLocaleString('fr-FR')} millions de caractères une fois développés, fichier refusé par sécurité`,
      toPosition(oversized),
    );
  }

  return {
    data,
    issues: [
      ...spaces,
      ...duplicateKeys(doc, toPosition, displayPath),
      ...strayQuotes(doc, toPosition, displayPath),
    ].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
    locate(path, options) {
      const { node } = nodeAt(doc, path, options?.key ?? false);
      const offset = node?.range?.[0];
      return offset === undefined ? undefined : toPosition(offset);
    },
    has(path) {
      return nodeAt(doc, path, false).complete;
    },
  };
}
