// GitHub Actions workflow commands: one `::error file=…,line=…,col=…,title=…::message` line per
// finding (warning / notice for warn / info), which GitHub turns into annotations on the changed
// files and in the run summary. Domain, IP and stdin findings carry no file= (they annotate the run).
//
// Escaping follows GitHub's runner (toCommandValue / escapeData / escapeProperty): in the message
// `%` → %25, CR → %0D, LF → %0A; in properties also `:` → %3A and `,` → %2C. Control characters are
// made visible first (ESC → \x1b), so a message can neither start a new command line nor drive the
// log viewer's ANSI rendering.

import { escapeControlCharacters, escapeLegacyWorkflowCommands, escapeLoneSurrogates } from './escape.js';
import { filePathOf, withTargetNamed } from './locate.js';
import { summaryLine } from './summary.js';
import type { ReportedSeverity } from '../types.js';
import { formatWithStream, type Formatter, type StreamingFormatter } from './types.js';

const COMMANDS: Record<ReportedSeverity, string> = { error: 'error', warn: 'warning', info: 'notice' };

function visible(text: string): string {
  // Keep LF (encoded as %0A, shown as a line break in the annotation); CR and the rest become visible
  // escapes. Each line is a `::command::` the runner parses first, so a legacy `##[` in it is never
  // run; it is shown as `##\x5b` anyway, so no line of any maillint report holds one.
  return escapeLegacyWorkflowCommands(escapeControlCharacters(escapeLoneSurrogates(text)));
}

export function escapeData(text: string): string {
  return visible(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const streamGithub: StreamingFormatter = (context) => ({
  start: '',
  target(result) {
    let text = '';
    for (const finding of result.findings) {
      const file = filePathOf(result, finding, context.cwd);
      const properties: string[] = [];
      if (file !== undefined) {
        properties.push(`file=${escapeProperty(file)}`);
        if (finding.line !== undefined) properties.push(`line=${finding.line}`);
        if (finding.line !== undefined && finding.column !== undefined) properties.push(`col=${finding.column}`);
      }
      properties.push(`title=${escapeProperty(`maillint ${finding.check}`)}`);
      let message = file !== undefined ? finding.message : withTargetNamed(result, finding.message);
      if (finding.fix) message += `\nFix: ${finding.fix}`;
      text += `::${COMMANDS[finding.severity]} ${properties.join(',')}::${escapeData(message)}\n`;
    }
    return text;
  },
  end: (counts) => `${summaryLine(counts)}\n`,
});

export const formatGithub: Formatter = formatWithStream(streamGithub);
