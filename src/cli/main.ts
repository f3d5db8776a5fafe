/**
 * The command line: French help, and the one place where errors become
 * French messages and exit codes (0 ok, 1 invalid data, 2 usage,
 * 3 environment). Anything unexpected is a bug: exit 3, its stack only with --verbose.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Help, type Option } from 'commander';
import { EnvironmentError, ExitCode, UsageError, ValidationError } from '../errors.js';
import { closest } from '../model/suggest.js';
import { SLUG_PATTERN } from '../model/slug.js';
import { createWorkspace } from '../model/workspace.js';
import { registerBuild } from './commands/build.js';
import { registerDoctor } from './commands/doctor.js';
import { registerInit } from './commands/init.js';
import { registerList } from './commands/list.js';
import { registerPreview } from './commands/preview.js';
import { registerSchema } from './commands/schema.js';
import { registerRestitution } from './commands/restitution.js';
import { registerSynthese } from './commands/synthese.js';
import { registerValidate } from './commands/validate.js';
import type { CommandContext } from './commands/shared.js';
import { printIssues, processTerminal, type Terminal } from './terminal.js';

const USAGE_HINT = 'Aide : pgo-kit --help, ou pgo-kit <commande> --help';

/** Names of the program's commands, as registered (other commands add themselves). */
function commandNames(program: Command): string[] {
  return program.commands.map((command) => command.name()).filter((name) => name !== 'help');
}

/**
 * A command's usage, from its commander definition (the one source): its
 * arguments, its mandatory options, then the others in brackets.
 */
export function commandUsage(command: Command): string {
  const option = (flag: Option) =>
    [flag.long ?? flag.short ?? '', /\s(<[^>]+>|\[[^\]]+\])$/.exec(flag.flags)?.[1]].filter(Boolean).join(' ');
  const options = command.options.filter((flag: Option) => flag.long !== '--help');
  const args = command.registeredArguments.map((argument) =>
    argument.required ? `<${argument.name()}>` : `[${argument.name()}]`,
  );
  return [
    'pgo-kit',
    command.name(),
    ...args,
    ...options.filter((flag) => flag.mandatory).map(option),
    ...options.filter((flag) => !flag.mandatory).map((flag) => `[${option(flag)}]`),
  ].join(' ');
}

function usageLine(program: Command, argv: readonly string[]): string {
  const name = argv.find((arg) => !arg.startsWith('-'));
  const command = program.commands.find((candidate) => candidate.name() === name);
  return `Utilisation : ${command ? commandUsage(command) : `pgo-kit <${commandNames(program).join(' | ')}> [options]`}`;
}

/** The version of the installed package, read from its package.json (two levels above src/cli/ and dist/cli/). */
function packageVersion(): string {
  try {
    const data = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return data.version ?? 'inconnue';
  } catch {
    return 'inconnue';
  }
}

/** The operands a user typed after a command, with the values of its options left out. */
function operands(command: Command, args: readonly string[]): string[] {
  const takesValue = new Set(
    command.options
      .filter((option: Option) => option.required || option.optional)
      .flatMap((option: Option) => [option.short, option.long].filter((flag): flag is string => Boolean(flag))),
  );
  const found: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg.startsWith('-')) {
      if (takesValue.has(arg)) i++;
      continue;
    }
    found.push(arg);
  }
  return found;
}

/** `build limoges`: the academy was meant to follow --academie. */
function excessArgumentsHint(program: Command, argv: readonly string[]): string {
  const index = argv.findIndex((arg) => !arg.startsWith('-'));
  const command = program.commands.find((candidate) => candidate.name() === argv[index]);
  if (!command) return 'trop d’arguments';
  const [extra] = operands(command, argv.slice(index + 1));
  if (!extra) return 'trop d’arguments';
  if (!command.options.some((option: Option) => option.long === '--academie')) return `argument inattendu « ${extra} »`;
  const known = createWorkspace().list('academies', '.yaml');
  const slug = known.includes(extra)
    ? extra
    : (closest(extra, known) ?? (SLUG_PATTERN.test(extra) ? extra : undefined));
  return slug
    ? `argument inattendu « ${extra} » — vouliez-vous dire --academie ${slug} ?`
    : `argument inattendu « ${extra} » : l’académie se donne avec --academie`;
}

const TITLES: Record<string, string> = {
  'Usage:': 'Utilisation :',
  'Options:': 'Options :',
  'Commands:': 'Commandes :',
  'Arguments:': 'Arguments :',
  'Global Options:': 'Options générales :',
};

class FrenchHelp extends Help {
  override styleTitle(title: string): string {
    return Object.hasOwn(TITLES, title) ? (TITLES[title] ?? title) : title;
  }
}

