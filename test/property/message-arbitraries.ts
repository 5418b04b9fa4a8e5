// Generators of hostile and almost-valid message input for the property tests and `npm run fuzz`:
// arbitrary bytes, mutations of the fixture messages, and generated header sections.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function emlFilesUnder(folder: string): string[] {
  let found: string[] = [];
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found = found.concat(emlFilesUnder(path));
    else if (entry.name.endsWith('.eml')) found.push(path);
  }
  return found.sort();
}

/** Every fixture and example message, the seeds for mutation. */
export function seedMessages(): Uint8Array[] {
  const files = [...emlFilesUnder(join(ROOT, 'test/fixtures')), ...emlFilesUnder(join(ROOT, 'examples/messages'))];
  const seeds = files.map((file) => new Uint8Array(readFileSync(file)));
  // A minimal message keeps the mutation property meaningful while fixtures are still few.
  seeds.push(new TextEncoder().encode('From: a@example.com\r\nTo: b@example.net\r\nSubject: s\r\nDate: Tue, 24 Nov 2026 10:00:00 +0000\r\n\r\nbody\r\n'));
  return seeds;
}

const encoder = new TextEncoder();
const bytesOf = (text: string): Uint8Array => encoder.encode(text);

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Octets that matter to a message parser, weighted above the rest. */
const interestingByte = fc.constantFrom(0, 9, 10, 13, 32, 34, 40, 41, 44, 58, 59, 60, 61, 62, 63, 64, 91, 92, 93, 127, 0x80, 0xc3, 0xa9, 0xe2, 0xff);

/** Arbitrary bytes, mostly text-like so the parser goes past its binary sniff now and then. */
export const arbitraryBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }),
  fc.array(fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 32, max: 126 }) }, { weight: 2, arbitrary: interestingByte }), { maxLength: 2048 }).map(
    (values) => Uint8Array.from(values),
  ),
);

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate-line'; at: number; times: number }
  | { kind: 'delete'; at: number; length: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.array(fc.oneof(fc.constantFrom(13, 10, 0, 0x80, 0xff, 0xc3, 32, 9, 58), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat(), times: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
);

const MAX_DUPLICATED_OCTETS = 256 * 1024;

function applyMutation(input: Uint8Array, change: Mutation): Uint8Array {
  const at = input.length === 0 ? 0 : change.at % (input.length + 1);
  switch (change.kind) {
    case 'flip': {
      if (input.length === 0) return input;
      const out = input.slice();
      const index = at % input.length;
      out[index] = out[index]! ^ (1 << change.bit);
      return out;
    }
    case 'insert':
      return concat([input.subarray(0, at), Uint8Array.from(change.bytes), input.subarray(at)]);
    case 'truncate':
      return input.subarray(0, at);
    case 'delete':
      return concat([input.subarray(0, at), input.subarray(Math.min(input.length, at + change.length))]);
    case 'duplicate-line': {
      // The line containing `at`, written `times` more times right after itself.
      let start = at;
      while (start > 0 && input[start - 1] !== 10) start -= 1;
      let end = at;
      while (end < input.length && input[end] !== 10) end += 1;
      end = Math.min(input.length, end + 1);
      const line = input.subarray(start, end);
      // Repeated duplication of a long line would grow without bound; big inputs are the business
      // of scaledInput, so a mutation adds at most MAX_DUPLICATED_OCTETS.
      const times = Math.max(1, Math.min(change.times, Math.floor(MAX_DUPLICATED_OCTETS / Math.max(1, line.length))));
      return concat([input.subarray(0, end), ...Array.from({ length: times }, () => line), input.subarray(end)]);
    }
  }
}

/** A fixture or example message with 1-8 mutations applied. */
export function mutatedSeed(seeds: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 8 }))
    .map(([index, changes]) => changes.reduce((input, change) => applyMutation(input, change), seeds[index]!));
}

// ---- generated header sections ----

const KNOWN_NAMES = ['From', 'To', 'Cc', 'Bcc', 'Sender', 'Reply-To', 'Date', 'Subject', 'Message-ID', 'In-Reply-To', 'References', 'MIME-Version', 'Content-Type', 'Received', 'Return-Path', 'List-Unsubscribe', 'DKIM-Signature'];

