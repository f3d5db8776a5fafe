/**
 * The YAML mistakes people really make, read from the text itself: the
 * parser reports where it got lost, often a line away and in its own terms;
 * these say where the mistake is and what to write instead. Each advice is
 * checked to give valid YAML (tests/unit/model/messages.test.ts).
 */

export interface SyntaxHint {
  line: number;
  col: number;
  message: string;
  /** The lines whose parser errors this hint replaces (they are consequences of the same mistake). */
  from: number;
  to: number;
}

interface SourceLine {
  number: number;
  text: string;
  indent: number;
  /** Blank or comment only. */
  empty: boolean;
}

const KEY_LINE = /^(\s*)(?:-\s+)?([^\s#'"\-[{][^:#]*?):(\s|$)/;

function sourceLines(text: string): SourceLine[] {
  return text.split(/\r\n|\n|\r/).map((line, index) => ({
    number: index + 1,
    text: line,
    indent: /^ */.exec(line)?.[0].length ?? 0,
    empty: /^\s*(#.*)?$/.test(line),
  }));
}

/** The column where a line's content starts, a list item's content included (`- nom: A` → 3). */
function contentIndent(line: SourceLine): number {
  const item = /^(\s*-\s+)/.exec(line.text);
  return item ? (item[1]?.length ?? line.indent) : line.indent;
}

/** A line after which more indented lines are this line's children (`session:`, `- `, `description: |`). */
function opensBlock(line: SourceLine): boolean {
  const withoutComment = line.text.replace(/\s+#.*$/, '').trimEnd();
  return /:$/.test(withoutComment) || /^\s*-$/.test(withoutComment) || /[:-]\s+[|>][+-]?\d?$/.test(withoutComment);
}

const spaces = (count: number) => (count === 1 ? 'l’espace' : `les ${count} espaces`);

/** `thematiques: []` kept from the starter file, with the items written below it. */
function emptyListThenItems(lines: SourceLine[]): SyntaxHint[] {
  const hints: SyntaxHint[] = [];
  lines.forEach((line, index) => {
    const match = /^(\s*(?:-\s+)?)([^\s#:][^:#]*?):\s*(\[\s*\]|\{\s*\})\s*(#.*)?$/.exec(line.text);
    if (!match) return;
    const next = lines.slice(index + 1).find((candidate) => !candidate.empty);
    if (!next || !/^\s*-(\s|$)/.test(next.text) || next.indent < line.indent) return;
    // The items end where a line goes back to the key's level without being an item.
    let last = next.number;
    for (const candidate of lines.slice(next.number)) {
      if (candidate.empty) continue;
      if (candidate.indent > line.indent || (/^\s*-(\s|$)/.test(candidate.text) && candidate.indent === next.indent))
        last = candidate.number;
      else break;
    }
    const brackets = match[3] ?? '[]';
    hints.push({
      line: line.number,
      col: line.text.indexOf(brackets, (match[1]?.length ?? 0) + (match[2]?.length ?? 0)) + 1,
      message: `supprimez « ${brackets} » après « ${match[2]}: » : les éléments sont écrits sur les lignes en dessous (« ${brackets} » voulait dire : aucun)`,
      from: line.number,
      to: last,
    });
  });
  return hints;
}

/** ` lab: Mon lab`: a key uncommented with the space that followed « # ». */
function strayIndent(lines: SourceLine[], errorLines: readonly number[]): SyntaxHint[] {
  const hints: SyntaxHint[] = [];
  let previous: SourceLine | undefined;
  let blockScalar: number | undefined;
  for (const line of lines) {
    if (line.empty) continue;
    if (blockScalar !== undefined) {
      if (line.indent > blockScalar) continue;
      blockScalar = undefined;
    }
    if (previous && KEY_LINE.test(line.text) && !opensBlock(previous)) {
      const expected = contentIndent(previous);
      const extra = line.indent - expected;
      // Only where the parser stumbled, between the sibling and this line.
      if (extra > 0 && errorLines.some((at) => at >= previous!.number && at <= line.number)) {
        hints.push({
          line: line.number,
          col: 1,
          message: `supprimez ${spaces(extra)} en début de ligne ${line.number} : « ${line.text.trim().split(':')[0]}: » doit commencer à la même colonne que la ligne ${previous.number}`,
          from: previous.number,
          to: line.number,
        });
      }
    }
    if (/[:-]\s+[|>][+-]?\d?\s*(#.*)?$/.test(line.text)) blockScalar = line.indent;
    previous = line;
  }
  return hints;
}

/** `lieu: 'Amphi A : l'espace'`: the apostrophe ends the quoted text. */
function apostropheInSingleQuotes(lines: SourceLine[], errorLines: readonly number[]): SyntaxHint[] {
  return lines.flatMap((line) => {
    if (!errorLines.includes(line.number)) return [];
    const match = /^(\s*(?:-\s+)?(?:[^\s#'"][^:#]*:\s+)?)'([^']*)'([^\s#,\]}].*)$/.exec(line.text);
    if (!match) return [];
    const prefix = match[1] ?? '';
    const quoted = line.text
      .slice(prefix.length)
      .replace(/\s+#[^']*$/, '')
      .trimEnd();
    if (!quoted.endsWith("'") || quoted.length < 2) return [];
    const inner = quoted.slice(1, -1);
    const advice = /["\\]/.test(inner) ? `'${inner.replace(/'/g, "''")}'` : `"${inner}"`;
    return [
      {
        line: line.number,
        col: prefix.length + 1,
        message: `apostrophe dans un texte entre apostrophes : écrivez ${advice}`,
        from: line.number,
        to: line.number,
      },
    ];
  });
}

/** `lieu: "Amphi A # salle`: a quote opened and never closed, often before a comment. */
function unclosedQuote(lines: SourceLine[]): SyntaxHint[] {
  for (const line of lines) {
    const match = /^(\s*(?:-\s+)?(?:[^\s#'"][^:#]*:\s+)?)(["'])(.*)$/.exec(line.text);
    if (!match) continue;
    const quote = match[2] ?? '"';
    const rest = match[3] ?? '';
    const closes = quote === '"' ? /(^|[^\\])"/.test(rest) : /'/.test(rest.replace(/''/g, ''));
    if (closes) continue;
    const prefix = match[1] ?? '';
    const comment = /^(.*?)\s+(#.*)$/.exec(rest);
    const text = (comment ? (comment[1] ?? '') : rest).trimEnd();
    const advice = comment
      ? `fermez-le avant le commentaire : ${prefix.trim()} ${quote}${text}${quote} ${comment[2] ?? ''}`
      : `ajoutez ${quote} à la fin de la ligne : ${prefix.trim()} ${quote}${text}${quote}`;
    return [
      {
        line: line.number,
        col: prefix.length + 1,
        message: `${quote === '"' ? 'guillemet' : 'apostrophe'} fermant${quote === '"' ? '' : 'e'} manquant${quote === '"' ? '' : 'e'} : ${advice.replace(/\s+$/, '')}`,
        from: line.number,
        to: lines.length,
      },
    ];
  }
  return [];
}

/** `lab:Mon lab`: without a space after « : », YAML reads one text, not a key and its value. */
function missingSpaceAfterColon(lines: SourceLine[], errorLines: readonly number[]): SyntaxHint[] {
  return lines.flatMap((line) => {
    if (!errorLines.includes(line.number)) return [];
    const match = /^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):([^\s:/].*)$/.exec(line.text);
    if (!match) return [];
    return [
      {
        line: line.number,
        col: (match[1]?.length ?? 0) + 1,
        message: noSpaceMessage(match[2] ?? '', match[3] ?? ''),
        from: line.number,
        to: line.number,
      },
    ];
  });
}

export function noSpaceMessage(key: string, value: string): string {
  return `après « ${key}: » il faut un espace : écrivez ${key}: ${value.trim()}`;
}

/**
 * Hints for a file the parser refused. `errorLines` are the lines where the
 * parser reported something: a hint that does not meet one is not given.
 */
export function syntaxHints(text: string, errorLines: readonly number[], quoteMissing: boolean): SyntaxHint[] {
  const lines = sourceLines(text);
  const hints = [
    ...emptyListThenItems(lines),
    ...apostropheInSingleQuotes(lines, errorLines),
    ...missingSpaceAfterColon(lines, errorLines),
    ...(quoteMissing ? unclosedQuote(lines) : []),
  ];
  // An over-indented key is looked for only where no other mistake explains the error.
  const explained = (at: number) => hints.some((hint) => at >= hint.from && at <= hint.to);
  hints.push(
    ...strayIndent(
      lines,
      errorLines.filter((at) => !explained(at)),
    ),
  );
  return hints.sort((a, b) => a.line - b.line);
}

/** `lieu: Amphi A"`: a plain text (not quoted) that ends with a lone straight quote is a quote left behind. */
export function strayQuote(value: string): string | undefined {
  const count = (value.match(/"/g) ?? []).length;
  if (count % 2 === 0 || !value.endsWith('"')) return undefined;
  return `guillemet « " » en trop à la fin de « ${value.length > 40 ? `…${value.slice(-40)}` : value} » : supprimez-le (il serait imprimé sur les documents)`;
}
