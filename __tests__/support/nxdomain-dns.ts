import * as dgram from 'dgram';

/** A DNS server on 127.0.0.1 that knows no name, as the cluster DNS before a Service exists. */
export interface NxdomainDns {
  /** `127.0.0.1:<port>`, for nginx's `resolver`. */
  readonly address: string;
  /** How many queries it answered. */
  queries(): number;
  stop(): Promise<void>;
}

/**
 * Starts a UDP DNS server on a free port of 127.0.0.1 that answers every query with NXDOMAIN:
 * the query's id and question sent back with the flags QR, RD, RA and RCODE 3 (RFC 1035 4.1.1).
 */
export async function startNxdomainDns(): Promise<NxdomainDns> {
  const socket = dgram.createSocket('udp4');
  let count = 0;
  socket.on('message', (query, peer) => {
    if (query.length < 12) return;
    const answer = Buffer.from(query);
    answer.writeUInt16BE(0x8183, 2); // QR=1, opcode 0, RD=1, RA=1, RCODE=3 (name error)
    answer.writeUInt16BE(0, 6); // no answers
    answer.writeUInt16BE(0, 8); // no authority records
    answer.writeUInt16BE(0, 10); // no additional records
    count += 1;
    socket.send(answer, peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    queries: () => count,
    stop: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
