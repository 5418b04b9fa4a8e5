import { defineCheck } from '../src/define-check.js';
import { locateInField } from '../src/message/header-section.js';
import { parseMessageIdList } from '../src/message/message-id.js';
import type { HeaderField } from '../src/message/types.js';
import type { Finding } from '../src/types.js';

/** Message-ID is read by receivers' policy checks (error); In-Reply-To and References only thread mail (warn). */
const THREADING_FIELDS = new Set(['in-reply-to', 'references']);
const MESSAGE_ID_FIELDS = new Set(['message-id', 'resent-message-id']);

function checkField(field: HeaderField): Finding[] {
  const threading = THREADING_FIELDS.has(field.lowerName);
  const list = parseMessageIdList(field.value);
  const findings: Finding[] = [];
  const severityFor = (severity: 'error' | 'warn'): 'error' | 'warn' => (threading ? 'warn' : severity);

  if (list.ids.length === 0 && list.problems.length === 0) {
    const bare = list.strayWords.map((word) => word.text).join(' ');
    const at = locateInField(field, list.strayWords[0]?.index ?? 0);
    const looksLikeId = list.strayWords.length === 1 && /^[^@\s]+@[^@\s]+$/.test(bare);
    findings.push({
      ...at,
      severity: severityFor('error'),
      message:
        bare.length === 0
          ? `${field.name} is empty: it must hold ${threading ? 'one or more msg-ids' : 'one msg-id'} "<unique-part@domain>" (RFC 5322 3.6.4)`
          : `${field.name} ${JSON.stringify(bare)} is not a msg-id: it must be "<unique-part@domain>" in angle brackets (RFC 5322 3.6.4)`,
      ...(looksLikeId ? { fix: `write "${field.name}: <${bare}>"` } : { fix: `write ${field.name} as "<unique-part@your-domain>"` }),
      data: { field: field.name },
    });
    return findings;
  }

  for (const problem of list.problems) {
    findings.push({
      ...locateInField(field, problem.index),
      severity: severityFor(problem.severity),
      message: `${field.name} msg-id is not valid: ${problem.reason} (RFC 5322 3.6.4 wants "<dot-atom@dot-atom-or-[literal]>")`,
      fix: problem.suggestion ? `write "${problem.suggestion}"` : 'generate the id as "<unique-part@your-domain>" using letters, digits, dots and hyphens',
      data: { field: field.name },
    });
  }
  if (list.strayWords.length > 0) {
    const words = list.strayWords.map((word) => word.text).join(' ');
    findings.push({
      ...locateInField(field, list.strayWords[0]!.index),
      severity: severityFor('error'),
      message: threading
        ? `${field.name} holds text that is not a msg-id (${JSON.stringify(words)}): obsolete syntax (RFC 5322 4.5.4) that threading ignores or mangles`
        : `${field.name} holds text besides the msg-id (${JSON.stringify(words)}): the field is invalid`,
      fix: `keep only "<…@…>" ids in ${field.name}`,
      data: { field: field.name },
    });
  }
  if (!threading && list.ids.length > 1) {
    findings.push({
      ...locateInField(field, list.ids[1]!.index),
      message: `${field.name} holds ${list.ids.length} msg-ids: it must hold exactly one (RFC 5322 3.6.4)`,
      fix: `keep only the first id, ${list.ids[0]!.raw}`,
      data: { field: field.name },
    });
  }
  return findings;
}

export default defineCheck({
  id: 'message-id-invalid',
  title: 'Message-ID, In-Reply-To or References is not a valid msg-id',
  target: 'message',
  defaultSeverity: 'error',
  prevents: '550 5.7.1 Messages missing a valid Message-ID header are not accepted (Gmail); broken threading from malformed In-Reply-To/References',
  references: ['RFC 5322 3.6.4', 'RFC 5322 4.5.4'],
  needs: [],
  run({ message }) {
    const findings: Finding[] = [];
    for (const field of message.fields) {
      if (MESSAGE_ID_FIELDS.has(field.lowerName) || THREADING_FIELDS.has(field.lowerName)) findings.push(...checkField(field));
    }
    return findings;
  },
});
