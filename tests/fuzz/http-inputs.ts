import fc from 'fast-check';
import { hostileValue } from './hostile.ts';
import { anyMutation, applyMutations } from './mutations.ts';
import { Big, Fresh, Ref, materialize, type Resolve } from './spec.ts';

/** Every route of the relay, and paths of the web app it serves. */
export const ROUTES = [
  'GET /healthz',
  'GET /metrics',
  'POST /api/packs',
  'POST /api/join',
  'GET /api/export/events.csv',
  'GET /api/export/challenges.csv',
  'GET /',
  'GET /board',
  'GET /index.html',
  'GET /assets/app.js',
  'GET /favicon.ico',
] as const;

const METHODS = ['GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'];

const BODIES: Record<string, object> = {
  '/api/packs': { name: 'Fuzz pack', timeZone: 'Europe/Berlin', weekStart: 1, displayName: 'Fuzzer' },
  '/api/join': { inviteCode: new Ref('attacker.inviteCode'), displayName: new Fresh('metric') },
};

/** A body that is the JSON of a (generated) value. */
export class JsonBody {
  readonly value: unknown;
  constructor(value: unknown) {
    this.value = value;
  }
  [fc.toStringMethod](): string {
    return `json(${fc.stringify(this.value)})`;
  }
}

/** Raw text for a body that is not JSON of a value. */
export class RawBody {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  [fc.toStringMethod](): string {
    return `rawBody(${JSON.stringify(this.text.length > 60 ? `${this.text.slice(0, 60)}…` : this.text)})`;
  }
}

const TRAVERSALS = [
  '/assets/../../secret.js',
  '/..%2fsecret.js',
  '/%2e%2e/secret.js',
  '/assets/%2e%2e%2f%2e%2e%2fsecret.js',
  '/assets/..%5c..%5csecret.js',
  '/%252e%252e/secret.js',
  '/secret.js%00.html',
  '/.%2e/secret.js',
  '/%C0%AE%C0%AE/secret.js',
  '/assets/%2E%2E/%2E%2E/secret.txt',
  '/..;/secret.js',
];

const pathEdit = fc.oneof(
  fc.constantFrom(
    '',
    '',
    '/',
    '//',
    '/.',
    '/..',
    '%2f',
    '.',
    '?x=1',
    '?__proto__[x]=1',
    '#frag',
    ';x',
    '%00',
    '%',
    '%zz',
  ),
  fc.integer({ min: 100, max: 8000 }).map((n) => new Big('a', n)),
);

/** A traversal replaces the route's path; an edit goes in at a position of it. */
type PathChange = { prefix: string; at: number; edit: unknown } | { replace: string };

const pathChange: fc.Arbitrary<PathChange> = fc.oneof(
  { weight: 5, arbitrary: fc.constant({ prefix: '', at: 0, edit: '' }) },
  {
    weight: 3,
    arbitrary: fc.record({
      prefix: fc.constantFrom('', '', '/', '/./', '/x/../'),
      at: fc.nat(),
      edit: pathEdit,
    }),
  },
  { weight: 1, arbitrary: fc.record({ replace: fc.constantFrom(...TRAVERSALS) }) },
);

const authorization = fc.tuple(
  fc.constantFrom('Bearer ', 'Bearer ', 'bearer ', 'Bearer  ', 'Basic ', 'Bearer', 'Token ', ''),
  fc.constantFrom<unknown>(
    new Ref('attacker.token'),
    new Ref('attacker.token'),
    'wp_x',
    '',
    new Big('x', 201),
    new Big('x', 5000),
    new Ref('attacker.inviteCode'),
    "' OR 1=1 --",
    '%00',
  ),
  fc.constantFrom('', '', ' ', ' extra', ',Bearer x', '\t'),
);

const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16le',
  '',
  'APPLICATION/JSON',
);

const extraHeader = fc.constantFrom(
  'X-Forwarded-For: 1.2.3.4',
  'X-Forwarded-For: [::1, ::ffff:127.0.0.1, unknown',
  'Origin: null',
  'Range: bytes=0-1',
  'Range: bytes=-99999999999999',
  'If-None-Match: *',
  'Accept-Encoding: gzip, br',
  'Accept: text/csv',
  'Cookie: a=b',
);

const rawBody = fc
  .oneof(
    fc.constantFrom(
      '',
      '{',
      'null',
      '[]',
      '"x"',
      '{"__proto__":{"polluted":1}}',
      '{"constructor":{"prototype":{"x":1}}}',
      '\u00ef\u00bb\u00bf{}',
    ),
    fc.integer({ min: 1000, max: 20_000 }).map((n) => `[${'['.repeat(n)}${']'.repeat(n)}]`),
    fc.integer({ min: 16_000, max: 17_000 }).map((n) => `{"name":"${'x'.repeat(n)}"}`),
  )
  .map((text) => new RawBody(text));

