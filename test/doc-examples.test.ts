// Every check's doc page shows what the check does: its `## Example` raises the check, its
// `## Use instead` does not. The first fenced code block of each of the two sections is run.
//
// Message checks: the block is a message (or part of one), linted with lintMessage. Its layout
// line breaks become CRLF, as a sent message has them, except in blocks that spell their line
// endings with control pictures (␍ for CR, ␊ for LF, as line-ending.md does): there the pictures
// are the bytes and the layout line breaks are dropped. A block with the info string `eml-lf`
// keeps its bare LFs.
//
// Domain checks: a block is either zone-file records or a message naming the domain. Either is
// read on top of BASE_ZONE (example.com with its name server and a working mail host, the
// surroundings the pages take for granted) through the zone-file resolver. Zone records are
// audited for the owner of the snippet's first record; a message through lintMessage, which audits
// the domains it names.
//
// A Use instead that is a whole message (it has From and Date fields) must raise nothing at all:
// the page teaches it as the right way. The Options section must give each option's real type and
// default (test/registry.test.ts checks the names).
//
// Checks whose examples cannot run here (blocklists, failing servers, abbreviated input) are
// listed in NOT_RUNNABLE with the reason, and printed as skipped.

import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { allChecks } from '../checks/index.js';
import { ZoneSetResolver } from '../src/dns/zone-file-resolver.js';
import { parseZoneFile } from '../src/dns/zone-file.js';
import { auditDomains } from '../src/engine/api.js';
import { checkDocPath } from '../src/engine/docs.js';
import { lintMessage } from '../src/engine/api.js';
import type { Check, ReportedFinding } from '../src/types.js';
import { FIXTURE_NOW } from './helpers/fixtures.js';
import { skipBecause } from './helpers/skip.js';

const docExamples = suite('doc page examples');

const NOT_RUNNABLE: Readonly<Record<string, string>> = {
  'body-nul': 'its example writes the NUL octet as "\\0", since a page cannot hold one (test/fixtures/body-nul has the real octet)',
  'dnsbl-listed': 'its example is a maillint ip run against a live blocklist (zen.spamhaus.org), which tests never query',
  'dnsbl-dynamic-ip': 'its example is a maillint ip run against a live blocklist (zen.spamhaus.org), which tests never query',
  'dnsbl-unusable': 'its example is a maillint ip run through a public resolver and a live blocklist, which tests never query',
  'dns-lookup-failed': 'its example is a name server answering SERVFAIL, which a zone file cannot express (test/fixtures/dns-lookup-failed covers it on the dns2 test server)',
  'dmarc-would-fail': 'its example needs DNS and a sending IP (test/fixtures/dmarc-would-fail runs it through the zone file and the dns2 test server)',
  'dmarc-report-unauthorized': 'its example needs a second organization\'s zone (reports.example.net) beside example.com (test/fixtures/dmarc-report-unauthorized covers it)',
  'spf-not-authorized': 'its example needs DNS and a sending IP (test/fixtures/spf-not-authorized runs it through the zone file and the dns2 test server)',
  'header-size': 'its example abbreviates a 40,000-octet field with "…" (test/fixtures/header-size has the real bytes)',
  'line-too-long': 'its example abbreviates a 40,000-character line with "…" (test/fixtures/line-too-long has the real bytes)',
};

/** What every domain example is read on top of: example.com exists, with a mail host that works. */
const BASE_ZONE = `$ORIGIN example.com.
$TTL 300
@     SOA  ns1 hostmaster 1 7200 3600 1209600 300
@     NS   ns1
ns1   A    192.0.2.53
@     MX   10 mail
mail  A    192.0.2.25
`;

interface CodeBlock {
  info: string;
  text: string;
}

