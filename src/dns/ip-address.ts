// IP address text to ipaddr.js objects without ipaddr.js's one misreading: ipaddr.js 2.x parses
// the IPv4-compatible form `::a.b.c.d` (RFC 4291 2.5.5.1, deprecated) as the IPv4-mapped
// `::ffff:a.b.c.d`, changing the address. IPv6 text goes through the WHATWG URL host parser
// (node:url), which keeps every bit and writes it in hex, before ipaddr.js reads it.

import { isIP } from 'node:net';
import type IpaddrModule from 'ipaddr.js';
import { ipaddr } from './ipaddr-on-demand.js';

/** Parses dotted-quad IPv4 or IPv6 text (validate it first, e.g. with node:net isIP); throws otherwise. */
export function parseIp(text: string): IpaddrModule.IPv4 | IpaddrModule.IPv6 {
  if (isIP(text) !== 6) return ipaddr().parse(text);
  const host = new URL(`http://[${text}]/`).hostname;
  return ipaddr().IPv6.parse(host.slice(1, -1));
}
