import { defineCheck } from '../src/define-check.js';
import { showReply } from '../src/smtp/reply.js';
import { serverName } from '../src/smtp/classify.js';

export default defineCheck({
  id: 'smtp-unreachable',
  title: 'The submission server could not be reached, or broke off the dialogue',
  target: 'smtp',
  defaultSeverity: 'error',
  prevents: 'mail stuck in the outbox: "could not connect to the outgoing server", 421 service not available',
  references: ['RFC 5321 3.1', 'RFC 5321 4.2.3', 'RFC 6409 3'],
  needs: [],
  run({ smtp }) {
    const server = serverName(smtp);
    if (smtp.unreachable) {
      const { stage, reason, reply } = smtp.unreachable;
      const said = reply ? `: ${showReply(reply)}` : '';
      const where = stage === 'banner' ? 'no session' : 'no connection';
      return [{ message: `${where} with ${server}: ${reason}${said}; the other smtp checks could not be made`, data: { stage, ...(reply ? { reply } : {}) } }];
    }
    if (smtp.interrupted) {
      const { stage, reason, reply } = smtp.interrupted;
      const said = reply ? `: ${showReply(reply)}` : '';
      // Replies come in order: the recipients past the last one answered were never asked.
      const envelope = smtp.envelope.recipients;
      const notChecked = envelope.length - smtp.recipients.length;
      const recipients = notChecked > 0 ? `; ${notChecked} of ${envelope.length} recipients not checked, from <${envelope[smtp.recipients.length]!.address}> on` : '';
      return [
        {
          message: `the dialogue with ${server} broke off at ${stage.toUpperCase()}: ${reason}${said}; the checks after it could not be made${recipients}`,
          data: { stage, ...(reply ? { reply } : {}), ...(notChecked > 0 ? { recipientsNotChecked: notChecked } : {}) },
        },
      ];
    }
    return [];
  },
});
