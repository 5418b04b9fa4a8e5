// ipaddr.js loads on first use, through require (an ES import of a CommonJS package also has Node
// scan its source for export names): most runs never need it. src/net/ip.ts, the zone-file parser
// and the resolver read addresses themselves; the blocklist code and SPF use ipaddr.js from here.

import { createRequire } from 'node:module';
import type IpaddrModule from 'ipaddr.js';

const require = createRequire(import.meta.url);
let loaded: typeof IpaddrModule | undefined;

export function ipaddr(): typeof IpaddrModule {
  loaded ??= require('ipaddr.js') as typeof IpaddrModule;
  return loaded;
}
