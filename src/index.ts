// The public API of maillint.

export { lintMessage, type LintOptions } from './engine/lint-message.js';
export { lintFiles, lintFileStream, type LintFilesOptions } from './engine/lint-files.js';
export { parseMessage, MessageScanner, type ScanOptions } from './message/scan.js';
export { resolveRules, ConfigError, PROFILE_SEVERITIES } from './engine/rules.js';
export { allChecks as checks } from '../checks/index.js';
export { loadFormatter, FORMAT_NAMES, type FormatName, type Formatter, type FormatContext } from './report/index.js';
export { main } from './cli/main.js';
export type * from './types.js';
export type * from './message/types.js';
