// Every domain check against its fixtures, two ways: through the zone-file resolver, and through the
// network resolver asking the in-process dns2 test server that serves the same records. Both must
// give the same findings.
//
// Layout: test/fixtures/<check-id>/ok.<case>.zone + ok.<case>.json, ng.<case>.zone + ng.<case>.json,
// the JSON being {"domain": "…", "expect": [{"check": "…", "severity"?: "…"}], "rules"?: {…},
// "fault"?: {…}, "dkimSelectors"?: ["…"] (the selectors whose DKIM keys are checked, as
// --dkim-selector gives them)}. An ok case must not raise its check. An ng case must raise exactly the domain
// findings its JSON lists, severity included where given, among the checks of its family (the id's
// first word: an MX fixture's zone publishes no SPF, and spf-missing there says nothing about MX),
// the checks its JSON names, and the checks every audit shares (dns-lookup-failed, domain-nxdomain). A case with a "fault" (SERVFAIL, timeout, garbage…) can only happen on the wire: it runs on
// the server path alone.

import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { allChecks } from '../checks/index.js';
import { createNetworkResolver } from '../src/dns/network-resolver.js';
import type { Resolver } from '../src/dns/types.js';
import { loadZoneFiles } from '../src/dns/zone-file-resolver.js';
import { parseZoneFile } from '../src/dns/zone-file.js';
import { auditDomains } from '../src/engine/api.js';
import type { ReportedFinding } from '../src/types.js';
import { startDnsServer, type DnsFault, type TestDnsServer } from './helpers/dns-server.js';
import { FIXTURE_NOW, fixtureCases, type FixtureCase } from './helpers/fixtures.js';

const fixtures = suite('domain check fixtures');
const DOMAIN_CHECKS = new Set(allChecks.filter((check) => check.target === 'domain').map((check) => check.id));
/** Short, so the timeout fixtures stay fast; the test server answers in well under a millisecond. */
const TEST_TIMEOUT_MS = 300;

let server: TestDnsServer;
fixtures.before(async () => {
  server = await startDnsServer({ records: [] });
});
fixtures.after(async () => {
  await server.close();
});

interface DomainExpectation {
  check: string;
  severity?: string;
}

function expectationOf(fixture: FixtureCase): { domain: string; expect: DomainExpectation[]; fault?: DnsFault } {
  const domain = fixture.extra.domain;
  if (typeof domain !== 'string') throw new Error(`${fixture.path}: its JSON needs "domain"`);
  return { domain, expect: fixture.expect as DomainExpectation[], fault: fixture.extra.fault as DnsFault | undefined };
}

async function audit(fixture: FixtureCase, resolver: Resolver, domain: string): Promise<ReportedFinding[]> {
  const dkimSelectors = (fixture.extra.dkimSelectors as string[] | undefined) ?? [];
  const result = (await auditDomains([domain], { resolver, rules: fixture.rules, now: FIXTURE_NOW, dkimSelectors }))[0]!;
  assert.is(result.target, domain);
  for (const finding of result.findings) {
    assert.ok(finding.line === undefined, 'domain findings carry no line');
    assert.ok(finding.message.includes(domain) || finding.check === 'dns-lookup-failed', `a finding names the domain: ${finding.message}`);
    // Prose for a person: a record is quoted plainly, not with JSON's backslash-escaped quotes.
    for (const text of [finding.message, finding.fix ?? '']) assert.not.ok(text.includes('\\"'), `no \\" in: ${text}`);
  }
  return result.findings;
}

/** Checks that can fire on any audit, whatever the fixture is about. */
const SHARED_CHECKS = new Set(['dns-lookup-failed', 'domain-nxdomain']);
const familyOf = (check: string) => check.split('-')[0];

function verify(fixture: FixtureCase, expect: DomainExpectation[], findings: ReportedFinding[], path: string): void {
  const shown = `${fixture.path} (${path}):\n${JSON.stringify(findings, null, 2)}`;
  if (fixture.kind === 'ok') {
    assert.equal(findings.filter((finding) => finding.check === fixture.checkId), [], `should not raise ${fixture.checkId}: ${shown}`);
    return;
  }
  assert.ok(expect.some((finding) => finding.check === fixture.checkId), `${fixture.path}: its JSON must expect a ${fixture.checkId} finding`);
  const withSeverity = new Set(expect.filter((finding) => finding.severity !== undefined).map((finding) => finding.check));
  const key = (finding: { check: string; severity?: string }) =>
    withSeverity.has(finding.check) ? `${finding.check}:${finding.severity}` : finding.check;
  const judged = (check: string) =>
    familyOf(check) === familyOf(fixture.checkId) || SHARED_CHECKS.has(check) || expect.some((finding) => finding.check === check);
  const actual = findings.filter((finding) => DOMAIN_CHECKS.has(finding.check) && judged(finding.check)).map(key).sort();
  assert.equal(actual, expect.map(key).sort(), `findings differ: ${shown}`);
}

for (const checkId of DOMAIN_CHECKS) {
  for (const fixture of fixtureCases(checkId, 'zone')) {
    const zoneText = readFileSync(fixture.path, 'utf8');
    const { domain, expect, fault } = expectationOf(fixture);

    if (fault === undefined) {
      fixtures(`${checkId}: ${fixture.name} (zone file)`, async () => {
        const resolver = await loadZoneFiles([fixture.path]);
        verify(fixture, expect, await audit(fixture, resolver, domain), 'zone file');
      });
    }

    fixtures(`${checkId}: ${fixture.name} (dns2 test server${fault ? `, fault ${fault.kind}: server path only` : ''})`, async () => {
      server.setRecords(parseZoneFile(zoneText, { fileName: fixture.path }).records);
      server.setFault(fault);
      const resolver = createNetworkResolver({ servers: [server.address], timeoutMs: TEST_TIMEOUT_MS });
      try {
        verify(fixture, expect, await audit(fixture, resolver, domain), 'dns2 test server');
      } finally {
        resolver.close();
        server.setFault(undefined);
      }
    });
  }
}

fixtures.run();
