import type { Socket } from 'node:net';

/**
 * Loaded with `--import` into a real entry point (`wolfpack server`), for tests of what it does
 * with a failure nothing caught. A line on stdin makes one: "throw" an uncaught exception,
 * "reject" an unhandled rejection. No code of the relay's can be made to fail on purpose.
 */
const input = process.stdin as unknown as Socket;
input.setEncoding('utf8');
input.on('data', (text: string) => {
  for (const line of text.split('\n')) {
    if (line === 'throw')
      setImmediate(() => {
        throw new Error('a fault the test injected');
      });
    if (line === 'reject') void Promise.reject(new Error('a rejection the test injected'));
  }
});
// Reading stdin must not keep the process alive once the relay has stopped.
input.unref();
