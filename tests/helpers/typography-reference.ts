/**
 * The typography pass as it was before it was made linear (commit a1a66f1),
 * kept as the reference the fast one must agree with.
 */

const NNBSP = '\u202f';
const NBSP = '\u00a0';

/** Typesets plain text (not HTML). */
export function frenchTypography(text: string): string {
  return (
    text
      // Typographic apostrophe between letters: l'école, aujourd'hui, Lab'Lim (quotes in code-like text stay).
      .replace(/(\p{L})'(?=\p{L})/gu, '$1’')
      // Quotes: exactly one narrow no-break space inside « ».
      .replace(/«[ \u00a0\u202f]*/g, `«${NNBSP}`)
      .replace(/[ \u00a0\u202f]*»/g, `${NNBSP}»`)
      // High punctuation: a narrow no-break space before ; ! ? and before a colon that follows a space.
      .replace(/[ \u00a0\u202f]+([;!?])/g, `${NNBSP}$1`)
      .replace(/(\p{L}|[»)])([!?])(?=\s|$|[»)])/gu, `$1${NNBSP}$2`)
      .replace(/[ \u00a0\u202f]+:/g, `${NNBSP}:`)
      // A colon glued to a word and followed by a space ("Lieu: Rectorat") gets its space too.
      .replace(/(\p{L}|[»)])(:)(?=[ \u00a0])/gu, `$1${NNBSP}$2`)
      // Numbers: thousands grouped with a narrow no-break space, then kept with their unit.
      .replace(/(?<![\d.,])(\d{1,3})[ \u00a0](?=\d{3}(?!\d))/g, `$1${NNBSP}`)
      .replace(/(\d) (?=[\p{L}%€])/gu, `$1${NBSP}`)
  );
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: NBSP };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function encodeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attributes that people read (screen readers, document information), typeset like text. */
const READ_ATTRIBUTES = /(\s(?:aria-label|alt|title|content|placeholder)=")([^"]*)(")/g;

function typesetAttributes(tag: string): string {
  return tag.replace(
    READ_ATTRIBUTES,
    (_whole, before: string, value: string, after: string) =>
      `${before}${encodeText(frenchTypography(decodeEntities(value))).replace(/"/g, '&quot;')}${after}`,
  );
}

/** Elements whose content is not prose. */
const RAW_ELEMENTS = /^(style|script|svg|code|pre)$/i;

/**
 * Applies `frenchTypography` to the text between tags and to the attributes
 * people read (aria-label, alt, title, content). Text inside style, script,
 * svg and code elements, and every other attribute, is left as it is.
 */
export function typesetHtml(html: string): string {
  const parts = html.split(/(<[^>]*>)/);
  let rawDepth = 0;
  let rawName = '';
  return parts
    .map((part) => {
      if (part.startsWith('<')) {
        const tag = /^<(\/?)([a-zA-Z][\w-]*)/.exec(part);
        if (tag) {
          const [, closing, name = ''] = tag;
          const selfClosing = part.endsWith('/>');
          if (rawDepth === 0 && !closing && !selfClosing && RAW_ELEMENTS.test(name)) {
            rawDepth = 1;
            rawName = name.toLowerCase();
          } else if (rawDepth > 0 && name.toLowerCase() === rawName && !selfClosing) {
            rawDepth += closing ? -1 : 1;
          }
        }
        return rawDepth > 0 ? part : typesetAttributes(part);
      }
      if (rawDepth > 0 || part.trim() === '') return part;
      return encodeText(frenchTypography(decodeEntities(part)));
    })
    .join('');
}
