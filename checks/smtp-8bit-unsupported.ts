import { defineCheck } from '../src/define-check.js';
import { serverName } from '../src/smtp/classify.js';

export default defineCheck({
  id: 'smtp-8bit-unsupported',
  title: 'The body is 8-bit and the server does not offer 8BITMIME',
  target: 'smtp',
  defaultSeverity: 'warn',
  prevents: '554 5.6.1 8-bit data not accepted; mojibake where a relay strips the eighth bit',
  references: ['RFC 6152', 'RFC 2045 6'],
  needs: [],
  run({ smtp }) {
    if (!smtp.message?.eightBitBody || smtp.extensions === undefined || '8BITMIME' in smtp.extensions) return [];
    return [{ message: `the body has 8-bit octets and ${serverName(smtp)} does not offer 8BITMIME`, fix: 'encode the body as quoted-printable or base64 (Content-Transfer-Encoding)' }];
  },
});
