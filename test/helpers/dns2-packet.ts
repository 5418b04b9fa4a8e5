// dns2's entry point loads its servers and clients too (node:http, node:https and DNS-over-HTTPS
// among them): ~15 ms of CPU at start-up, for a process that uses only the Packet codec. So the
// codec module is loaded alone; dns2's exports map does not list it, so it is found beside the
// resolved entry point (the package's own packet.js, same version).

import type { Packet as PacketClass } from 'dns2';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export const Packet = require(join(dirname(require.resolve('dns2')), 'packet.js')) as typeof PacketClass;
export type Packet = PacketClass;
