// DMARC records (RFC 7489 6.3, 6.4): which TXT records are DMARC records, and each tag checked
// with its place in the record, for the dmarc-* checks to point at.

import { validateHostname } from '../dns/hostname.js';
import type { DmarcPolicy, DmarcProblem, DmarcRecord, ReportUri } from './dmarc-types.js';
import { parseTagList, type Tag } from './tag-list.js';
import { shorten } from './txt.js';

/** RFC 7489 6.6.3 step 3: a record is DMARC only when it starts with exactly `v=DMARC1`. */
export function isDmarcRecord(text: string): boolean {
  return /^v[ \t]*=[ \t]*DMARC1[ \t]*(;|$)/.test(text);
}

/** A TXT record someone meant as DMARC but receivers discard: `v=dmarc1`, ` v=DMARC1`, `p=reject; v=DMARC1`. */
export function looksMeantAsDmarc(text: string): boolean {
  return !isDmarcRecord(text) && (/dmarc/i.test(text) || /^\s*v\s*=/i.test(text));
}

const POLICIES: readonly string[] = ['none', 'quarantine', 'reject'];
const FAILURE_OPTIONS = new Set(['0', '1', 'd', 's']);
/** Tags of RFC 7489, and the DMARCbis ones (np, psd, t) receivers have begun to read. */
const KNOWN_TAGS = new Set(['v', 'p', 'sp', 'adkim', 'aspf', 'pct', 'fo', 'rf', 'ri', 'rua', 'ruf', 'np', 'psd', 't']);

function problem(tag: Tag, message: string, severity: DmarcProblem['severity'] = 'error'): DmarcProblem {
  return { message, column: tag.column, severity };
}

function policyOf(tag: Tag, problems: DmarcProblem[]): DmarcPolicy | undefined {
  const value = tag.value.toLowerCase();
  if (POLICIES.includes(value)) return value as DmarcPolicy;
  problems.push(problem(tag, `${tag.name}=${shorten(tag.value)} is not a policy: use none, quarantine or reject`));
  return undefined;
}

/** A URI's percent-escapes decoded (RFC 3986 2.1), or undefined when they do not spell UTF-8. */
function percentDecoded(text: string): string | undefined {
  // Most addresses hold no escape: nothing to decode, no RegExp replace.
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'));
  } catch {
    return undefined;
  }
}

/** One `dmarc-uri` (6.4): a URI with an optional `!size` limit; receivers send reports to mailto: only. */
function reportUriOf(tag: Tag, uri: string, column: number, problems: DmarcProblem[]): ReportUri {
  const entry: ReportUri = { tag: tag.name as 'rua' | 'ruf', uri, column };
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):([^!]*)(?:!(\d+)([kmgt])?)?$/i.exec(uri);
  if (match === null) {
    problems.push({ message: `${tag.name}: "${shorten(uri)}" is not a URI with an optional !size (write mailto:reports@example.com)`, column, severity: 'error' });
    return entry;
  }
  if (match[1]!.toLowerCase() !== 'mailto') {
    problems.push({ message: `${tag.name}: "${shorten(uri)}" is not a mailto: URI; receivers send reports only by mail`, column, severity: 'warn' });
    return entry;
  }
  const address = percentDecoded(match[2]!);
  const at = address === undefined ? -1 : address.lastIndexOf('@');
  const host = at > 0 ? validateHostname(address!.slice(at + 1)) : undefined;
  if (host === undefined || !host.ok || address!.slice(0, at).includes(',')) {
    problems.push({ message: `${tag.name}: "${shorten(uri)}" does not name one mailbox (write mailto:reports@example.com)`, column, severity: 'error' });
    return entry;
  }
  entry.host = host.normalized;
  return entry;
}

