/** Public API: the same pipeline as the CLI, as library calls. */
export { build, type BuildOptions, type BuildResult } from './build.js';
export { run } from './cli/main.js';
export { createLoader, type AcademyModel } from './load.js';
export { createWorkspace, type Workspace } from './model/workspace.js';
export {
  AcademySchema,
  AgendaSchema,
  ThemeSchema,
  type AcademyConfig,
  type AgendaConfig,
  type ThemeConfig,
} from './model/schemas.js';
export { deriveKit, type KitView } from './core/kit.js';
export { EnvironmentError, ExitCode, UsageError, ValidationError, formatIssues, type Issue } from './errors.js';
