import { defineCheck } from '../src/define-check.js';
import { isRefusal, isSizeRefusal, reportedAsAuthRequired, serverName } from '../src/smtp/classify.js';
import { showReply } from '../src/smtp/reply.js';

export default defineCheck({
  id: 'smtp-sender-rejected',
  title: 'The server refused the envelope sender (MAIL FROM)',
  target: 'smtp',
  defaultSeverity: 'error',
  prevents: '550/553 5.7.1 sender address not owned by user / sender rejected',
  references: ['RFC 5321 3.3', 'RFC 5321 4.2.2', 'RFC 6409 6.1'],
  needs: [],
  run({ smtp }) {
    const reply = smtp.mail?.reply;
    if (!reply || !isRefusal(reply) || reportedAsAuthRequired(smtp, reply) || isSizeRefusal(reply, true) || reply.code === 421) return [];
    return [
      {
        message: `${serverName(smtp)} refused the sender <${smtp.envelope.from}>: ${showReply(reply)}`,
        severity: reply.code < 500 ? 'warn' : 'error',
        fix: 'send from an address the login owns (its own, or an alias the provider allows)',
        data: { reply },
      },
    ];
  },
});
