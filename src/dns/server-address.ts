// Parses nameserver addresses as the user writes them: `192.0.2.53`, `192.0.2.53:5300`, `::1`,
// `[::1]`, `[2001:db8::53]:5300`. IP addresses only: a host name would need a resolver to find
// the resolver. Bad input is a ServerAddressError naming the input (the CLI: exit 2).

import { isIpv4Text, isIpv6Text } from '../net/ip-text.js';
import { ipv6Octets, ipv6Text } from '../net/ip.js';

/** A nameserver address that is not an IP address with an optional port. */
export class ServerAddressError extends Error {
  override name = 'ServerAddressError';
}

export interface ServerAddress {
  /** The IP address; IPv6 in its compressed form (as node reports a sender), with any `%zone`. */
  host: string;
  port: number;
  family: 4 | 6;
  /** `192.0.2.53:53` or `[::1]:5300`: how details and reports name the server. */
  text: string;
}

export const DNS_PORT = 53;

export function parseServerAddress(input: string, what = '--resolver'): ServerAddress {
  const trimmed = input.trim();
  const fail = (why: string): never => {
    throw new ServerAddressError(`${what} ${JSON.stringify(input)}: ${why}; expected an IP address with an optional port, e.g. 192.0.2.53, 192.0.2.53:5300 or [2001:db8::53]:5300`);
  };
  let host: string;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(trimmed);
  if (bracketed) {
    host = bracketed[1]!;
    portText = bracketed[2];
    if (!isIpv6Text(stripZone(host))) fail(`"${host}" is not an IPv6 address`);
  } else if (trimmed.includes(':') && trimmed.indexOf(':') !== trimmed.lastIndexOf(':')) {
    host = trimmed; // a bare IPv6 address: no port possible without brackets
    if (!isIpv6Text(stripZone(host))) fail('not an IPv6 address (write an IPv6 address with a port as [addr]:port)');
  } else {
    const colon = trimmed.indexOf(':');
    host = colon === -1 ? trimmed : trimmed.slice(0, colon);
    portText = colon === -1 ? undefined : trimmed.slice(colon + 1);
    if (!isIpv4Text(host)) fail(host === '' ? 'no address' : `"${host}" is not an IP address`);
  }
  let port = DNS_PORT;
  if (portText !== undefined) {
    if (!/^[0-9]{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
      fail(`port "${portText}" is not a number from 1 to 65535`);
    }
    port = Number(portText);
  }
  return makeServerAddress(host, port);
}

/** A ServerAddress for an address already known to be valid. */
export function makeServerAddress(host: string, port: number): ServerAddress {
  const family = isIpv4Text(host) ? 4 : 6;
  let canonical = host;
  if (family === 6) {
    const zone = host.includes('%') ? host.slice(host.indexOf('%')) : '';
    canonical = ipv6Text(ipv6Octets(stripZone(host))) + zone;
  }
  return { host: canonical, port, family, text: family === 6 ? `[${canonical}]:${port}` : `${canonical}:${port}` };
}

function stripZone(host: string): string {
  const percent = host.indexOf('%');
  return percent === -1 ? host : host.slice(0, percent);
}
