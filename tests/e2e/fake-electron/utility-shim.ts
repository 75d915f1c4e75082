import { pathToFileURL } from 'node:url';

// Plays Electron's utility process for the fake: `process.parentPort` over Node's child IPC.
const modulePath = process.argv[2];
if (!modulePath || !process.send) throw new Error('usage: fork(utility-shim.ts, [module]) with IPC');
const send = process.send.bind(process);
Object.assign(process, {
  parentPort: {
    on(_event: 'message', listener: (event: { data: unknown }) => void) {
      process.on('message', (data) => listener({ data }));
      return this;
    },
    postMessage: (message: unknown) => send(message as object),
  },
});
await import(pathToFileURL(modulePath).href);
