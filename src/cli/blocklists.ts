// The blocklists of a CLI run: the defaults, or the lists --dnsbl / the config's `dnsbl` name.

import type { BlocklistDefinition } from '../dnsbl/types.js';
import type { RunSettings } from './settings.js';

export async function blocklistsOf(settings: Pick<RunSettings, 'dnsbl'>, fromCommandLine: boolean): Promise<BlocklistDefinition[]> {
  const { DEFAULT_BLOCKLISTS, validateBlocklistSettings } = await import('../dnsbl/catalogue.js');
  if (settings.dnsbl === undefined) return [...DEFAULT_BLOCKLISTS];
  return validateBlocklistSettings(settings.dnsbl, fromCommandLine ? '--dnsbl' : 'dnsbl');
}
