// A finding whose message, fix and target carry everything that breaks reports — %, CR, LF, `::`,
// quotes, <, &, ]]>, ANSI CSI and OSC-8 hyperlink escapes, a C1 CSI, a bidi override, a lone
// surrogate — must come out of every formatter intact (recoverable from the output) and harmless
// (no raw ESC where a terminal or log viewer reads it, valid JSON and XML, no injected command).

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { escapeControlCharacters, escapeForLine, escapeLoneSurrogates } from '../../src/report/escape.js';
import { formatGithub } from '../../src/report/github.js';
import { formatJson } from '../../src/report/json.js';
import { formatJunit } from '../../src/report/junit.js';
import { formatSarif } from '../../src/report/sarif.js';
import { formatStylish } from '../../src/report/stylish.js';
import type { TargetResult } from '../../src/types.js';

const hostile = suite('hostile text in every formatter');

const ESC = '\u001b';
const HOSTILE =
  `100% sure :: "double" 'single' <b>bold</b> & co ]]> end\r\n` +
  `::error file=x.eml::injected\n` +
  `${ESC}[31mred${ESC}[0m ${ESC}]8;;https://example.com/\u0007link${ESC}]8;;\u0007 ` +
  `\u009b2J c1 \u202ebidi\u202c lone\ud800 tab\there`;
const HOSTILE_FIX = `add "Subject: <x> & ]]> 50%"${ESC}[2K\r\n::warning::fix-injected`;
const HOSTILE_TARGET = `mail/odd,name:${ESC}[1m%.eml`;

const results: TargetResult[] = [
  {
    target: HOSTILE_TARGET,
    findings: [
      { check: 'subject-missing', severity: 'error', message: HOSTILE, line: 3, column: 7, fix: HOSTILE_FIX },
      { check: 'subject-missing', severity: 'warn', message: HOSTILE, line: 9 },
    ],
  },
  { target: '203.0.113.7', findings: [{ check: 'dnsbl-listed', severity: 'info', message: HOSTILE }] },
];
const context = { color: false, cwd: '/work/project' };

/** Raw bytes a terminal or log viewer acts on. */
const RAW_TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** Characters XML 1.0 does not allow at all, even as references. */
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The documented visible form of text in line-oriented outputs that keep newlines (JUnit, GitHub). */
const visible = (text: string): string => escapeControlCharacters(escapeLoneSurrogates(text));

hostile('json: the exact strings come back, and no raw control byte is written', () => {
  const output = formatJson(results, context);
  assert.not.match(output, RAW_TERMINAL_CONTROL);
  const parsed = JSON.parse(output) as TargetResult[];
  assert.is(parsed[0]!.target, HOSTILE_TARGET);
  assert.is(parsed[0]!.findings[0]!.message, HOSTILE);
  assert.is(parsed[0]!.findings[0]!.fix, HOSTILE_FIX);
  assert.is(parsed[1]!.findings[0]!.message, HOSTILE);
});

hostile('sarif: the exact strings come back inside message and properties', () => {
  const output = formatSarif(results, context);
  assert.not.match(output, RAW_TERMINAL_CONTROL);
  const log = JSON.parse(output) as { runs: { results: { message: { text: string }; properties?: { fix: string } }[] }[] };
  const [first, second, third] = log.runs[0]!.results;
  assert.is(first!.message.text, `${HOSTILE}\nFix: ${HOSTILE_FIX}`);
  assert.is(first!.properties!.fix, HOSTILE_FIX);
  assert.is(second!.message.text, HOSTILE);
  assert.is(third!.message.text, `203.0.113.7: ${HOSTILE}`);
});

hostile('junit: well-formed XML 1.0, and the visible text of message and fix comes back', () => {
  const output = formatJunit(results, context);
  assert.is(XMLValidator.validate(output), true);
  assert.not.match(output, XML_FORBIDDEN);
  assert.not.match(output, RAW_TERMINAL_CONTROL);
  assert.not.ok(output.includes(`]]>`), 'no raw "]]>" (not even outside CDATA)');
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', htmlEntities: true, parseTagValue: false, parseAttributeValue: false, trimValues: false, isArray: (name) => name === 'testsuite' || name === 'testcase' });
  const document = parser.parse(output) as {
    testsuites: { testsuite: { '@_name': string; testcase: { failure?: { '@_message': string; '#text': string }; 'system-out'?: string }[] }[] };
  };
  const [fileSuite, ipSuite] = document.testsuites.testsuite;
  assert.is(fileSuite!['@_name'], visible(HOSTILE_TARGET));
  const failure = fileSuite!.testcase[0]!.failure!;
  assert.is(failure['@_message'], visible(`${HOSTILE} (fix: ${HOSTILE_FIX})`));
  assert.ok(failure['#text'].includes(visible(HOSTILE)), 'failure details carry the message');
  assert.ok(failure['#text'].includes(`fix: ${visible(HOSTILE_FIX)}`), 'failure details carry the fix');
  assert.ok(fileSuite!.testcase[1]!['system-out']!.includes(visible(HOSTILE)));
  assert.ok(ipSuite!.testcase[0]!['system-out']!.includes(visible(HOSTILE)));
});

function decodeData(text: string): string {
  return text.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
}
function decodeProperty(text: string): string {
  return decodeData(text.replace(/%3A/g, ':').replace(/%2C/g, ','));
}

