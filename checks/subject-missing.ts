import { defineCheck } from '../src/define-check.js';


export default defineCheck({
  id: 'subject-missing',
  title: 'Message has no Subject header',
  target: 'message',
  defaultSeverity: 'warn',
  prevents: 'spam scoring and 550 policy rejections at receivers that require a Subject (RFC 5322 3.6.5 makes it optional)',
  references: ['RFC 5322 3.6.5'],
  needs: [],
  run({ message }) {
    if (message.fields.some((field) => field.lowerName === 'subject')) return [];
    return [
      {
        message: 'no Subject header field: many receivers score or reject mail without one',
        line: 1,
        column: 1,
        fix: 'add "Subject: <a short summary of the message>"',
      },
    ];
  },
});
