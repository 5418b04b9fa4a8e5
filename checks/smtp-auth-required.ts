import { defineCheck } from '../src/define-check.js';
import { isAuthenticationRequired, serverName } from '../src/smtp/classify.js';
import { showReply } from '../src/smtp/reply.js';

export default defineCheck({
  id: 'smtp-auth-required',
  title: 'The server requires a login and none was given',
  target: 'smtp',
  defaultSeverity: 'error',
  prevents: '530 5.7.0 Authentication required; 550/554 5.7.1 relaying denied: "authentication is required for sending emails"',
  references: ['RFC 4954 6', 'RFC 6409 4.3', 'RFC 5321 3.6.2'],
  needs: [],
  run({ smtp }) {
    if (smtp.credentials) return [];
    const refusal = [smtp.mail?.reply, ...smtp.recipients.map((recipient) => recipient.reply)].find((reply) => reply !== undefined && isAuthenticationRequired(reply));
    if (!refusal) return [];
    return [
      {
        message: `${serverName(smtp)} requires a login before it takes mail: ${showReply(refusal)}`,
        fix: 'turn on "my outgoing server requires authentication" in the mail program (here: --user, with the password in MAILLINT_SMTP_PASSWORD)',
        data: { reply: refusal },
      },
    ];
  },
});
