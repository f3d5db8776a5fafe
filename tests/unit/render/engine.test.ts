import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/errors.js';
import { createWorkspace } from '../../../src/model/workspace.js';
import { createTemplateEngine, cssString, parseErrorPosition } from '../../../src/render/engine.js';
import { makeWorkspace } from '../../helpers/cli.js';

describe('CSS strings built from academy names', () => {
  it.each([
    ['Limoges', '"Limoges"'],
    ['Aix-Marseille', '"Aix-Marseille"'],
    ["Lab'Lim", '"Lab’Lim"'],
  ])('%s', (value, css) => {
    expect(cssString(value)).toBe(css);
  });

  it('cannot close the string or the rule', () => {
    const css = cssString('"; } body { display: none } a { content: "\\');
    const inside = css.slice(1, -1).replace(/\\[0-9a-f]+ /g, '');
    expect(inside).not.toMatch(/["\\;{}]/);
    expect(css).toMatch(/^"[^"]*"$/);
  });
});

describe('the template engine', () => {
  const templates = (files: Record<string, string>) =>
    createTemplateEngine(
      createWorkspace(
        makeWorkspace(Object.fromEntries(Object.entries(files).map(([name, text]) => [`templates/${name}`, text]))),
      ),
    );

  it('escapes data and keeps @root inside partials', () => {
    const engine = templates({
      'doc.hbs': '<p>{{texte}}</p>{{#each liste}}{{> item}}{{/each}}',
      'partials/item.hbs': '<i>{{this}}/{{@root.titre}}</i>',
    });
    expect(engine.render('doc', { texte: '<script>x</script>', liste: ['a'], titre: 'T' })).toBe(
      '<p>&lt;script&gt;x&lt;/script&gt;</p><i>a/T</i>',
    );
  });

  it('names the template, partial included, and the line of a missing variable', () => {
    const engine = templates({
      'doc.hbs': '<p>\n{{> item}}\n</p>',
      'partials/item.hbs': 'ligne 1\nligne 2 {{absent}}',
    });
    const error = (() => {
      try {
        engine.render('doc', {});
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]).toMatchObject({
      file: 'templates/partials/item.hbs',
      line: 2,
      message: 'variable ou aide inconnue « absent » dans le modèle',
    });
  });

  it('says which template is missing', () => {
    const engine = createTemplateEngine(createWorkspace(path.resolve(__dirname, '../../..')));
    expect(() => engine.render('inexistant', {})).toThrow(ValidationError);
  });

  const faultOf = (files: Record<string, string>) => {
    try {
      templates(files).render('doc', { x: [], a: true, y: 1 });
    } catch (caught) {
      return (caught as ValidationError).issues[0];
    }
    return undefined;
  };

  it.each([
    [
      '<p>\n{{#each x}}\n<b>{{y}</b>\n{{/each}}',
      3,
      7,
      /syntaxe du modèle invalide — caractère inattendu dans une balise « {{ … }} » \(accolade fermante manquante \?\)$/,
    ],
    [
      '<p>\n  {{foo bar=}}\n',
      2,
      13,
      /syntaxe du modèle invalide — balise « {{ … }} » incomplète : un nom ou une valeur manque avant « }} »$/,
    ],
    ['<p>\n{{#if a}}\nx\n', 4, 1, /fin du modèle atteinte/],
    ['<p>\n{{#if a}}\nx\n{{/each}}\n', 2, 4, /le bloc « {{#if}} » ouvert ici est fermé par « {{\/each}} »/],
  ])('locates a parse error at its cause, in French: %j', (source, line, col, message) => {
    const issue = faultOf({ 'doc.hbs': source });
    expect(issue).toMatchObject({ file: 'templates/doc.hbs', line, col });
    expect(issue?.message).toMatch(message);
    expect(issue?.message).not.toMatch(/Expecting|Parse error|\n/);
  });

  it('says a partial that calls itself for ever', () => {
    expect(faultOf({ 'doc.hbs': '{{> boucle}}', 'partials/boucle.hbs': 'a{{> boucle}}' })?.message).toMatch(
      /s’appelle lui-même sans fin/,
    );
  });

  it('finds the column of a parse error on its line', () => {
    expect(
      parseErrorPosition(
        "Parse error on line 2:\n...abc {{y}</b>\n----------^\nExpecting 'ID', got 'INVALID'",
        'x\nzz abc {{y}</b>',
      ),
    ).toEqual({ line: 2, col: 10 });
  });
});
