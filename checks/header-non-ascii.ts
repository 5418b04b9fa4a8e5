import { defineCheck } from '../src/define-check.js';
import { addressFieldsOf, type AddressFieldView } from '../src/message/address.js';
import { encodeUtf8Words } from '../src/message/encoded-word.js';
import { dominantLineEnding, fieldBytes } from '../src/message/field-bytes.js';
import { foldValue } from '../src/message/fold.js';
import { HARD_LINE_LIMIT } from '../src/message/scan.js';
import type { HeaderField, ParsedMessage } from '../src/message/types.js';
import type { Finding, FixEdit } from '../src/types.js';

/** Fields whose whole value is unstructured text: RFC 2047 encoded-words are the mechanical fix. */
const UNSTRUCTURED = new Set(['subject', 'comments', 'content-description']);
const ADDRESS_FIELDS = new Set(['from', 'sender', 'reply-to', 'to', 'cc', 'bcc', 'resent-from', 'resent-sender', 'resent-to', 'resent-cc', 'resent-bcc']);

const NON_ASCII = /[^\x00-\x7f]/;
const FOLD_WIDTH = 78;

/** Subject and the other unstructured fields: the whole text as encoded-words, folded between them. */
function encodeTextEdit(message: ParsedMessage, field: HeaderField): FixEdit[] {
  const bytes = fieldBytes(field);
  // Encoded-words already there would be encoded again and shown as raw "=?…?=" text.
  if (!bytes || field.value.includes('=?')) return [];
  const folded = foldValue(field.name, ` ${encodeUtf8Words(field.value.trim())}`, {
    width: FOLD_WIDTH,
    limit: HARD_LINE_LIMIT,
    addressList: false,
    ending: dominantLineEnding(message),
  });
  return folded === undefined ? [] : [{ range: [bytes.valueStart, bytes.valueEnd], text: folded }];
}

/**
 * Address fields: each display name with non-ASCII text becomes encoded-words. Nothing is offered
 * when non-ASCII stands anywhere else (a local part or domain needs SMTPUTF8 or punycode: the
 * user's call) or a name holds a comment or encoded-words already.
 */
function encodeDisplayNamesEdit(field: HeaderField, view: AddressFieldView | undefined): FixEdit[] {
  const bytes = fieldBytes(field);
  if (!bytes || !view || !view.parsed.complete || view.parsed.entries.some((entry) => entry.kind === 'group')) return [];
  const edits: FixEdit[] = [];
  // The text between the names: it must be ASCII once the names are encoded.
  const between: string[] = [];
  let end = 0;
  for (const mailbox of view.parsed.mailboxes) {
    const nameText = field.value.slice(mailbox.index, mailbox.addressIndex);
    const angle = nameText.lastIndexOf('<');
    const name = angle === -1 ? '' : nameText.slice(0, angle).trimEnd();
    if (!NON_ASCII.test(name)) continue;
    if (mailbox.displayName === null || /[()]|=\?/.test(name)) return [];
    edits.push({ range: [bytes.offsetOf(mailbox.index), bytes.offsetOf(mailbox.index + name.length)], text: encodeUtf8Words(mailbox.displayName) });
    between.push(field.value.slice(end, mailbox.index));
    end = mailbox.index + name.length;
  }
  between.push(field.value.slice(end));
  return between.some((text) => NON_ASCII.test(text)) ? [] : edits;
}

function editsFor(message: ParsedMessage, field: HeaderField): FixEdit[] {
  if (UNSTRUCTURED.has(field.lowerName)) return encodeTextEdit(message, field);
  if (ADDRESS_FIELDS.has(field.lowerName)) return encodeDisplayNamesEdit(field, addressFieldsOf(message).find((view) => view.field === field));
  return [];
}

function fixFor(field: HeaderField): string {
  if (UNSTRUCTURED.has(field.lowerName)) {
    return `encode the text as RFC 2047 encoded-words: "${field.name}: ${encodeUtf8Words(field.value.trim())}"`;
  }
  if (ADDRESS_FIELDS.has(field.lowerName)) {
    return 'encode a non-ASCII display name as an RFC 2047 encoded-word (=?UTF-8?B?…?=); a non-ASCII domain goes in its xn-- (punycode) form; a non-ASCII local part needs SMTPUTF8 all the way (RFC 6531)';
  }
  return 'write the field in ASCII, or encode its text as RFC 2047 encoded-words (=?UTF-8?B?…?=) where the field allows text';
}

export default defineCheck({
  id: 'header-non-ascii',
  title: 'Raw 8-bit octets in a header field',
  target: 'message',
  defaultSeverity: 'error',
  prevents: 'rejections by receivers without SMTPUTF8 (RFC 6531: 5.6.7 for non-ASCII addresses; 554 policy rejections of invalid headers) and mojibake in subjects and names',
  references: ['RFC 5322 2.2', 'RFC 2047', 'RFC 6532 3', 'RFC 6531 3.2'],
  needs: [],
  options: {
    allowUtf8: {
      type: 'boolean',
      default: false,
      description: 'Accept valid UTF-8 in header fields (RFC 6532), for mail that only goes through servers that advertise SMTPUTF8. Octets that are not valid UTF-8 are still reported.',
    },
  },
  run({ message, options }) {
    const { allowUtf8 } = options;
    const findings: Finding[] = [];
    for (const field of message.fields) {
      if (!field.hasEightBit) continue;
      if (field.invalidUtf8) {
        findings.push({
          ...field.invalidUtf8,
          message: `${field.name} contains octets that are not valid UTF-8 (likely Latin-1 or Windows-1252 text): no receiver can tell what they mean, and strict ones reject the message`,
          fix: `re-encode the ${field.name} text as UTF-8, then as RFC 2047 encoded-words (=?UTF-8?B?…?=)`,
          data: { field: field.name, validUtf8: false },
        });
        continue;
      }
      if (allowUtf8) continue;
      const at = field.firstEightBit ?? { line: field.line, column: field.column };
      findings.push({
        ...at,
        message: `${field.name} contains raw non-ASCII (UTF-8) text: RFC 5322 headers are ASCII, UTF-8 is allowed only when every server on the way offers SMTPUTF8 (RFC 6532); others reject the message or garble the text`,
        fix: fixFor(field),
        edits: editsFor(message, field),
        data: { field: field.name, validUtf8: true },
      });
    }
    return findings;
  },
});
