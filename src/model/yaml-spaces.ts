/**
 * Non-breaking spaces where YAML needs ordinary ones: in the indentation, or
 * around the « : » after a key. They come from a word processor, a web page
 * or a French keyboard (« : » typed with its no-break space), look exactly
 * like spaces, and the parser then reports something else, often elsewhere.
 */
import { visit, type Document } from 'yaml';

const NAMES: Record<string, string> = {
  '\u00a0': 'espace insécable (U+00A0)',
  '\u202f': 'espace fine insécable (U+202F)',
  '\u2007': 'espace numérique insécable (U+2007)',
};
const UNBREAKABLE = /[\u00a0\u202f\u2007]/;

export interface SpaceProblem {
  line: number;
  col: number;
  message: string;
}

/** Text ranges that are a value's own text (quoted or block scalars), where such spaces are typography, not syntax. */
function textRanges(doc: Document): [number, number][] {
  const ranges: [number, number][] = [];
  visit(doc, {
    Scalar(_key, node) {
      if (node.type !== 'PLAIN' && node.range) ranges.push([node.range[0], node.range[1]]);
    },
  });
  return ranges;
}

export function misplacedSpaces(text: string, doc: Document): SpaceProblem[] {
  const ranges = textRanges(doc);
  const inText = (offset: number) => ranges.some(([start, end]) => offset > start && offset < end);
  const problems: SpaceProblem[] = [];
  let offset = 0;
  for (const [index, line] of text.split('\n').entries()) {
    const start = offset;
    offset += line.length + 1;
    if (!UNBREAKABLE.test(line) || inText(start)) continue;
    const say = (col: number, where: string) => {
      const name = NAMES[line[col - 1] ?? ''] ?? 'espace insécable';
      problems.push({ line: index + 1, col, message: `${name} ${where} : remplacez-la par une espace ordinaire` });
    };
    // The indentation, a list's « - » included.
    const indentation = /^[ \t\u00a0\u202f\u2007]*(?:-[ \t\u00a0\u202f\u2007]+)*/.exec(line)?.[0] ?? '';
    const inIndentation = indentation.search(UNBREAKABLE);
    if (inIndentation >= 0) {
      say(inIndentation + 1, 'dans l’indentation');
      continue;
    }
    // A key, then « : »: the space before it, or the one after it.
    const key = /^([A-Za-z_][\w-]*)([\u00a0\u202f\u2007]*):([\u00a0\u202f\u2007])?/.exec(
      line.slice(indentation.length),
    );
    if (!key) continue;
    const name = key[1] ?? '';
    if (key[2]) say(indentation.length + name.length + 1, `entre la clé « ${name} » et « : »`);
    else if (key[3]) say(indentation.length + name.length + 2, `après « ${name}: »`);
  }
  return problems;
}
