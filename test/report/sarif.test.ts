// SARIF output against the SARIF 2.1.0 JSON schema, and against what GitHub code scanning adds on
// top of the schema (it rejects a whole upload for one result without an artifact location).
//
// test/fixtures/sarif-schema-2.1.0.json is "sarif-2.1.0-rtm.5.json" copied unchanged from the npm
// package @microsoft/jest-sarif 1.0.0-beta.0 (lib/schemas/), MIT licence, (c) Microsoft
// Corporation: the schema SchemaStore publishes for SARIF 2.1.0. It is a draft-04 schema; Ajv 8
// reads it as draft-07 once its draft-04 `id` and `$schema` are dropped (it uses no draft-04-only
// keyword such as boolean exclusiveMinimum). Its `language` pattern has a stray "]" that is only
// legal in a non-unicode RegExp, hence unicodeRegExp: false.

import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type * as Sarif from 'sarif';
import { buildSarifLog, FINGERPRINT_KEY, formatSarif } from '../../src/report/sarif.js';
import type { TargetResult } from '../../src/types.js';

const sarif = suite('sarif formatter');

const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as Record<string, unknown>;
delete schema.$schema;
delete schema.id;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
ajv.addFormat('uri', (value: string) => URL.canParse(value));
ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///base/'));
ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
const validate = ajv.compile(schema);

const cwd = '/work/project';
const results: TargetResult[] = [
  {
    target: 'templates/welcome mail.eml',
    findings: [
      {
        check: 'date-missing',
        severity: 'error',
        message: 'no Date header field',
        line: 1,
        column: 1,
        fix: 'add "Date: Tue, 24 Nov 2026 10:00:00 +0000"',
        // Fixes as data become SARIF fixes (byte regions), checked against the schema below.
        edits: [{ range: [120, 120], text: 'Date: Tue, 24 Nov 2026 10:00:00 +0000\r\n' }],
        suggestions: [{ message: 'write Grüße', edits: [{ range: [9, 14], text: 'Grüße' }] }],
      },
      { check: 'subject-missing', severity: 'warn', message: 'no Subject header field', line: 1, column: 1 },
      { check: 'subject-missing', severity: 'warn', message: 'no Subject header field', line: 1, column: 1 },
    ],
  },
  { target: '/work/project/out/reset.eml', findings: [{ check: 'date-invalid', severity: 'info', message: 'odd date', line: 4, column: 7 }] },
  { target: 'clean.eml', findings: [] },
  { target: '203.0.113.7', findings: [{ check: 'dnsbl-listed', severity: 'error', message: 'listed on zen.example.test' }] },
  { target: '-', findings: [{ check: 'subject-missing', severity: 'warn', message: 'no Subject header field', line: 1 }] },
  { target: 'missing.eml', findings: [{ check: 'input-unreadable', severity: 'error', message: 'cannot read missing.eml: no such file or folder' }] },
];

function render(input: readonly TargetResult[], extra: { anchorFile?: string; docsBaseUrl?: string } = {}): Sarif.Log {
  return JSON.parse(formatSarif(input, { color: false, cwd, ...extra })) as Sarif.Log;
}

sarif('output validates against the SARIF 2.1.0 schema', () => {
  for (const input of [results, [], [{ target: 'a.eml', findings: [] }]]) {
    const log = render(input);
    const valid = validate(log);
    assert.ok(valid, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  }
  assert.not.ok(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), 'the schema does reject a driver without a name');
  assert.not.ok(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ ruleId: 'a' }] }] }), 'and a result without a message');
});

sarif('its own SARIF types (src/report/sarif-types.ts) fit the official ones: npm run typecheck fails otherwise', () => {
  const official: Sarif.Log = buildSarifLog(results, { color: false, cwd });
  assert.is(official.runs[0]?.results?.length, 7);
});

sarif('GitHub ingestion: with an anchor file, every result has a message, a rule and a physical artifact location', () => {
  const run = render(results, { anchorFile: 'zones/example.com.zone' }).runs[0]!;
  assert.is(run.tool.driver.name, 'maillint');
  assert.match(run.tool.driver.version ?? '', /^\d+\.\d+\.\d+/);
  const rules = run.tool.driver.rules!;
  assert.is(run.results!.length, 7);
  for (const result of run.results!) {
    assert.ok(result.message.text && result.message.text.length > 0);
    assert.is(rules[result.ruleIndex!]!.id, result.ruleId, 'ruleIndex points at the rule');
    assert.is(result.locations?.length, 1, 'exactly one location');
    const physical = result.locations![0]!.physicalLocation!;
    assert.ok(physical.artifactLocation?.uri, 'artifactLocation.uri present');
    assert.is(physical.artifactLocation!.uriBaseId, '%SRCROOT%');
    assert.ok(physical.region === undefined || physical.region.startLine! >= 1);
    assert.ok(result.partialFingerprints?.[FINGERPRINT_KEY]);
  }
});

