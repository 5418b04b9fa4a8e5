// examples/dns/example.zone and what auditing each of its names must report, shared by the tests
// that audit it through different resolvers (zone file, dns2 test server, knotd): one list, so the
// paths cannot drift apart.

import { fileURLToPath } from 'node:url';

export const EXAMPLE_ZONE = fileURLToPath(new URL('../../examples/dns/example.zone', import.meta.url));

/** Each name of the example zone and its findings as `check:severity`: one MX or SPF mistake per name. */
export const EXAMPLE_ZONE_FINDINGS: readonly (readonly [string, readonly string[]])[] = [
  ['example.com', []],
  ['mx-alias.example.com', ['mx-cname:error']],
  ['null-mixed.example.com', ['mx-null-mixed:error']],
  ['no-address.example.com', ['mx-target-missing:error']],
  ['private.example.com', ['mx-private-address:error']],
  ['no-mail.example.com', ['mx-null:error']],
  ['a-only.example.com', ['mx-missing:warn']],
  ['no-spf.example.com', ['spf-missing:warn']],
  ['spf-typo.example.com', ['spf-invalid:error']],
  ['spf-deep.example.com', ['spf-too-many-lookups:error']],
];
