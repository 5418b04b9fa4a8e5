// The resolver the blocklist fixture tests ask: maillint's network resolver, talking to one
// in-process DNS server on 127.0.0.1 that serves the fixture's blocklist zones (and faults).

import { createNetworkResolver } from '../../src/dns/network-resolver.js';
import type { DnsRecord, Resolver } from '../../src/dns/types.js';
import { startDnsServer, type DnsFault, type TestDnsServer } from '../helpers/dns-server.js';

export type BlocklistFault = DnsFault;

let shared: TestDnsServer | undefined;

/** A fresh resolver (so nothing is cached between fixtures) over the shared server, loaded with `records`. */
export async function blocklistResolver(records: readonly DnsRecord[], faults: readonly DnsFault[], timeoutMs: number): Promise<Resolver> {
  shared ??= await startDnsServer({ records: [] });
  shared.setRecords(records);
  shared.setFaults([...faults]);
  return createNetworkResolver({ servers: [shared.address], timeoutMs, concurrency: 16 });
}

export async function closeBlocklistServer(): Promise<void> {
  await shared?.close();
  shared = undefined;
}
