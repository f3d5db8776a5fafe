/**
 * The command line: French help, and the one place where errors become
 * French messages and exit codes (SPEC: 0 ok, 1 invalid data, 2 usage,
 * 3 environment). Anything unexpected is a bug and keeps its stack.
 */
import { Command, CommanderError, Help } from 'commander';
import { EnvironmentError, ExitCode, UsageError, ValidationError } from '../errors.js';
import { registerBuild } from './commands/build.js';
import { registerList } from './commands/list.js';
import { registerValidate } from './commands/validate.js';
import type { CommandContext } from './commands/shared.js';
import { printIssues, processTerminal, type Terminal } from './terminal.js';

const USAGE_HINT = 'Aide : pgo-kit --help, ou pgo-kit <commande> --help';

/** The usage line printed after a misuse, for the command the user typed. */
const USAGES: Record<string, string> = {
  build: 'pgo-kit build --academie <slug> [--academie <slug> …] | --all [--out <dossier>] [--html] [--browser <chemin>]',
  validate: 'pgo-kit validate [--academie <slug> … | --all]',
  list: 'pgo-kit list',
};

function usageLine(argv: readonly string[]): string {
  const command = argv.find((arg) => !arg.startsWith('-'));
  return `Utilisation : ${(command && USAGES[command]) ?? 'pgo-kit <build | validate | list> [options]'}`;
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
    return TITLES[title] ?? title;
  }
}

/** Commander's own errors, said in French. */
function frenchCommanderMessage(error: CommanderError): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  const suggestion = /Did you mean (\S+?)\?/.exec(error.message)?.[1];
  const hint = suggestion ? ` — vouliez-vous dire « ${suggestion} » ?` : '';
  switch (error.code) {
    case 'commander.unknownOption':
      return `option inconnue « ${quoted} »${hint}`;
    case 'commander.unknownCommand':
      return `commande inconnue « ${quoted} »${hint} (commandes : build, validate, list)`;
    case 'commander.optionMissingArgument':
      return `l’option « ${quoted} » attend une valeur`;
    case 'commander.missingArgument':
      return `argument manquant « ${quoted} »`;
    case 'commander.excessArguments':
      return 'trop d’arguments';
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
    .option('--verbose', 'afficher le détail technique des erreurs')
    .helpCommand('help [commande]', 'afficher l’aide d’une commande')
    .showSuggestionAfterError(true)
    .hook('preAction', (root) => {
      context.terminal.verbose = Boolean(root.opts<{ verbose?: boolean }>().verbose);
    });
  registerBuild(program, context);
  registerValidate(program, context);
  registerList(program, context);
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

function report(terminal: Terminal, error: unknown, argv: readonly string[]): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version') return ExitCode.ok;
    terminal.err(`pgo-kit : ${frenchCommanderMessage(error)}`);
    terminal.err(usageLine(argv));
    terminal.err(USAGE_HINT);
    return ExitCode.usage;
  }
  if (error instanceof UsageError) {
    terminal.err(`pgo-kit : ${error.message}`);
    terminal.err(usageLine(argv));
    terminal.err(USAGE_HINT);
    return error.exitCode;
  }
  if (error instanceof ValidationError) {
    printIssues(terminal, error.issues);
    return error.exitCode;
  }
  if (error instanceof EnvironmentError) {
    terminal.err(`pgo-kit : ${error.message}`);
    if (terminal.verbose && error.detail) terminal.err(String(error.detail instanceof Error ? error.detail.stack : error.detail));
    else if (error.detail) terminal.err('(détail technique : relancez avec --verbose)');
    return error.exitCode;
  }
  terminal.err('pgo-kit : erreur interne inattendue — merci de la signaler avec le message ci-dessous.');
  terminal.err(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return 70;
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
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return report(terminal, error, argv);
  }
}
