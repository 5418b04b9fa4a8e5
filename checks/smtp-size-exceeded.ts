import { defineCheck } from '../src/define-check.js';
import { isSizeRefusal, serverName, sizeLimit } from '../src/smtp/classify.js';
import { showReply } from '../src/smtp/reply.js';
import { formatCount } from '../src/message/fields.js';

export default defineCheck({
  id: 'smtp-size-exceeded',
  title: 'The message is bigger than the server takes',
  target: 'smtp',
  defaultSeverity: 'error',
  prevents: '552 5.3.4 message size exceeds fixed maximum message size',
  references: ['RFC 1870', 'RFC 3463 3.4'],
  needs: [],
  run({ smtp }) {
    const limit = sizeLimit(smtp);
    const size = smtp.message?.size;
    if (size !== undefined && limit !== undefined && size > limit) {
      return [{ message: `the message is ${formatCount(size)} octets; ${serverName(smtp)} takes at most ${formatCount(limit)} (SIZE)`, fix: 'send large files as links, or shrink the attachments', data: { size, limit } }];
    }
    const refusal = [smtp.mail?.reply].find((reply) => reply !== undefined && isSizeRefusal(reply, true)) ?? smtp.recipients.find((recipient) => isSizeRefusal(recipient.reply, false))?.reply;
    if (!refusal) return [];
    return [{ message: `${serverName(smtp)} refused the message for its size: ${showReply(refusal)}`, data: { reply: refusal } }];
  },
});
