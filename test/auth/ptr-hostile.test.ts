// Reverse DNS that lies or cannot be followed: a PTR name DNS cannot ask about (an escaped dot, read
// off the wire) is a mismatch named as such, never a "retry later" lookup failure, and is never sent.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { LookupResult, RecordType, Resolver } from '../../src/dns/types.js';
import { checkIps } from '../../src/engine/api.js';

const test = suite('hostile reverse DNS');
const BLOCKLISTS_OFF = { 'dnsbl-listed': 'off', 'dnsbl-dynamic-ip': 'off', 'dnsbl-unusable': 'off' } as const;

function resolverAnswering(ptrTargets: string[], asked: string[]): Resolver {
  return {
    async lookup(name: string, type: RecordType): Promise<LookupResult> {
      asked.push(`${type} ${name}`);
      const query = { name, type };
      if (type === 'PTR') return { status: 'ok', query, records: ptrTargets.map((target) => ({ type: 'PTR', name, ttl: 60, target })) };
      return { status: 'nxdomain', query };
    },
  };
}

test('a PTR name with an escaped dot is not asked about and makes ptr-mismatch say it is not a host name', async () => {
  const asked: string[] = [];
  const [result] = await checkIps(['203.0.113.7'], { resolver: resolverAnswering(['mail\\.relay.example.com'], asked), rules: BLOCKLISTS_OFF });
  const findings = result!.findings;
  assert.equal(findings.map((finding) => `${finding.check}:${finding.severity}`), ['ptr-mismatch:error']);
  assert.match(findings[0]!.message, /mail\\\.relay\.example\.com \(not a name DNS can ask about/);
  assert.not.match(findings[0]!.fix ?? '', /retry/);
  assert.equal(asked, ['PTR 7.113.0.203.in-addr.arpa']);
});

test.run();
