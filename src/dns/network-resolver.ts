// The Resolver that asks real nameservers: the ones given (`--resolver`) or those in
// /etc/resolv.conf. Within one resolver instance (one run) each (name, type) is asked once:
// concurrent callers share the in-flight lookup and the result, failures included, is kept.
// At most `concurrency` questions are on the wire at a time.

import { DEFAULT_DNS_CONCURRENCY, DEFAULT_DNS_TIMEOUT_MS } from './defaults.js';
import { normalizeName, queryNameProblem } from './dns-name.js';
import { createLimiter } from './limiter.js';
import { cnameChainOf, cnameChainProblem } from './record-table.js';
import { readSystemNameservers } from './resolv-conf.js';
import { parseServerAddress, type ServerAddress } from './server-address.js';
import { Closing, exchange, type ExchangeOptions, type ExchangeOutcome } from './transport.js';
import { UdpSocketPool } from './udp-pool.js';
import type { DnsRecord, LookupResult, Query, RecordType, Resolver } from './types.js';

type CnameRecord = Extract<DnsRecord, { type: 'CNAME' }>;
import { RCODE, TYPE_CODES } from './decode-message.js';

export interface NetworkResolverOptions {
  /** `host`, `host:port` or `[v6]:port`; empty or absent = the nameservers in `resolvConfPath`. */
  servers?: readonly string[];
  /** One deadline per question, across UDP tries, other nameservers and TCP. */
  timeoutMs?: number;
  /** Most questions on the wire at once. */
  concurrency?: number;
  /** Where the system nameservers are read from when `servers` is empty (default /etc/resolv.conf). */
  resolvConfPath?: string;
}

export interface NetworkResolver extends Resolver {
  close(): void;
}

/**
 * Creates a resolver. Throws a ServerAddressError at once for a malformed `servers` entry; a missing or
 * empty resolv.conf is reported by each lookup instead ('network-error' saying so).
 */
export function createNetworkResolver(options: NetworkResolverOptions = {}): NetworkResolver {
  const timeoutMs = options.timeoutMs ?? DEFAULT_DNS_TIMEOUT_MS;
  const explicit = (options.servers ?? []).map((server) => parseServerAddress(server));
  const concurrency = options.concurrency ?? DEFAULT_DNS_CONCURRENCY;
  const limit = createLimiter(concurrency);
  const pool = new UdpSocketPool(concurrency);
  const cache = new Map<string, Promise<LookupResult>>();
  const closing = new Closing();
  const exchangeOptions = (servers: readonly ServerAddress[]): ExchangeOptions => ({ servers, timeoutMs, closing, pool });
  // Settled once per resolver, not awaited per question: the explicit servers at once, the
  // system's when resolv.conf has been read (or why it could not be).
  let settings: ExchangeOptions | Promise<ExchangeOptions | string> | undefined = explicit.length > 0 ? exchangeOptions(explicit) : undefined;

  /** `found`: where to ask, or why there is nowhere (resolv.conf). */
  function askWith(query: Query, found: ExchangeOptions | string): Promise<LookupResult> {
    if (typeof found === 'string') return Promise.resolve({ status: 'network-error', query, detail: `${describe(query)}: ${found}` });
    return limit(() => exchange({ name: query.name, typeCode: TYPE_CODES[query.type] }, found)).then(
      (outcome) => interpretGuarded(query, outcome),
      (error: unknown) => bugAsFailure(query, error),
    );
  }

  function ask(query: Query): Promise<LookupResult> {
    settings ??= readSystemNameservers(options.resolvConfPath).then((found) => (found.ok ? exchangeOptions(found.servers) : found.reason));
    if (!(settings instanceof Promise)) return askWith(query, settings);
    return settings.then(
      (found) => askWith(query, found),
      (error: unknown) => bugAsFailure(query, error),
    );
  }

  return {
    lookup(name: string, type: RecordType): Promise<LookupResult> {
      const query: Query = { name: normalizeName(name), type };
      const key = `${type} ${query.name}`;
      const known = cache.get(key);
      if (known) return known;
      const problem = TYPE_CODES[type] === undefined ? `unsupported record type` : queryNameProblem(query.name);
      const result: Promise<LookupResult> =
        problem !== undefined
          ? Promise.resolve({ status: 'malformed', query, detail: `${describe(query)}: not sent: ${problem}` })
          : ask(query);
      cache.set(key, result);
      return result;
    },
    close(): void {
      closing.close();
      pool.close();
    },
  };
}

/**
 * exchange() never rejects, nor should interpret() throw: this only keeps a bug from turning into a
 * rejection (lookup never rejects). Handled where each can happen, not by one more promise per question.
 */
function bugAsFailure(query: Query, error: unknown): LookupResult {
  return { status: 'network-error', query, detail: `${describe(query)}: ${error instanceof Error ? error.message : String(error)}` };
}

function interpretGuarded(query: Query, outcome: ExchangeOutcome): LookupResult {
  try {
    return interpret(query, outcome);
  } catch (error) {
    return bugAsFailure(query, error);
  }
}

function describe(query: Query): string {
  return `${query.type} ${query.name}`;
}

/**
 * The records of an answer section that answer the question: those owned by the query name or by a
 * name its CNAME chain leads to. Anything else (records for unrelated names, whether from a sloppy
 * server or a poisoning attempt) is dropped: RFC 2181 5.4.1 ranks such data below the answer and
 * says it must not be returned as an answer.
 */
function recordsAnswering(name: string, records: readonly DnsRecord[], chain: readonly CnameRecord[]): DnsRecord[] {
  if (chain.length === 0) return records.filter((record) => record.name === name);
  const owners = new Set([name, ...chain.map((record) => record.target)]);
  return records.filter((record) => owners.has(record.name));
}

const RCODE_NAMES = new Map<number, string>(Object.entries(RCODE).map(([name, code]) => [code, name]));

/** Turns what came back from the wire into a LookupResult. */
function interpret(query: Query, outcome: ExchangeOutcome): LookupResult {
  if (outcome.kind !== 'answer') {
    return { status: outcome.kind, query, detail: `${describe(query)}: ${outcome.detail}`, server: outcome.server?.text };
  }
  const { packet, server } = outcome;
  const from = server.text;
  switch (packet.rcode) {
    case RCODE.NOERROR: {
      const decoded = packet.answers;
      // A server asked directly answers a CNAME loop with the loop itself (NOERROR, no data); a
      // recursive resolver answers SERVFAIL. Both are the same failure, named the same way.
      const chain = cnameChainOf(query.name, decoded);
      const problem = cnameChainProblem(query.name, chain);
      if (problem !== undefined) return { status: 'servfail', query, detail: `${describe(query)}: ${problem}`, server: from };
      const records = recordsAnswering(query.name, decoded, chain);
      const status = records.some((record) => record.type === query.type) ? 'ok' : 'nodata';
      return { status, query, records, server: from };
    }
    case RCODE.NXDOMAIN:
      return { status: 'nxdomain', query, server: from };
    case RCODE.REFUSED:
      return { status: 'refused', query, detail: `${describe(query)}: ${from} answered REFUSED`, server: from };
    default: {
      const rcode = packet.rcode;
      const name = RCODE_NAMES.get(rcode) ?? `RCODE ${rcode}`;
      return { status: 'servfail', query, detail: `${describe(query)}: ${from} answered ${name}`, server: from };
    }
  }
}

