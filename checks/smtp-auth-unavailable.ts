import { defineCheck } from '../src/define-check.js';
import { serverName } from '../src/smtp/classify.js';

export default defineCheck({
  id: 'smtp-auth-unavailable',
  title: 'The submission server offers no AUTH, though a login was given',
  target: 'smtp',
  defaultSeverity: 'error',
  prevents: '503 5.5.1 AUTH not available / 530 authentication required, from a server or port that does not take logins',
  references: ['RFC 4954 3', 'RFC 6409 4.5'],
  needs: [],
  run({ smtp }) {
    if (smtp.auth?.kind !== 'not-offered') return [];
    const afterTls = smtp.tls?.kind === 'ok' ? ' after STARTTLS' : '';
    return [{ message: `${serverName(smtp)} offers no AUTH in its EHLO reply${afterTls}: a login cannot be used here (is this the submission port, 587 or 465?)` }];
  },
});
