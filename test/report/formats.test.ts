// The shapes of the stylish, json, junit and github reports (hostile text: hostile-text.test.ts;
// SARIF: sarif.test.ts).

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatGithub, escapeData, escapeProperty } from '../../src/report/github.js';
import { FORMAT_NAMES, loadFormatter } from '../../src/report/index.js';
import { formatJson, formatJsonLines } from '../../src/report/json.js';
import { formatJunit } from '../../src/report/junit.js';
import { formatStylish } from '../../src/report/stylish.js';
import type { TargetResult } from '../../src/types.js';

const formats = suite('report formats');

const cwd = '/work/project';
const context = { color: false, cwd };
const results: TargetResult[] = [
  {
    target: 'mail/a.eml',
    findings: [
      { check: 'date-missing', severity: 'error', message: 'no Date header field', line: 1, column: 1, fix: 'add "Date: Tue, 24 Nov 2026 10:00:00 +0000"' },
      { check: 'subject-missing', severity: 'warn', message: 'no Subject header field', line: 12, column: 40, data: { internal: true } },
    ],
  },
  { target: 'mail/b.eml', findings: [] },
  { target: '192.0.2.1', findings: [{ check: 'dnsbl-listed', severity: 'info', message: 'listed on bl.example.test' }] },
];

formats('every format name loads a formatter', async () => {
  for (const name of FORMAT_NAMES) assert.type(await loadFormatter(name), 'function', name);
});

formats('json keeps the public shape: target and findings, with each finding\'s data (a blocklist\'s detail lives there)', () => {
  assert.equal(JSON.parse(formatJson(results, context)), [
    {
      target: 'mail/a.eml',
      findings: [
        { check: 'date-missing', severity: 'error', message: 'no Date header field', line: 1, column: 1, fix: 'add "Date: Tue, 24 Nov 2026 10:00:00 +0000"' },
        { check: 'subject-missing', severity: 'warn', message: 'no Subject header field', line: 12, column: 40, data: { internal: true } },
      ],
    },
    { target: 'mail/b.eml', findings: [] },
    { target: '192.0.2.1', findings: [{ check: 'dnsbl-listed', severity: 'info', message: 'listed on bl.example.test' }] },
  ]);
});

formats('jsonl: one JSON object a line, the json items in the same order, so shards merge by concatenation', () => {
  const text = formatJsonLines(results, context);
  assert.ok(text.endsWith('\n'), 'every line ends with a newline');
  const lines = text.slice(0, -1).split('\n');
  assert.is(lines.length, results.length);
  assert.equal(lines.map((line) => JSON.parse(line)), JSON.parse(formatJson(results, context)));
  assert.is(formatJsonLines([], context), '', 'no results: no lines (an empty shard adds nothing)');
  const shards = formatJsonLines(results.slice(0, 1), context) + formatJsonLines(results.slice(1), context);
  assert.is(shards, text);
});

formats('jsonl: a newline, U+2028 or control character in a message never breaks a line', () => {
  const hostile: TargetResult[] = [{ target: 'a\nb.eml', findings: [{ check: 'header-syntax', severity: 'error', message: 'x\ny\u2028z\u2029\r' }] }];
  const text = formatJsonLines(hostile, context);
  assert.is(text.split('\n').length, 2);
  assert.is(JSON.parse(text).findings[0].message, 'x\ny\u2028z\u2029\r');
});

formats('stylish: grouped by target, line:col severity message id, fix below, summary', () => {
  const output = formatStylish(results, context);
  assert.is(
    output,
    [
      'mail/a.eml',
      '  1:1    error  no Date header field  date-missing',
      '                fix: add "Date: Tue, 24 Nov 2026 10:00:00 +0000"',
      '  12:40  warn   no Subject header field  subject-missing',
      '',
      '192.0.2.1',
      '  -      info   listed on bl.example.test  dnsbl-listed',
      '',
      '✖ 3 problems (1 error, 1 warning, 1 info) in 3 targets',
      '',
    ].join('\n'),
  );
  assert.is(formatStylish([{ target: 'a.eml', findings: [] }], context), '✓ 1 target checked, no problems\n');
  assert.not.ok(output.includes('\u001b'), 'no colour unless asked');
  assert.ok(formatStylish(results, { ...context, color: true }).includes('\u001b['), 'colour when asked');
});

