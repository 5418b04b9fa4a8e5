// The resolver the blocklist tests ask: for now an in-memory one over a RecordTable; switched to
// the network resolver against the in-process DNS server once that lands.

import type { DnsRecord, Resolver } from '../../src/dns/types.js';
import { fakeResolver, type FakeFault } from './blocklist-helpers.js';

export type BlocklistFault = FakeFault;

export async function blocklistResolver(records: readonly DnsRecord[], faults: readonly BlocklistFault[], _timeoutMs: number): Promise<Resolver> {
  return fakeResolver(records, faults);
}
