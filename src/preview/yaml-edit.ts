/**
 * Writes a form's changes into a YAML file without rewriting it: the
 * differences between what the form loaded and what it sends are applied to
 * the file's own document (the `yaml` package's Document API), so comments,
 * key order, quotes and blank lines of every untouched key stay as the lab
 * wrote them. Pure.
 */
import { createHash } from 'node:crypto';
import { isMap, isScalar, isSeq, parseDocument, Scalar, type Document, type Node } from 'yaml';

type Path = (string | number)[];

export type Change = { op: 'set'; path: Path; value: unknown; order: string[] } | { op: 'delete'; path: Path };

/** The digest a form holds for the file it loaded: any change in an editor changes it. `absent` for no file. */
export function fileVersion(text: string | undefined): string {
  return text === undefined ? 'absent' : createHash('sha256').update(text).digest('base64url').slice(0, 22);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameValue(a[key], b[key]))
    );
  }
  return false;
}

/** A key written with nothing after it, or an empty list or table: what an empty field of the form leaves as it is. */
function blank(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && value.length === 0) ||
    (isRecord(value) && Object.keys(value).length === 0)
  );
}

const scalarList = (list: readonly unknown[]) => list.every((item) => item === null || typeof item !== 'object');

/** The changes that turn `base` into `next`, as few and as deep as possible. */
export function diffValues(base: unknown, next: unknown, path: Path = []): Change[] {
  if (sameValue(base, next)) return [];
  if (next === undefined) return blank(base) ? [] : [{ op: 'delete', path }];
  if (isRecord(base) && isRecord(next)) {
    const order = Object.keys(next);
    const changes: Change[] = [];
    for (const key of Object.keys(base)) {
      if (!Object.hasOwn(next, key) && !blank(base[key])) changes.push({ op: 'delete', path: [...path, key] });
    }
    for (const key of order) {
      if (Object.hasOwn(base, key)) changes.push(...diffValues(base[key], next[key], [...path, key]));
      else if (next[key] !== undefined) changes.push({ op: 'set', path: [...path, key], value: next[key], order });
    }
    return changes;
  }
  if (Array.isArray(base) && Array.isArray(next) && !(scalarList(base) && scalarList(next))) {
    const changes: Change[] = [];
    const common = Math.min(base.length, next.length);
    for (let index = 0; index < common; index++)
      changes.push(...diffValues(base[index], next[index], [...path, index]));
    for (let index = common; index < next.length; index++)
      changes.push({ op: 'set', path: [...path, index], value: next[index], order: [] });
    // From the end, so that the indexes still point at the right items.
    for (let index = base.length - 1; index >= common; index--) changes.push({ op: 'delete', path: [...path, index] });
    return changes;
  }
  return [{ op: 'set', path, value: next, order: [] }];
}

const CLOCK = /^\d{1,2}:\d{2}$/;

/** A new value as a node: times in double quotes, as the files and the documentation write them. */
function createNode(doc: Document, value: unknown, like?: unknown): Node {
  const node = doc.createNode(value) as Node;
  const quoteClocks = (item: unknown) => {
    if (isScalar(item) && typeof item.value === 'string' && CLOCK.test(item.value)) item.type = Scalar.QUOTE_DOUBLE;
    if (isMap(item)) for (const pair of item.items) quoteClocks(pair.value);
    if (isSeq(item)) for (const each of item.items) quoteClocks(each);
  };
  quoteClocks(node);
  // A list written `[a, b]` stays on one line.
  if (isSeq(like) && isSeq(node)) {
    node.flow = like.flow ?? false;
    node.comment = like.comment;
  }
  return node;
}

function applyChange(doc: Document, change: Change): void {
  const { path } = change;
  if (change.op === 'delete') {
    if (doc.hasIn(path)) doc.deleteIn(path);
    return;
  }
  const current = doc.getIn(path, true);
  const { value } = change;
  if (isScalar(current) && (value === null || typeof value !== 'object')) {
    // The same node: its comment and quotes stay; a text that cannot stay plain is quoted by the writer.
    current.value = value;
    if (typeof value === 'string' && CLOCK.test(value) && current.type === Scalar.PLAIN)
      current.type = Scalar.QUOTE_DOUBLE;
    return;
  }
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
  if (isMap(parent) && typeof key === 'string' && !doc.hasIn(path)) {
    // A new key goes where the form's order puts it: before the next key that the file already has.
    const pair = doc.createPair(key, null);
    pair.value = createNode(doc, value);
    const following = change.order.slice(change.order.indexOf(key) + 1);
    const at = parent.items.findIndex((item) => isScalar(item.key) && following.includes(String(item.key.value)));
    if (at === -1) parent.items.push(pair);
    else parent.items.splice(at, 0, pair);
    return;
  }
  doc.setIn(path, createNode(doc, value, current));
}

export interface EditOptions {
  /** The file's text; undefined when the file does not exist yet. */
  text: string | undefined;
  /** The text a new file starts from (the scaffold `init` writes). */
  initial: string;
  /** What the form loaded, and what it sends now. */
  base: unknown;
  next: unknown;
}

