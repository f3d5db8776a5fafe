/**
 * The Handlebars environment: templates and partials from templates/
 * (workspace first), compiled once per run in strict mode, with the helpers
 * the documents need. Data is always escaped; the only raw HTML a template
 * can output comes from helpers that build it (the QR code).
 */
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { ValidationError } from '../errors.js';
import { frenchTypography } from '../core/typography.js';
import { plural } from '../core/french.js';
import { DOCUMENT_ORIGIN } from '../document-origin.js';
import type { Workspace } from '../model/workspace.js';
import { compileOptions, loadPrecompiled, templateKey, type TemplateSpec } from './precompiled.js';

type Template = (context: unknown, options?: Handlebars.RuntimeOptions) => string;

/** A CSS string literal that no YAML text can break out of (footers use it). */
export function cssString(value: string): string {
  const escaped = [...frenchTypography(value)]
    .map((char) => (/[\p{L}\p{N} ,.’()«»–—-]/u.test(char) ? char : `\\${char.codePointAt(0)?.toString(16) ?? ''} `))
    .join('');
  return `"${escaped}"`;
}

/** Deeper than any real document: the shipped templates nest partials two levels. */
const MAX_PARTIAL_DEPTH = 32;

class TemplateFault extends Error {
  constructor(
    readonly template: string,
    readonly line: number | undefined,
    readonly col: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** The parser's « got 'X' » said for a person editing a template. */
function parseProblem(got: string | undefined): string {
  switch (got) {
    case 'EOF':
      return 'fin du modèle atteinte : une balise « {{ » ou un bloc « {{#…}} » n’est pas refermé';
    case 'INVALID':
      return 'caractère inattendu dans une balise « {{ … }} » (accolade fermante manquante ?)';
    case 'CLOSE':
    case 'CLOSE_UNESCAPED':
      return 'balise « {{ … }} » incomplète : un nom ou une valeur manque avant « }} »';
    default:
      return `balise « {{ … }} » mal formée${got ? ` (élément inattendu : ${got.toLowerCase()})` : ''}`;
  }
}

/**
 * Where a Handlebars parse error is: the parser gives the line and an
 * excerpt whose caret follows the text read so far; the column is where
 * that text ends on the line. 0-based column.
 */
export function parseErrorPosition(message: string, source: string): { line: number; col: number } | undefined {
  const match = /^Parse error on line (\d+):\n(.*)\n(-*)\^/.exec(message);
  if (!match) return undefined;
  const line = Number(match[1]);
  const read = (match[2] ?? '').slice(0, (match[3] ?? '').length).replace(/^\.\.\./, '');
  const text = source.split('\n')[line - 1] ?? '';
  for (let length = read.length; length > 0; length--) {
    const index = text.indexOf(read.slice(read.length - length));
    if (index >= 0) return { line, col: index + length };
  }
  return { line, col: 0 };
}

/** Names the template and line of a Handlebars error, once, at the innermost template. */
function annotate(template: string, error: unknown, source = ''): never {
  if (error instanceof TemplateFault) throw error;
  const message = error instanceof Error ? error.message : String(error);
  const parse = parseErrorPosition(message, source);
  if (parse) {
    const got = /got '([^']+)'\s*$/.exec(message)?.[1];
    throw new TemplateFault(template, parse.line, parse.col, `syntaxe du modèle invalide — ${parseProblem(got)}`);
  }
  if (error instanceof RangeError && /call stack/i.test(message)) {
    throw new TemplateFault(
      template,
      undefined,
      undefined,
      'le modèle s’appelle lui-même sans fin (modèle partiel récursif ?)',
    );
  }
  const position = /- (\d+):(\d+)\s*$/.exec(message);
  const missing = /^"([^"]+)" not defined/.exec(message);
  const partial = /The partial (\S+) could not be found/.exec(message);
  const mismatch = /^(\S+) doesn't match (\S+)/.exec(message);
  const text = missing
    ? `variable ou aide inconnue « ${missing[1]} » dans le modèle`
    : partial
      ? `modèle partiel introuvable « ${partial[1]} » (fichier templates/partials/${partial[1]}.hbs)`
      : mismatch
        ? `le bloc « {{#${mismatch[1]}}} » ouvert ici est fermé par « {{/${mismatch[2]}}} » : les deux noms doivent être identiques`
        : `erreur dans le modèle : ${message.replace(/\s*\n\s*/g, ' ')}`;
  throw new TemplateFault(
    template,
    position ? Number(position[1]) : undefined,
    position ? Number(position[2]) : undefined,
    text,
  );
}

export interface TemplateEngine {
  /** Renders templates/<name>.hbs; a fault in a template is a ValidationError naming its file and line. */
  render(name: string, context: unknown): string;
}

/** `precompiled`: templates compiled ahead, by templateKey() of their source (see precompiled.ts). */
/** A run longer than this with no space (a token, a pasted address) gets break opportunities: no real word is this long. */
const LONG_RUN = 60;
/** Characters between two of those break opportunities. */
const RUN_PIECE = 20;

/**
 * The document's HTML with a `<wbr>` every 20 characters in any run of more
 * than 60 without a space, in the text only (not in tags, attributes,
 * styles, scripts, SVG or the title): such a word then wraps inside its line,
 * table cells included, instead of running off the page. Nothing else moves.
 */
