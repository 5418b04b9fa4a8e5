import { defineCheck } from '../src/define-check.js';
import type { ListOutcome } from '../src/dnsbl/types.js';
import { classifyIp } from '../src/net/ip.js';
import type { Finding } from '../src/types.js';

type Unusable = Extract<ListOutcome, { status: 'unusable' }>;

const WHAT_TO_DO = {
  refused:
    'query through your own recursive resolver (--resolver), not a public one such as 8.8.8.8 or 1.1.1.1; check the zone name; for Spamhaus, register for its Data Query Service if you query often',
  'bad-answer': 'check the zone name and the resolver (a resolver that rewrites NXDOMAIN to an advertising address breaks every blocklist)',
  'lookup-error': 'retry, raise --timeout, or use another resolver (--resolver)',
  'self-test-failed':
    'check the zone name; a list that lists nothing may be refusing your resolver silently, and one that lists 127.0.0.1 lists everything: query it through another resolver or drop it',
} as const;

/** The resolver's failure statuses in words, as the other checks say them. */
const FAILURE_WORDS: Readonly<Record<string, string>> = {
  timeout: 'timeout',
  'network-error': 'network error',
  servfail: 'SERVFAIL',
  refused: 'REFUSED',
  malformed: 'malformed answer',
};

/** A few words for the one line a list gets; the whole story goes in the finding's data. */
function shortCause(outcome: Unusable): string {
  const codes = outcome.codes?.length ? ` (${outcome.codes.join(', ')})` : '';
  switch (outcome.reason) {
    case 'refused':
      return `refused${codes}`;
    case 'bad-answer':
      return `not a blocklist answer${codes}`;
    case 'lookup-error':
      return `lookup failed${outcome.failure ? ` (${FAILURE_WORDS[outcome.failure] ?? outcome.failure})` : ''}`;
    case 'self-test-failed':
      return 'failed its RFC 5782 test entries';
  }
}

/**
 * A private, loopback or other address receivers never see as a client: whatever the lists answer,
 * the result says nothing about delivery. Documentation addresses carry no note: examples use them.
 */
function nonPublicNote(address: string): Finding | undefined {
  const classification = classifyIp(address);
  if (classification === undefined || classification.reachable || classification.kind === 'documentation') return undefined;
  return {
    severity: 'info',
    message: `${address} is ${classification.description}: receivers never see it as the sending address, so no blocklist answer about it says anything about delivery; check the public address your mail leaves from`,
    data: { reason: 'non-public-address', range: classification.kind },
  };
}

export default defineCheck({
  id: 'dnsbl-unusable',
  title: 'A blocklist could not be checked (refused, error code, failed test entries, timeout), or the address is not public',
  target: 'ip',
  defaultSeverity: 'warn',
  prevents: 'a false "not listed": the 554 5.7.1 "client host blocked using <list>" bounce this list would have predicted goes unseen',
  references: ['RFC 5782 2.3', 'RFC 5782 5', 'RFC 6890'],
  needs: ['dnsbl'],
  run({ ip }) {
    const findings: Finding[] = [];
    const note = nonPublicNote(ip.address);
    if (note) findings.push(note);
    // One list out of three refusing is a warning; when no list could verify the address at all,
    // nothing was checked, and a CI gate must not pass on that.
    const checked = ip.lists.filter((result) => result.outcome.status === 'listed' || result.outcome.status === 'not-listed');
    const nothingVerified = checked.length === 0;
    // One short line per list; what to do is said once per kind of failure, not once per list.
    const advised = new Set<string>();
    for (const { list, queryName, outcome } of ip.lists) {
      if (outcome.status !== 'unusable') continue;
      const advice = WHAT_TO_DO[outcome.reason];
      findings.push({
        ...(nothingVerified ? { severity: 'error' as const } : {}),
        message: `could not verify ${ip.address} against ${list.zone}: ${shortCause(outcome)}`,
        ...(advised.has(outcome.reason) ? {} : { fix: advice }),
        data: {
          list: list.zone,
          query: queryName,
          reason: outcome.reason,
          detail: outcome.detail,
          advice,
          ...(outcome.codes ? { codes: outcome.codes } : {}),
          ...(outcome.failure ? { failure: outcome.failure } : {}),
        },
      });
      advised.add(outcome.reason);
    }
    if (ip.lists.length > 0 && ip.lists.every((result) => result.outcome.status === 'skipped')) {
      findings.push({
        severity: 'error',
        message: `could not verify ${ip.address}: none of the configured blocklists (${ip.lists.map((result) => result.list.zone).join(', ')}) answers for IPv6 addresses. This is not a clean result: add a list that does, or set "ipv6": true on a list in the config file's "dnsbl" if it supports IPv6`,
        data: { reason: 'no-ipv6-list' },
      });
    }
    return findings;
  },
});
