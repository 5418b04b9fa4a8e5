import { defineCheck } from '../src/define-check.js';
import { formatCount } from '../src/message/fields.js';
import type { Finding } from '../src/types.js';

// Limits (checks/header-size.md cites them):
// - 262,144 octets of header: Exchange receive connectors' MaxHeaderSize default (256 KB),
//   "552 5.3.4 Header size exceeds fixed maximum size".
// - 32,768 octets of header: sendmail's MaxHeadersLength default, "552 5.0.0 Headers too large (32768 max)";
//   a warning, since fewer receivers run it.
// - 32,768 octets in one field: a single field that size already trips sendmail; Postfix cuts a
//   field past header_size_limit (102,400) without telling anyone.
// - 5,000 fields: no receiver documents a count; far past what any real message carries, it
//   catches template loops that repeat a field.

const DEFAULTS = { maxHeaderBytes: 262_144, warnHeaderBytes: 32_768, maxFieldBytes: 32_768, maxFields: 5_000 } as const;

export default defineCheck({
  id: 'header-size',
  title: 'Header section or a header field over receiver limits',
  target: 'message',
  defaultSeverity: 'error',
  prevents: '552 5.3.4 Header size exceeds fixed maximum size (Exchange, 256 KB); 552 5.0.0 Headers too large (32768 max) (sendmail); header fields silently cut (Postfix header_size_limit)',
  references: ['RFC 5322 2.1.1', 'RFC 5321 4.5.3.1.7'],
  needs: [],
  options: {
    maxHeaderBytes: { type: 'number', default: DEFAULTS.maxHeaderBytes, minimum: 1, description: 'Octets the header section may hold (error above it; Exchange MaxHeaderSize default).' },
    warnHeaderBytes: { type: 'number', default: DEFAULTS.warnHeaderBytes, minimum: 1, description: 'Octets above which the header section is a warning (sendmail MaxHeadersLength default).' },
    maxFieldBytes: { type: 'number', default: DEFAULTS.maxFieldBytes, minimum: 1, description: 'Octets one header field may hold, folded lines included.' },
    maxFields: { type: 'number', default: DEFAULTS.maxFields, minimum: 1, description: 'Number of header fields the header section may hold.' },
  },
  run({ message, options }) {
    const { maxHeaderBytes, warnHeaderBytes, maxFieldBytes, maxFields } = options;
    const { header } = message;
    const findings: Finding[] = [];

    if (header.truncated) {
      findings.push({
        message: `the header section is ${formatCount(header.byteLength)} octets${header.endedByBlankLine ? '' : ' or more (no empty line ends it)'}: maillint read the first ${formatCount(header.limitBytes)} and did not check the fields after that; no receiver accepts a header this size`,
        line: 1,
        column: 1,
        fix: 'find what fills the header (a repeated field, a huge References or a rendered list) and remove it',
        data: { headerBytes: header.byteLength, parsedBytes: header.limitBytes },
      });
    } else if (header.byteLength > maxHeaderBytes) {
      findings.push({
        message: `the header section is ${formatCount(header.byteLength)} octets, over ${formatCount(maxHeaderBytes)}: receivers reject it ("552 5.3.4 Header size exceeds fixed maximum size")`,
        line: 1,
        column: 1,
        fix: 'shrink the header: drop repeated or oversized fields, move data into the body',
        data: { headerBytes: header.byteLength, limit: maxHeaderBytes },
      });
    } else if (header.byteLength > warnHeaderBytes) {
      findings.push({
        severity: 'warn',
        message: `the header section is ${formatCount(header.byteLength)} octets, over ${formatCount(warnHeaderBytes)}: sendmail's default limit rejects it ("552 5.0.0 Headers too large (32768 max)")`,
        line: 1,
        column: 1,
        fix: 'shrink the header: drop repeated or oversized fields, move data into the body',
        data: { headerBytes: header.byteLength, limit: warnHeaderBytes },
      });
    }

    if (message.fields.length > maxFields) {
      const first = message.fields[maxFields]!;
      findings.push({
        message: `${formatCount(message.fields.length)}${header.truncated ? ' or more' : ''} header fields, over ${formatCount(maxFields)}: receivers refuse headers this large, and it usually means a template repeats a field in a loop`,
        line: first.line,
        column: 1,
        fix: 'remove the repeated fields',
        data: { fields: message.fields.length, limit: maxFields },
      });
    }

    for (const field of message.fields) {
      if (field.byteLength <= maxFieldBytes) continue;
      findings.push({
        message: `${field.name} is ${formatCount(field.byteLength)} octets, over ${formatCount(maxFieldBytes)} for one field: Postfix cuts fields past 100 KB, sendmail rejects headers past 32 KB`,
        line: field.line,
        column: field.column,
        fix: field.lowerName === 'references' ? 'keep only the first and the last few message ids in References (RFC 5322 3.6.4)' : `shorten ${field.name}`,
        data: { field: field.name, fieldBytes: field.byteLength, limit: maxFieldBytes },
      });
    }
    return findings;
  },
});
