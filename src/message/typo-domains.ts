// Mistyped domains of the big mailbox providers (gmial.com, hotmial.com, yahooo.com): a short
// curated list of provider domains, and a one-edit rule against it (one character inserted,
// deleted, replaced, or two neighbours swapped: Damerau-Levenshtein distance 1).
// Hand-written: the distance is a dozen lines, and no dependency at hand provides it.
//
// False positives are the risk, so:
// - only providers whose name is long enough (5+ letters before the first dot) are targets: one edit
//   away from "me.com" or "aol.com" lies a crowd of real, unrelated domains;
// - real mailbox domains one edit from a target are listed as known and never reported
//   (mail.com vs gmail.com, ymail.com vs gmail.com, email.com vs gmail.com);
// - a user's own such domains go in the check's `knownDomains` option.
// `gmail.co` IS reported: Google receives no mail there, and a dropped "m" is the classic typo.

/** Provider domains typos are measured against. */
export const PROVIDER_DOMAINS: readonly string[] = [
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.co.uk',
  'hotmail.com',
  'hotmail.co.uk',
  'outlook.com',
  'icloud.com',
  'protonmail.com',
  'comcast.net',
  'verizon.net',
  'yandex.ru',
  'yandex.com',
  'mail.ru',
  'gmx.net',
];

/** Real mailbox domains one edit away from a provider: never reported. */
export const KNOWN_MAIL_DOMAINS: readonly string[] = [
  ...PROVIDER_DOMAINS,
  'mail.com',
  'email.com',
  'ymail.com',
  'gmx.com',
  'gmx.de',
  'gmx.at',
  'gmx.ch',
  'live.com',
  'msn.com',
  'me.com',
  'mac.com',
  'aol.com',
  'yahoo.ca',
  'yahoo.de',
  'yahoo.fr',
  'yahoo.es',
  'yahoo.it',
  'hotmail.de',
  'hotmail.fr',
  'hotmail.es',
  'hotmail.it',
  'outlook.de',
  'outlook.fr',
  'proton.me',
  'pm.me',
  'yandex.ua',
  'yandex.by',
  'yandex.kz',
];

const MINIMUM_NAME_LENGTH = 5;

const TARGETS = PROVIDER_DOMAINS.filter((domain) => domain.indexOf('.') >= MINIMUM_NAME_LENGTH);

/**
 * The provider domain `domain` (lower-case ASCII) is most likely a typo of, or undefined.
 * `knownDomains` are never reported (compared case-insensitively).
 */
export function suggestProviderDomain(domain: string, knownDomains: readonly string[] = []): string | undefined {
  const name = domain.toLowerCase();
  if (KNOWN_MAIL_DOMAINS.includes(name)) return undefined;
  if (knownDomains.some((known) => known.toLowerCase() === name)) return undefined;
  for (const target of TARGETS) {
    if (Math.abs(target.length - name.length) <= 1 && isOneEditAway(name, target)) return target;
  }
  return undefined;
}

/** Damerau-Levenshtein distance (optimal string alignment) is exactly 1. */
export function isOneEditAway(left: string, right: string): boolean {
  if (left === right) return false;
  return editDistance(left, right) === 1;
}

function editDistance(left: string, right: string): number {
  const rows = left.length + 1;
  const columns = right.length + 1;
  const table: number[][] = Array.from({ length: rows }, (_, row) => Array.from({ length: columns }, (_, column) => (row === 0 ? column : column === 0 ? row : 0)));
  for (let row = 1; row < rows; row += 1) {
    for (let column = 1; column < columns; column += 1) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      let best = Math.min(table[row - 1]![column]! + 1, table[row]![column - 1]! + 1, table[row - 1]![column - 1]! + cost);
      if (row > 1 && column > 1 && left[row - 1] === right[column - 2] && left[row - 2] === right[column - 1]) {
        best = Math.min(best, table[row - 2]![column - 2]! + 1);
      }
      table[row]![column] = best;
    }
  }
  return table[left.length]![right.length]!;
}