sarif('rules: one per check id seen, with title, doc page as help, default level', () => {
  const rules = render(results).runs[0]!.tool.driver.rules!;
  assert.equal(rules.map((rule) => rule.id), ['date-invalid', 'date-missing', 'dnsbl-listed', 'input-unreadable', 'subject-missing']);
  const subject = rules.find((rule) => rule.id === 'subject-missing')!;
  assert.is(subject.shortDescription!.text, 'Message has no Subject header');
  assert.match(subject.fullDescription!.text, /Subject/);
  assert.match(subject.help!.markdown!, /^# subject-missing\n/);
  assert.match(subject.help!.markdown!, /## Why it matters/);
  assert.is(subject.defaultConfiguration!.level, 'warning');
  assert.is(rules.find((rule) => rule.id === 'date-missing')!.defaultConfiguration!.level, 'error');
  assert.is(subject.helpUri, undefined, 'no public docs URL is known: no helpUri');
  const withDocs = render(results, { docsBaseUrl: 'https://docs.example.com/maillint/checks/' }).runs[0]!.tool.driver.rules!;
  assert.is(withDocs.find((rule) => rule.id === 'subject-missing')!.helpUri, 'https://docs.example.com/maillint/checks/subject-missing.md');
});

sarif('locations: files relative to cwd and percent-encoded; domains, IPs and stdin at the anchor file', () => {
  const run = render(results, { anchorFile: 'zones/example.com.zone' }).runs[0]!;
  const byTarget = (index: number): Sarif.Result => run.results![index]!;
  const first = byTarget(0).locations![0]!.physicalLocation!;
  assert.is(first.artifactLocation!.uri, 'templates/welcome%20mail.eml');
  assert.equal(first.region, { startLine: 1, startColumn: 1 });
  assert.is(byTarget(3).locations![0]!.physicalLocation!.artifactLocation!.uri, 'out/reset.eml', 'absolute path made relative');
  const ip = byTarget(4);
  assert.is(ip.locations![0]!.physicalLocation!.artifactLocation!.uri, 'zones/example.com.zone');
  assert.equal(ip.locations![0]!.logicalLocations, [{ name: '203.0.113.7', fullyQualifiedName: '203.0.113.7', kind: 'ip' }]);
  assert.match(ip.message.text!, /^203\.0\.113\.7: /);
  const stdin = byTarget(5);
  assert.is(stdin.locations![0]!.logicalLocations![0]!.kind, 'stdin');
  // Without a file the run read, an IP or stdin finding names no file at all (it used to name
  // maillint.config.json, which need not exist).
  const unanchored = render(results).runs[0]!.results!;
  assert.is(unanchored[4]!.locations![0]!.physicalLocation, undefined, 'no invented anchor for an IP');
  assert.is(unanchored[5]!.locations![0]!.physicalLocation, undefined, 'no invented anchor for stdin');
  assert.equal(unanchored[4]!.locations![0]!.logicalLocations, [{ name: '203.0.113.7', fullyQualifiedName: '203.0.113.7', kind: 'ip' }]);
  assert.is(byTarget(6).locations![0]!.physicalLocation!.artifactLocation!.uri, 'missing.eml');
  assert.is(byTarget(6).locations![0]!.physicalLocation!.region, undefined, 'no line: the whole file');
});

sarif('levels follow severities; fixes ride in the message and properties', () => {
  const run = render(results).runs[0]!;
  assert.equal(run.results!.map((result) => result.level), ['error', 'warning', 'warning', 'note', 'error', 'warning', 'error']);
  const dated = run.results![0]!;
  assert.is(dated.message.text, 'no Date header field\nFix: add "Date: Tue, 24 Nov 2026 10:00:00 +0000"');
  assert.equal(dated.properties, { fix: 'add "Date: Tue, 24 Nov 2026 10:00:00 +0000"' });
});

sarif('fingerprints: stable across runs and line moves, distinct for repeated findings', () => {
  const fingerprints = (log: Sarif.Log): string[] => log.runs[0]!.results!.map((result) => result.partialFingerprints![FINGERPRINT_KEY]!);
  const first = fingerprints(render(results));
  assert.equal(fingerprints(render(results)), first, 'same input, same fingerprints');
  assert.is(new Set(first).size, first.length, 'all distinct (the repeated subject-missing too)');
  const moved = structuredClone(results);
  moved[0]!.findings[0]!.line = 12;
  assert.is(fingerprints(render(moved))[0], first[0], 'a line move keeps the alert');
});

sarif.run();
