import { defineCheck } from '../src/define-check.js';
import { isRefusal, isSizeRefusal, reportedAsAuthRequired, serverName } from '../src/smtp/classify.js';
import { showReply } from '../src/smtp/reply.js';
import type { Finding } from '../src/types.js';

export default defineCheck({
  id: 'smtp-recipient-rejected',
  title: 'The server refused a recipient (RCPT TO)',
  target: 'smtp',
  defaultSeverity: 'error',
  prevents: '550 5.1.1 user unknown / mailbox unavailable; 450/451/452 temporary refusals',
  references: ['RFC 5321 3.3', 'RFC 5321 4.2.2', 'RFC 3463 3.2'],
  needs: [],
  run({ smtp }) {
    const findings: Finding[] = [];
    for (const recipient of smtp.recipients) {
      const { reply } = recipient;
      if (!isRefusal(reply) || reportedAsAuthRequired(smtp, reply) || isSizeRefusal(reply, false)) continue;
      const temporary = reply.code < 500;
      const finding: Finding = {
        message: `${serverName(smtp)} refused the recipient <${recipient.address}>${temporary ? ' for now' : ''}: ${showReply(reply)}`,
        severity: temporary ? 'warn' : 'error',
        data: { recipient: recipient.address, reply },
      };
      if (recipient.line !== undefined) finding.line = recipient.line;
      findings.push(finding);
    }
    return findings;
  },
});
