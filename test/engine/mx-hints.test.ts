// The most common zone-file slip gets the right advice: an MX written without its trailing dot
// (`MX 10 mail.example.com` in the example.com zone) names mail.example.com.example.com; the fix
// is the dot, not an address record for the doubled name (found by QA).

import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadZoneFiles } from '../../src/dns/zone-file-resolver.js';
import { auditDomains } from '../../src/engine/api.js';

const hints = suite('mx hints');

hints('an exchange missing its trailing dot: the message says so and the fix adds the dot', async () => {
  const resolver = await loadZoneFiles([fileURLToPath(new URL('../fixtures/mx-target-missing/ng.missing-trailing-dot.zone', import.meta.url))]);
  const result = (await auditDomains(['example.com'], { resolver }))[0]!;
  const [finding] = result.findings.filter((candidate) => candidate.check === 'mx-target-missing');
  assert.ok(finding, JSON.stringify(result.findings));
  assert.match(finding.message, /"mail\.example\.com" written without its trailing dot/);
  assert.is(finding.fix, 'write the exchange with a trailing dot: "MX 10 mail.example.com."');
});

hints('a name that merely repeats one label is not taken for the slip', async () => {
  const resolver = await loadZoneFiles([fileURLToPath(new URL('../fixtures/mx-target-missing/ng.nxdomain.zone', import.meta.url))]);
  const result = (await auditDomains(['no-address.example.com'], { resolver }))[0]!;
  const [finding] = result.findings.filter((candidate) => candidate.check === 'mx-target-missing');
  assert.ok(finding);
  assert.not.match(finding.message, /trailing dot/);
});

hints('a CNAME loop in the data is one finding per exchange, and its fix is to break the loop, not to retry', async () => {
  const resolver = await loadZoneFiles([fileURLToPath(new URL('../fixtures/dns-lookup-failed/ng.cname-loop.zone', import.meta.url))]);
  const result = (await auditDomains(['loop.example.com'], { resolver }))[0]!;
  const failures = result.findings.filter((candidate) => candidate.check === 'dns-lookup-failed');
  assert.is(failures.length, 1, JSON.stringify(failures));
  assert.match(failures[0]!.message, /the AAAA lookup failed too/);
  assert.match(failures[0]!.fix ?? '', /break the CNAME loop/);
});

hints.run();