/** Commander's own errors, said in French. */
function frenchCommanderMessage(error: CommanderError, program: Command, argv: readonly string[]): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  const suggestion = /Did you mean (\S+?)\?/.exec(error.message)?.[1];
  const hint = suggestion ? ` — vouliez-vous dire « ${suggestion} » ?` : '';
  switch (error.code) {
    case 'commander.unknownOption':
      return `option inconnue « ${quoted} »${hint}`;
    case 'commander.unknownCommand':
      return `commande inconnue « ${quoted} »${hint} (commandes : ${commandNames(program).join(', ')})`;
    case 'commander.optionMissingArgument':
      return `l’option « ${quoted} » attend une valeur`;
    case 'commander.missingArgument':
      return `argument manquant « ${quoted} »`;
    case 'commander.excessArguments':
      return excessArgumentsHint(program, argv);
    case 'commander.invalidArgument':
      return `valeur invalide ${quoted ? `pour « ${quoted} »` : ''}`.trim();
    case 'commander.conflictingOption':
      return 'options incompatibles entre elles';
    case 'commander.missingMandatoryOptionValue':
      return `option obligatoire manquante « ${quoted} »`;
    default:
      return error.message.replace(/^error: /, '');
  }
}

function createProgram(context: CommandContext & { terminal: Terminal }): Command {
  const program = new Command('pgo-kit');
  program
    .description('Kits d’atelier imprimables pour le Partenariat pour un Gouvernement Ouvert (PGO) dans l’Éducation')
    .usage('<commande> [options]')
    .version(packageVersion(), '-V, --version', 'afficher la version de pgo-kit')
    .option('-q, --quiet', 'n’afficher que les erreurs')
    .option('--verbose', 'afficher le détail technique des erreurs')
    .helpCommand('help [commande]', 'afficher l’aide d’une commande')
    // Each command's help also lists --quiet, --verbose and --version.
    .configureHelp({ showGlobalOptions: true })
    .showSuggestionAfterError(true)
    .hook('preAction', (root) => {
      const options = root.opts<{ verbose?: boolean; quiet?: boolean }>();
      context.terminal.verbose = Boolean(options.verbose);
      context.terminal.quiet = Boolean(options.quiet);
    });
  registerBuild(program, context);
  registerPreview(program, context);
  registerValidate(program, context);
  registerList(program, context);
  registerInit(program, context);
  registerSchema(program, context);
  registerDoctor(program, context);
  registerRestitution(program, context);
  registerSynthese(program, context);
  for (const command of [program, ...program.commands]) {
    command.createHelp = () => Object.assign(new FrenchHelp(), command.configureHelp());
    command.helpOption('-h, --help', 'afficher l’aide');
    command.exitOverride();
    command.configureOutput({
      writeOut: (text) => context.terminal.out(text.trimEnd()),
      // Commander's errors are rethrown and said in French by run().
      writeErr: () => undefined,
    });
  }
  return program;
}

function report(terminal: Terminal, program: Command, error: unknown, argv: readonly string[]): number {
  if (error instanceof CommanderError) {
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.help' ||
      error.code === 'commander.version'
    )
      return ExitCode.ok;
    terminal.err(`pgo-kit : ${frenchCommanderMessage(error, program, argv)}`);
    terminal.err(usageLine(program, argv));
    terminal.err(USAGE_HINT);
    return ExitCode.usage;
  }
  if (error instanceof UsageError) {
    terminal.err(`pgo-kit : ${error.message}`);
    terminal.err(usageLine(program, argv));
    terminal.err(USAGE_HINT);
    return error.exitCode;
  }
  if (error instanceof ValidationError) {
    printIssues(terminal, error.issues);
    return error.exitCode;
  }
  if (error instanceof EnvironmentError) {
    terminal.err(`pgo-kit : ${error.message}`);
    if (terminal.verbose && error.detail)
      terminal.err(String(error.detail instanceof Error ? error.detail.stack : error.detail));
    else if (error.detail) terminal.err('(détail technique : relancez avec --verbose)');
    return error.exitCode;
  }
  // A bug: said in French, exit 3 like any other failure to produce; the stack only on request.
  terminal.err(
    'pgo-kit : erreur interne inattendue — merci de la signaler aux responsables de pgo-kit, avec la commande lancée et le détail obtenu avec --verbose.',
  );
  if (terminal.verbose || argv.includes('--verbose'))
    terminal.err(error instanceof Error ? (error.stack ?? error.message) : String(error));
  else terminal.err('(détail technique : relancez avec --verbose)');
  return ExitCode.environment;
}

/** Runs the CLI in-process (tests call it directly) and returns the exit code. */
export async function run(argv: readonly string[], terminal: Terminal = processTerminal()): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const context = {
    terminal,
    setExitCode: (code: number) => {
      exitCode = code;
    },
  };
  const program = createProgram(context);
  if (argv.length === 0) {
    program.outputHelp();
    return ExitCode.usage;
  }
  try {
    // Commander answers `help <inconnue>` with the general help and success: a typo deserves exit 2.
    const [first, topic] = argv;
    if (first === 'help' && topic && !topic.startsWith('-') && !commandNames(program).includes(topic)) {
      const suggestion = closest(topic, commandNames(program));
      throw new UsageError(
        `commande inconnue « ${topic} »${suggestion ? ` — vouliez-vous dire « ${suggestion} » ?` : ''} (commandes : ${commandNames(program).join(', ')})`,
      );
    }
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return report(terminal, program, error, argv);
  }
}
