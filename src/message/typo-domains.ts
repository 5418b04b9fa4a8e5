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

/** Answers per domain for the run: a bulk lint names the same few domains thousands of times. */
const suggestions = new Map<string, string | undefined>();
const MAX_REMEMBERED = 10_000;

/**
 * The provider domain `domain` (lower-case ASCII) is most likely a typo of, or undefined.
 * `knownDomains` are never reported (compared case-insensitively).
 */
export function suggestProviderDomain(domain: string, knownDomains: readonly string[] = []): string | undefined {
  const name = domain.toLowerCase();
  if (knownDomains.some((known) => known.toLowerCase() === name)) return undefined;
  if (suggestions.has(name)) return suggestions.get(name);
  let suggestion: string | undefined;
  if (!KNOWN_MAIL_DOMAINS.includes(name)) suggestion = TARGETS.find((target) => isOneEditAway(name, target));
  if (suggestions.size >= MAX_REMEMBERED) suggestions.clear();
  suggestions.set(name, suggestion);
  return suggestion;
}

/**
 * Damerau-Levenshtein distance (optimal string alignment) is exactly 1, in linear time: past the
 * common prefix and suffix, one edit leaves one character on one side (insertion or deletion), one
 * on each (replacement), or two swapped neighbours (transposition).
 */
export function isOneEditAway(left: string, right: string): boolean {
  if (left === right || Math.abs(left.length - right.length) > 1) return false;
  let start = 0;
  while (start < left.length && start < right.length && left[start] === right[start]) start += 1;
  let leftEnd = left.length;
  let rightEnd = right.length;
  while (leftEnd > start && rightEnd > start && left[leftEnd - 1] === right[rightEnd - 1]) {
    leftEnd -= 1;
    rightEnd -= 1;
  }
  const leftRest = leftEnd - start;
  const rightRest = rightEnd - start;
  if (leftRest + rightRest === 1 || (leftRest === 1 && rightRest === 1)) return true;
  return leftRest === 2 && rightRest === 2 && left[start] === right[start + 1] && left[start + 1] === right[start];
}
