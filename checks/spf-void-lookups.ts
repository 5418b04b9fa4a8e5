import { quote } from '../src/auth/spf/describe.js';
import { flatten } from '../src/auth/spf/tree.js';
import { MAX_VOID_LOOKUPS } from '../src/auth/spf/limits.js';
import { defineCheck } from '../src/define-check.js';

export default defineCheck({
  id: 'spf-void-lookups',
  title: 'SPF terms that name nothing (more than 2 void lookups)',
  target: 'domain',
  defaultSeverity: 'error',
  prevents:
    'an SPF permerror for every sender the record does not list before the third empty answer (RFC 7208 4.6.4): "550 5.7.26" at Gmail when DKIM does not pass either, DMARC failures under p=quarantine or p=reject',
  references: ['RFC 7208 4.6.4'],
  needs: ['spf'],
  run({ spf }) {
    if (spf.voidLookups <= MAX_VOID_LOOKUPS) return [];
    const where = flatten(spf.root)
      .filter((node) => node.voidLookups > 0)
      .map((node) => `${node.domain}: ${node.voidTerms.map((term) => quote(term.text)).join(', ')}`);
    return [
      {
        message:
          `${spf.domain}: ${spf.voidLookups} terms of its SPF tree look up names that do not exist or have no records (${where.join(', ')}); ` +
          `after ${MAX_VOID_LOOKUPS} such answers receivers stop with permerror`,
        fix: 'remove the a, mx and exists terms whose names have no records (hosts retired, typos)',
        data: { domain: spf.domain, voidLookups: spf.voidLookups, terms: flatten(spf.root).flatMap((node) => node.voidTerms.map((term) => ({ record: node.domain, term: term.text, offset: term.offset }))) },
      },
    ];
  },
});
