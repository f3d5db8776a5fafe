import type { Command } from 'commander';
import { readConfig } from '../../config.js';
import { UsageError } from '../../errors.js';
import { createWorkspace, pinAcademies } from '../../model/workspace.js';
import { selectAcademies } from '../select.js';
import { academySourceLines } from '../source-note.js';
import { printIssues } from '../terminal.js';
import { INTERRUPTIONS, signalExitCode, type CommandContext } from './shared.js';

/** Quiet time after a save's last event (one save is a few events within milliseconds), and the longest a burst may delay a rendering. */
const PREVIEW_DEBOUNCE_MS = 20;
const PREVIEW_MAX_WAIT_MS = 300;

interface PreviewFlags {
  academie?: string;
  port?: string;
  browser?: string;
  pdf?: boolean;
}

/** --port: a whole number from 0 (any free port) to 65535. */
export function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535)
    throw new UsageError(
      `numéro de port invalide « ${value} » : un nombre entier de 0 à 65535 est attendu (par exemple --port 4173)`,
    );
  return port;
}

/** Resolves on the first Ctrl-C (or closed terminal, or termination); a second one is left to the default handler. */
function interrupted(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const handler = (signal: NodeJS.Signals) => {
      for (const each of INTERRUPTIONS) process.off(each, handler);
      resolve(signal);
    };
    for (const each of INTERRUPTIONS) process.on(each, handler);
  });
}

export function registerPreview(program: Command, context: CommandContext): void {
  program
    .command('preview')
    .description(
      'aperçu en direct des trois documents d’une académie dans le navigateur, mis à jour à chaque enregistrement',
    )
    .requiredOption('-a, --academie <slug>', 'académie à prévisualiser, par exemple limoges')
    .option('-p, --port <numéro>', 'port local du serveur d’aperçu (4173 par défaut, ou le suivant libre)')
    .option('--browser <chemin>', 'chemin de Chrome ou Chromium pour imprimer les PDF de l’aperçu')
    .option('--no-pdf', 'ne pas imprimer les PDF : mise en page HTML seule, plus légère')
    .action(async (flags: PreviewFlags) => {
      const { terminal } = context;
      const lab = createWorkspace();
      const [slug] = selectAcademies(lab, { academie: flags.academie ? [flags.academie] : [] }, { required: true }) as [
        string,
      ];
      // The academy's file deleted or moved during the preview is an error in the page, never the package's example.
      const workspace = pinAcademies(lab, [slug]);
      const port = parsePort(flags.port);
      for (const line of academySourceLines(workspace, [slug])) terminal.note(line);
      // Loaded here: --help, list and validate never pay for the templates, the browser or the server.
      const [
        { PreviewSession },
        { startPreviewServer },
        { watchFiles, watchTargets },
        { printerFactory },
        { createFormService, FORM_KINDS },
        { fileVersion },
        { readFileSync },
        path,
        { createResultsPreview },
      ] = await Promise.all([
        import('../../preview/session.js'),
        import('../../preview/server.js'),
        import('../../preview/watch.js'),
        import('../../run/runner.js'),
        import('../../preview/forms.js'),
        import('../../preview/yaml-edit.js'),
        import('node:fs'),
        import('node:path'),
        import('../../preview/results-preview.js'),
      ]);

      let broadcast: (state: unknown) => void = () => undefined;
      let pdfMessage = '';
      const session = new PreviewSession({
        workspace,
        slug,
        ...(flags.pdf === false
          ? {}
          : { createPrinter: printerFactory({ browser: flags.browser, timeoutMs: readConfig().delayMs }) }),
        onChange: (state) => {
          broadcast(state);
          if (flags.pdf !== false && state.pdf.etat === 'indisponible' && state.pdf.message !== pdfMessage)
            terminal.err(state.pdf.message);
          pdfMessage = state.pdf.message;
        },
        onIssues: (issues) => printIssues(terminal, issues),
      });
      const stop = interrupted();
      await session.refresh();
      const forms = createFormService(workspace, slug);
      const results = createResultsPreview(workspace, slug);
      await results.refresh().catch(() => undefined);
      const server = await startPreviewServer({
        port,
        forms,
        results,
        site: {
          documentHtml: (id) => session.document(id)?.html,
          documentPdf: (id) => session.document(id)?.pdf,
          get resolveAsset() {
            return session.resolveAsset;
          },
        },
        currentState: () => session.current,
      }).catch(async (error: unknown) => {
        forms.close();
        await session.close();
        throw error;
      });
      broadcast = (state) => server.broadcast(state);
      // The results' folder too: the « Résultats » tab hears of a save from an editor.
      const targets = () => [
        ...watchTargets(workspace, session.identityFiles),
        { directory: path.join(workspace.root, 'restitutions'), recursive: false },
      ];
      const watcher = watchFiles(
        targets(),
        (changed) => {
          for (const kind of FORM_KINDS) {
            const file = forms.target(kind);
            if (!changed.some((each) => path.resolve(each) === file)) continue;
            let text: string | undefined;
            try {
              text = readFileSync(file, 'utf8');
            } catch {
              text = undefined;
            }
            server.notify('fichier', { formulaire: kind, version: fileVersion(text) });
          }
          // The restitution's documents follow their file and the academy's.
          void results.refresh().then(
            (state) => server.notify('resultats', state),
            () => undefined,
          );
          const resultsFolder = path.join(workspace.root, 'restitutions');
          // The results are not part of the kit: nothing to render again.
          if (changed.every((file) => path.dirname(path.resolve(file)) === resultsFolder)) return;
          terminal.note(`Modifié : ${changed.map((file) => workspace.display(file)).join(', ')}`);
          void session.refresh().then(() => {
            watcher.update(targets());
            const { erreurs, version } = session.current;
            terminal.note(
              erreurs.length > 0
                ? 'Aperçu : rendu invalide, la page garde le dernier rendu valide.'
                : `Aperçu à jour (rendu n° ${version}).`,
            );
          });
        },
        {
          // A short quiet time (a save's events come within a millisecond or two): a save shows in the HTML view at typing speed; renderings asked for during one are merged into one more.
          debounceMs: PREVIEW_DEBOUNCE_MS,
          maxWaitMs: PREVIEW_MAX_WAIT_MS,
          onError: (directory) =>
            terminal.err(`attention : impossible de surveiller ${workspace.display(directory)} (limite du système ?)`),
        },
      );

      // The address is the one thing a user needs: said even with --quiet.
      (terminal.quiet ? terminal.err : terminal.out)(`${session.current.titre} : ${server.url}`);
      terminal.note(
        'Ouvrez cette adresse dans votre navigateur : la page se met à jour à chaque enregistrement. Ctrl-C pour arrêter.',
      );

      const signal = await stop;
      // Never wait forever for a browser that does not close.
      setTimeout(() => process.exit(signalExitCode(signal)), 5_000).unref();
      await Promise.all([watcher.close(), server.close(), session.close()]);
      forms.close();
      terminal.note('\nAperçu arrêté.');
      context.setExitCode(signalExitCode(signal));
    });
}
