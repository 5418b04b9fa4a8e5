// The email-addresses package, on its own so the CLI bundle can take it in: there
// src/cli/build-bundle.mjs puts a plain import in this module's place, and the package's parser,
// compiled once, is kept in the bundle's code cache (its first parse was 2-6 ms of compiling).
// The library (dist/src) loads it through require: imported from ESM, this CommonJS package pays a
// module-lexer pass on every start (~5 ms against ~1.5 ms).

import type EmailAddresses from 'email-addresses';
import { createRequire } from 'node:module';

export const emailAddresses = createRequire(import.meta.url)('email-addresses') as typeof EmailAddresses;
