// Gathers blocklist facts for sending IPs: every list in parallel (the resolver bounds how many
// queries are in flight), each list's RFC 5782 test entries asked once per run and address family,
// each address asked once per run.
//
// The self-test runs in parallel with the first real query rather than before it: the real answer
// is held until the test entries have been judged and dropped if the list failed them, so a run
// costs one round trip per list, not two. The TXT reason is asked together with the A query, not
// after a listing is seen: one more question per list, but a listed address takes one round trip
// like any other instead of two (its answer is used only when the A answer says listed). The TXT
// questions go after every list's A and test entries, so when there are more questions than the
// resolver has slots, those that decide listed or not are on the wire first.

import type { LookupResult, Resolver } from '../dns/types.js';
import { classifyAnswer, judgeSelfTest, readReason, type SelfTestResult } from './classify.js';
import type { ParsedIp } from '../net/ip.js';
import { dnsblQueryName, TEST_ENTRIES } from './query-name.js';
import type { BlocklistDefinition, IpFacts, ListResult } from './types.js';

export interface BlocklistGatherer {
  /** Facts for one parsed address; memoised by canonical address for the gatherer's lifetime (one run). */
  gather(ip: ParsedIp): Promise<IpFacts>;
}

export function createBlocklistGatherer(resolver: Resolver, lists: readonly BlocklistDefinition[]): BlocklistGatherer {
  const selfTests = new Map<string, Promise<SelfTestResult>>();
  const facts = new Map<string, Promise<Omit<IpFacts, 'input'>>>();

  function selfTest(list: BlocklistDefinition, family: 4 | 6): Promise<SelfTestResult> {
    const key = `${family} ${list.zone}`;
    let pending = selfTests.get(key);
    if (!pending) {
      const entries = TEST_ENTRIES[family];
      pending = Promise.all([
        resolver.lookup(dnsblQueryName(entries.listed, list.zone), 'A'),
        resolver.lookup(dnsblQueryName(entries.notListed, list.zone), 'A'),
      ]).then(([listed, notListed]) =>
        judgeSelfTest(list, { entry: entries.listed.address, result: listed }, { entry: entries.notListed.address, result: notListed }),
      );
      selfTests.set(key, pending);
    }
    return pending;
  }

  const isAsked = (ip: ParsedIp, list: BlocklistDefinition): boolean => ip.family === 4 || list.ipv6;

  async function checkList(ip: ParsedIp, list: BlocklistDefinition, reason: () => Promise<LookupResult>): Promise<ListResult> {
    const queryName = dnsblQueryName(ip, list.zone);
    if (!isAsked(ip, list)) {
      return { list, queryName, outcome: { status: 'skipped', detail: `${list.zone} is configured as IPv4-only` } };
    }
    const [test, answer] = await Promise.all([selfTest(list, ip.family), resolver.lookup(queryName, 'A')]);
    if (!test.passed) return { list, queryName, outcome: test.outcome };
    const outcome = classifyAnswer(answer, list);
    if (outcome.status !== 'listed') return { list, queryName, outcome };
    return { list, queryName, outcome: { ...outcome, ...readReason(await reason()) } };
  }

  function checkLists(ip: ParsedIp): Promise<ListResult[]> {
    const reasons: Promise<LookupResult>[] = [];
    const results = lists.map((list, index) => checkList(ip, list, () => reasons[index]!));
    lists.forEach((list, index) => {
      if (isAsked(ip, list)) reasons[index] = resolver.lookup(dnsblQueryName(ip, list.zone), 'TXT');
    });
    return Promise.all(results);
  }

  return {
    async gather(ip) {
      let pending = facts.get(ip.address);
      if (!pending) {
        pending = checkLists(ip).then((results) => ({
          address: ip.address,
          family: ip.family,
          range: ip.range,
          lists: results,
        }));
        facts.set(ip.address, pending);
      }
      return { input: ip.input, ...(await pending) };
    },
  };
}
