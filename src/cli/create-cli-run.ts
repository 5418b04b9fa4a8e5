// The run of one CLI command, from its merged settings: rules, profile, clock, resolver, blocklists
// and sending IPs resolved once. Errors about settings become usage errors (exit 2).

import type { Resolver } from '../dns/types.js';
import { createRun, type Run } from '../engine/run.js';
import type { RunSettings } from './settings.js';

export function createCliRun(settings: RunSettings, resolver: Resolver | undefined, sendingIps: readonly string[] = []): Run {
  return createRun({
    rules: settings.rules,
    profile: settings.profile,
    ...(resolver ? { resolver } : {}),
    ...(settings.dnsbl ? { blocklists: settings.dnsbl } : {}),
    sendingIps,
    dkimSelectors: settings.dkimSelectors,
    ...(settings.headerLimitBytes !== undefined ? { headerLimitBytes: settings.headerLimitBytes } : {}),
  });
}
