// The MIME structure of a message as the streaming MIME scanner (scan.ts) reads it: every entity
// (the message itself, each body part, each message attached as message/rfc822) with its header
// fields and positions, and the facts about its content that the MIME checks judge. Positions are
// 1-based lines of the input; body columns count octets.

import type { HeaderField, Position } from '../message/types.js';

export interface MimeParameter {
  /** Lower-case name without RFC 2231 section or "*" (filename*0* → filename). */
  name: string;
  /** The value as written, quotes removed (RFC 2231 sections joined, still percent-encoded). */
  value: string;
  /** The value was a quoted-string. */
  quoted: boolean;
  /** Written the RFC 2231 way (name*=, name*0=). */
  extended: boolean;
  /** Index of the parameter's name in the field's unfolded value (locateInField maps it to a position). */
  index: number;
}

export interface ParameterizedValue {
  /** Lower-case value before the parameters: "multipart/mixed", "attachment", "base64". */
  value: string;
  parameters: MimeParameter[];
  /** The value does not follow RFC 2045 5.1 syntax (what a reader does with it is a guess). */
  syntaxError?: string;
  field: HeaderField;
}

export interface ContentFacts {
  /** Octets of content (line endings included). */
  byteLength: number;
  firstEightBit?: Position;
  firstNul?: Position;
  nulCount: number;
  /** Text declared UTF-8 (or US-ASCII) that is not: where the first bad octet stands. */
  invalidText?: Position;
  /** base64: the first character outside the alphabet, the first line over 76, a truncated last quantum. */
  base64BadCharacter?: Position & { character: number };
  base64Truncated?: Position;
  /** quoted-printable: the first "=" not followed by two hex digits or a line end. */
  badEscape?: Position & { text: string };
  /** base64 and quoted-printable lines over 76 octets: the first, and how many. */
  firstLongEncodedLine?: Position & { octets: number };
  longEncodedLines: number;
  /** Those over 78 octets (RFC 5322 2.1.1's limit too): the first, and how many. */
  firstOverlongEncodedLine?: Position & { octets: number };
  overlongEncodedLines: number;
}

export interface MultipartFacts {
  boundary: string;
  delimiters: number;
  closed: boolean;
  /** Line where the multipart's content ended without its close delimiter (an enclosing one, or the input's end). */
  endLine: number;
}

export interface MimeEntity {
  /** "" for the message itself, "1", "2.1" for body parts (IMAP numbering). */
  path: string;
  /** How it is named in findings: "the message", "part 2.1", "the message attached as part 3". */
  label: string;
  depth: number;
  /** First line of its header section. */
  headerLine: number;
  /** Its MIME fields (MIME-Version and Content-*) with their positions; the rest of its header is not kept. */
  fields: readonly HeaderField[];
  contentType?: ParameterizedValue;
  contentDisposition?: ParameterizedValue;
  transferEncoding?: ParameterizedValue;
  /** "type/subtype" in force: as declared, or the default (text/plain; message/rfc822 in a digest). */
  mediaType: string;
  /** Transfer encoding in force, lower-case ("7bit" when not declared). */
  encoding: string;
  /** Charset in force for text/* parts, lower-case ("us-ascii" when not declared). */
  charset?: string;
  /** First line of its content, when it has any. */
  bodyLine?: number;
  /**
   * Last line of its content, when it has a body: the line before the delimiter that ends it (the
   * line break before a delimiter belongs to the delimiter, RFC 2046 5.1.1), or the input's last
   * line. Below bodyLine when the content is empty. With bodyLine it locates the content for a
   * reader that holds the input and needs more than facts (`maillint bounce` reads report parts).
   */
  endLine?: number;
  content: ContentFacts;
  multipart?: MultipartFacts;
}

export type MimeProblem =
  /** A content line that starts like the delimiter of an enclosing multipart but is not one. */
  | { kind: 'boundary-in-content'; line: number; boundary: string; entity: string }
  /** A nested multipart's boundary starts with an enclosing one's (or the other way): prefix-matching readers split wrongly. */
  | { kind: 'boundary-prefix'; line: number; boundary: string; enclosing: string; entity: string }
  /** Nesting deeper than MAX_MIME_DEPTH or more than MAX_MIME_PARTS parts: the rest was read as opaque content. */
  | { kind: 'capped'; line: number; reason: string };

export interface MimeStructure {
  /** Every entity in input order (the message first), up to MAX_MIME_PARTS. */
  entities: readonly MimeEntity[];
  problems: readonly MimeProblem[];
}
