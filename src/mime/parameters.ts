// RFC 2045 5.1 parameterized field values (Content-Type, Content-Disposition,
// Content-Transfer-Encoding): a token or type/subtype, then "; name=value" parameters, comments
// allowed anywhere (RFC 2045 uses RFC 822 lexical rules), values a token or a quoted-string,
// RFC 2231 sections (name*0=, name*1*=) joined. Indexes are kept so findings can point into the field.

import { readComment } from '../message/cfws.js';
import type { HeaderField } from '../message/types.js';
import type { MimeParameter, ParameterizedValue } from './types.js';

/** RFC 2045 5.1 tspecials, plus what no token may hold. */
const TOKEN_CHARACTER = /[^\u0000-\u0020\u007f-\uffff()<>@,;:\\"/[\]?=]/;

/** Steps over white space and comments from `index`. */
function skipCfws(text: string, index: number): number {
  let at = index;
  while (at < text.length) {
    const character = text[at]!;
    if (character === ' ' || character === '\t' || character === '\r' || character === '\n') at += 1;
    else if (character === '(') at = readComment(text, at).end;
    else break;
  }
  return at;
}

function readToken(text: string, index: number): string {
  let end = index;
  while (end < text.length && TOKEN_CHARACTER.test(text[end]!)) end += 1;
  return text.slice(index, end);
}

/** A quoted-string from its opening quote: its content (quoted-pairs undone) and where it ends. */
function readQuoted(text: string, index: number): { value: string; end: number; closed: boolean } {
  let value = '';
  let at = index + 1;
  while (at < text.length) {
    const character = text[at]!;
    if (character === '\\' && at + 1 < text.length) {
      value += text[at + 1];
      at += 2;
      continue;
    }
    if (character === '"') return { value, end: at + 1, closed: true };
    value += character;
    at += 1;
  }
  return { value, end: at, closed: false };
}

interface RawParameter extends MimeParameter {
  section: number;
}

/** Parses a field's value; `withSubtype` for Content-Type (type "/" subtype). */
export function parseParameterized(field: HeaderField, withSubtype: boolean): ParameterizedValue {
  const text = field.value;
  let syntaxError: string | undefined;
  const fail = (reason: string): void => void (syntaxError ??= reason);
  let at = skipCfws(text, 0);
  let value = readToken(text, at);
  at += value.length;
  if (value.length === 0) fail('it has no value before the parameters');
  if (withSubtype) {
    at = skipCfws(text, at);
    if (text[at] === '/') {
      at = skipCfws(text, at + 1);
      const subtype = readToken(text, at);
      at += subtype.length;
      if (subtype.length === 0) fail('the subtype after "/" is missing');
      value += `/${subtype}`;
    } else if (value.length > 0) {
      fail(`"${value}" has no "/subtype"`);
    }
  }
  const raw: RawParameter[] = [];
  at = skipCfws(text, at);
  while (at < text.length) {
    if (text[at] !== ';') {
      fail(`unexpected ${JSON.stringify(text[at])} where ";" should start the next parameter`);
      break;
    }
    at = skipCfws(text, at + 1);
    if (at >= text.length) break; // a trailing ";" is common and harmless
    const nameIndex = at;
    const name = readToken(text, at);
    at = skipCfws(text, at + name.length);
    if (name.length === 0 || text[at] !== '=') {
      fail(name.length === 0 ? 'a parameter has no name' : `parameter ${JSON.stringify(name)} has no "=value"`);
      break;
    }
    at = skipCfws(text, at + 1);
    let parameterValue: string;
    let quoted = false;
    if (text[at] === '"') {
      const read = readQuoted(text, at);
      if (!read.closed) fail(`the quoted value of ${JSON.stringify(name)} is never closed`);
      parameterValue = read.value;
      quoted = true;
      at = read.end;
    } else {
      parameterValue = readToken(text, at);
      at += parameterValue.length;
      if (parameterValue.length === 0) fail(`parameter ${JSON.stringify(name)} has an empty value (quote it: "")`);
    }
    const section = /^(.*?)\*(\d+)\*?$/.exec(name);
    const extended = name.endsWith('*') || section !== null;
    const baseName = (section ? section[1]! : name.replace(/\*$/, '')).toLowerCase();
    raw.push({ name: baseName, value: parameterValue, quoted, extended, index: nameIndex, section: section ? Number(section[2]) : -1 });
    at = skipCfws(text, at);
  }
  return { value: value.toLowerCase(), parameters: joinSections(raw), field, ...(syntaxError === undefined ? {} : { syntaxError }) };
}

/** RFC 2231 3: name*0, name*1 … are one parameter, in section order. */
function joinSections(raw: readonly RawParameter[]): MimeParameter[] {
  const joined: MimeParameter[] = [];
  const byName = new Map<string, RawParameter[]>();
  for (const parameter of raw) {
    if (parameter.section < 0) {
      joined.push({ name: parameter.name, value: parameter.value, quoted: parameter.quoted, extended: parameter.extended, index: parameter.index });
      continue;
    }
    const sections = byName.get(parameter.name);
    if (sections) sections.push(parameter);
    else {
      byName.set(parameter.name, [parameter]);
      joined.push({ name: parameter.name, value: '', quoted: false, extended: true, index: parameter.index });
    }
  }
  for (const parameter of joined) {
    const sections = byName.get(parameter.name);
    if (!sections || !parameter.extended || parameter.value !== '') continue;
    sections.sort((left, right) => left.section - right.section);
    parameter.value = sections.map((section) => section.value).join('');
    parameter.quoted = sections.some((section) => section.quoted);
  }
  return joined;
}

export function parameterOf(value: ParameterizedValue | undefined, name: string): MimeParameter | undefined {
  return value?.parameters.find((parameter) => parameter.name === name);
}
