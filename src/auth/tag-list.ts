// The tag=value lists of DKIM key records (RFC 6376 3.2) and DMARC records (RFC 7489 6.4): each tag
// kept with its place in the record, so a finding can point at the tag at fault.

import { shorten } from './txt.js';

export interface Tag {
  /** As written, white space around it removed (names are case-sensitive in both RFCs). */
  name: string;
  /** As written, white space around it removed. */
  value: string;
  /** 1-based character position of the tag name in the record. */
  column: number;
}

export interface TagListProblem {
  message: string;
  column: number;
}

export interface TagList {
  tags: Tag[];
  problems: TagListProblem[];
}

const TAG_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * Splits `v=DKIM1; k=rsa; p=…` into tags. A part without `=`, a malformed name, or a name given
 * twice is a problem (RFC 6376 3.2: a duplicate tag makes the whole list invalid); one trailing `;`
 * is allowed.
 */
export function parseTagList(record: string): TagList {
  const tags: Tag[] = [];
  const problems: TagListProblem[] = [];
  const seen = new Set<string>();
  let start = 0;
  const parts = record.split(';');
  // A loop, not a forEach: no closure per record (every DMARC and DKIM key record is read here).
  for (let index = 0; index < parts.length; index += 1) {
    const part = parts[index]!;
    const column = start + 1 + (part.length - part.trimStart().length);
    start += part.length + 1;
    if (part.trim() === '') {
      if (index !== parts.length - 1) problems.push({ message: 'an empty tag (two ";" in a row)', column });
      continue;
    }
    const equals = part.indexOf('=');
    if (equals === -1) {
      problems.push({ message: `"${shorten(part.trim())}" is not a tag=value pair`, column });
      continue;
    }
    const name = part.slice(0, equals).trim();
    const value = part.slice(equals + 1).trim();
    if (!TAG_NAME.test(name)) {
      problems.push({ message: `"${shorten(name)}" is not a tag name`, column });
      continue;
    }
    if (seen.has(name)) {
      // Kept out of `tags`: the first value stands, and the list is invalid anyway.
      problems.push({ message: `tag ${name}= appears more than once`, column });
      continue;
    }
    seen.add(name);
    tags.push({ name, value, column });
  }
  return { tags, problems };
}
