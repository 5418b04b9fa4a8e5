// The system's nameservers, from /etc/resolv.conf. No file or no usable `nameserver` line is an
// error the lookups report; maillint never falls back to a public resolver (DNSBL operators
// refuse them, and a linter must not send a user's names somewhere they did not choose).

import { readFile } from 'node:fs/promises';
import { isIpv4Text, isIpv6Text } from '../net/ip-text.js';
import { DNS_PORT, makeServerAddress, type ServerAddress } from './server-address.js';

export const RESOLV_CONF = '/etc/resolv.conf';

/** The `nameserver` addresses in resolv.conf text, in order; lines that are not IP addresses are skipped. */
export function parseResolvConf(text: string): ServerAddress[] {
  const servers: ServerAddress[] = [];
  for (const line of text.split(/\r?\n/)) {
    const [keyword, address] = line.replace(/[#;].*$/, '').trim().split(/\s+/);
    if (keyword !== 'nameserver' || address === undefined) continue;
    const bare = address.includes('%') ? address.slice(0, address.indexOf('%')) : address;
    if (isIpv4Text(bare) || isIpv6Text(bare)) servers.push(makeServerAddress(address, DNS_PORT));
  }
  return servers;
}

export type SystemNameservers = { ok: true; servers: ServerAddress[] } | { ok: false; reason: string };

export async function readSystemNameservers(path: string = RESOLV_CONF): Promise<SystemNameservers> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return { ok: false, reason: `no nameservers: cannot read ${path} (${code}); pass --resolver host[:port]` };
  }
  const servers = parseResolvConf(text);
  if (servers.length === 0) {
    return { ok: false, reason: `no nameservers: ${path} lists none; pass --resolver host[:port]` };
  }
  return { ok: true, servers };
}
