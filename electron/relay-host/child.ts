import { pino } from 'pino';
import { installLastResort } from '../../server/last-resort.ts';
import type { ParentPortLike } from './protocol.ts';
import { runRelayChild } from './relay-child.ts';

// Entry of the relay's utility process. Electron gives a utility process `process.parentPort`;
// its type comes with Electron's, which only the adapters may import, hence the local shape.
const parentPort = (process as NodeJS.Process & { parentPort?: ParentPortLike }).parentPort;
if (!parentPort) throw new Error('the relay host runs only as an Electron utility process');
const relay = runRelayChild(parentPort, () => process.exit(0));
// Exit code 1 after an uncaught exception: the app's relay host starts the relay again.
installLastResort({
  log: pino({ level: 'warn' }),
  stop: () => relay.close(),
  exit: (code) => process.exit(code),
});