/** How the body is delimited: honestly by length or in chunks, or with a length that lies. */
export type Framing = 'length' | 'chunked' | { lie: number | string };

export interface HttpSpec {
  method: string;
  route: string;
  path: readonly unknown[];
  headers: readonly unknown[][];
  /** A JsonBody, a RawBody, or null for none. */
  body: unknown;
  framing: Framing;
}

export const httpSpec: fc.Arbitrary<HttpSpec> = fc
  .record({
    route: fc.constantFrom(...ROUTES),
    // Mostly the route's own method: another one gets a 404 before anything else is looked at.
    method: fc.oneof(
      { weight: 3, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
    ),
    path: pathChange,
    authorization: fc.option(authorization, { freq: 2 }),
    contentType: fc.option(contentType, { freq: 2 }),
    extras: fc.array(extraHeader, { maxLength: 2 }),
    body: fc.oneof(
      { weight: 4, arbitrary: fc.array(anyMutation, { maxLength: 3 }) },
      { weight: 1, arbitrary: rawBody },
      { weight: 1, arbitrary: hostileValue.map((value) => new JsonBody(value)) },
    ),
    framing: fc.oneof(
      { weight: 6, arbitrary: fc.constant<Framing>('length') },
      { weight: 2, arbitrary: fc.constant<Framing>('chunked') },
      {
        weight: 1,
        arbitrary: fc
          .oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom('abc', '-1', '1e3', '0x10', '5,5'))
          .map((lie): Framing => ({ lie })),
      },
    ),
  })
  .map(({ route, method, path, authorization: auth, contentType: type, extras, body, framing }) => {
    const [routeMethod, routePath] = route.split(' ') as [string, string];
    const headers: unknown[][] = [];
    if (auth) headers.push(['Authorization: ', ...auth]);
    if (type !== null) headers.push([`Content-Type: ${type}`]);
    for (const extra of extras) headers.push([extra]);
    const template = BODIES[routePath];
    let payload: unknown = body;
    if (Array.isArray(body)) {
      // The route's own body, changed a little; a route that takes none gets one only if changed.
      if (template) payload = new JsonBody(applyMutations(template, body));
      else payload = body.length > 0 ? new JsonBody(applyMutations({}, body)) : null;
    }
    let parts: unknown[];
    if ('replace' in path) {
      parts = [path.replace];
    } else {
      const cut = path.at % (routePath.length + 1);
      parts = [path.prefix, routePath.slice(0, cut), path.edit, routePath.slice(cut)];
    }
    return { method: method ?? routeMethod, route, path: parts, headers, body: payload, framing };
  });

const text = (parts: readonly unknown[], resolve: Resolve) =>
  parts.map((part) => String(materialize(part, resolve))).join('');

/** The request's bytes, and whether its framing is honest (so that Node's parser must take it). */
export function httpBytes(
  spec: HttpSpec,
  resolve: Resolve,
): { bytes: Buffer; honest: boolean; target: string } {
  const target = text(spec.path, resolve).replace(/^(?!\/)/, '/');
  let body = Buffer.alloc(0);
  if (spec.body instanceof RawBody) body = Buffer.from(spec.body.text, 'latin1');
  if (spec.body instanceof JsonBody)
    body = Buffer.from(JSON.stringify(materialize(spec.body.value, resolve)) ?? '');
  const lines = [`${spec.method} ${target} HTTP/1.1`, 'Host: relay', 'Connection: close'];
  for (const header of spec.headers) lines.push(text(header, resolve));
  let payload = body;
  const { framing } = spec;
  if (framing === 'chunked') {
    lines.push('Transfer-Encoding: chunked');
    const half = Math.floor(body.length / 2);
    const chunks = [body.subarray(0, half), body.subarray(half)].filter((c) => c.length > 0);
    payload = Buffer.concat([
      ...chunks.flatMap((c) => [Buffer.from(`${c.length.toString(16)}\r\n`), c, Buffer.from('\r\n')]),
      Buffer.from('0\r\n\r\n'),
    ]);
  } else if (framing === 'length') {
    lines.push(`Content-Length: ${body.length}`);
  } else {
    lines.push(
      `Content-Length: ${typeof framing.lie === 'number' ? Math.max(0, body.length + framing.lie) : framing.lie}`,
    );
  }
  const honest = framing === 'length' || framing === 'chunked' || framing.lie === 0;
  return {
    bytes: Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]),
    honest,
    target,
  };
}
