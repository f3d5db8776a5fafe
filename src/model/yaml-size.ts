/**
 * The size of a YAML document once its aliases (`*nom`) are expanded: a
 * file of a few hundred KiB can repeat a long text thousands of times, and
 * the documents would carry it all to the browser. Counted on the parsed
 * document, each anchored value measured once.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';

/** Characters of text a lab's file may expand to: far above any real file (a few thousand), far below what hangs a browser. */
export const MAX_EXPANDED_CHARS = 10_000_000;

/** The offset of the alias whose expansion takes the document past `limit` characters, or undefined. */
export function oversizedAlias(doc: Document, limit = MAX_EXPANDED_CHARS): number | undefined {
  const measured = new Map<Node, number>();
  /** Characters of a node, aliases expanded; an anchor being measured (a recursive alias) counts for nothing. */
  const size = (node: unknown): number => {
    if (isAlias(node)) {
      const target = node.resolve(doc) as Node | undefined;
      if (!target) return 0;
      const known = measured.get(target);
      if (known !== undefined) return known;
      measured.set(target, 0);
      const value = size(target);
      measured.set(target, value);
      return value;
    }
    if (isScalar(node)) return String(node.value ?? '').length;
    if (isMap(node)) return node.items.reduce((sum, pair) => sum + size(pair.key) + size(pair.value), 0);
    if (isSeq(node)) return node.items.reduce((sum: number, item) => sum + size(item), 0);
    return 0;
  };
  let total = 0;
  /** Walks the document in reading order; returns the offset of the alias that crosses the limit. */
  const walk = (node: unknown): number | undefined => {
    if (isAlias(node)) {
      total += size(node);
      return total > limit ? (node.range?.[0] ?? 0) : undefined;
    }
    if (isScalar(node)) {
      total += String(node.value ?? '').length;
      return undefined;
    }
    const children = isMap(node) ? node.items.flatMap((pair) => [pair.key, pair.value]) : isSeq(node) ? node.items : [];
    for (const child of children) {
      const found = walk(child);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(doc.contents);
}