formats('json and stylish: fixes as data are kept in JSON with the repaired output; stylish counts what --fix would repair', () => {
  const edits = [{ range: [120, 120] as const, text: 'Date: Tue, 24 Nov 2026 10:00:00 +0000\r\n' }];
  const suggestions = [{ message: 'write user@gmail.com', edits: [{ range: [30, 39] as const, text: 'gmail.com' }] }];
  const fixable: TargetResult[] = [
    { target: 'a.eml', findings: [{ check: 'date-missing', severity: 'error', message: 'no Date', line: 1, column: 1, fix: 'add "Date: …"', edits, suggestions }], output: 'From: a\r\n' },
  ];
  assert.equal(JSON.parse(formatJson(fixable, context)), [
    { target: 'a.eml', findings: [{ check: 'date-missing', severity: 'error', message: 'no Date', line: 1, column: 1, fix: 'add "Date: …"', edits, suggestions }], output: 'From: a\r\n' },
  ]);
  assert.match(formatStylish(fixable, context), /✖ 1 problem \(1 error, 0 warnings, 0 info\) in 1 target; 1 fixable with --fix\n$/);
});

formats('junit: one testsuite per target, one testcase per finding, errors fail, clean targets pass', () => {
  const output = formatJunit(results, context);
  assert.is(XMLValidator.validate(output), true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    htmlEntities: true,
    parseAttributeValue: false,
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  });
  type Case = { name: string; classname: string; file?: string; line?: string; failure?: { message: string; type: string; '#text': string }; 'system-out'?: string };
  const document = parser.parse(output) as { testsuites: { tests: string; failures: string; testsuite: { name: string; tests: string; failures: string; testcase: Case[] }[] } };
  const root = document.testsuites;
  assert.is(root.tests, '4');
  assert.is(root.failures, '1');
  assert.equal(root.testsuite.map((testsuite) => [testsuite.name, testsuite.tests, testsuite.failures]), [
    ['mail/a.eml', '2', '1'],
    ['mail/b.eml', '1', '0'],
    ['192.0.2.1', '1', '0'],
  ]);
  const [dateCase, subjectCase] = root.testsuite[0]!.testcase;
  assert.is(dateCase!.name, 'date-missing (1:1)');
  assert.is(dateCase!.classname, 'mail/a.eml');
  assert.is(dateCase!.line, '1');
  assert.is(dateCase!.failure!.type, 'date-missing');
  assert.is(dateCase!.failure!.message, 'no Date header field (fix: add "Date: Tue, 24 Nov 2026 10:00:00 +0000")');
  assert.match(dateCase!.failure!['#text'], /fix: add "Date: Tue, 24 Nov 2026 10:00:00 \+0000"/);
  assert.is(subjectCase!.failure, undefined, 'a warning does not fail the testcase');
  assert.match(subjectCase!['system-out']!, /^warn: no Subject header field/);
  assert.is(dateCase!.file, 'mail/a.eml');
  assert.is(root.testsuite[1]!.testcase[0]!.name, 'maillint', 'a clean target is one passing testcase');
  assert.is(root.testsuite[2]!.testcase[0]!.file, undefined, 'an IP is not a file');
  assert.is(XMLValidator.validate(formatJunit([], context)), true, 'no targets: still a document');
});

formats('github: error/warning/notice commands, file/line/col for files only, summary line', () => {
  const lines = formatGithub(results, context).trimEnd().split('\n');
  assert.equal(lines, [
    '::error file=mail/a.eml,line=1,col=1,title=maillint date-missing::no Date header field%0AFix: add "Date: Tue, 24 Nov 2026 10:00:00 +0000"',
    '::warning file=mail/a.eml,line=12,col=40,title=maillint subject-missing::no Subject header field',
    '::notice title=maillint dnsbl-listed::192.0.2.1: listed on bl.example.test',
    '✖ 3 problems (1 error, 1 warning, 1 info) in 3 targets',
  ]);
  const absolute = formatGithub([{ target: '/work/project/mail/c.eml', findings: [results[0]!.findings[1]!] }], context);
  assert.match(absolute, /^::warning file=mail\/c\.eml,/, 'paths relative to the workspace');
});

formats('github escaping follows the runner: data %, CR, LF; properties also : and ,', () => {
  assert.is(escapeData('50% a\r\nb'), '50%25 a\\x0d%0Ab', 'CR is made visible first, so no raw CR reaches the log');
  assert.is(escapeData('a\nb%'), 'a%0Ab%25');
  assert.is(escapeProperty('dir,x:y/a%.eml'), 'dir%2Cx%3Ay/a%25.eml');
});

formats.run();