const fieldName: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...KNOWN_NAMES).chain((name) => fc.constantFrom(name, name.toLowerCase(), name.toUpperCase())) },
  { weight: 2, arbitrary: fc.string({ unit: fc.mapToConstant({ num: 94, build: (n) => String.fromCharCode(33 + n) }), minLength: 1, maxLength: 20 }).map((s) => s.replace(/:/g, '-')) },
  // Invalid names: white space before the colon, 8-bit, empty, control characters.
  { weight: 1, arbitrary: fc.constantFrom('From ', 'Sub ject', 'Grüße', '', 'X-\u0001', 'To\t', '\u00e9') },
);

const atom = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789.-_+'.split('')), minLength: 1, maxLength: 12 });
const domainName = fc.oneof(
  fc.constantFrom('example.com', 'example.net', 'mail.example.org', 'gmial.com', 'localhost', 'x.test', 'bücher.example', '-bad-.example', 'a..b', '[192.0.2.1]', '[IPv6:2001:db8::1]', '1.2.3.4', 'under_score.example.com'),
  fc.array(atom, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.')),
);
const address = fc.oneof(
  fc.tuple(atom, domainName).map(([local, domain]) => `${local}@${domain}`),
  fc.tuple(atom, domainName).map(([local, domain]) => `"${local} x"@${domain}`),
  fc.constantFrom('no-at-sign', '@example.com', 'a@', 'a@@b', '<>', 'a@b@c', `${'l'.repeat(70)}@example.com`, `a@${'d'.repeat(64)}.example.com`),
);
const displayName = fc.constantFrom('Jane Roe', 'Doe, John', '"Doe, John"', 'Jörg', '=?utf-8?Q?J=C3=B6rg?=', '(comment) Jane', 'a.b c', '"unterminated');
const comment = fc.integer({ min: 1, max: 60 }).map((depth) => `${'('.repeat(depth)}c${')'.repeat(depth)}`);
const mailbox = fc.oneof(
  address,
  fc.tuple(displayName, address).map(([name, addr]) => `${name} <${addr}>`),
  fc.tuple(comment, address).map(([note, addr]) => `${addr} ${note}`),
  fc.constantFrom('undisclosed-recipients:;', 'Group: a@example.com, b@example.net;', 'Group: ;', 'Jane Roe'),
);
const encodedWord = fc.oneof(
  fc.string({ maxLength: 20 }).map((text) => `=?utf-8?B?${Buffer.from(text).toString('base64')}?=`),
  fc.string({ maxLength: 20 }).map((text) => `=?UTF-8?Q?${encodeURIComponent(text).replace(/%/g, '=')}?=`),
  fc.constantFrom('=?utf-8?X?abc?=', '=?utf-8?B?***?=', '=?utf-8?Q?=ZZ?=', '=??B?YQ==?=', '=?utf-8?B?YQ=', '=?unknown-charset?Q?a?=', '=?utf-8*en?Q?a?=', `=?utf-8?Q?${'a'.repeat(80)}?=`),
);
const dateValue = fc.oneof(
  fc.constantFrom('Tue, 24 Nov 2026 10:00:00 +0000', 'Mon, 24 Nov 2026 10:00:00 +0000', '31 Nov 2026 10:00:00 +0000', '24 Nov 26 10:00 EST', 'Tue, 24 Nov 2026 25:61:61 +9999', 'yesterday', '', 'Tue, 24 Nov 2026 10:00:00 (UTC) +0000 (comment)'),
  fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((date) => date.toUTCString().replace('GMT', '+0000')),
);
const rawText = fc.string({ unit: 'binary', maxLength: 40 });
const controlText = fc.constantFrom('\u0000', '\u0001', '\u001b[31m', '\u007f', '\r', '\u00a0', '\ufeff', 'é', '€', '😀');

const valueToken = fc.oneof(
  { weight: 3, arbitrary: mailbox },
  { weight: 2, arbitrary: encodedWord },
  { weight: 1, arbitrary: dateValue },
  { weight: 2, arbitrary: atom },
  { weight: 1, arbitrary: rawText },
  { weight: 1, arbitrary: controlText },
  { weight: 1, arbitrary: comment },
  { weight: 1, arbitrary: fc.constantFrom(',', ';', ':', '<', '>', '"', '\\', '@', '[', ']') },
);

const lineEnding = fc.oneof({ weight: 6, arbitrary: fc.constant('\r\n') }, { weight: 2, arbitrary: fc.constant('\n') }, { weight: 1, arbitrary: fc.constant('\r') }, { weight: 1, arbitrary: fc.constant('\n\r') });

/** One field: name, colon, tokens joined by spaces or by folds (line ending + WSP), its line ending. */
const headerField = fc
  .tuple(fieldName, fc.constantFrom(':', ': ', ' : ', ':\t', ''), fc.array(fc.tuple(valueToken, fc.constantFrom(' ', ', ', 'FOLD', '')), { maxLength: 8 }), lineEnding, lineEnding)
  .map(([name, colon, tokens, ending, foldEnding]) => {
    const value = tokens.map(([token, separator]) => token + (separator === 'FOLD' ? `${foldEnding}${token.length % 2 ? ' ' : '\t'}` : separator)).join('');
    return `${name}${colon}${value}${ending}`;
  });

const bodyText = fc.oneof(
  fc.constant(''),
  fc.array(fc.oneof(fc.string({ maxLength: 90 }), fc.integer({ min: 79, max: 3000 }).map((n) => 'x'.repeat(n))), { maxLength: 10 }).map((lines) => lines.join('\r\n')),
  rawText,
);

/** A generated header section, usually followed by a blank line and a body. */
export const generatedHeaderSection: fc.Arbitrary<Uint8Array> = fc
  .tuple(fc.array(headerField, { maxLength: 30 }), fc.constantFrom('\r\n', '\n', '', '\r\n\r\n'), bodyText, fc.boolean())
  .map(([fields, separator, body, latin1]) => {
    const text = fields.join('') + separator + body;
    // Sometimes Latin-1 octets instead of UTF-8, as old mailers write them.
    return latin1 ? Uint8Array.from(Buffer.from(text, 'latin1')) : bytesOf(text);
  });

/** What the address layer is fed: address-like strings and arbitrary ones. */
export const addressInput: fc.Arbitrary<string> = fc.oneof(
  fc.array(valueToken, { maxLength: 6 }).map((tokens) => tokens.join(' ')),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom('(', ')', '"', '\\', '<', '>', '@', ',', ';', ':', '[', ']', 'a', ' ', '.'), maxLength: 400 }),
  fc.integer({ min: 1, max: 5000 }).map((depth) => `a@example.com ${'('.repeat(depth)}${')'.repeat(depth)}`),
);

