// The formatter registry. Each formatter is loaded on demand: linting one file to the terminal
// never loads the SARIF or JUnit code.

import type { FormatName } from './format-names.js';
import type { Formatter, StreamingFormatter } from './types.js';

export { FORMAT_NAMES, type FormatName } from './format-names.js';

interface FormatterModule {
  format: Formatter;
  /** Present for the formats that can be written as results arrive (sarif and junit are whole documents). */
  stream?: StreamingFormatter;
}

const FORMATTERS: Record<FormatName, () => Promise<FormatterModule>> = {
  stylish: async () => {
    const module = await import('./stylish.js');
    return { format: module.formatStylish, stream: module.streamStylish };
  },
  json: async () => {
    const module = await import('./json.js');
    return { format: module.formatJson, stream: module.streamJson };
  },
  jsonl: async () => {
    const module = await import('./json.js');
    return { format: module.formatJsonLines, stream: module.streamJsonLines };
  },
  github: async () => {
    const module = await import('./github.js');
    return { format: module.formatGithub, stream: module.streamGithub };
  },
  sarif: async () => ({ format: (await import('./sarif.js')).formatSarif }),
  junit: async () => ({ format: (await import('./junit.js')).formatJunit }),
};

async function loadModule(name: FormatName): Promise<FormatterModule> {
  const load = FORMATTERS[name];
  if (!load) throw new Error(`unknown format "${String(name)}"`);
  return load();
}

export async function loadFormatter(name: FormatName): Promise<Formatter> {
  return (await loadModule(name)).format;
}

export async function loadStreamingFormatter(name: FormatName): Promise<StreamingFormatter | undefined> {
  return (await loadModule(name)).stream;
}

export type { FormatContext, Formatter, ReportStream, StreamingFormatter } from './types.js';
