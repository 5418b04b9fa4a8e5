import { defineCheck } from '../src/define-check.js';


export default defineCheck({
  id: 'from-missing',
  title: 'Message has no From header',
  target: 'message',
  defaultSeverity: 'error',
  prevents: '550 5.7.1 / 554 5.7.1 rejections of mail without an author (RFC 5322 3.6 requires From); Gmail: "550-5.7.1 ... not RFC 5322 compliant: \'From\' header is missing"',
  references: ['RFC 5322 3.6', 'RFC 5322 3.6.2'],
  needs: [],
  run({ message }) {
    if (message.fields.some((field) => field.lowerName === 'from')) return [];
    return [
      {
        message: 'no From header field: every message must name its author (RFC 5322 3.6), and receivers reject mail without one',
        line: 1,
        column: 1,
        fix: 'add "From: Your Name <you@your-domain>"',
      },
    ];
  },
});
