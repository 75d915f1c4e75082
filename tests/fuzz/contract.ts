import { LIMITS } from '../../core/limits.ts';

const isBinary = (value: unknown) => value instanceof ArrayBuffer || ArrayBuffer.isView(value);

/** What JSON.stringify writes as a value of its own rather than as a container of them. */
function isLeaf(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (value instanceof Number || value instanceof String || value instanceof Boolean) return true;
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

/**
 * Levels, values and attachments of a message as its JSON would have them, counted the way
 * docs/protocol.md counts them (a container and each comma start a value), without recursion:
 * a generated value may nest thousands deep. An attachment is sent as a small placeholder object.
 */
function shapeOf(root: unknown): { depth: number; values: number; binary: boolean } {
  let deepest = 0;
  let values = 0;
  let binary = false;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (isBinary(value)) {
      binary = true;
      deepest = Math.max(deepest, depth);
      values += 2;
      continue;
    }
    if (isLeaf(value)) continue;
    const children = Array.isArray(value)
      ? value
      : Object.values(value as object).filter((v) => v !== undefined && typeof v !== 'function');
    deepest = Math.max(deepest, depth);
    values += 1 + Math.max(children.length - 1, 0);
    for (const child of children) stack.push([child, depth + 1]);
  }
  return { depth: deepest, values, binary };
}

/**
 * Why the protocol lets the relay close the connection on this message instead of answering it
 * (docs/protocol.md, Limits), or null if it must answer: a message over LIMITS.maxMessageBytes, or
 * a binary one (Socket.IO sends it as a header and attachments) nested or sized over the limits.
 */
export function closeAllowed(name: string, args: unknown[]): string | null {
  const message = [name, ...args];
  let bytes = Infinity;
  try {
    bytes = Buffer.byteLength(JSON.stringify(message));
  } catch {
    // Too deep even to print: certainly over the nesting limit, checked below.
  }
  if (bytes > LIMITS.maxMessageBytes && bytes !== Infinity) return 'it is larger than LIMITS.maxMessageBytes';
  const { depth, values, binary } = shapeOf(message);
  if (!binary) return null;
  if (depth > LIMITS.maxMessageDepth) return 'a binary message nested deeper than LIMITS.maxMessageDepth';
  if (values > LIMITS.maxMessageElements)
    return 'a binary message with more values than LIMITS.maxMessageElements';
  return null;
}