export function breakLongRuns(html: string): string {
  const unit = '(?:&[#\\w]+;|[^\\s&<])';
  const long = new RegExp(`${unit}{${LONG_RUN + 1},}`, 'g');
  const piece = new RegExp(`${unit}{1,${RUN_PIECE}}`, 'g');
  return html.replace(
    /(<(style|script|title|svg)\b[\s\S]*?<\/\2>)|(<[^>]*>)|([^<]+)/gi,
    (all: string, _raw, _name, _tag, text: string | undefined) =>
      text === undefined ? all : text.replace(long, (run) => (run.match(piece) ?? [run]).join('<wbr>')),
  );
}

export function createTemplateEngine(
  workspace: Workspace,
  precompiled: ReadonlyMap<string, TemplateSpec> = loadPrecompiled(),
): TemplateEngine {
  const hb = Handlebars.create();
  const compiled = new Map<string, Template>();

  /** The precompiled template for this text if there is one (the compiler checks its version), else compiled now. */
  function compileSource(source: string): Template {
    const spec = precompiled.get(templateKey(source));
    if (spec) {
      try {
        return hb.template(spec);
      } catch {
        // Made by another Handlebars: compiled from the text below.
      }
    }
    return hb.compile(source, compileOptions());
  }

  function compileFile(relative: string): Template {
    const cached = compiled.get(relative);
    if (cached) return cached;
    const file = workspace.resolve('templates', relative);
    if (!file)
      throw new ValidationError([
        { file: `templates/${relative}`, path: '', message: 'modèle introuvable', severity: 'error' },
      ]);
    const display = workspace.display(file);
    let template: Template;
    const source = readFileSync(file, 'utf8');
    try {
      const inner = compileSource(source);
      template = (context, options) => {
        try {
          return inner(context, options);
        } catch (error) {
          return annotate(display, error, source);
        }
      };
    } catch (error) {
      template = () => annotate(display, error, source);
    }
    compiled.set(relative, template);
    return template;
  }

  // Partials nested deeper than this call themselves: stopped before the stack runs out (which can abort Node itself).
  let depth = 0;
  for (const name of workspace.list('templates', '.hbs', 'partials')) {
    // The options carry @root and the other data variables into the partial.
    hb.registerPartial(name, (context: unknown, options?: Handlebars.RuntimeOptions) => {
      if (depth >= MAX_PARTIAL_DEPTH) {
        throw new TemplateFault(
          `templates/partials/${name}.hbs`,
          undefined,
          undefined,
          `modèles partiels imbriqués sur plus de ${MAX_PARTIAL_DEPTH} niveaux : le modèle s’appelle lui-même sans fin (modèle partiel récursif ?)`,
        );
      }
      depth++;
      try {
        return compileFile(`partials/${name}.hbs`)(context, options);
      } finally {
        depth--;
      }
    });
  }

  hb.registerHelper(
    'asset',
    (relative: string) => `${DOCUMENT_ORIGIN}/templates/${relative.split('/').map(encodeURIComponent).join('/')}`,
  );
  hb.registerHelper(
    'police-url',
    (relative: string) => `${DOCUMENT_ORIGIN}/fonts/${relative.split('/').map(encodeURIComponent).join('/')}`,
  );
  hb.registerHelper('pluriel', (count: number, singular: string, pluralForm: unknown) =>
    plural(count, singular, typeof pluralForm === 'string' ? pluralForm : undefined),
  );
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('css-string', (value: unknown) => new Handlebars.SafeString(cssString(String(value ?? ''))));
  hb.registerHelper('join', (list: unknown, separator: unknown) =>
    Array.isArray(list) ? list.map(String).join(typeof separator === 'string' ? separator : ', ') : '',
  );
  // The QR code is SVG built by the qrcode package from a validated URL, never text from YAML.
  // Bar charts are SVG built by src/core from numbers and XML-escaped labels, never raw text from YAML.
  hb.registerHelper(
    'graphique',
    (svg: unknown) => new Handlebars.SafeString(typeof svg === 'string' && svg.startsWith('<svg') ? svg : ''),
  );
  hb.registerHelper(
    'qr-code',
    (svg: unknown) => new Handlebars.SafeString(typeof svg === 'string' && svg.startsWith('<svg') ? svg : ''),
  );
  // A URL that may wrap after / . ? & = but never at a hyphen, which would read as part of the address.
  hb.registerHelper('lien', (url: unknown) => {
    const parts = String(url ?? '').split(/(?<=[/.?&=])/);
    const html = parts
      .map((part) => `<span class="insecable">${Handlebars.escapeExpression(part)}</span>`)
      .join('<wbr>');
    return new Handlebars.SafeString(`<span class="lien">${html}</span>`);
  });
  hb.registerHelper('range', (count: number) => Array.from({ length: Math.max(0, count) }, (_, index) => index + 1));

  return {
    render(name, context) {
      try {
        return breakLongRuns(compileFile(`${name}.hbs`)(context));
      } catch (error) {
        if (error instanceof TemplateFault) {
          throw new ValidationError([
            {
              file: error.template,
              ...(error.line !== undefined ? { line: error.line, col: (error.col ?? 0) + 1 } : {}),
              path: '',
              message: error.message,
              severity: 'error',
            },
          ]);
        }
        throw error;
      }
    },
  };
}
