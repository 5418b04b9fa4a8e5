// Folding a header field (RFC 5322 2.2.3): a line break inserted before white space, which
// unfolding removes again, so the field means what it meant. Address lists may also break after a
// comma between addresses, with a space added (white space is allowed around list commas).

const isWhiteSpace = (character: string | undefined): boolean => character === ' ' || character === '\t';

interface Piece {
  text: string;
  /** The piece starts after a list comma: folding before it adds a space, joining it does not. */
  afterComma: boolean;
}

/** Indexes of top-level commas (outside quoted strings, comments and angle brackets) followed by text. */
function listCommaBreaks(value: string): Set<number> {
  const breaks = new Set<number>();
  let quoted = false;
  let commentDepth = 0;
  let angle = false;
  for (let index = 0; index < value.length; index += 1) {
    const character = value[index];
    if (character === '\\' && (quoted || commentDepth > 0)) index += 1;
    else if (quoted) quoted = character !== '"';
    else if (character === '"' && commentDepth === 0) quoted = true;
    else if (character === '(') commentDepth += 1;
    else if (character === ')' && commentDepth > 0) commentDepth -= 1;
    else if (commentDepth > 0) continue;
    else if (character === '<') angle = true;
    else if (character === '>') angle = false;
    else if (character === ',' && !angle && index + 1 < value.length && !isWhiteSpace(value[index + 1])) breaks.add(index + 1);
  }
  return breaks;
}

/** The value cut where a fold may go: before white space that follows text, and after list commas. */
function piecesOf(value: string, afterCommas: boolean): Piece[] {
  const commaBreaks = afterCommas ? listCommaBreaks(value) : new Set<number>();
  const pieces: Piece[] = [];
  let start = 0;
  let startsAfterComma = false;
  // A fold needs text after it on its line: none after the last character that is not white space.
  let lastText = value.length - 1;
  while (lastText >= 0 && isWhiteSpace(value[lastText])) lastText -= 1;
  for (let index = 1; index < value.length; index += 1) {
    const foldable = isWhiteSpace(value[index]) && !isWhiteSpace(value[index - 1]) && index < lastText;
    const comma = commaBreaks.has(index);
    if (!foldable && !comma) continue;
    pieces.push({ text: value.slice(start, index), afterComma: startsAfterComma });
    start = index;
    startsAfterComma = comma;
  }
  pieces.push({ text: value.slice(start), afterComma: startsAfterComma });
  return pieces;
}

export interface FoldOptions {
  /** Octets a line should stay within (78, RFC 5322 2.1.1's SHOULD). */
  width: number;
  /** Octets no line may pass; past it the fold is not offered. */
  limit: number;
  /** The field is an address list: breaks after list commas are allowed too. */
  addressList: boolean;
  /** The line break to fold with. */
  ending: string;
}

/**
 * The field's value (everything after the colon) folded so lines stay within `width` where white
 * space allows; undefined when a line would still pass `limit` (one word longer than the limit).
 */
export function foldValue(name: string, value: string, options: FoldOptions): string | undefined {
  const pieces = piecesOf(value, options.addressList);
  const lines: string[] = [];
  let line = `${name}:${pieces[0]!.text}`;
  const prefixLength = name.length + 1;
  for (const piece of pieces.slice(1)) {
    const continuation = piece.afterComma ? ` ${piece.text}` : piece.text;
    const hasText = /[^ \t]/.test(line.slice(prefixLength)) || lines.length > 0;
    if (hasText && Buffer.byteLength(line) + Buffer.byteLength(piece.text) > options.width) {
      lines.push(line);
      line = continuation;
    } else {
      line += piece.text;
    }
  }
  lines.push(line);
  if (lines.some((text) => Buffer.byteLength(text) > options.limit)) return undefined;
  return lines.join(options.ending).slice(prefixLength);
}
