import { defineCheck } from '../src/define-check.js';
import { describeControl } from '../src/message/address-structure.js';
import { fileLine } from '../src/message/fields.js';
import type { HeaderProblem, ParsedMessage } from '../src/message/types.js';
import type { Finding } from '../src/types.js';

/** What a receiver does with a header it cannot parse, for the "why" half of each message. */
const REJECTED = 'strict receivers reject the message as malformed, others read the rest as body';

function quoted(text: string): string {
  return JSON.stringify(text);
}

/** The name as written before the colon (or the first word when there is no colon). */
function writtenName(problem: HeaderProblem): string {
  const colon = problem.excerpt.indexOf(':');
  return (colon === -1 ? problem.excerpt : problem.excerpt.slice(0, colon)).trim();
}

/**
 * The control character at the problem, as a Unicode code point like every other check names it:
 * C0 controls and DEL are characters in every charset mail uses. (An octet that is no character,
 * such as one of invalid UTF-8, would be written 0xFF; no message names one today.)
 */
function describeControlAt(problem: HeaderProblem): string {
  const character = problem.excerpt[problem.column - 1];
  if (character === undefined) return 'a control character';
  return character === '\0' ? 'NUL (U+0000)' : describeControl(character);
}

function findingFor(message: ParsedMessage, problem: HeaderProblem): Finding {
  const at = { line: problem.line, column: problem.column };
  const line = fileLine(message, problem.line);
  switch (problem.kind) {
    case 'no-colon':
      return {
        ...at,
        message: `line ${line} in the header section is not a field (no colon): ${quoted(problem.excerpt)}; receivers end the header there and read the fields after it as body`,
        fix: 'delete the line, add the missing "Name:" in front of it, or join it to the field above by starting it with a space',
      };
    case 'bad-field-name':
      return {
        ...at,
        message: `field name ${quoted(writtenName(problem))} is not valid: a name is printable US-ASCII without spaces or colon (RFC 5322 3.6.8); ${REJECTED}`,
        fix: 'rename the field with letters, digits and hyphens only, e.g. "X-Mailer"',
      };
    case 'empty-field-name':
      return {
        ...at,
        message: `line ${line} starts with a colon: the field has no name; ${REJECTED}`,
        fix: 'put the field name before the colon, or delete the line',
      };
    case 'space-before-colon': {
      const name = problem.excerpt.slice(0, problem.column - 1);
      return {
        ...at,
        severity: 'warn',
        message: `white space between ${quoted(name)} and its colon is obsolete syntax (RFC 5322 4.5): strict parsers do not recognise the field`,
        fix: `write "${name}:" with no space before the colon`,
      };
    }
    case 'leading-continuation':
      return {
        ...at,
        message: `line ${line} starts with white space but no field comes before it, so it continues nothing; ${REJECTED}`,
        fix: 'remove the white space at the start of the line',
      };
    case 'control-character':
      return {
        ...at,
        message: `${describeControlAt(problem)} in the header at column ${problem.column}: header fields may hold no control characters but tab (RFC 5322 2.2, 3.2); receivers reject the message or cut the field there`,
        fix: 'delete the control character (often a template variable rendered from binary data)',
      };
    case 'missing-blank-line':
      return {
        ...at,
        message: `no empty line between the header and the body: line ${line} (${quoted(problem.excerpt)}) is not a header field, so receivers take it as a broken header or start the body there (RFC 5322 2.1)`,
        fix: `insert an empty line before line ${line}`,
      };
    case 'whitespace-only-line':
      return {
        ...at,
        severity: 'warn',
        message: `line ${line} holds only white space inside the header section: obsolete folding (RFC 5322 4.2) that some readers take as the end of the header, showing the rest as body`,
        fix: `delete line ${line}, or make it truly empty if the header is meant to end there`,
      };
    case 'mbox-separator':
      return {
        ...at,
        message: `line 1 is an mbox "From " separator (${quoted(problem.excerpt)}), not a header field: it is not part of the message and receivers reject it as an invalid header`,
        fix: 'delete line 1',
      };
    case 'byte-order-mark':
      return {
        ...at,
        message: 'the file starts with a UTF-8 byte-order mark (EF BB BF): receivers read it as part of the first field name, so that field is not recognised',
        fix: 'save the file as UTF-8 without a byte-order mark',
      };
  }
}

/** Facts about the whole message that make it have no header section at all. */
function missingHeaderFinding(message: ParsedMessage): Finding | undefined {
  if (message.size === 0) {
    return {
      message: 'the message is empty: it has no header section (RFC 5322 requires at least Date and From)',
      line: 1,
      column: 1,
      fix: 'render the message before linting it; an empty file usually means the template or the export failed',
    };
  }
  if (message.fields.length > 0) return undefined;
  if (message.header.endedByBlankLine && message.header.lineCount === 1) {
    return {
      message: 'the message starts with an empty line, so it has no header fields: everything in it is body',
      line: 1,
      column: 1,
      fix: 'remove the empty line(s) at the start of the message',
    };
  }
  return undefined;
}

export default defineCheck({
  id: 'header-syntax',
  title: 'Header section is not valid RFC 5322 syntax',
  target: 'message',
  defaultSeverity: 'error',
  prevents: '554 Transaction failed, reject due to policy restrictions (IONOS: headers not syntactically correct, RFC 5322); fields lost when receivers end the header early',
  references: ['RFC 5322 2.1', 'RFC 5322 2.2', 'RFC 5322 3.6.8', 'RFC 5322 4.2', 'RFC 5322 4.5'],
  needs: [],
  run({ message }) {
    const findings: Finding[] = [];
    const whole = missingHeaderFinding(message);
    if (whole) findings.push(whole);
    for (const problem of message.headerProblems) {
      // With no fields at all, "missing empty line at line 1" only repeats that there is no header.
      if (problem.kind === 'missing-blank-line' && problem.line === 1 && message.fields.length === 0) {
        findings.push({
          message: `the input has no header section: line ${fileLine(message, 1)} (${quoted(problem.excerpt)}) is not a header field, so this is not an RFC 5322 message`,
          line: 1,
          column: 1,
          fix: 'start the message with its header fields (From, To, Date, Subject, Message-ID), then an empty line, then the body',
        });
        continue;
      }
      findings.push(findingFor(message, problem));
    }
    return findings;
  },
});
