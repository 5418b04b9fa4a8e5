// Picks the Resolver a run uses from its settings:
// - offline, no zone files      → undefined (no DNS checks run);
// - offline, zone files         → the zone files alone (names outside them: canAnswer false);
// - online, no zone files       → the network (--resolver, else /etc/resolv.conf);
// - online, zone files          → names the zones cover from the zones, every other name from the
//                                 network; a CNAME leading out of the zones is followed on the network.

import type { DnsRecord, LookupResult, RecordType, Resolver } from './types.js';
import { loadZoneFiles, type ZoneFileResolver } from './zone-file-resolver.js';

export interface ResolverSettings {
  /** No network: DNS answers come only from `zones` (names outside them are not looked up). */
  offline: boolean;
  /** Nameservers as `host`, `host:port` or `[v6]:port`; empty = /etc/resolv.conf. */
  resolvers: string[];
  /** Master-format zone files answered locally. */
  zones: string[];
  /** One deadline per question. */
  timeoutMs: number;
  /** Most questions on the wire at once. */
  concurrency: number;
}

export interface CreateResolverOptions {
  /** Where system nameservers are read from when `resolvers` is empty (tests). */
  resolvConfPath?: string;
}

/**
 * Throws a ServerAddressError for a malformed `--resolver` and a ZoneFileError for a zone file that cannot
 * be read or parsed (both exit 2 in the CLI). Call `close()` on the result when the run ends.
 */
export async function createResolver(settings: ResolverSettings, options: CreateResolverOptions = {}): Promise<Resolver | undefined> {
  const zones = settings.zones.length > 0 ? await loadZoneFiles(settings.zones) : undefined;
  if (settings.offline) return zones;
  // Loaded only for a run that queries the network: an offline zone audit needs no wire codec.
  const { createNetworkResolver } = await import('./network-resolver.js');
  const network = createNetworkResolver({
    servers: settings.resolvers,
    timeoutMs: settings.timeoutMs,
    concurrency: settings.concurrency,
    resolvConfPath: options.resolvConfPath,
  });
  return zones === undefined ? network : combine(zones, network);
}

/** Most CNAME hops followed inside the zones before handing the target to the network. */
const MAX_ZONE_CNAME_HOPS = 8;

/** Zones first for the names they cover, the network for the rest. */
function combine(zones: ZoneFileResolver, network: Resolver): Resolver {
  return {
    mailDomains: () => zones.mailDomains(),
    async lookup(name: string, type: RecordType): Promise<LookupResult> {
      if (!zones.canAnswer(name)) return network.lookup(name, type);
      const result = await zones.lookup(name, type);
      if (result.status !== 'refused') return result;
      return followCnameOutOfZones(zones, network, name, type, result);
    },
    close: () => network.close?.(),
  };
}

/**
 * The zones answered 'refused' for a name they cover: its CNAME chain leaves them. Walk the chain
 * inside the zones and ask the network for where it lands; the answer carries the whole chain.
 */
async function followCnameOutOfZones(
  zones: ZoneFileResolver,
  network: Resolver,
  name: string,
  type: RecordType,
  refused: LookupResult,
): Promise<LookupResult> {
  const chain: DnsRecord[] = [];
  let current = name;
  for (let hop = 0; hop < MAX_ZONE_CNAME_HOPS && zones.canAnswer(current); hop += 1) {
    const step = await zones.lookup(current, 'CNAME');
    const cname = step.status === 'ok' ? step.records.find((record) => record.type === 'CNAME') : undefined;
    if (cname === undefined || cname.type !== 'CNAME') return refused;
    chain.push(cname);
    current = cname.target;
  }
  if (zones.canAnswer(current)) return refused; // still inside after the hop limit
  const outside = await network.lookup(current, type);
  const query = refused.query;
  switch (outside.status) {
    case 'ok':
    case 'nodata':
      return { ...outside, query, records: [...chain, ...outside.records] };
    case 'nxdomain':
      return { ...outside, query };
    default:
      return { ...outside, query, detail: `${name} leads by CNAME to ${current}: ${outside.detail}` };
  }
}
