// Deterministic generator of realistic messages for the benchmarks: Received chains, folded
// DKIM-Signature, MIME headers, 1-20 KB bodies, and about one in five with a problem a linter
// should catch (missing or broken Date, duplicate Subject, bare LF, long line, raw 8-bit, ...).
// Only reserved names are used (example.com/.net/.org, *.test, 192.0.2.0/24).

import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';

/** mulberry32: small, fast, seedable; the same seed gives the same corpus on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'order receipt invoice account password shipping delivery payment thank you for your the a of to and in we have received will be sent within two business days please contact support if questions team welcome update newsletter weekly news product release notes'.split(
    ' ',
  );
const NAMES = ['Jane Roe', 'John Doe', 'Alex Smith', 'Sam Lee', 'Maria Garcia', 'Chen Wei', 'Ana Silva', 'Ola Nordmann'];
const DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example.com', 'shop.example.net'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const PROBLEMS = ['no-date', 'bad-date', 'duplicate-subject', 'bare-lf', 'long-line', 'raw-utf8-subject', 'unquoted-comma', 'no-message-id', 'broken-encoded-word', 'typo-domain'] as const;
type Problem = (typeof PROBLEMS)[number];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function sentence(random: () => number, words: number): string {
  const parts: string[] = [];
  for (let index = 0; index < words; index += 1) parts.push(pick(random, WORDS));
  const text = parts.join(' ');
  return text[0]!.toUpperCase() + text.slice(1);
}

export function rfc5322Date(moment: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${DAYS[moment.getUTCDay()]}, ${moment.getUTCDate()} ${MONTHS[moment.getUTCMonth()]} ${moment.getUTCFullYear()} ${pad(moment.getUTCHours())}:${pad(moment.getUTCMinutes())}:${pad(moment.getUTCSeconds())} +0000`;
}

/** RFC 2047 B words of at most 75 characters, split between words (never inside a UTF-8 sequence). */
function encodedWords(text: string): string {
  const chunks: string[] = [];
  for (const word of text.split(' ')) {
    const last = chunks.length - 1;
    if (last >= 0 && Buffer.byteLength(`${chunks[last]} ${word}`) <= 36) chunks[last] += ` ${word}`;
    else chunks.push(chunks.length === 0 ? word : ` ${word}`);
  }
  return chunks.map((chunk) => `=?utf-8?B?${Buffer.from(chunk).toString('base64')}?=`).join('\r\n ');
}

function mailbox(random: () => number): string {
  const name = pick(random, NAMES);
  const local = name.toLowerCase().replace(' ', '.');
  return `${name} <${local}@${pick(random, DOMAINS)}>`;
}

/** Body lines of text wrapped at 76 columns until `octets` is reached. */
function body(random: () => number, octets: number, newline: string): string {
  const lines: string[] = [];
  let size = 0;
  while (size < octets) {
    const line = sentence(random, 6 + Math.floor(random() * 6)).slice(0, 76);
    lines.push(line);
    size += line.length + newline.length;
  }
  return lines.join(newline) + newline;
}

/**
 * Dates are recent relative to the run (the CLI measures date-skew against the clock), rounded to
 * the hour so a corpus generated twice in the same hour is the same.
 */
const RUN_HOUR = Math.floor(Date.now() / 3_600_000) * 3_600_000;

/** Message number `index` of the corpus seeded with `seed`. */
export function generateMessage(index: number, seed = 1): string {
  const random = seededRandom(seed * 1_000_003 + index);
  const problem: Problem | undefined = random() < 0.2 ? pick(random, PROBLEMS) : undefined;
  const moment = new Date(RUN_HOUR - Math.floor(random() * 36 * 3_600_000));
  const from = mailbox(random);
  const to = Array.from({ length: 1 + Math.floor(random() * 3) }, () => mailbox(random));
  const subject = sentence(random, 3 + Math.floor(random() * 5));
  const id = `${index.toString(36)}.${Math.floor(random() * 1e9).toString(36)}@mail.example.com`;
  const fields: string[] = [`Return-Path: <bounces+${index}@example.com>`];
  for (let hop = 0; hop < 2 + Math.floor(random() * 3); hop += 1) {
    fields.push(`Received: from mx${hop}.example.net (mx${hop}.example.net [192.0.2.${10 + hop}])\r\n\tby mail.example.com with ESMTPS id ${id.slice(0, 12)}${hop}\r\n\tfor <${to[0]!.replace(/.*</, '').replace('>', '')}>; ${rfc5322Date(moment)}`);
  }
  fields.push(
    `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=s1;\r\n\th=from:to:subject:date:message-id; bh=${'A'.repeat(43)}=;\r\n\tb=${'b'.repeat(70)}\r\n\t ${'c'.repeat(70)}\r\n\t ${'d'.repeat(60)}`,
  );
  fields.push(problem === 'unquoted-comma' ? `From: Roe, Jane <jane.roe@example.com>` : `From: ${from}`);
  fields.push(`To: ${problem === 'typo-domain' ? 'someone@gmial.com' : to.join(',\r\n ')}`);
  if (random() < 0.3) fields.push(`Cc: ${mailbox(random)}`);
  if (problem === 'raw-utf8-subject') fields.push(`Subject: Grüße — ${subject}`);
  else if (problem === 'broken-encoded-word') fields.push(`Subject: =?utf-8?X?${subject.replace(/ /g, '_')}?=`);
  else if (random() < 0.2) fields.push(`Subject: ${encodedWords(`${subject} ✓`)}`);
  else fields.push(`Subject: ${subject}`);
  if (problem === 'duplicate-subject') fields.push(`Subject: ${subject} (again)`);
  if (problem === 'bad-date') fields.push(`Date: ${rfc5322Date(moment).replace(/^\w+/, 'Xyz')}`);
  else if (problem !== 'no-date') fields.push(`Date: ${rfc5322Date(moment)}`);
  if (problem !== 'no-message-id') fields.push(`Message-ID: <${id}>`);
  fields.push('MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit');
  if (random() < 0.5) fields.push(`List-Unsubscribe: <https://example.com/unsubscribe/${index}>, <mailto:unsubscribe@example.com>`);

  const bodySize = 1024 + Math.floor(random() * 19 * 1024);
  let text = `${fields.join('\r\n')}\r\n\r\n${body(random, bodySize, '\r\n')}`;
  if (problem === 'bare-lf') text = text.replace(/\r\n(?=[^\r\n]*\r\n[^\r\n]*$)/, '\n');
  if (problem === 'long-line') text += `${'x'.repeat(1200)}\r\n`;
  return text;
}

/** Writes `count` generated messages into `folder` (created if needed). */
export function writeCorpus(folder: string, count: number, seed = 1): void {
  mkdirSync(folder, { recursive: true });
  for (let index = 0; index < count; index += 1) {
    writeFileSync(join(folder, `msg-${String(index).padStart(6, '0')}.eml`), generateMessage(index, seed));
  }
}

/** Streams a message of about `megabytes` MB to `path`: normal headers, then a body of 76-column lines. */
export async function writeLargeMessage(path: string, megabytes: number, newline: '\r\n' | '\n' = '\r\n'): Promise<void> {
  const stream = createWriteStream(path, { highWaterMark: 1024 * 1024 });
  const head = generateMessage(0).split('\r\n\r\n')[0]!.replaceAll('\r\n', newline);
  stream.write(`${head}${newline}${newline}`);
  const random = seededRandom(7);
  const block = body(random, 1024 * 1024, newline);
  for (let written = 0; written < megabytes; written += 1) {
    if (!stream.write(block)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
}
