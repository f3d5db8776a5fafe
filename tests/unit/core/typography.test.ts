import { describe, expect, it } from 'vitest';
import { frenchTypography, NBSP, NNBSP, typesetHtml } from '../../../src/core/typography.js';

describe('French typography of text', () => {
  it.each([
    ['Objectif : agir', `Objectif${NNBSP}: agir`],
    ['Lieu: Rectorat', `Lieu${NNBSP}: Rectorat`],
    ['Pourquoi ?', `Pourquoi${NNBSP}?`],
    ['Pourquoi?', `Pourquoi${NNBSP}?`],
    ['Bravo !', `Bravo${NNBSP}!`],
    ['un ; deux', `un${NNBSP}; deux`],
    ['« Mes idées »', `«${NNBSP}Mes idées${NNBSP}»`],
    ['«Mes idées»', `«${NNBSP}Mes idées${NNBSP}»`],
    ["l'école d'aujourd'hui", 'l’école d’aujourd’hui'],
    ["Lab'Lim", 'Lab’Lim'],
    ['3 idées', `3${NBSP}idées`],
    ['15 min', `15${NBSP}min`],
    ['10 000 élèves', `10${NNBSP}000${NBSP}élèves`],
  ])('%j', (input, output) => {
    expect(frenchTypography(input)).toBe(output);
  });

  it.each([
    'https://www.ac-limoges.fr/pgo?x=1',
    "<script>alert('x');</script>",
    '<a href="x">',
    '&amp;',
    '14:00',
    'a-b',
  ])('leaves %j alone', (text) => {
    expect(frenchTypography(text)).toBe(text);
  });

  it('is idempotent', () => {
    const once = frenchTypography("« Quoi ? » dit-il : l'école");
    expect(frenchTypography(once)).toBe(once);
  });
});

describe('French typography of HTML', () => {
  it('changes text and read attributes, never tags, other attributes or styles', () => {
    const html =
      '<p class="a : b" title="x ?" aria-label="Affiche 1 : l\'école">Question ?</p><style>a::before { content: "x : y" }</style>';
    expect(typesetHtml(html)).toBe(
      `<p class="a : b" title="x${NNBSP}?" aria-label="Affiche 1${NNBSP}: l’école">Question${NNBSP}?</p><style>a::before { content: "x : y" }</style>`,
    );
  });

  it('keeps attribute values escaped', () => {
    expect(typesetHtml('<meta name="author" content="&quot;Lab&quot; &amp; &lt;b&gt;">')).toBe(
      '<meta name="author" content="&quot;Lab&quot; &amp; &lt;b&gt;">',
    );
  });

  it('keeps markup that came from data as escaped text', () => {
    const html = '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; l&#x27;école</p>';
    expect(typesetHtml(html)).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; l’école</p>');
  });

  it('leaves svg content untouched', () => {
    const html = '<svg><path d="M0 0h1v1"/><text>a : b</text></svg><p>a : b</p>';
    expect(typesetHtml(html)).toBe(`<svg><path d="M0 0h1v1"/><text>a : b</text></svg><p>a${NNBSP}: b</p>`);
  });
});

describe('character references that are not characters', () => {
  it.each([
    ['&#x110000;', '\ufffd'],
    ['&#1114112;', '\ufffd'],
    ['&#xD800;', '\ufffd'],
    ['&#0;', '\ufffd'],
    ['&#xE9;', 'é'],
    ['&constructor;', '&amp;constructor;'],
    ['&__proto__;', '&amp;__proto__;'],
    ['&toString;', '&amp;toString;'],
  ])('%s', (input, output) => {
    expect(typesetHtml(`<p>${input}</p>`)).toBe(`<p>${output}</p>`);
  });
});
