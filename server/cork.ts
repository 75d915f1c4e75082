import type { Socket } from 'node:net';

/**
 * Writes to a client's connection made by one piece of synchronous code go out in one system
 * call: the socket is corked at the first and uncorked on the next tick, before any other I/O
 * (and before a shutdown can drop what is held). A log sends each member of its pack a standings
 * push and a feed entry, each its own websocket frame, and on these machines the relay spent
 * about a third of its time in socket writes.
 */
export function corkPerTurn(socket: Socket): void {
  const write = socket.write;
  let corked = false;
  socket.write = function (this: Socket, ...args: Parameters<Socket['write']>) {
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(() => {
        corked = false;
        socket.uncork();
      });
    }
    return write.apply(this, args);
  } as Socket['write'];
}
