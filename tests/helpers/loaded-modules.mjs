// node --import tests/helpers/loaded-modules.mjs …: says on stderr, one line
// « module: <url> » each, every module the process loads through the ES
// module loader (CommonJS packages imported from it included), so that a
// test can tell which parts of pgo-kit and which packages a run loaded.
import { register } from 'node:module';

const hooks = `
export async function load(url, context, next) {
  const result = await next(url, context);
  process.stderr.write('module: ' + url + '\\n');
  return result;
}
`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
