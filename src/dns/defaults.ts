// DNS defaults, apart from the resolver so that run settings can read them without loading dns2.

/** One deadline per question, across UDP tries, other nameservers and TCP. */
export const DEFAULT_DNS_TIMEOUT_MS = 5000;
/** Questions on the wire at once: bursts past ~50 overflow UDP receive buffers. */
export const DEFAULT_DNS_CONCURRENCY = 32;
