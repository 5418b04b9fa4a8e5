// DNS defaults, apart from the resolver so that run settings can read them without loading dns2.

/** One deadline per question, across UDP tries, other nameservers and TCP. */
export const DEFAULT_DNS_TIMEOUT_MS = 5000;
/**
 * Questions on the wire at once. Enough for one address against 11 blocklists in a single round
 * trip (each list: two RFC 5782 self-tests, then A and TXT; plus the PTR): at 32 the 10 lists
 * took two (issue 15). Below ~50, where bursts into one socket's receive buffer were seen to overflow.
 */
export const DEFAULT_DNS_CONCURRENCY = 48;
/**
 * Longest deadline accepted (10 minutes). A resolver gives up on a question within seconds, so a
 * later answer is no answer; and Node cannot hold a timer past 2^31-1 ms: it fires after 1 ms, so
 * `--timeout 3000000000` failed every lookup at once.
 */
export const MAX_DNS_TIMEOUT_MS = 10 * 60 * 1000;
/**
 * Most questions in flight accepted: each may hold a socket, and 1024 is the usual limit on a
 * process's open files (and far past where UDP receive buffers overflow).
 */
export const MAX_DNS_CONCURRENCY = 1024;
