import { defineCheck } from '../src/define-check.js';
import { serverName } from '../src/smtp/classify.js';

export default defineCheck({
  id: 'smtp-auth-mechanism',
  title: 'The login method asked for is not one the server offers (e.g. SPA/NTLM)',
  target: 'smtp',
  defaultSeverity: 'error',
  prevents: '550 not all recipients reachable: "SPA authentication must not be activated in your email program"; 504 5.5.4 unrecognized authentication type',
  references: ['RFC 4954 4', 'RFC 4616', 'MS-NLMP'],
  needs: [],
  run({ smtp }) {
    if (smtp.auth?.kind !== 'mechanism-not-offered') return [];
    const { mechanism, offered } = smtp.auth;
    const list = offered.length > 0 ? offered.join(', ') : 'none';
    if (mechanism === 'NTLM') {
      return [
        {
          message: `NTLM is Outlook's "Secure Password Authentication" (SPA), which submission servers refuse; ${serverName(smtp)} offers ${list}`,
          fix: 'turn off "Require logon using Secure Password Authentication (SPA)" in the mail program and log in with a normal password over TLS',
          data: { mechanism, offered },
        },
      ];
    }
    return [{ message: `${serverName(smtp)} does not offer AUTH ${mechanism}; it offers ${list}`, fix: 'choose one of the offered methods in the mail program (--auth)', data: { mechanism, offered } }];
  },
});
