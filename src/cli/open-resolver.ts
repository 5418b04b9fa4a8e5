// The resolver of a CLI run, from its settings. A bad --resolver and a zone file that cannot be
// read or parsed are usage problems (exit 2). Matched by name: the resolver modules load lazily.

import type { Resolver } from '../dns/types.js';
import { UsageError } from './io.js';
import type { RunSettings } from './settings.js';

export async function openResolver(settings: RunSettings): Promise<Resolver | undefined> {
  if (settings.offline && settings.zones.length === 0) return undefined;
  const { createResolver } = await import('../dns/create-resolver.js');
  try {
    return await createResolver(settings);
  } catch (error) {
    if (error instanceof Error && (error.name === 'ZoneFileError' || error.name === 'ServerAddressError')) throw new UsageError(error.message);
    throw error;
  }
}
