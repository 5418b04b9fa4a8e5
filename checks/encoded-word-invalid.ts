import { defineCheck } from '../src/define-check.js';
import {
  contextProblem,
  decodeEncodedWord,
  encodeUtf8Words,
  findEncodedWords,
  MAX_ENCODED_WORD_LENGTH,
  validateEncodedWord,
  type EncodedWord,
  type EncodedWordContext,
  type EncodedWordProblem,
} from '../src/message/encoded-word.js';
import { fieldBytes } from '../src/message/field-bytes.js';
import { locateInField } from '../src/message/header-section.js';
import type { HeaderField } from '../src/message/types.js';
import { placesOf, type Place } from '../src/message/value-places.js';
import type { Finding, FixEdit } from '../src/types.js';

/**
 * A word whose only fault is its length is written again as UTF-8 B words of at most 75
 * characters, separated by spaces (ignored between encoded-words when decoding); anything else
 * wrong with it needs a person.
 */
function resplitEdit(field: HeaderField, word: EncodedWord, problems: readonly EncodedWordProblem[]): FixEdit[] {
  if (problems.length !== 1 || word.raw.length <= MAX_ENCODED_WORD_LENGTH) return [];
  const bytes = fieldBytes(field);
  const text = decodeEncodedWord(word);
  if (!bytes || text === undefined) return [];
  return [{ range: [bytes.offsetOf(word.index), bytes.offsetOf(word.index + word.raw.length)], text: encodeUtf8Words(text) }];
}

/** Structured fields with no phrase or text in their grammar: an encoded-word may stand only in a comment (RFC 2047 5). */
const NO_ENCODED_WORDS = new Set([
  'date',
  'resent-date',
  'message-id',
  'resent-message-id',
  'in-reply-to',
  'references',
  'received',
  'return-path',
  'content-id',
  'content-transfer-encoding',
  'mime-version',
]);

/** Address fields: encoded-words are allowed in display names and comments, never in a quoted-string or an address. */
const ADDRESS_FIELDS = new Set([
  'from',
  'sender',
  'reply-to',
  'to',
  'cc',
  'bcc',
  'resent-from',
  'resent-sender',
  'resent-to',
  'resent-cc',
  'resent-bcc',
]);

/**
 * The run of non-delimiter text around a word: if it holds "@", the word is part of a bare addr-spec.
 * ":" ends a group's display name ("=?…?=:member@example.com;"), so it delimits too.
 */
