// A bounce's MIME structure as src/mime reads it for `maillint lint` (parseMime: the entities, their
// media types, transfer encodings and lines), plus the little a bounce needs that src/mime does not
// give, because src/mime keeps facts about content and never the content itself:
// - a part's content: the bounce is held whole (up to 16 MB), so the bytes between a part's bodyLine
//   and endLine are sliced from it and their transfer encoding undone here;
// - header fields of content: the bounce's own header (src/mime parses only MIME-Version and
//   Content-*), the returned message's header and the field groups of a message/delivery-status body
//   (RFC 3464 2.1), read leniently as a bounce needs (no positions, no judging).
// Every string here is latin1 (one character per byte), so an offset is a byte offset into the bounce.

import { decodeQuotedPrintableLine } from '../mime/decoded-text.js';
import { parameterOf } from '../mime/parameters.js';
import { parseMime } from '../mime/scan.js';
import type { MimeEntity } from '../mime/types.js';

export interface HeaderField {
  /** Lower-case field name. */
  name: string;
  /** Unfolded value, trimmed. */
  value: string;
}

export interface BouncePart {
  /** Lower-case `type/subtype` in force (src/mime's mediaType). */
  contentType: string;
  /** The declared charset parameter (none: the text is read as UTF-8). */
  charset: string | undefined;
  /** Transfer encoding in force, lower-case. */
  encoding: string;
  /** Byte offsets of its content in the bounce. */
  bodyStart: number;
  bodyEnd: number;
  /** It has parts of its own: a multipart that was split, a message/rfc822 whose message was read. */
  hasParts: boolean;
}

export interface BounceMime {
  /** The bounce's own header fields, all of them. */
  fields: HeaderField[];
  root: BouncePart;
  /** The root and its parts in input order, without those of a message it encloses (a returned copy is not the report). */
  parts: BouncePart[];
}

export function fieldValue(entity: { fields: readonly HeaderField[] }, name: string): string | undefined {
  return entity.fields.find((field) => field.name === name)?.value;
}

export function parseHeaderFields(text: string): HeaderField[] {
  const fields: HeaderField[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && fields.length > 0) {
      fields[fields.length - 1]!.value += ` ${line.trim()}`;
      continue;
    }
    // RFC 5322 2.2 field names: printable ASCII but colon, no space (an mbox `From ` line is not one).
    const match = /^([!-9;-~]+)[ \t]*:(.*)$/.exec(line);
    if (!match) continue;
    fields.push({ name: match[1]!.toLowerCase(), value: match[2]!.trim() });
  }
  return fields;
}

/** Offsets where each line starts (line n at index n - 1); lines end at LF as src/mime counts them. */
function lineStarts(source: string): number[] {
  const starts = [0];
  for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/** Byte range of an entity's content: to the line break before its delimiter, or to the end of the bounce. */
function contentRange(source: string, starts: readonly number[], entity: MimeEntity): { bodyStart: number; bodyEnd: number } {
  if (entity.bodyLine === undefined || entity.endLine === undefined) return { bodyStart: source.length, bodyEnd: source.length };
  const bodyStart = starts[entity.bodyLine - 1] ?? source.length;
  const next = starts[entity.endLine];
  if (next === undefined || next >= source.length) return { bodyStart, bodyEnd: source.length };
  const lineBreak = source[next - 2] === '\r' ? 2 : 1;
  return { bodyStart, bodyEnd: Math.max(bodyStart, next - lineBreak) };
}

/**
 * The type a part declares, even when its parameters break RFC 2045 syntax (`text/rfc822-headers;
 * Content-Transfer-Encoding: 8bit`): src/mime then reads it as text/plain, as a strict reader must;
 * a bounce is read for what its writer meant.
 */
function declaredType(entity: MimeEntity): string {
  const declared = entity.contentType;
  if (!declared?.syntaxError) return entity.mediaType;
  return /^[^/\s]+\/[^/\s]+$/.test(declared.value) ? declared.value : entity.mediaType;
}

/** Reads the MIME structure of a whole bounce held as a latin1 string, with src/mime. */
export function readMime(source: string): BounceMime {
  const { entities } = parseMime(Buffer.from(source, 'latin1'));
  const starts = lineStarts(source);
  const parts: BouncePart[] = [];
  // Entities come depth first: the open ancestors of an entity are the stack's entries above its depth.
  const ancestors: MimeEntity[] = [];
  for (const [index, entity] of entities.entries()) {
    ancestors.length = entity.depth;
    const enclosed = ancestors.some((ancestor) => ancestor.mediaType.startsWith('message/'));
    ancestors.push(entity);
    if (enclosed) continue;
    parts.push({
      contentType: declaredType(entity),
      charset: parameterOf(entity.contentType, 'charset')?.value,
      encoding: entity.encoding,
      ...contentRange(source, starts, entity),
      hasParts: (entities[index + 1]?.depth ?? 0) > entity.depth,
    });
  }
  const rootBody = parts[0]!.bodyStart;
  // The header section ends with an empty line; what is before the body is the header.
  const fields = parseHeaderFields(source.slice(0, rootBody));
  return { fields, root: parts[0]!, parts };
}

/** Quoted-printable undone line by line with src/mime's decoder (the one mime-charset-invalid uses). */
function decodeQuotedPrintable(text: string): string {
  const lines = text.split(/\r?\n/);
  const decoded = lines.map((line, index) => {
    const bytes = decodeQuotedPrintableLine(Buffer.from(line, 'latin1'));
    // The last line has no line break of its own to keep.
    return index === lines.length - 1 && bytes.at(-1) === 10 ? bytes.subarray(0, -1) : bytes;
  });
  return Buffer.concat(decoded).toString('latin1');
}

/** Body bytes after Content-Transfer-Encoding, still one character per byte. */
export function decodedBodyBytes(source: string, part: BouncePart): string {
  const body = source.slice(part.bodyStart, part.bodyEnd);
  if (part.encoding === 'base64') return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('latin1');
  if (part.encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

/** Bytes (latin1 string) as text in `charset`; UTF-8 when the charset is unknown to this runtime. */
export function decodeCharset(bytes: string, charset: string | undefined): string {
  const buffer = Buffer.from(bytes, 'latin1');
  try {
    return new TextDecoder(charset?.trim() || 'utf-8').decode(buffer);
  } catch {
    return new TextDecoder('utf-8').decode(buffer);
  }
}

/** A text part's content as characters. */
export function textOf(source: string, part: BouncePart): string {
  return decodeCharset(decodedBodyBytes(source, part), part.charset);
}
