// The formatter registry. Formatters other than stylish and json are loaded on demand.

import type { Formatter } from './types.js';

export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'junit', 'github'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

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
