import { defineCheck } from '../src/define-check.js';
import { showReply } from '../src/smtp/reply.js';
import { serverName } from '../src/smtp/classify.js';

export default defineCheck({
  id: 'smtp-tls-unavailable',
  title: 'The submission server offers no working TLS',
  target: 'smtp',
  defaultSeverity: 'error',
  prevents: '530 5.7.0 Must issue a STARTTLS command first; passwords and mail readable on the network',
  references: ['RFC 3207', 'RFC 8314 3', 'RFC 6409 4.3'],
  needs: [],
  run({ smtp }) {
    const server = serverName(smtp);
    if (smtp.tls?.kind === 'not-offered') {
      const withheld = smtp.credentials ? '; the login was not sent, since maillint never sends credentials in the clear' : '';
      return [{ message: `${server} does not offer STARTTLS after EHLO${withheld}`, fix: 'enable STARTTLS on the server, or use its implicit-TLS port (465, --tls implicit)' }];
    }
    if (smtp.tls?.kind === 'failed') {
      const said = smtp.tls.reply ? `: ${showReply(smtp.tls.reply)}` : '';
      if (smtp.tlsMode !== 'implicit') return [{ message: `STARTTLS with ${server} failed: ${smtp.tls.reason}${said}` }];
      // The commonest cause is a port that greets in plain text, which OpenSSL calls e.g. "wrong version number".
      const fix = 'if the server greets in plain text first (as on ports 587 and 25), use --tls starttls; --tls implicit is for its implicit-TLS port (465)';
      return [{ message: `TLS with ${server} failed: ${smtp.tls.reason}${said}`, fix }];
    }
    if (smtp.credentialsInClear) {
      return [
        {
          message: `--tls none: the user name and password went to ${server} unencrypted, readable by anyone on the path`,
          severity: 'warn',
          fix: 'use --tls starttls (port 587) or --tls implicit (port 465)',
        },
      ];
    }
    return [];
  },
});
