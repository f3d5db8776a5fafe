#!/usr/bin/env node
// Plain Node entry point. The installed package ships the compiled dist/; a
// git clone gets it from `npm ci` (prepare script). Until then, say in
// French what to do rather than print Node's English stack.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
  console.error(
    `pgo-kit : Node.js ${process.versions.node} est trop ancien, il faut la version 20 ou plus (https://nodejs.org/).`,
  );
  process.exit(3);
}

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  const folder = fileURLToPath(new URL('..', import.meta.url));
  console.error('pgo-kit : le programme n’est pas encore compilé (dossier dist/ absent).');
  console.error(`  Dans le dossier de pgo-kit (${folder}), lancez une fois : npm ci`);
  console.error('  puis relancez votre commande.');
  process.exit(3);
}

const { run } = await import(main.href);

// A fault outside the command's own promise is still a bug said in French, exit 3, its stack only with --verbose.
const verbose = process.argv.includes('--verbose');
const crash = (error) => {
  process.stderr.write(
    'pgo-kit : erreur interne inattendue — merci de la signaler aux responsables de pgo-kit, avec la commande lancée et le détail obtenu avec --verbose.\n',
  );
  if (verbose) process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(3);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

process.exitCode = await run(process.argv.slice(2));
