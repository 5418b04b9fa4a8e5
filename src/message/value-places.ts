// Where each index of a structured header value stands: inside a comment, a quoted-string, an
// angle-addr "<…>", or elsewhere. RFC 2047 5 allows encoded-words only in some of these places.

import { readComment } from './cfws.js';

export type Place = 'comment' | 'quoted-string' | 'angle-address' | 'other';

/** Index just after the quoted-string whose '"' is at `start` (or the text's length when it never closes). */
function quotedStringEnd(value: string, start: number): number {
  let index = start + 1;
  while (index < value.length) {
    const character = value[index];
    if (character === '"') return index + 1;
    index += character === '\\' ? 2 : 1;
  }
  return value.length;
}

/**
 * The place of every index of `value`. The "(" or '"' that opens a comment or quoted-string stands
 * where it was written; everything after it, up to and including what closes it, is inside.
 */
export function placesOf(value: string): Place[] {
  const places: Place[] = new Array<Place>(value.length);
  let inAngle = false;
  let index = 0;
  while (index < value.length) {
    const character = value[index];
    places[index] = inAngle ? 'angle-address' : 'other';
    if (character === '(') {
      const end = readComment(value, index).end;
      places.fill('comment', index + 1, end);
      index = end;
    } else if (character === '"') {
      const end = quotedStringEnd(value, index);
      places.fill('quoted-string', index + 1, end);
      index = end;
    } else {
      if (character === '<') inAngle = true;
      else if (character === '>') inAngle = false;
      index += 1;
    }
  }
  return places;
}
