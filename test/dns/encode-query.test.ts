// The hand-built query must be byte for byte what dns2's encoder writes for the same question.

import { Packet, type Question as WireQuestion, type Resource } from 'dns2';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeQuery, UDP_BUFFER_SIZE } from '../../src/dns/transport.js';
import { TYPE_CODES } from '../helpers/dns2-records.js';

const test = suite('encodeQuery');

function dns2Query(name: string, typeCode: number, id: number): Buffer {
  const packet = new Packet();
  packet.header.id = id;
  packet.header.rd = 1;
  packet.questions.push({ name, type: typeCode, class: Packet.CLASS.IN } as WireQuestion);
  packet.additionals.push(Packet.Resource.EDNS([], { udpPayloadSize: UDP_BUFFER_SIZE }) as unknown as Resource);
  return packet.toBuffer();
}

const names = ['example.com', 'mx.d1.bench.example.test', '_dmarc.example.org', '2.0.0.127.zen.example', 'a', `${'x'.repeat(63)}.${'y'.repeat(63)}.example`];
for (const name of names) {
  test(`same bytes as dns2 for ${name.slice(0, 40)}`, () => {
    for (const [type, code] of Object.entries(TYPE_CODES)) {
      for (const id of [0, 1, 0x1234, 0xffff]) {
        assert.equal(encodeQuery({ name, typeCode: code }, id).toString('hex'), dns2Query(name, code, id).toString('hex'), `${type} id ${id}`);
      }
    }
  });
}

test.run();
