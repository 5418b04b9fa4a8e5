// Every message check against its fixtures: ok.*.eml stays quiet, ng.*.eml raises what its JSON says.
// A fixture whose JSON names a "zone" (a zone file in the same folder) and "sendingIps" is linted with
// DNS, two ways: through the zone-file resolver, and through the network resolver asking the
// in-process dns2 test server that serves the same records.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { allChecks } from '../checks/index.js';
import { createNetworkResolver } from '../src/dns/network-resolver.js';
import type { Resolver } from '../src/dns/types.js';
import { loadZoneFiles } from '../src/dns/zone-file-resolver.js';
import { parseZoneFile } from '../src/dns/zone-file.js';
import { lintMessage } from '../src/engine/api.js';
import type { TargetResult } from '../src/types.js';
import { startDnsServer, type TestDnsServer } from './helpers/dns-server.js';
import { comparable, FIXTURE_NOW, fixtureCases, type FixtureCase } from './helpers/fixtures.js';

const fixtures = suite('message check fixtures');
let server: TestDnsServer | undefined;
fixtures.after(async () => {
  await server?.close();
});

function verify(checkId: string, fixture: FixtureCase, result: TargetResult, path = ''): void {
  if (fixture.kind === 'ok') {
    const raised = result.findings.filter((finding) => finding.check === checkId);
    assert.equal(raised, [], `${fixture.path}${path} should not raise ${checkId}`);
    return;
  }
  assert.ok(fixture.expect.some((finding) => finding.check === checkId), `${fixture.path}: its JSON must expect at least one ${checkId} finding`);
  const { actual, wanted } = comparable(result.findings, fixture.expect);
  assert.equal(actual, wanted, `${fixture.path}${path}: findings differ\n${JSON.stringify(result.findings, null, 2)}`);
}

for (const check of allChecks.filter((candidate) => candidate.target === 'message')) {
  for (const fixture of fixtureCases(check.id, 'eml')) {
    const bytes = readFileSync(fixture.path);
    const zone = fixture.extra.zone;
    if (typeof zone !== 'string') {
      fixtures(`${check.id}: ${fixture.name}`, async () => {
        verify(check.id, fixture, await lintMessage(bytes, { now: FIXTURE_NOW, rules: fixture.rules }));
      });
      continue;
    }
    const zonePath = join(dirname(fixture.path), zone);
    const sendingIps = fixture.extra.sendingIps as string[];
    const lint = (resolver: Resolver) => lintMessage(bytes, { now: FIXTURE_NOW, rules: fixture.rules, resolver, sendingIps });
    fixtures(`${check.id}: ${fixture.name} (zone file)`, async () => {
      verify(check.id, fixture, await lint(await loadZoneFiles([zonePath])), ' (zone file)');
    });
    fixtures(`${check.id}: ${fixture.name} (dns2 test server)`, async () => {
      server ??= await startDnsServer({ records: [] });
      server.setRecords(parseZoneFile(readFileSync(zonePath, 'utf8'), { fileName: zonePath }).records);
      const resolver = createNetworkResolver({ servers: [server.address], timeoutMs: 300 });
      try {
        verify(check.id, fixture, await lint(resolver), ' (dns2 test server)');
      } finally {
        resolver.close();
      }
    });
  }
}

fixtures.run();
