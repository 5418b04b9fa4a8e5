// Rule settings for tests about one part of the domain audit: every other family of domain checks off,
// so a test about MX records need not publish SPF (spf-missing) to stay clean.

import { allChecks } from '../../checks/index.js';
import type { RuleSettings } from '../../src/types.js';

/** Every domain check off except those whose id starts with one of `prefixes` ("mx-", "dns-"). */
export function onlyDomainChecks(...prefixes: string[]): RuleSettings {
  return Object.fromEntries(
    allChecks
      .filter((check) => check.target === 'domain' && !prefixes.some((prefix) => check.id.startsWith(prefix)))
      .map((check) => [check.id, 'off' as const]),
  );
}
