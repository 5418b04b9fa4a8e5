// ESLint-style report: findings grouped by target, `line:col  severity  message  check-id`, then a summary.

import { styleText } from 'node:util';
import { escapeForLine } from './escape.js';
import type { Formatter } from './types.js';

type Style = Parameters<typeof styleText>[0];

export const formatStylish: Formatter = (results, context) => {
  const paint = (style: Style, text: string): string => (context.color ? styleText(style, text) : text);
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const result of results) {
    if (result.findings.length === 0) continue;
    lines.push(paint('underline', escapeForLine(result.target)));
    for (const finding of result.findings) {
      if (finding.severity === 'error') errors += 1;
      else if (finding.severity === 'warn') warnings += 1;
      else infos += 1;
      const position = finding.line !== undefined ? `${finding.line}:${finding.column ?? 1}` : '-';
      const severity =
        finding.severity === 'error' ? paint('red', 'error') : finding.severity === 'warn' ? paint('yellow', 'warn ') : paint('blue', 'info ');
      lines.push(`  ${position.padEnd(8)} ${severity}  ${escapeForLine(finding.message)}  ${paint('dim', finding.check)}`);
      if (finding.fix) lines.push(`  ${''.padEnd(8)}        ${paint('dim', `fix: ${escapeForLine(finding.fix)}`)}`);
    }
    lines.push('');
  }
  const total = errors + warnings + infos;
  const targets = results.length;
  const summary =
    total === 0
      ? `✓ ${targets} ${targets === 1 ? 'target' : 'targets'} checked, no problems`
      : `✖ ${total} ${total === 1 ? 'problem' : 'problems'} (${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}, ${infos} info) in ${targets} ${targets === 1 ? 'target' : 'targets'}`;
  lines.push(paint(errors > 0 ? 'red' : total > 0 ? 'yellow' : 'green', summary));
  return `${lines.join('\n')}\n`;
};
