// The parsed form of a message that every message check reads. Positions are 1-based; a column
// counts characters of the physical line decoded as UTF-8 (what an editor shows), byte offsets
// count octets from the start of the input.

export interface HeaderField {
  /** Field name as written (without trailing white space before the colon). */
  name: string;
  /** Lower-cased name, for case-insensitive comparison (RFC 5322 1.2.2). */
  lowerName: string;
  /** Everything after the colon up to the end of the field, line breaks of folding included. */
  rawValue: string;
  /** The value unfolded (RFC 5322 2.2.3: CRLF before white space removed), decoded as UTF-8. */
  value: string;
  line: number;
  column: number;
  byteOffset: number;
  /** Last physical line of the field (folded fields span several). */
  endLine: number;
  /** Where `value` starts: the character after the colon. */
  valueLine: number;
  valueColumn: number;
  /** Start of each physical line's part within `value`, for mapping an index in `value` to a position. */
  segments: readonly ValueSegment[];
  /** The field contains octets above 127. */
  hasEightBit: boolean;
}

export interface ValueSegment {
  /** Index in `value` where this physical line's part starts. */
  valueIndex: number;
  line: number;
  column: number;
}

export type HeaderProblemKind =
  | 'no-colon'
  | 'bad-field-name'
  | 'space-before-colon'
  | 'leading-continuation'
  | 'control-character'
  | 'missing-blank-line'
  | 'empty-field-name';

export interface HeaderProblem {
  kind: HeaderProblemKind;
  line: number;
  column: number;
  /** The offending text, shortened; never printed raw (formatters escape it). */
  excerpt: string;
}

export interface Position {
  line: number;
  column: number;
}

export interface LineEndingFacts {
  crlf: number;
  bareLf: number;
  bareCr: number;
  firstBareLf?: Position;
  firstBareCr?: Position;
  /** First CRLF, to point at the minority style in a mixed message. */
  firstCrlf?: Position;
}

export interface LongLine {
  line: number;
  /** Length in octets, line ending excluded. */
  octets: number;
  inHeader: boolean;
}

export interface EightBitOccurrence extends Position {
  fieldName: string;
}

export interface ParsedMessage {
  /** Size of the whole input in octets. */
  size: number;
  fields: readonly HeaderField[];
  headerProblems: readonly HeaderProblem[];
  header: {
    /** Octets of the header section, as far as it was read. */
    byteLength: number;
    lineCount: number;
    /** A blank line ended the header section (false also when the input ends inside the header). */
    endedByBlankLine: boolean;
    /** The header section went past the parse limit: fields after it were not read. */
    truncated: boolean;
    /** The limit in force, in octets. */
    limitBytes: number;
    /** Header octets above 127, first few occurrences. */
    eightBit: readonly EightBitOccurrence[];
  };
  body: {
    /** First line of the body, or undefined when there is none. */
    startLine?: number;
    byteLength: number;
    lineCount: number;
    hasEightBit: boolean;
    hasNul: boolean;
  };
  lineEndings: LineEndingFacts;
  /** Physical lines (header and body) longer than 78 octets, the first `longLinesRecorded` of them. */
  longLines: readonly LongLine[];
  /** Number of lines over 78 octets in all, including those not recorded. */
  longLineCount: number;
  /** Longest line in octets. */
  maxLineOctets: number;
  /** The input looks like binary data rather than a message (NUL bytes early, or no text at all). */
  looksBinary: boolean;
}