/**
 * Large inputs built by repetition, for the fuzz run's time-per-size measure: many fields, one very
 * long or deeply folded field, deeply nested comments, many recipients, long bodies. Not used in
 * `npm test` (big inputs cost seconds there; speed is measured by the fuzz run).
 */
export const scaledInput: fc.Arbitrary<Uint8Array> = fc
  .tuple(
    fc.constantFrom('fields', 'long-value', 'folds', 'nested-comments', 'recipients', 'encoded-words', 'body-lines', 'blank-lines', 'bare-cr'),
    fc.integer({ min: 10, max: 20_000 }),
    headerField,
  )
  .map(([shape, count, field]) => {
    const head = 'From: a@example.com\r\nDate: Tue, 24 Nov 2026 10:00:00 +0000\r\n';
    switch (shape) {
      case 'fields':
        return bytesOf(head + field.repeat(Math.ceil(count / 4)) + '\r\nbody\r\n');
      case 'long-value':
        return bytesOf(`${head}Subject: ${'word '.repeat(count * 5)}\r\n\r\nbody\r\n`);
      case 'folds':
        return bytesOf(`${head}Subject: x${'\r\n x'.repeat(count)}\r\n\r\nbody\r\n`);
      case 'nested-comments':
        return bytesOf(`Date: Tue, 24 Nov 2026 10:00:00 +0000\r\nFrom: a@example.com ${'('.repeat(count)}${')'.repeat(count)}\r\nTo: ${'('.repeat(count)}b@example.net\r\n\r\nbody\r\n`);
      case 'recipients':
        return bytesOf(`${head}To: ${Array.from({ length: Math.ceil(count / 4) }, (_, i) => `"R ${i}, x" <r${i}@example.net>`).join(',\r\n ')}\r\n\r\nbody\r\n`);
      case 'encoded-words':
        return bytesOf(`${head}Subject: ${'=?utf-8?Q?a=C3?= '.repeat(Math.ceil(count / 2))}\r\n\r\nbody\r\n`);
      case 'body-lines':
        return bytesOf(`${head}Subject: s\r\n\r\n${'line\n'.repeat(count * 5)}`);
      case 'blank-lines':
        return bytesOf(`${head}Subject: s\r\n\r\n${'\n'.repeat(count * 10)}`);
      case 'bare-cr':
        return bytesOf(`${head}Subject: ${'a\r'.repeat(count * 5)}\r\n\r\n${'b\r'.repeat(count * 5)}`);
    }
    return bytesOf(head);
  });
