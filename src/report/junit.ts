// JUnit XML for CI dashboards (GitLab's test report, Jenkins' junit step).
//
// Granularity: one <testsuite> per target (file, domain, IP) and one <testcase> per finding, plus a
// single passing "maillint" testcase for a target with no findings. Per finding rather than per
// check because dashboards list failed testcases one by one with their message: a check that fires
// on two lines shows as two entries, each with its line and fix, and a target's clean run still
// counts as a passed test. (Results carry findings, not the list of checks that ran, so "one
// testcase per check run" could not list the passes truthfully anyway.)
//
// Verdicts follow the exit code: an error is a <failure>; a warning or info is a passing testcase
// whose <system-out> says what was found, so a dashboard never shows red for a run that exit 0
// lets through.
//
// Escaping: XML 1.0 cannot carry most control characters even as character references, so they are
// first made visible (\x1b, \x0d); then &, <, >, " and ' become entities (which also defuses "]]>"),
// and in attributes tab and newline become &#9; / &#10; so parsers keep them.

import { escapeControlCharacters, escapeLoneSurrogates } from './escape.js';
import { filePathOf } from './locate.js';
import { countFindings } from './summary.js';
import type { ReportedFinding } from '../types.js';
import type { Formatter } from './types.js';

/** Characters XML 1.0 forbids outright (beyond the controls escapeControlCharacters handles). */
const XML_FORBIDDEN = /[\ufffe\uffff]/g;

function visible(text: string): string {
  return escapeControlCharacters(escapeLoneSurrogates(text)).replace(XML_FORBIDDEN, (character) => `\\u${character.charCodeAt(0).toString(16)}`);
}

/**
 * GitHub's runner runs a log line starting with `::` (after white space) and a `##[` anywhere: a
 * newline of input text before `::`, and that bracket, become character references (read back as
 * they were), so a report printed to a CI log runs nothing.
 */
function xmlText(text: string): string {
  return visible(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\n(?=\s*::)/g, '&#10;')
    .replace(/##\[/g, '##&#91;');
}

function xmlAttribute(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function position(finding: ReportedFinding): string {
  return finding.line !== undefined ? `${finding.line}:${finding.column ?? 1}` : '';
}

function details(target: string, finding: ReportedFinding): string {
  const where = position(finding);
  const lines = [
    `${finding.severity}: ${finding.message}`,
    `check: ${finding.check}`,
    `target: ${target}${where ? `:${where}` : ''}`,
  ];
  if (finding.fix) lines.push(`fix: ${finding.fix}`);
  return lines.join('\n');
}

export const formatJunit: Formatter = (results, context) => {
  const totals = countFindings(results);
  let tests = 0;
  const suites: string[] = [];
  for (const result of results) {
    const name = xmlAttribute(result.target);
    const cases: string[] = [];
    let failures = 0;
    for (const finding of result.findings) {
      const where = position(finding);
      const caseName = xmlAttribute(where ? `${finding.check} (${where})` : finding.check);
      // file= and line= (read by GitLab and Jenkins) only where there is a file: not for a domain or IP.
      const file = filePathOf(result, finding, context.cwd);
      const fileAttributes = file === undefined ? '' : ` file="${xmlAttribute(file)}"${finding.line !== undefined ? ` line="${finding.line}"` : ''}`;
      const opening = `    <testcase classname="${name}" name="${caseName}"${fileAttributes} time="0">`;
      if (finding.severity === 'error') {
        failures += 1;
        const message = finding.fix ? `${finding.message} (fix: ${finding.fix})` : finding.message;
        cases.push(
          `${opening}\n      <failure message="${xmlAttribute(message)}" type="${xmlAttribute(finding.check)}">${xmlText(details(result.target, finding))}</failure>\n    </testcase>`,
        );
      } else {
        cases.push(`${opening}\n      <system-out>${xmlText(details(result.target, finding))}</system-out>\n    </testcase>`);
      }
    }
    if (cases.length === 0) cases.push(`    <testcase classname="${name}" name="maillint" time="0"/>`);
    tests += cases.length;
    suites.push(
      `  <testsuite name="${name}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  const header = `<testsuites name="maillint" tests="${tests}" failures="${totals.errors}" errors="0" time="0">`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${header}\n${suites.join('\n')}${suites.length ? '\n' : ''}</testsuites>\n`;
};
