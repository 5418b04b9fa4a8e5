import { defineCheck } from '../src/define-check.js';
import { insertFieldEdit } from '../src/message/field-bytes.js';


/** The From domain, for a fix that names the right right-hand side; a plain look, not address parsing. */
function fromDomain(fromValue: string | undefined): string | undefined {
  const match = fromValue ? /@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)\s*>?\s*$/.exec(fromValue) : null;
  return match?.[1]?.toLowerCase();
}

export default defineCheck({
  id: 'message-id-missing',
  title: 'Message has no Message-ID header',
  target: 'message',
  defaultSeverity: 'error',
  prevents: '550 5.7.1 Messages missing a valid Message-ID header are not accepted (Gmail); spam scoring elsewhere (SpamAssassin MISSING_MID)',
  references: ['RFC 5322 3.6.4', 'RFC 5322 3.6', 'RFC 6409 8.3'],
  needs: [],
  run({ message }) {
    if (message.fields.some((field) => field.lowerName === 'message-id')) return [];
    const fromDomainName = fromDomain(message.fields.find((field) => field.lowerName === 'from')?.value);
    const domain = fromDomainName ?? 'your-domain.example';
    return [
      {
        message: 'no Message-ID header field: Gmail rejects such mail ("550 5.7.1 Messages missing a valid Message-ID header are not accepted") and other receivers score it as spam',
        line: 1,
        column: 1,
        fix: `add "Message-ID: <unique-id@${domain}>" with a unique left part (a UUID or random string), or let your sending library generate it`,
        // Without a From domain there is no right-hand side to write: a made-up one is worse than none.
        edits: fromDomainName === undefined ? [] : insertFieldEdit(message, `Message-ID: <${globalThis.crypto.randomUUID()}@${fromDomainName}>`),
      },
    ];
  },
});