/** The file's new text: the form's changes applied to the file as it is now. */
export function applyFormChanges({ text, initial, base, next }: EditOptions): string {
  const source = text ?? initial;
  const doc = parseDocument(source, { version: '1.2', logLevel: 'error' });
  if (doc.errors.length > 0 || !isMap(doc.contents)) {
    // A file the form cannot read as a table (a syntax error typed in an editor) is not patched but written anew from the form.
    const fresh = parseDocument(initial, { version: '1.2', logLevel: 'error' });
    const options = writeOptions(initial);
    const unchanged = fresh.toString(options);
    for (const change of diffValues(fresh.toJS() ?? {}, next)) applyChange(fresh, change);
    return restoreLines(initial, unchanged, fresh.toString(options));
  }
  const changes = diffValues(base ?? {}, next);
  if (changes.length === 0 && text !== undefined) return text;
  const options = writeOptions(source);
  const unchanged = doc.toString(options);
  for (const change of changes) applyChange(doc, change);
  return restoreLines(source, unchanged, doc.toString(options));
}

/** For each line of `a`, the index of the same line in `b` on a longest common subsequence, or -1. */
function align(a: readonly string[], b: readonly string[]): number[] {
  const n = a.length;
  const m = b.length;
  const lengths = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * (m + 1) + j] =
        a[i] === b[j]
          ? (lengths[(i + 1) * (m + 1) + j + 1] ?? 0) + 1
          : Math.max(lengths[(i + 1) * (m + 1) + j] ?? 0, lengths[i * (m + 1) + j + 1] ?? 0);
    }
  }
  const match = new Array<number>(n).fill(-1);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      match[i] = j;
      i++;
      j++;
    } else if ((lengths[(i + 1) * (m + 1) + j] ?? 0) >= (lengths[i * (m + 1) + j + 1] ?? 0)) i++;
    else j++;
  }
  return match;
}

/** Where a line's trailing comment starts (its « # » after a space, outside quotes), or -1. */
function commentStart(line: string): number {
  let quote: string | undefined;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      if (index === 0 || /[\s:[{,-]/.test(line[index - 1] ?? '')) quote = char;
    } else if (char === '#' && index > 0 && /\s/.test(line[index - 1] ?? '')) return index - 1;
  }
  return -1;
}

/** A changed line keeps its trailing comment in the column where the file had it. */
function realign(lines: readonly string[], originals: readonly string[]): string[] {
  const comment = (line: string) => {
    const at = commentStart(line);
    return at < 0 ? undefined : { code: line.slice(0, at).trimEnd(), text: line.slice(at).trimStart() };
  };
  const columns = new Map<string, number>();
  for (const original of originals) {
    const found = comment(original);
    if (found) columns.set(found.text, original.length - found.text.length);
  }
  return lines.map((line) => {
    const found = comment(line);
    const column = found ? columns.get(found.text) : undefined;
    return found && column !== undefined && found.code.length + 2 <= column
      ? `${found.code.padEnd(column)}${found.text}`
      : line;
  });
}

/** Past this, lines are not matched one by one (a lab's file has a few hundred lines). */
const MAX_ALIGNED = 4_000_000;

/**
 * The writer reformats some things the Document API cannot keep: spaces that
 * align trailing comments into a column, long texts folded over several
 * lines. A three-way merge by lines gives every region the form did not
 * change its original text: `written` compared with `unchanged` (the file
 * as the writer would write it without any change) says what the form
 * changed; everything else comes from `source`.
 */
function restoreLines(source: string, unchanged: string, written: string): string {
  const ours = source.split('\n');
  const base = unchanged.split('\n');
  const theirs = written.split('\n');
  if (base.length * Math.max(ours.length, theirs.length) > MAX_ALIGNED) return written;
  const toOurs = align(base, ours);
  const toTheirs = align(base, theirs);
  const output: string[] = [];
  let [b, o, t] = [0, 0, 0];
  const flush = (bEnd: number, oEnd: number, tEnd: number) => {
    const baseChunk = base.slice(b, bEnd);
    const theirChunk = theirs.slice(t, tEnd);
    const changed =
      baseChunk.length !== theirChunk.length || baseChunk.some((line, index) => line !== theirChunk[index]);
    output.push(...(changed ? realign(theirChunk, ours.slice(o, oEnd)) : ours.slice(o, oEnd)));
  };
  for (let index = 0; index < base.length; index++) {
    const inOurs = toOurs[index] ?? -1;
    const inTheirs = toTheirs[index] ?? -1;
    if (inOurs < 0 || inTheirs < 0) continue;
    flush(index, inOurs, inTheirs);
    output.push(base[index] ?? '');
    [b, o, t] = [index + 1, inOurs + 1, inTheirs + 1];
  }
  flush(base.length, ours.length, theirs.length);
  return output.join('\n');
}

/** As the file writes them: lists indented under their key or not; long lines never folded. */
function writeOptions(source: string) {
  const flush = /^[ \t]*[\w-]+:[ \t]*\n([ \t]*)- /m.exec(source);
  const keyIndent = flush ? (/^[ \t]*/.exec(flush[0])?.[0].length ?? 0) : 0;
  const indentSeq = flush ? (flush[1] ?? '').length > keyIndent : true;
  return { indentSeq, lineWidth: 0, minContentWidth: 0, flowCollectionPadding: /^[^#\n]*: \[ /m.test(source) };
}
