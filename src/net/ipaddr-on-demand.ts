// ipaddr.js loads on first use, through require (an ES import of a CommonJS package also has Node
// scan its source for export names): most runs never need it. src/net/ip.ts, the zone-file parser
// and the resolver read addresses themselves; the blocklist code and SPF use ipaddr.js from here.
// node:module itself is fetched on first use too: importing it at the top loaded it (and its
// source-map support) in every run that loads src/net/ip.ts, a one-file lint among them (issue 15).

import type IpaddrModule from 'ipaddr.js';

let loaded: typeof IpaddrModule | undefined;

export function ipaddr(): typeof IpaddrModule {
  loaded ??= process.getBuiltinModule('node:module').createRequire(import.meta.url)('ipaddr.js') as typeof IpaddrModule;
  return loaded;
}