hostile('github: one command line per finding, nothing injected, escaped text decodes back', () => {
  const output = formatGithub(results, context);
  assert.not.match(output, RAW_TERMINAL_CONTROL);
  const lines = output.trimEnd().split('\n');
  assert.is(lines.length, 4, 'three findings and a summary');
  assert.ok(lines.slice(0, 3).every((line) => /^::(error|warning|notice) /.test(line)));
  assert.not.ok(lines.some((line) => line.startsWith('::error file=x.eml') || line.startsWith('::warning::')));
  const first = /^::error (?<properties>[^:]*)::(?<data>.*)$/.exec(lines[0]!);
  assert.ok(first, lines[0]);
  const properties = Object.fromEntries(first.groups!.properties!.split(',').map((pair) => pair.split('=') as [string, string]));
  assert.is(decodeProperty(properties.file!), visible(HOSTILE_TARGET));
  assert.is(properties.line, '3');
  assert.is(properties.col, '7');
  assert.is(decodeProperty(properties.title!), 'maillint subject-missing');
  assert.is(decodeData(first.groups!.data!), visible(`${HOSTILE}\nFix: ${HOSTILE_FIX}`));
  const third = /^::notice title=[^:]*::(?<data>.*)$/.exec(lines[2]!);
  assert.ok(third, 'an IP finding has no file= property');
  assert.is(decodeData(third.groups!.data!), visible(`203.0.113.7: ${HOSTILE}`));
});

hostile('stylish: every finding on its own line, control characters escaped, with and without colour', () => {
  for (const color of [false, true]) {
    const output = formatStylish(results, { ...context, color });
    const withoutOwnStyles = output.replace(/\u001b\[\d+m/g, '');
    assert.not.match(withoutOwnStyles, RAW_TERMINAL_CONTROL, `color=${color}`);
    assert.ok(withoutOwnStyles.includes(escapeForLine(escapeLoneSurrogates(HOSTILE))), 'message shown, escaped');
    assert.ok(withoutOwnStyles.includes(`fix: ${escapeForLine(HOSTILE_FIX)}`), 'fix shown, escaped');
    assert.ok(withoutOwnStyles.includes(escapeForLine(HOSTILE_TARGET)), 'target shown, escaped');
    assert.is(output.includes('\u001b]8'), false, 'no hyperlink escape');
    if (!color) assert.not.ok(output.includes(ESC), 'no ESC at all without colour');
  }
});

// GitHub's runner acts on a log line that starts (after leading white space) with `::command::`,
// and on a legacy `##[command]` anywhere in a line (actions/runner ActionCommand.TryParse), among
// them `##[stop-commands]`, which silences every later annotation. Whatever format is printed to
// the log, text from file names and messages must not form either (issue 10, item 9).
const INJECTING_TARGETS = ['::error file=x::pwned.eml', ' \u00a0::warning::spaced.eml', 'mail/##[error]named.eml'];
const INJECTING_MESSAGE = 'Subject says ##[stop-commands]token and ##[error]boom;\n  ::error::second-line\n::notice::third';
const injecting: TargetResult[] = INJECTING_TARGETS.map((target) => ({
  target,
  kind: 'file' as const,
  findings: [{ check: 'subject-missing', severity: 'error' as const, message: INJECTING_MESSAGE, line: 2, column: 1, fix: `${INJECTING_MESSAGE}\n::warning::fix` }],
}));

/** Lines GitHub's runner would run as a command (the github format's own command lines aside). */
function runnerCommands(output: string, ownCommands = false): string[] {
  return output.split('\n').filter((line) => {
    if (line.includes('##[')) return true;
    if (!/^\s*::/.test(line)) return false;
    return !(ownCommands && /^::(error|warning|notice) file=[^:]*,line=2,col=1,title=maillint subject-missing::/.test(line));
  });
}

hostile('no format prints a line the Actions runner would run, from file names or finding text', () => {
  for (const [name, format] of [['stylish', formatStylish], ['json', formatJson], ['sarif', formatSarif], ['junit', formatJunit]] as const) {
    const output = format(injecting, context);
    assert.equal(runnerCommands(output), [], `${name}:\n${output}`);
  }
  const github = formatGithub(injecting, context);
  assert.equal(runnerCommands(github, true), [], github);
  assert.is(github.trimEnd().split('\n').length, INJECTING_TARGETS.length + 1, 'one command per finding and the summary');
});

hostile('after defusing, json and sarif still give back the exact file names and text; stylish names the same file', () => {
  const parsed = JSON.parse(formatJson(injecting, context)) as TargetResult[];
  assert.equal(parsed.map((result) => result.target), INJECTING_TARGETS);
  assert.is(parsed[2]!.findings[0]!.message, INJECTING_MESSAGE);
  const log = JSON.parse(formatSarif(injecting, context)) as { runs: { results: { message: { text: string } }[] }[] };
  assert.is(log.runs[0]!.results[0]!.message.text, `${INJECTING_MESSAGE}\nFix: ${INJECTING_MESSAGE}\n::warning::fix`);
  const stylish = formatStylish(injecting, context);
  assert.ok(stylish.split('\n').includes('./::error file=x::pwned.eml'), stylish);
});

hostile('junit: a newline in text before :: is a character reference, so the XML gives back the text', () => {
  const output = formatJunit(injecting, context);
  assert.is(XMLValidator.validate(output), true);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', htmlEntities: true, parseTagValue: false, trimValues: false, isArray: (name) => name === 'testsuite' || name === 'testcase' });
  const document = parser.parse(output) as { testsuites: { testsuite: { testcase: { failure: { '#text': string } }[] }[] } };
  const text = document.testsuites.testsuite[0]!.testcase[0]!.failure['#text'];
  assert.ok(text.includes(INJECTING_MESSAGE), text);
});

hostile.run();
