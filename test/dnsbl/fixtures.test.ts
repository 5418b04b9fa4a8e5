// Every blocklist check against its fixtures (test/fixtures/dnsbl-*/ok.*.json, ng.*.json), asked
// through the network resolver of a local DNS server serving the fixture's zones. Each fixture is data — the IP, the lists, the records the local blocklist zones hold, faults, and the
// findings expected (and text their message or data.detail must hold). ok.* must not raise the check it sits under; both kinds must raise exactly the
// findings their `expect` lists, for the checks it names.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { allChecks } from '../../checks/index.js';
import type { DnsRecord } from '../../src/dns/types.js';
import { validateBlocklistSettings } from '../../src/dnsbl/catalogue.js';
import { checkIps } from '../../src/engine/api.js';
import { comparable, FIXTURE_NOW, fixtureCases } from '../helpers/fixtures.js';
import { fixtureLists, testEntryRecords } from './blocklist-helpers.js';
import { blocklistResolver, closeBlocklistServer, type BlocklistFault } from './blocklist-resolver.js';

const fixtures = suite('blocklist check fixtures');
fixtures.after(closeBlocklistServer);

interface BlocklistFixture {
  ip: string;
  lists: unknown[];
  records?: DnsRecord[];
  /** true (default): every list gets its RFC 5782 test entries; "ipv4": IPv4 ones only; false: none. */
  testEntries?: boolean | 'ipv4';
  faults?: BlocklistFault[];
  timeoutMs?: number;
  messageIncludes?: string[];
  /** Text the `data.detail` of one of the named checks' findings must hold (dnsbl-unusable keeps its detail there). */
  detailIncludes?: string[];
}

/** The blocklist checks; the other ip checks (reverse DNS: test/ip-fixtures.test.ts) stay off here. */
const BLOCKLIST_CHECKS = allChecks.filter((candidate) => candidate.target === 'ip' && (candidate.needs as readonly string[]).includes('dnsbl'));
const OTHER_IP_CHECKS_OFF = Object.fromEntries(
  allChecks.filter((candidate) => candidate.target === 'ip' && !BLOCKLIST_CHECKS.includes(candidate)).map((candidate) => [candidate.id, 'off' as const]),
);

for (const check of BLOCKLIST_CHECKS) {
  const cases = fixtureCases(check.id, 'json');
  for (const fixture of cases) {
    fixtures(`${check.id}: ${fixture.name}`, async () => {
      const data = fixture.extra as unknown as BlocklistFixture;
      const lists = validateBlocklistSettings(fixtureLists(data.lists));
      const testEntries = data.testEntries ?? true;
      const records = [
        ...(data.records ?? []),
        ...(testEntries === false ? [] : lists.flatMap((list) => testEntryRecords(list.zone, testEntries === true && list.ipv6))),
      ];
      const resolver = await blocklistResolver(records, data.faults ?? [], data.timeoutMs ?? 1000);
      try {
        const [result] = await checkIps([data.ip], { resolver, blocklists: lists, rules: { ...OTHER_IP_CHECKS_OFF, ...fixture.rules }, now: FIXTURE_NOW });
        assert.ok(result);
        assert.is(result.target, data.ip, 'the target is the IP as written');
        const shown = JSON.stringify(result.findings, null, 2);
        if (fixture.kind === 'ok') {
          assert.equal(result.findings.filter((finding) => finding.check === check.id), [], `${fixture.path} should not raise ${check.id}\n${shown}`);
        } else {
          assert.ok(fixture.expect.some((finding) => finding.check === check.id), `${fixture.path}: its JSON must expect a ${check.id} finding`);
        }
        const named = new Set([check.id, ...fixture.expect.map((finding) => finding.check)]);
        const { actual, wanted } = comparable(result.findings, [...fixture.expect]);
        // comparable() only projects the checks `expect` names; an ok fixture's own check is covered above.
        assert.equal(actual, wanted, `${fixture.path}: findings differ\n${shown}`);
        for (const text of data.detailIncludes ?? []) {
          assert.ok(
            result.findings.some((finding) => named.has(finding.check) && String(finding.data?.detail ?? '').includes(text)),
            `${fixture.path}: no finding's data.detail says ${JSON.stringify(text)}\n${shown}`,
          );
        }
        for (const text of data.messageIncludes ?? []) {
          assert.ok(
            result.findings.some((finding) => named.has(finding.check) && finding.message.includes(text)),
            `${fixture.path}: no finding says ${JSON.stringify(text)}\n${shown}`,
          );
        }
      } finally {
        await resolver.close?.();
      }
    });
  }
}

fixtures.run();
