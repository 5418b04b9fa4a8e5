// The starting config `maillint init` writes. JSON has no comments: keys starting with "//" are
// comments the loader skips. Everything here is the default, so the file changes nothing until
// edited; examples/maillint.config.json shows every key in use.

export const SAMPLE_CONFIG = `${JSON.stringify(
  {
    '//': 'maillint config. Check ids: `maillint rules`; one check\'s options: `maillint rules <id>`.',
    '//rules': 'Each entry: "off" | "info" | "warn" | "error", or [severity, { options }], e.g. "subject-missing": "error".',
    rules: {},
    '//profile': '"final": the message as it will be sent. "template": rendered templates before the sending library adds Date and Message-ID (their absence is only info).',
    profile: 'final',
    '//dns': 'resolver: nameservers "host[:port]" (default /etc/resolv.conf); zones: zone files answered locally, relative to this file; timeout in ms.',
    resolver: [],
    zones: [],
    timeout: 5000,
    concurrency: 48,
    '//ip': 'sendingIps: the IPs your mail leaves from, checked against the DNS blocklists and for reverse DNS, and each linted message against them by SPF and DMARC (dnsbl: a list of zones to use instead of the defaults).',
    sendingIps: [],
    '//dkimSelectors': 'The s= of your DKIM signatures: maillint domain checks the key at <selector>._domainkey.<domain> of every domain it audits.',
    dkimSelectors: [],
  },
  null,
  2,
)}\n`;
