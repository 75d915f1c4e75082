import type { Server } from 'node:http';

/** Socket.IO's own path, as engine.io matches it: a prefix of the raw request target. */
const SOCKET_IO_PATH = '/socket.io/';

/**
 * An upgrade request for any other target is answered 400 and closed at once. engine.io closes
 * such a connection a second later only if nothing was ever written on it, so an upgrade sent
 * after a pipelined request (whose answer had been written) kept its connection open for ever:
 * a way to hold the relay's sockets without a token.
 */
export function refuseStrayUpgrades(server: Server): void {
  server.on('upgrade', (req, socket) => {
    if (req.url?.startsWith(SOCKET_IO_PATH)) return;
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
}
