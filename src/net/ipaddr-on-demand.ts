// ipaddr.js takes ~23 ms to load, as much as half of Node's own start-up. The check registry
// reaches it (mx-private-address classifies addresses), yet a run that lints messages offline never
// classifies one, so modules the checks import load it on first use instead of at start-up.
// Modules only DNS runs load (src/dnsbl, the resolver, zone files) import it as usual.

import { createRequire } from 'node:module';
import type IpaddrModule from 'ipaddr.js';

const require = createRequire(import.meta.url);
let loaded: typeof IpaddrModule | undefined;

export function ipaddr(): typeof IpaddrModule {
  loaded ??= require('ipaddr.js') as typeof IpaddrModule;
  return loaded;
}
