import { describe, expect, it } from 'vitest';
import { oneJobUnlessGiven } from '../../helpers/cli.js';

describe('the arguments the tests give pgo-kit', () => {
  it.each([
    ['a build', ['build', '--academie', 'x'], ['build', '--jobs', '1', '--academie', 'x']],
    ['a restitution', ['restitution', '--academie', 'x'], ['restitution', '--jobs', '1', '--academie', 'x']],
    ['a synthesis', ['synthese'], ['synthese', '--jobs', '1']],
    ['an option left without its value, still last', ['build', '--out'], ['build', '--jobs', '1', '--out']],
    ['--jobs given', ['build', '--jobs', '3'], ['build', '--jobs', '3']],
    ['--jobs= given', ['build', '--jobs=0'], ['build', '--jobs=0']],
    ['help asked', ['build', '--help'], ['build', '--help']],
    [
      'restitution init, which prints nothing',
      ['restitution', 'init', '--academie', 'x'],
      ['restitution', 'init', '--academie', 'x'],
    ],
    ['a command that does not print', ['validate', '--academie', 'x'], ['validate', '--academie', 'x']],
    ['no command', [], []],
  ])('%s', (_case, args, expected) => {
    expect(oneJobUnlessGiven(args)).toEqual(expected);
  });
});
