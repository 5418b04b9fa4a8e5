// The resolver of a CLI run, from its settings; a zone file that cannot be read or parsed is a
// usage problem (exit 2), like a bad --resolver.

import type { Resolver } from '../dns/types.js';
import { UsageError } from './io.js';
import type { RunSettings } from './settings.js';

export async function openResolver(settings: RunSettings): Promise<Resolver | undefined> {
  if (settings.offline && settings.zones.length === 0) return undefined;
  const { createResolver } = await import('../dns/create-resolver.js');
  try {
    return await createResolver(settings);
  } catch (error) {
    if (error instanceof Error && error.name === 'ZoneFileError') throw new UsageError(error.message);
    throw error;
  }
}
