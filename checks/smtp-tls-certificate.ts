import { defineCheck } from '../src/define-check.js';
import { serverName } from '../src/smtp/classify.js';

const PROBLEMS = {
  untrusted: 'its certificate chain is not trusted (self-signed, or an unknown or missing intermediate)',
  'host-name': 'its certificate does not name the host connected to',
  expired: 'its certificate has expired',
  'not-yet-valid': 'its certificate is not valid yet',
} as const;

export default defineCheck({
  id: 'smtp-tls-certificate',
  title: "The submission server's TLS certificate does not verify",
  target: 'smtp',
  defaultSeverity: 'error',
  prevents: 'mail programs that refuse to send ("the server certificate is not valid") and logins open to interception',
  references: ['RFC 8314 4.1', 'RFC 6125', 'RFC 5280 6'],
  needs: [],
  run({ smtp }) {
    if (smtp.tls?.kind !== 'certificate') return [];
    const { problem, reason } = smtp.tls;
    const fix = problem === 'untrusted' ? 'install the full chain on the server; for a private CA pass it with --ca FILE' : problem === 'host-name' ? 'connect by the name the certificate holds, or reissue it with this name' : 'renew the certificate';
    return [{ message: `TLS with ${serverName(smtp)} failed: ${PROBLEMS[problem]} (${reason}); the login was not sent`, fix, data: { problem } }];
  },
});
