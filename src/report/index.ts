// The formatter registry. Each formatter is loaded on demand: linting one file to the terminal
// never loads the SARIF or JUnit code.

import type { FormatName } from './format-names.js';
import type { Formatter, StreamingFormatter } from './types.js';

export { FORMAT_NAMES, type FormatName } from './format-names.js';

export async function loadFormatter(name: FormatName): Promise<Formatter> {
  switch (name) {
    case 'stylish':
      return (await import('./stylish.js')).formatStylish;
    case 'json':
      return (await import('./json.js')).formatJson;
    case 'sarif':
      return (await import('./sarif.js')).formatSarif;
    case 'junit':
      return (await import('./junit.js')).formatJunit;
    case 'github':
      return (await import('./github.js')).formatGithub;
    default:
      throw new Error(`unknown format "${String(name)}"`);
  }
}

/** The formats that can be written as results arrive (sarif and junit are whole documents). */
export async function loadStreamingFormatter(name: FormatName): Promise<StreamingFormatter | undefined> {
  switch (name) {
    case 'stylish':
      return (await import('./stylish.js')).streamStylish;
    case 'json':
      return (await import('./json.js')).streamJson;
    case 'github':
      return (await import('./github.js')).streamGithub;
    default:
      return undefined;
  }
}

export type { FormatContext, Formatter, ReportStream, StreamingFormatter } from './types.js';
