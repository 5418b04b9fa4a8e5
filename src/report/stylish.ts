// ESLint-style report: findings grouped by target, `line:col  severity  message  check-id`, the
// fix under the finding, then a summary. Everything taken from the input (paths, messages, fixes)
// is escaped so a hostile message cannot move the cursor, recolour or hyperlink the terminal, nor
// print a line GitHub's runner takes for a workflow command (the path is the only text at a line's start).

import { styleText } from 'node:util';
import { escapeForLine, escapeLoneSurrogates, pathForLineStart } from './escape.js';
import { summaryLine } from './summary.js';
import { formatWithStream, type Formatter, type StreamingFormatter } from './types.js';

type Style = Parameters<typeof styleText>[0];

// Newer Node releases make styleText check process.stdout and NO_COLOR on its own; the caller has
// already decided (context.color, which also covers --output to a file), so that second guess is
// switched off. Releases without the option ignore the extra argument.
const paintText = styleText as (style: Style, text: string, options?: { validateStream?: boolean }) => string;

const SEVERITY_LABELS = { error: 'error', warn: 'warn ', info: 'info ' } as const;
const SEVERITY_STYLES = { error: 'red', warn: 'yellow', info: 'blue' } as const satisfies Record<string, Style>;

function clean(text: string): string {
  return escapeForLine(escapeLoneSurrogates(text));
}

export const streamStylish: StreamingFormatter = (context) => {
  const paint = (style: Style, text: string): string => (context.color ? paintText(style, text, { validateStream: false }) : text);
  return {
    start: '',
    target(result) {
      if (result.findings.length === 0) return '';
      const lines = [paint('underline', pathForLineStart(clean(result.target)))];
      const positions = result.findings.map((finding) => (finding.line !== undefined ? `${finding.line}:${finding.column ?? 1}` : '-'));
      const width = Math.max(5, ...positions.map((position) => position.length));
      result.findings.forEach((finding, index) => {
        const severity = paint(SEVERITY_STYLES[finding.severity], SEVERITY_LABELS[finding.severity]);
        lines.push(`  ${positions[index]!.padEnd(width)}  ${severity}  ${clean(finding.message)}  ${paint('dim', clean(finding.check))}`);
        if (finding.fix) lines.push(`  ${''.padEnd(width)}         ${paint('dim', `fix: ${clean(finding.fix)}`)}`);
      });
      return `${lines.join('\n')}\n\n`;
    },
    end(counts) {
      const summaryStyle = counts.errors > 0 ? 'red' : counts.warnings + counts.infos > 0 ? 'yellow' : 'green';
      return `${paint(summaryStyle, summaryLine(counts))}\n`;
    },
  };
};

export const formatStylish: Formatter = formatWithStream(streamStylish);