function inBareAddress(value: string, word: EncodedWord): boolean {
  const delimiter = /[\s,;:<>()"]/;
  let start = word.index;
  while (start > 0 && !delimiter.test(value[start - 1]!)) start -= 1;
  let end = word.index + word.raw.length;
  while (end < value.length && !delimiter.test(value[end]!)) end += 1;
  return value.slice(start, end).includes('@');
}

function placementProblem(field: HeaderField, word: EncodedWord, places: Place[] | undefined): Finding | undefined {
  const at = locateInField(field, word.index);
  const place = places?.[word.index] ?? 'other';
  if (place === 'comment') return undefined;
  if (NO_ENCODED_WORDS.has(field.lowerName)) {
    return {
      ...at,
      message: `encoded-word ${JSON.stringify(word.raw)} in ${field.name}: RFC 2047 5 allows encoded-words only in unstructured text, comments and display names; in ${field.name} it is never decoded and can make the field invalid`,
      fix: `write ${field.name} in plain ASCII without the encoded-word`,
    };
  }
  if (!ADDRESS_FIELDS.has(field.lowerName)) return undefined;
  if (place === 'quoted-string') {
    return {
      ...at,
      severity: 'warn',
      message: `encoded-word ${JSON.stringify(word.raw)} inside a quoted-string in ${field.name}: RFC 2047 5 forbids it there, and strict readers show it undecoded`,
      fix: 'remove the double quotes around the encoded-word (an encoded display name needs no quoting)',
    };
  }
  if (place === 'angle-address' || inBareAddress(field.value, word)) {
    return {
      ...at,
      message: `encoded-word ${JSON.stringify(word.raw)} in an address in ${field.name}: an address is never decoded (RFC 2047 5), so this is not the mailbox you mean`,
      fix: 'write the address in plain ASCII; put encoded text only in the display name before "<address>"',
    };
  }
  return undefined;
}

/** RFC 5322 specials: in a structured field they delimit a word, as white space does. */
const SPECIALS = '()<>[]:;@\\,."';

/**
 * What a word touches without the linear white space RFC 2047 5 requires: text or another
 * encoded-word. In structured fields a special ("<", ":", "(" …) delimits the word already; that
 * is only reported for unstructured text. A pair of touching words is reported once, on the first.
 */
function touchingNeighbour(value: string, word: EncodedWord, words: readonly EncodedWord[], structured: boolean): string | undefined {
  const delimits = (character: string | undefined): boolean =>
    character === undefined || character === ' ' || character === '\t' || (structured && SPECIALS.includes(character));
  const end = word.index + word.raw.length;
  if (!delimits(value[end])) {
    return words.some((other) => other.index === end) ? 'the next encoded-word' : `the text ${JSON.stringify(value.slice(end, end + 10))}`;
  }
  const before = value[word.index - 1];
  if (!delimits(before) && !words.some((other) => other.index + other.raw.length === word.index)) {
    return `the text ${JSON.stringify(value.slice(Math.max(0, word.index - 10), word.index))}`;
  }
  return undefined;
}

/** Which RFC 2047 5 rule governs a well-placed word's Q text: a comment's, a phrase's (display names), or plain text's. */
function contextOf(field: HeaderField, word: EncodedWord, places: Place[] | undefined): EncodedWordContext | undefined {
  const place = places?.[word.index];
  if (place === undefined) return 'text';
  if (place === 'comment') return 'comment';
  return ADDRESS_FIELDS.has(field.lowerName) && place === 'other' ? 'phrase' : undefined;
}

export default defineCheck({
  id: 'encoded-word-invalid',
  title: 'Malformed or misplaced RFC 2047 encoded-word',
  target: 'message',
  defaultSeverity: 'error',
  prevents: 'subjects and names shown as raw "=?UTF-8?…?=" text; 554 policy rejections of structured fields (Message-ID, Date, addresses) made invalid by an encoded-word',
  references: ['RFC 2047 2', 'RFC 2047 4', 'RFC 2047 5', 'RFC 2231 5'],
  needs: [],
  run({ message }) {
    const findings: Finding[] = [];
    for (const field of message.fields) {
      if (!field.value.includes('=?')) continue;
      const words = findEncodedWords(field.value);
      if (words.length === 0) continue;
      const structured = NO_ENCODED_WORDS.has(field.lowerName) || ADDRESS_FIELDS.has(field.lowerName);
      const places = structured ? placesOf(field.value) : undefined;
      for (const word of words) {
        const problems = validateEncodedWord(word);
        for (const problem of problems) {
          const at = locateInField(field, problem.index);
          findings.push({
            ...at,
            severity: problem.severity,
            message: `malformed encoded-word ${JSON.stringify(word.raw)} in ${field.name}: ${problem.reason}${problem.severity === 'error' ? '; readers show it as raw text' : ''}`,
            fix: 'regenerate the header with your mail library\'s encoder (e.g. "=?UTF-8?B?<base64 of the UTF-8 text>?=") instead of building it by hand',
            edits: resplitEdit(field, word, problems),
            data: { field: field.name, word: word.raw },
          });
        }
        const misplaced = placementProblem(field, word, places);
        if (misplaced) findings.push({ ...misplaced, data: { field: field.name, word: word.raw } });
        else if (problems.length === 0) {
          const touching = touchingNeighbour(field.value, word, words, structured);
          if (touching !== undefined) {
            findings.push({
              ...locateInField(field, word.index),
              severity: 'warn',
              message: `encoded-word ${JSON.stringify(word.raw)} in ${field.name} touches ${touching} with no white space between: RFC 2047 5 requires linear white space there, so strict readers do not decode it and show the raw text`,
              fix: 'separate encoded-words from each other and from plain text with a space (white space between two encoded-words is not displayed), or encode the adjacent text into the word',
              data: { field: field.name, word: word.raw },
            });
          }
          const context = contextOf(field, word, places);
          const restricted = context === undefined ? undefined : contextProblem(word, context);
          if (restricted) {
            findings.push({
              ...locateInField(field, restricted.index),
              severity: restricted.severity,
              message: `encoded-word ${JSON.stringify(word.raw)} in ${field.name}: ${restricted.reason}`,
              fix: `encode ${JSON.stringify(restricted.character)} as ${restricted.encoded} (or use B encoding, which never holds it)`,
              data: { field: field.name, word: word.raw },
            });
          }
        }
      }
    }
    return findings;
  },
});
