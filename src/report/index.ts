// The formatter registry. Formatters other than stylish and json are loaded on demand.

import type { Formatter } from './types.js';

import type { FormatName } from './format-names.js';

export { FORMAT_NAMES, type FormatName } from './format-names.js';

export async function loadFormatter(name: FormatName): Promise<Formatter> {
  switch (name) {
    case 'stylish':
      return (await import('./stylish.js')).formatStylish;
    case 'json':
      return (await import('./json.js')).formatJson;
    default:
      throw new Error(`format "${name}" is not available yet`);
  }
}

export type { FormatContext, Formatter } from './types.js';
