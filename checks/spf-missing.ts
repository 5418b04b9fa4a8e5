import { defineCheck } from '../src/define-check.js';

export default defineCheck({
  id: 'spf-missing',
  title: 'No SPF record',
  target: 'domain',
  defaultSeverity: 'warn',
  prevents:
    'Gmail\'s "550 5.7.26 This mail has been blocked because the sender is unauthenticated" (without a DKIM signature either), Yahoo\'s "550 5.7.9" and Microsoft\'s "550 5.7.515": mail that no receiver can tell from a forgery',
  references: ['RFC 7208 2.1', 'RFC 7208 4.5'],
  needs: ['spf'],
  run({ spf }) {
    // NXDOMAIN is domain-nxdomain's to say; a failed lookup proves nothing (the run counts it as failed).
    if (spf.root.status !== 'none') return [];
    return [
      {
        message: `${spf.domain} publishes no SPF record (no TXT record starting "v=spf1"): receivers cannot tell its mail from forgeries, and the large mailbox providers reject or junk unauthenticated mail`,
        fix: `publish one TXT record at ${spf.domain} listing the hosts that send its mail, e.g. "v=spf1 mx -all" (or "v=spf1 -all" if it sends no mail)`,
        data: { domain: spf.domain },
      },
    ];
  },
});