function reportUrisOf(tag: Tag, problems: DmarcProblem[]): ReportUri[] {
  const uris: ReportUri[] = [];
  let offset = tag.column + tag.name.length + 1;
  for (const part of tag.value.split(',')) {
    const uri = part.trim();
    if (uri === '') problems.push({ message: `${tag.name}: an empty URI in the list`, column: offset, severity: 'error' });
    else uris.push(reportUriOf(tag, uri, offset, problems));
    offset += part.length + 1;
  }
  return uris;
}

function checkEnumeration(tag: Tag, allowed: readonly string[], problems: DmarcProblem[]): void {
  if (!allowed.includes(tag.value.toLowerCase())) problems.push(problem(tag, `${tag.name}=${shorten(tag.value)}: the value must be ${allowed.join(' or ')}`));
}

function checkInteger(tag: Tag, maximum: number, problems: DmarcProblem[]): number | undefined {
  if (/^\d{1,10}$/.test(tag.value) && Number(tag.value) <= maximum) return Number(tag.value);
  problems.push(problem(tag, `${tag.name}=${shorten(tag.value)}: the value must be a whole number from 0 to ${maximum}`));
  return undefined;
}

/** Parses a record that isDmarcRecord accepted; every problem found is listed, not only the first. */
export function parseDmarcRecord(text: string): DmarcRecord {
  const { tags, problems: syntax } = parseTagList(text);
  const problems: DmarcProblem[] = syntax.map((entry) => ({ ...entry, severity: 'error' }));
  const record: DmarcRecord = { text, adkim: 'r', aspf: 'r', percent: 100, reportUris: [], problems };
  for (const tag of tags.slice(1)) {
    switch (tag.name) {
      case 'p': record.policy = policyOf(tag, problems); break;
      case 'sp': record.subdomainPolicy = policyOf(tag, problems); break;
      case 'np': policyOf(tag, problems); break;
      case 'adkim': checkEnumeration(tag, ['r', 's'], problems); if (tag.value.toLowerCase() === 's') record.adkim = 's'; break;
      case 'aspf': checkEnumeration(tag, ['r', 's'], problems); if (tag.value.toLowerCase() === 's') record.aspf = 's'; break;
      case 'pct': record.percent = checkInteger(tag, 100, problems) ?? 100; break;
      case 'ri': checkInteger(tag, 0xffffffff, problems); break;
      case 'fo':
        for (const option of tag.value.split(':')) {
          if (!FAILURE_OPTIONS.has(option.trim())) problems.push(problem(tag, `fo=${shorten(tag.value)}: "${shorten(option.trim())}" is not a failure-reporting option (0, 1, d, s, separated by ":")`));
        }
        break;
      case 'rf':
        if (tag.value.split(':').some((format) => format.trim().toLowerCase() !== 'afrf')) problems.push(problem(tag, `rf=${shorten(tag.value)}: the only report format is afrf`));
        break;
      case 'rua': case 'ruf': record.reportUris.push(...reportUrisOf(tag, problems)); break;
      case 'psd': checkEnumeration(tag, ['y', 'n', 'u'], problems); break;
      case 't': checkEnumeration(tag, ['y', 'n'], problems); break;
      case 'v': problems.push(problem(tag, 'v= must come first and only once')); break;
      default:
        if (!KNOWN_TAGS.has(tag.name)) problems.push(problem(tag, `unknown tag ${shorten(tag.name)}=: receivers ignore it (a misspelt tag?)`, 'warn'));
    }
  }
  if (!tags.some((tag) => tag.name === 'p')) {
    problems.push({ message: 'no p= tag: a record must state its policy (p=none, quarantine or reject) right after v=DMARC1', column: (tags[0]?.column ?? 1), severity: 'error' });
  } else if (tags[1]?.name !== 'p' && record.policy !== undefined) {
    // RFC 7489 6.4's grammar puts p right after v; receivers read it anywhere, some validators do not.
    const tag = tags.find((entry) => entry.name === 'p')!;
    problems.push(problem(tag, 'p= should come right after v=DMARC1 (RFC 7489 6.4); some receivers read it only there', 'warn'));
  }
  return record;
}
