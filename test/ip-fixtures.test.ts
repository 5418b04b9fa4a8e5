// Every reverse-DNS check (the ip checks that need `ptr`) against its fixtures, two ways: through
// the zone-file resolver, and through the network resolver asking the in-process dns2 test server
// that serves the same records. Both must give the same findings. (The blocklist checks have their
// own fixtures: test/dnsbl/fixtures.test.ts.)
//
// Layout: test/fixtures/<check-id>/ok.<case>.zone (the forward zone) with ok.<case>.arpa beside it
// (the reverse zone, in-addr.arpa or ip6.arpa: a zone file holds one zone) and ok.<case>.json,
// {"ip": "…", "expect": [{"check": "…", "severity"?: "…"}], "fault"?: {…}}; the same for ng.<case>.
// An ok case must not raise its check; an ng case must raise exactly the findings its JSON lists of
// the checks that need `ptr`. A case with a "fault" runs on the server path alone.

import { existsSync, readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { allChecks } from '../checks/index.js';
import { createNetworkResolver } from '../src/dns/network-resolver.js';
import type { Resolver } from '../src/dns/types.js';
import { loadZoneFiles } from '../src/dns/zone-file-resolver.js';
import { parseZoneFile } from '../src/dns/zone-file.js';
import { checkIps } from '../src/engine/api.js';
import type { ReportedFinding, RuleSettings } from '../src/types.js';
import { startDnsServer, type DnsFault, type TestDnsServer } from './helpers/dns-server.js';
import { FIXTURE_NOW, fixtureCases, type FixtureCase } from './helpers/fixtures.js';

const fixtures = suite('reverse DNS check fixtures');
const PTR_CHECKS = new Set(allChecks.filter((check) => check.target === 'ip' && (check.needs as readonly string[]).includes('ptr')).map((check) => check.id));
/** The blocklist checks stay off: these fixtures are about reverse DNS, and no list is served. */
const BLOCKLISTS_OFF: RuleSettings = Object.fromEntries(
  allChecks.filter((check) => check.target === 'ip' && !PTR_CHECKS.has(check.id)).map((check) => [check.id, 'off' as const]),
);
const TEST_TIMEOUT_MS = 300;

let server: TestDnsServer;
fixtures.before(async () => {
  server = await startDnsServer({ records: [] });
});
fixtures.after(async () => {
  await server.close();
});

interface Expectation {
  check: string;
  severity?: string;
}

function zoneFilesOf(fixture: FixtureCase): string[] {
  const reverse = fixture.path.replace(/\.zone$/, '.arpa');
  return existsSync(reverse) ? [fixture.path, reverse] : [fixture.path];
}

async function check(fixture: FixtureCase, resolver: Resolver, ip: string): Promise<ReportedFinding[]> {
  const [result] = await checkIps([ip], { resolver, rules: { ...BLOCKLISTS_OFF, ...fixture.rules }, now: FIXTURE_NOW });
  assert.is(result!.target, ip);
  for (const finding of result!.findings) assert.ok(finding.message.includes(ip) || finding.message.includes(result!.target), `a finding names the address: ${finding.message}`);
  return result!.findings;
}

function verify(fixture: FixtureCase, expect: readonly Expectation[], findings: ReportedFinding[], path: string): void {
  const shown = `${fixture.path} (${path}):\n${JSON.stringify(findings, null, 2)}`;
  if (fixture.kind === 'ok') {
    assert.equal(findings.filter((finding) => finding.check === fixture.checkId), [], `should not raise ${fixture.checkId}: ${shown}`);
    return;
  }
  assert.ok(expect.some((finding) => finding.check === fixture.checkId), `${fixture.path}: its JSON must expect a ${fixture.checkId} finding`);
  const withSeverity = new Set(expect.filter((finding) => finding.severity !== undefined).map((finding) => finding.check));
  const key = (finding: { check: string; severity?: string }) => (withSeverity.has(finding.check) ? `${finding.check}:${finding.severity}` : finding.check);
  const actual = findings.filter((finding) => PTR_CHECKS.has(finding.check)).map(key).sort();
  assert.equal(actual, expect.map(key).sort(), `findings differ: ${shown}`);
}

for (const checkId of PTR_CHECKS) {
  for (const fixture of fixtureCases(checkId, 'zone')) {
    const ip = fixture.extra.ip;
    if (typeof ip !== 'string') throw new Error(`${fixture.path}: its JSON needs "ip"`);
    const expect = fixture.expect as Expectation[];
    const fault = fixture.extra.fault as DnsFault | undefined;
    const files = zoneFilesOf(fixture);

    if (fault === undefined) {
      fixtures(`${checkId}: ${fixture.name} (zone files)`, async () => {
        verify(fixture, expect, await check(fixture, await loadZoneFiles(files), ip), 'zone files');
      });
    }

    fixtures(`${checkId}: ${fixture.name} (dns2 test server${fault ? `, fault ${fault.kind}: server path only` : ''})`, async () => {
      server.setRecords(files.flatMap((file) => parseZoneFile(readFileSync(file, 'utf8'), { fileName: file }).records));
      server.setFault(fault);
      const resolver = createNetworkResolver({ servers: [server.address], timeoutMs: TEST_TIMEOUT_MS });
      try {
        verify(fixture, expect, await check(fixture, resolver, ip), 'dns2 test server');
      } finally {
        resolver.close();
        server.setFault(undefined);
      }
    });
  }
}

fixtures.run();
