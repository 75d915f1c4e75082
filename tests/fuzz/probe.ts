import type { TestSocket } from '../helpers/relay.ts';
import { preview } from './answers.ts';

/** What came back for one message: its acknowledgement, and whatever else the relay said meanwhile. */
export interface Exchange {
  /** Why socket.io-client itself could not encode the arguments, if it could not. */
  unsendable: string | null;
  answered: boolean;
  ack: unknown;
  disconnected: string | null;
  requestErrors: unknown[];
}

/** Emits `name` with `args` and an acknowledgement callback, and waits at most `timeoutMs`. */
export function exchange(
  socket: TestSocket,
  name: string,
  args: unknown[],
  timeoutMs: number,
): Promise<Exchange> {
  return new Promise((resolve) => {
    const requestErrors: unknown[] = [];
    const onError = (push: unknown) => requestErrors.push(push);
    let disconnected: string | null = null;
    const onDisconnect = (reason: string) => {
      disconnected = reason;
      finish(false, undefined);
    };
    let done = false;
    const finish = (answered: boolean, ack: unknown) => {
      if (done) return;
      done = true;
      // A request:error that the relay sends next to a missing acknowledgement arrives right
      // behind it; one more turn lets it in.
      setTimeout(() => {
        socket.off('request:error', onError as never);
        socket.off('disconnect', onDisconnect);
        resolve({ unsendable: null, answered, ack, disconnected, requestErrors });
      }, 5);
    };
    socket.on('request:error', onError as never);
    socket.on('disconnect', onDisconnect);
    const emit = socket.timeout(timeoutMs).emit as (event: string, ...rest: unknown[]) => void;
    try {
      emit.call(socket, name, ...args, (err: unknown, ack: unknown) => finish(!err, err ? undefined : ack));
    } catch (error) {
      // Its binary encoder assigns keys one by one, so a key __proto__ beside a Buffer breaks it.
      done = true;
      socket.off('request:error', onError as never);
      socket.off('disconnect', onDisconnect);
      resolve({ unsendable: String(error), answered: false, ack: undefined, disconnected, requestErrors });
    }
  });
}

/** GET /healthz with a deadline: true only for a 200 within it. */
export async function healthy(url: string, timeoutMs = 5000): Promise<boolean> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

/** Where two states part, with some context, for a failure message. */
export function describeChange(before: string | null, after: string | null): string {
  if (before === null || after === null) return `from ${preview(before, 200)} to ${preview(after, 200)}`;
  let i = 0;
  while (i < before.length && before[i] === after[i]) i++;
  const from = Math.max(0, i - 80);
  return `at character ${i}: before …${before.slice(from, i + 120)}…, after …${after.slice(from, i + 120)}…`;
}

/** Fails the property with every problem found in one run. */
export function assertNoProblems(problems: (string | null)[], context: string): void {
  const found = problems.filter((p): p is string => p !== null);
  if (found.length > 0) throw new Error(`${found.join('\n')}\n  sent: ${context}`);
}
