import { defineCheck } from '../src/define-check.js';


const RECIPIENT_FIELDS = new Set(['to', 'cc', 'bcc']);

export default defineCheck({
  id: 'recipient-missing',
  title: 'Message has no To, Cc or Bcc header',
  target: 'message',
  defaultSeverity: 'error',
  prevents: 'spam scoring and 550 5.7.1 policy rejections of mail with no destination fields (SpamAssassin MISSING_HEADERS; many gateways), and submission servers that take recipients from the header and find none',
  references: ['RFC 5322 3.6.3', 'RFC 5322 A.1.3'],
  needs: [],
  run({ message }) {
    if (message.fields.some((field) => RECIPIENT_FIELDS.has(field.lowerName))) return [];
    return [
      {
        message: 'no To, Cc or Bcc header field: name the recipients, or write "To: undisclosed-recipients:;" when they are all blind copies',
        line: 1,
        column: 1,
        fix: 'add "To: Name <recipient@their-domain>" or "To: undisclosed-recipients:;"',
      },
    ];
  },
});
