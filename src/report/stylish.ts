// ESLint-style report: findings grouped by target, `line:col  severity  message  check-id`, the
// fix under the finding, then a summary. Everything taken from the input (paths, messages, fixes)
// is escaped so a hostile message cannot move the cursor, recolour or hyperlink the terminal, nor
// print a line GitHub's runner takes for a workflow command (the path is the only text at a line's start).

import { styleText } from 'node:util';
import { escapeForLine, escapeLoneSurrogates, pathForLineStart } from './escape.js';
import { summaryLine } from './summary.js';
import type { BounceResult } from '../types.js';
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

/** `maillint bounce` shows each recipient as a block, so its `bounce-*` finding is not listed again. */
const BOUNCE_FINDING = /^bounce-(?:failed|delayed|complaint)$/;

function bounceBlock(bounce: BounceResult, paint: (style: Style, text: string) => string): string[] {
  const codes = [bounce.status, bounce.reply].filter(Boolean).join(' ');
  const style: Style = bounce.action === 'failed' ? 'red' : bounce.action === 'delayed' ? 'yellow' : 'green';
  const lines = [`  ${bounce.line === undefined ? '' : `${bounce.line}:1  `}${paint(style, bounce.action)}  ${paint('bold', clean(bounce.reason))}${codes ? `  ${clean(codes)}` : ''}  ${clean(bounce.recipient || '(recipient not named)')}`];
  const row = (label: string, text: string): void => void lines.push(`    ${paint('dim', label.padEnd(13))}${text}`);
  if (bounce.diagnostic) row('diagnostic', clean(bounce.diagnostic));
  if (bounce.seedRow) row('seed row', clean(bounce.seedRow));
  row('prevented by', bounce.preventedBy.length > 0 ? bounce.preventedBy.join(', ') : 'nothing before sending');
  row('remedy', clean(bounce.remedy));
  return lines;
}

export const streamStylish: StreamingFormatter = (context) => {
  const paint = (style: Style, text: string): string => (context.color ? paintText(style, text, { validateStream: false }) : text);
  return {
    start: '',
    target(result) {
      const bounces = result.bounces ?? [];
      const findings = bounces.length > 0 ? result.findings.filter((finding) => !BOUNCE_FINDING.test(finding.check)) : result.findings;
      if (findings.length === 0 && bounces.length === 0) return '';
      const lines = [paint('underline', pathForLineStart(clean(result.target)))];
      for (const bounce of bounces) lines.push(...bounceBlock(bounce, paint));
      const positions = findings.map((finding) => (finding.line !== undefined ? `${finding.line}:${finding.column ?? 1}` : '-'));
      const width = Math.max(5, ...positions.map((position) => position.length));
      findings.forEach((finding, index) => {
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
