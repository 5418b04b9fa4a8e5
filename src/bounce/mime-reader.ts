// A small MIME reader for bounces: header fields, Content-Type and its parameters, multipart parts
// (RFC 2046 5.1) and the transfer decodings (RFC 2045 6), over the bounce's bytes held as a latin1
// string so that every offset is a byte offset into the file.
//
// TODO: move onto src/mime (issue 13's parser) once it lands on main; this reader exists only
// because that parser is not there yet, and it reads no more than a bounce needs.

export interface HeaderField {
  /** Lower-case field name. */
  name: string;
  /** Unfolded value, trimmed. */
  value: string;
}

export interface MimeEntity {
  fields: HeaderField[];
  /** Lower-case `type/subtype`; `text/plain` when the entity has none (RFC 2045 5.2). */
  contentType: string;
  /** Content-Type parameters by lower-case name. */
  parameters: ReadonlyMap<string, string>;
  /** Byte offsets of the entity's header and body in the bounce. */
  start: number;
  bodyStart: number;
  bodyEnd: number;
  /** Parts of a multipart entity; the enclosed message of a message/rfc822 one. */
  parts: MimeEntity[];
}

/** Nesting and part limits: a hostile bounce must not make the reader recurse or loop without end. */
const MAX_DEPTH = 8;
const MAX_PARTS = 200;

export function fieldValue(entity: Pick<MimeEntity, 'fields'>, name: string): string | undefined {
  return entity.fields.find((field) => field.name === name)?.value;
}

/** End of the header section starting at `start`: the offset of the body (after the blank line). */
function headerEnd(source: string, start: number, end: number): { headerStop: number; bodyStart: number } {
  // The header section of an entity may be empty: its body starts after the first line break.
  let index = start;
  while (index < end) {
    const lineEnd = source.indexOf('\n', index);
    const stop = lineEnd === -1 || lineEnd >= end ? end : lineEnd;
    const line = source.slice(index, stop).replace(/\r$/, '');
    if (line === '') return { headerStop: index, bodyStart: Math.min(stop + 1, end) };
    index = stop + 1;
  }
  return { headerStop: end, bodyStart: end };
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

/** `multipart/report; report-type=delivery-status; boundary="x"` → type and parameters. */
export function parseContentType(value: string | undefined): { type: string; parameters: Map<string, string> } {
  const parameters = new Map<string, string>();
  if (value === undefined) return { type: 'text/plain', parameters };
  const [typePart = '', ...rest] = value.split(';');
  const type = typePart.trim().toLowerCase() || 'text/plain';
  const parameterText = rest.join(';');
  for (const match of parameterText.matchAll(/([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]*)/g)) {
    const raw = match[2]!;
    const unquoted = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    parameters.set(match[1]!.toLowerCase(), unquoted);
  }
  return { type: type.includes('/') ? type : 'text/plain', parameters };
}

/** Body ranges of the parts between `--boundary` lines (RFC 2046 5.1.1). */
function splitMultipart(source: string, start: number, end: number, boundary: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const delimiter = `--${boundary}`;
  let partStart = -1;
  let index = start;
  while (index < end && ranges.length < MAX_PARTS) {
    const lineEnd = source.indexOf('\n', index);
    const stop = lineEnd === -1 || lineEnd >= end ? end : lineEnd;
    // Leading white space is tolerated: some gateways indent the delimiter line.
    const line = source.slice(index, stop).replace(/\r$/, '').trim();
    if (line.startsWith(delimiter)) {
      const closing = line === `${delimiter}--`;
      if (line === delimiter || closing) {
        // The line break before a delimiter belongs to the delimiter.
        if (partStart !== -1) ranges.push([partStart, index > partStart ? index - (source[index - 2] === '\r' ? 2 : 1) : index]);
        if (closing) return ranges;
        partStart = stop + 1;
      }
    }
    index = stop + 1;
  }
  // No closing delimiter (truncated bounces are common): the last part runs to the end.
  if (partStart !== -1 && partStart < end) ranges.push([partStart, end]);
  return ranges;
}

function readEntity(source: string, start: number, end: number, depth: number, count: { parts: number }): MimeEntity {
  const { headerStop, bodyStart } = headerEnd(source, start, end);
  const fields = parseHeaderFields(source.slice(start, headerStop));
  const { type, parameters } = parseContentType(fieldValue({ fields }, 'content-type'));
  const entity: MimeEntity = { fields, contentType: type, parameters, start, bodyStart, bodyEnd: end, parts: [] };
  if (depth >= MAX_DEPTH) return entity;
  const boundary = parameters.get('boundary');
  if (type.startsWith('multipart/') && boundary) {
    for (const [partStart, partEnd] of splitMultipart(source, bodyStart, end, boundary)) {
      if ((count.parts += 1) > MAX_PARTS) break;
      entity.parts.push(readEntity(source, partStart, partEnd, depth + 1, count));
    }
  } else if (type === 'message/rfc822' || type === 'message/global') {
    entity.parts.push(readEntity(source, bodyStart, end, depth + 1, count));
  }
  return entity;
}

/** Reads the MIME structure of a whole message held as a latin1 string (one character per byte). */
export function readMime(source: string): MimeEntity {
  return readEntity(source, 0, source.length, 0, { parts: 0 });
}

/** Every entity of the tree, depth first, without descending into enclosed messages. */
export function* walkParts(entity: MimeEntity): Generator<MimeEntity> {
  yield entity;
  if (entity.contentType.startsWith('message/')) return;
  for (const part of entity.parts) yield* walkParts(part);
}

function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** Body bytes after Content-Transfer-Encoding, still one character per byte. */
export function decodedBodyBytes(source: string, entity: MimeEntity): string {
  const body = source.slice(entity.bodyStart, entity.bodyEnd);
  const encoding = (fieldValue(entity, 'content-transfer-encoding') ?? '').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('latin1');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
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
export function textOf(source: string, entity: MimeEntity): string {
  return decodeCharset(decodedBodyBytes(source, entity), entity.parameters.get('charset'));
}