/** The first fenced code block of `## <section>`, or undefined when the section has none. */
function firstCodeBlock(doc: string, section: string): CodeBlock | undefined {
  const start = doc.indexOf(`\n## ${section}\n`);
  if (start < 0) return undefined;
  const end = doc.indexOf('\n## ', start + 1);
  const body = doc.slice(start, end < 0 ? undefined : end);
  const match = /^```([^\n`]*)\n([\s\S]*?)^```$/m.exec(body);
  if (match === null) return undefined;
  return { info: match[1]!.trim(), text: match[2]! };
}

const CONTROL_PICTURES = /[␍␊]/;

/** The bytes of a message block, as it would be sent. */
function messageBytes(block: CodeBlock): string {
  if (CONTROL_PICTURES.test(block.text)) return block.text.replaceAll('\n', '').replaceAll('␍', '\r').replaceAll('␊', '\n');
  if (block.info === 'eml-lf') return block.text;
  return block.text.replaceAll('\n', '\r\n');
}

/** A block is a message when its first line is a header field, else zone records. */
function isMessage(block: CodeBlock): boolean {
  return /^[A-Za-z][A-Za-z0-9-]*:[ \t]/.test(block.text);
}

function resolverFor(zoneSnippet: string): ZoneSetResolver {
  const zone = parseZoneFile(`${BASE_ZONE}${zoneSnippet}`, { fileName: 'doc example' });
  const unique = new Map(zone.records.map((record) => [JSON.stringify(record), record]));
  return new ZoneSetResolver([{ ...zone, records: [...unique.values()], source: 'doc example' }]);
}

async function domainFindings(block: CodeBlock): Promise<ReportedFinding[]> {
  if (isMessage(block)) {
    const result = await lintMessage(messageBytes(block), { now: FIXTURE_NOW, resolver: resolverFor('') });
    return result.findings;
  }
  const owner = parseZoneFile(block.text, { fileName: 'doc example', origin: 'example.com' }).records[0]?.name;
  if (owner === undefined) throw new Error(`the zone snippet has no records:\n${block.text}`);
  // A `_dmarc.<domain>` record is the policy of <domain>, and `<selector>._domainkey.<domain>` a key
  // of <domain>: that is the domain audited (with that selector, as --dkim-selector gives it).
  const key = /^(.+)\._domainkey\.(.+)$/.exec(owner);
  const domain = key ? key[2]! : owner.replace(/^_dmarc\./, '');
  const dkimSelectors = key ? [key[1]!] : [];
  return ((await auditDomains([domain], { resolver: resolverFor(block.text), now: FIXTURE_NOW, dkimSelectors }))[0]!).findings;
}

async function findingsOf(check: Check, block: CodeBlock): Promise<ReportedFinding[]> {
  if (check.target === 'domain') return domainFindings(block);
  return (await lintMessage(messageBytes(block), { now: FIXTURE_NOW })).findings;
}

/** A Use instead block that is a whole message: it is held to raising nothing at all. */
function isWholeMessage(check: Check, block: CodeBlock): boolean {
  return check.target === 'message' && /^From:/im.test(block.text) && /^Date:/im.test(block.text);
}

/** `- \`name\` (type, default value): …` lines of the Options section. */
function documentedOptions(doc: string): Map<string, { type: string; defaultText: string }> {
  const start = doc.indexOf('\n## Options\n');
  const section = doc.slice(start, doc.indexOf('\n## ', start + 1));
  const options = new Map<string, { type: string; defaultText: string }>();
  for (const match of section.matchAll(/^- `([A-Za-z][A-Za-z0-9]*)` \(([^,]+), default ([^)]*)\):/gm)) {
    options.set(match[1]!, { type: match[2]!.trim(), defaultText: match[3]!.trim() });
  }
  return options;
}

function shown(block: CodeBlock, findings: readonly ReportedFinding[]): string {
  const listed = findings.map((finding) => `  ${finding.check} ${finding.severity} ${finding.line ?? '-'}: ${finding.message}`);
  return `\n${block.text}findings:\n${listed.join('\n') || '  (none)'}`;
}

for (const check of allChecks) {
  const optionsDoc = (() => {
    try {
      return readFileSync(checkDocPath(check.id), 'utf8');
    } catch {
      return undefined;
    }
  })();
  if (optionsDoc !== undefined && check.options !== undefined) {
    const options = check.options;
    docExamples(`${check.id}: Options give the real types and defaults`, () => {
      const documented = documentedOptions(optionsDoc);
      for (const [name, spec] of Object.entries(options)) {
        const entry = documented.get(name);
        assert.ok(entry, `checks/${check.id}.md: option ${name} is not documented as "- \`${name}\` (type, default X): …"`);
        assert.is(entry.type, spec.type, `checks/${check.id}.md: type of ${name}`);
        assert.is(entry.defaultText, Array.isArray(spec.default) ? JSON.stringify(spec.default) : String(spec.default), `checks/${check.id}.md: default of ${name}`);
      }
    });
  }

  const reason = NOT_RUNNABLE[check.id];
  if (reason !== undefined || check.target === 'ip' || check.target === 'smtp') {
    const why =
      check.target === 'smtp'
        ? 'smtp checks need a mail server (test/smtp and test/fixtures/smtp-* cover them)'
        : `its example is a maillint ip run, which needs reverse DNS or blocklist zones beside it (test/fixtures/${check.id} covers it)`;
    skipBecause(docExamples, `${check.id}: examples`, reason ?? why);
    continue;
  }
  let doc: string;
  try {
    doc = readFileSync(checkDocPath(check.id), 'utf8');
  } catch {
    continue; // a page still being written; test/registry.test.ts reports a missing one
  }

  docExamples(`${check.id}: Example raises it`, async () => {
    const block = firstCodeBlock(doc, 'Example');
    assert.ok(block, `checks/${check.id}.md: no code block under "## Example"`);
    const findings = await findingsOf(check, block);
    assert.ok(
      findings.some((finding) => finding.check === check.id),
      `checks/${check.id}.md: the Example does not raise ${check.id}:${shown(block, findings)}`,
    );
  });

  docExamples(`${check.id}: Use instead does not raise it`, async () => {
    const block = firstCodeBlock(doc, 'Use instead');
    assert.ok(block, `checks/${check.id}.md: no code block under "## Use instead"`);
    const findings = await findingsOf(check, block);
    assert.not.ok(
      findings.some((finding) => finding.check === check.id),
      `checks/${check.id}.md: Use instead raises ${check.id}:${shown(block, findings)}`,
    );
    if (isWholeMessage(check, block)) {
      assert.equal(findings, [], `checks/${check.id}.md: Use instead is a whole message but is not clean:${shown(block, findings)}`);
    }
  });
}

docExamples.run();
