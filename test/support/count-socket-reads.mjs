// `node --import <this file> ...`: counts the bytes the process's TLS sockets hand out through read() (how undici
// takes what arrived), and writes the count to MESH_SOCKET_READ_LOG at exit. Bytes a reader takes again after
// pausing (undici puts back what it could not parse yet, and re-joins it with what came since) count each time.
import { writeFileSync } from 'node:fs';
import process from 'node:process';
import { TLSSocket } from 'node:tls';

const read = TLSSocket.prototype.read;
let bytes = 0;
TLSSocket.prototype.read = function countedRead(size) {
  const chunk = read.call(this, size);
  if (chunk) bytes += chunk.length;
  return chunk;
};
process.on('exit', () => {
  if (process.env.MESH_SOCKET_READ_LOG) writeFileSync(process.env.MESH_SOCKET_READ_LOG, JSON.stringify({ bytes }));
});
