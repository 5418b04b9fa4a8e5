// Explaining what did not parse. The parser only says "no"; these look for the usual mistakes
// (an unclosed quote, a missing "@", a display name with an unquoted comma or specials) and say
// how to fix them, and report the empty elements of a list (stray commas).

import { lenientlyParses, strictlyParses } from './address-library.js';
import { encodeSpecialsInWords, ENCODE_INSTEAD } from './address-rules.js';
import { collapse, commentDepthAtEnd, CONTROL_CHARACTER, describeControl, escapeQuoted, hasUnclosedQuote, shorten, stripComments } from './address-structure.js';
import type { ParsedAddressList, ParsedElement } from './address-types.js';

/** Why an element did not parse, phrased for a person: the first usual mistake found in it. */
export function describeSyntaxError(text: string): string {
  const bare = stripComments(text);
  if (hasUnclosedQuote(text)) return 'a quoted string is not closed (a " is missing)';
  if (commentDepthAtEnd(text) > 0) return 'a comment is not closed (a ")" is missing)';
  if (/\[[^\]]*$/.test(bare)) return 'a domain literal is not closed (a "]" is missing)';
  const opens = (bare.match(/</g) ?? []).length;
  const closes = (bare.match(/>/g) ?? []).length;
  if (opens !== closes) return `the angle brackets do not match (${opens} "<", ${closes} ">")`;
  // Outlook's habit: "a@example.com; b@example.com". In RFC 5322 a ";" only closes a group.
  if (/@[^;]*;\s*\S+@/.test(bare.replace(/"[^"]*"/g, '""')) && !bare.includes(':')) {
    return 'addresses are separated by ";": in a header field they are separated by commas (a ";" only ends a group); write "a@example.com, b@example.com"';
  }
  if (opens > 1) return 'it has more than one <…> part: give one address per list element, separated by commas';
  const addrSpec = opens === 1 ? (/<([^>]*)>/.exec(bare)?.[1] ?? '') : bare.trim();
  if (CONTROL_CHARACTER.test(text)) {
    return `it contains ${describeControl(CONTROL_CHARACTER.exec(text)![0])} outside a quoted string; remove it`;
  }
  if (!addrSpec.includes('@')) return 'it has no "@": an address is local-part@domain';
  const ats = (addrSpec.match(/@/g) ?? []).length;
  const lastAt = addrSpec.lastIndexOf('@');
  const local = addrSpec.slice(0, lastAt).trim();
  const domain = addrSpec.slice(lastAt + 1).trim();
  if (local.length === 0) return 'the local part before "@" is missing';
  if (domain.length === 0) return 'the domain after "@" is missing';
  if (ats > 1) return 'it has more than one "@" (an "@" in the local part must be inside a quoted string)';
  if (/^\.|\.$/.test(local) || local.includes('..')) return 'the local part starts or ends with a dot or has two dots in a row; quote it or remove the dots';
  if (/^\.|\.$/.test(domain) || domain.includes('..')) return 'the domain starts or ends with a dot or has two dots in a row';
  if (/\s/.test(local)) return 'the local part contains white space outside quotes';
  if (/\s/.test(domain)) return 'the domain contains white space';
  if (/[()<>[\]:;@\\,"]/.test(local.replace(/"[^"]*"/g, ''))) return 'the local part contains a special character ( ) < > [ ] : ; @ \\ , " outside a quoted string';
  if (/"/.test(local)) return 'quoted and unquoted text are mixed in the local part without a dot between them';
  if (/[()<>[\]:;@\\,"]/.test(domain)) return 'the domain contains a special character';
  if (opens === 1 && /[()<>[\]:;@\\,]/.test(bare.slice(0, bare.indexOf('<')).replace(/"[^"]*"/g, ''))) {
    return 'the display name contains special characters that must be quoted';
  }
  return 'it does not follow the address syntax of RFC 5322 3.4';
}

// ---------------------------------------------------------------------------------------------
// List-level problems.

export function reportEmptyElements(parsedElements: readonly ParsedElement[], total: number, result: ParsedAddressList): void {
  if (parsedElements.length < 2) return;
  for (const parsed of parsedElements) {
    if (!parsed.empty) continue;
    result.problems.push({
      category: 'obsolete',
      level: 'warning',
      message: 'the list has an empty element (a stray comma, obsolete syntax, RFC 5322 4.4): remove the extra comma',
      // Point at the comma that ends the empty element, or for a trailing comma at the one before it.
      index: parsed.element.start + parsed.element.text.length < total ? parsed.element.start + parsed.element.text.length : Math.max(0, parsed.element.start - 1),
    });
  }
}

/**
 * Elements that did not parse: a run of bare phrases followed by a name-addr is a display name with
 * an unquoted comma (`Doe, John <j@example.com>`); a name-addr whose display name only parses when
 * quoted has unquoted specials (`info@shop <info@shop.example>`); a lone phrase is a name without
 * an address; the rest are syntax errors.
 */
export function explainFailures(parsedElements: readonly ParsedElement[], result: ParsedAddressList): void {
  for (let index = 0; index < parsedElements.length; index += 1) {
    const current = parsedElements[index]!;
    if (current.parsed || current.empty) continue;
    const leading = current.element.text.length - current.element.text.trimStart().length;
    const at = current.element.start + leading;

    if (current.phraseOnly && !current.failure?.startsWith('it contains')) {
      let last = index;
      while (last + 1 < parsedElements.length && parsedElements[last + 1]!.phraseOnly && !parsedElements[last + 1]!.parsed) last += 1;
      const next = parsedElements[last + 1];
      const nextMailbox = next?.parsed?.entries[0];
      if (next && nextMailbox?.kind === 'mailbox' && nextMailbox.mailbox.addressIndex > nextMailbox.mailbox.index) {
        const mailbox = nextMailbox.mailbox;
        const nextUpToAddress = next.element.text.slice(0, mailbox.addressIndex - next.element.start);
        const nameInNext = nextUpToAddress.slice(0, nextUpToAddress.lastIndexOf('<'));
        const nameText = [...parsedElements.slice(index, last + 1).map((part) => part.element.text), nameInNext].join(',').trim();
        const encoded = encodeSpecialsInWords(collapse(nameText));
        const quoted = encoded === undefined ? `"${escapeQuoted(collapse(nameText))}" <${mailbox.address}>` : `${encoded} <${mailbox.address}>`;
        const nextText = next.element.text.trimEnd();
        result.problems.push({
          // Only when the mailbox ends the element: a comment after it would be lost.
          ...(nextText.endsWith('>') ? { replacement: { start: at, end: next.element.start + nextText.length, text: quoted } } : {}),
          category: 'unquoted-display-name',
          level: 'invalid',
          message: `display name ${JSON.stringify(collapse(nameText))} contains an unquoted comma, so it splits into ${last - index + 2} list elements: ${parsedElements
            .slice(index, last + 1)
            .map((part) => JSON.stringify(part.element.text.trim()))
            .join(', ')} (not an address) and ${JSON.stringify(collapse(next.element.text))}: ${encoded === undefined ? 'quote the display name' : ENCODE_INSTEAD}`,
          fix: `write ${quoted}`,
          index: at,
          address: mailbox.address,
        });
        index = last; // the next element is a real mailbox and is kept
        continue;
      }
      result.complete = false;
      result.problems.push({
        category: 'syntax',
        level: 'invalid',
        message: `${JSON.stringify(shorten(collapse(current.element.text)))} is a name without an address: write it as Name <user@example.com>`,
        index: at,
      });
      continue;
    }

    const quotedVersion = quoteDisplayName(current.element.text);
    if (quotedVersion && !current.failure?.startsWith('it contains')) {
      result.complete = false;
      const specials = [...new Set(quotedVersion.name.match(/[()<>[\]:;@\\,."]/g) ?? [])].join(' ');
      const encoded = encodeSpecialsInWords(quotedVersion.name);
      const rewritten = encoded === undefined ? quotedVersion.rewritten : `${encoded} <${quotedVersion.addrSpec}>`;
      result.problems.push({
        replacement: { start: at, end: current.element.start + current.element.text.trimEnd().length, text: rewritten },
        category: 'unquoted-display-name',
        level: 'invalid',
        message: `display name ${JSON.stringify(shorten(quotedVersion.name))} contains special characters (${specials}) that must be quoted (RFC 5322 3.2.3); unquoted, the field does not parse and receivers reject or misread it: ${encoded === undefined ? 'quote the display name' : ENCODE_INSTEAD}`,
        fix: `write ${rewritten}`,
        index: at,
      });
      continue;
    }

    result.complete = false;
    result.problems.push({
      category: 'syntax',
      level: 'invalid',
      message: `${JSON.stringify(shorten(collapse(current.element.text)))} is not a valid address: ${current.failure ?? 'it does not follow RFC 5322 3.4'}`,
      index: at,
    });
  }
}

/** `Name <addr>` whose name only parses when quoted: the name and the rewritten mailbox. */
function quoteDisplayName(text: string): { name: string; rewritten: string; addrSpec: string } | undefined {
  const match = /^\s*([^<]*?)\s*<([^<>]*)>\s*$/s.exec(text);
  if (!match || match[1]!.length === 0 || match[1]!.startsWith('"')) return undefined;
  const name = match[1]!;
  const addrSpec = match[2]!.trim();
  const rewritten = `"${escapeQuoted(name)}" <${addrSpec}>`;
  return strictlyParses(rewritten) || lenientlyParses(rewritten) ? { name, rewritten, addrSpec } : undefined;
}
