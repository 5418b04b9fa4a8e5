import { defineCheck } from '../src/define-check.js';
import { serverName } from '../src/smtp/classify.js';
import { showReply } from '../src/smtp/reply.js';

export default defineCheck({
  id: 'smtp-auth-failed',
  title: 'The server refused the login',
  target: 'smtp',
  defaultSeverity: 'error',
  prevents: '535 5.7.8 Authentication failure (the user name or password stored in the mail program is wrong); 534, 538, 454',
  references: ['RFC 4954 6', 'RFC 3463'],
  needs: [],
  run({ smtp }) {
    if (smtp.auth?.kind !== 'refused') return [];
    const { reply, mechanism } = smtp.auth;
    const hint =
      reply.code === 534 ? 'the server wants a stronger method (or an app password)' : reply.code === 538 ? 'the server wants this method only over TLS' : reply.code === 454 ? 'a temporary failure on the server: try again later' : 'check the user name and password the mail program stores';
    return [{ message: `${serverName(smtp)} refused the login (AUTH ${mechanism}): ${showReply(reply)}; ${hint}`, severity: reply.code < 500 ? 'warn' : 'error', data: { reply } }];
  },
});
