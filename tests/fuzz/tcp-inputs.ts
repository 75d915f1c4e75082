import fc from 'fast-check';

const H = 'Host: relay\r\n';
const get = (target: string, headers = H) => `GET ${target} HTTP/1.1\r\n${headers}\r\n`;
const healthz = get('/healthz');

/** Request lines and headers that Node's parser may accept and the relay's code must survive. */
export const KNOWN_REQUESTS: readonly string[] = [
  get('//['),
  get('http://[::1'),
  get('//a:99999/'),
  get('http://relay:70000/'),
  get('http://127.0.0.1/healthz'),
  get('https://evil.example/api/export/events.csv'),
  get('http://user:pass@relay/healthz'),
  get('//relay/healthz'),
  get('///healthz'),
  get('*'),
  'OPTIONS * HTTP/1.1\r\nHost: relay\r\n\r\n',
  'CONNECT relay:443 HTTP/1.1\r\nHost: relay:443\r\n\r\n',
  get('relay:80'),
  get('/%'),
  get('/%zz/..%2f..%2fsecret.txt'),
  get('/assets/..%5c..%5csecret.js'),
  get('/\\..\\secret.js'),
  get(`/${'a'.repeat(20_000)}`),
  get('/healthz', ''),
  'GET /healthz HTTP/1.0\r\n\r\n',
  'GET /healthz HTTP/2.0\r\nHost: relay\r\n\r\n',
  'GET /healthz HTTP/9.9\r\nHost: relay\r\n\r\n',
  'GET /healthz\r\nHost: relay\r\n\r\n',
  'GET /healthz HTTP/1.1 extra\r\nHost: relay\r\n\r\n',
  'GET  /healthz HTTP/1.1\r\nHost: relay\r\n\r\n',
  'get /healthz HTTP/1.1\r\nHost: relay\r\n\r\n',
  'G\u0000T /healthz HTTP/1.1\r\nHost: relay\r\n\r\n',
  get('/health\u0000z'),
  'GET /heal thz HTTP/1.1\r\nHost: relay\r\n\r\n',
  'GET /healthz HTTP/1.1\nHost: relay\n\n',
  'GET /healthz HTTP/1.1\rHost: relay\r\r',
  `\r\n\r\n${healthz}`,
  get('/healthz', 'Host: re\u0000lay\r\n'),
  get('/healthz', `${H}X: a\u007fb\r\n`),
  get('/healthz', `${H}X\u0001: y\r\n`),
  get('/healthz', `${H}X : y\r\n`),
  get('/healthz', ` X: y\r\n${H}`),
  get('/healthz', `${H}X: y\r\n z\r\n`),
  get('/healthz', `${H}Hostrelay\r\n`),
  get('/healthz', `${H}X: \u00ff\u00fe\r\n`),
  get('/healthz', `${H}Host: other\r\n`),
  get('/healthz', `${H}X: ${'a'.repeat(70_000)}\r\n`),
  get('/healthz', H + Array.from({ length: 3000 }, (_, i) => `X-${i}: y\r\n`).join('')),
  `POST /api/join HTTP/1.1\r\n${H}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${get('/metrics')}`,
  `POST /api/join HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n`,
  `POST /api/join HTTP/1.1\r\n${H}Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n`,
  `POST /api/join HTTP/1.1\r\n${H}Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n`,
  `POST /api/join HTTP/1.1\r\n${H}Content-Length: 5\r\nContent-Length: 6\r\n\r\n{"a":1}`,
  `POST /api/join HTTP/1.1\r\n${H}Content-Length: -1\r\n\r\n{}`,
  `POST /api/join HTTP/1.1\r\n${H}Content-Length: 1e3\r\n\r\n{}`,
  `POST /api/join HTTP/1.1\r\n${H}Content-Length: 99999999999999999999\r\n\r\n{}`,
  `POST /api/join HTTP/1.1\r\n${H}Content-Length: 100\r\n\r\n{}`,
  `POST /api/join HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n{}\r\n0\r\n\r\n`,
  `POST /api/join HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n2;${'x'.repeat(20_000)}\r\n{}\r\n0\r\n\r\n`,
  `POST /api/join HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
  `POST /api/packs HTTP/1.1\r\n${H}Expect: 100-continue\r\nContent-Length: 2\r\n\r\n{}`,
  `POST /api/packs HTTP/1.1\r\n${H}Expect: nonsense\r\nContent-Length: 2\r\n\r\n{}`,
  get('/socket.io/?EIO=4&transport=websocket', `${H}Upgrade: websocket\r\nConnection: Upgrade\r\n`),
  get('/healthz', `${H}Upgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\n`),
  healthz + get('/x', `${H}Connection: Upgrade\r\nUpgrade: websocket\r\n`),
  get('/socket.io/?EIO=4&transport=polling'),
  get('/socket.io/?EIO=3&transport=websocket'),
  healthz.repeat(5) + get('//['),
  healthz.repeat(3) + 'GARBAGE\r\n\r\n' + healthz,
  'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
  '\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003',
  '',
];

/** Mostly a part that Node's parser takes, now and then one it must refuse. */
const mostly = <T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 6, arbitrary: usual }, { weight: 1, arbitrary: odd });

const method = mostly(
  fc.constantFrom('GET', 'GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'),
  fc.constantFrom('get', 'GE T', '', 'G\u0000T', 'M-SEARCH', 'TRACE', 'PRI', 'X'.repeat(100)),
);
const target = fc.oneof(
  fc.constantFrom('/healthz', '/metrics', '/api/packs', '/api/join', '/api/export/events.csv', '/', '/board'),
  fc.constantFrom(
    '//[',
    'http://[::1',
    '//a:99999/',
    'http://relay:70000/',
    '//x:0/',
    'http://[fe80::1%25eth0]/',
  ),
  fc.constantFrom('*', '', '%', '/%ff', '/assets/app.js', '/socket.io/?EIO=4&transport=websocket'),
  fc
    .tuple(
      fc.constantFrom('http://', 'https://', '//', 'ws://', 'file://', 'http:'),
      fc.oneof(fc.constantFrom('relay', '[::1]', '[', '127.0.0.1', 'a@b', ''), fc.string({ maxLength: 12 })),
      fc.constantFrom('', ':', ':0', ':65535', ':65536', ':-1', ':99999999999'),
      fc.constantFrom('', '/', '/healthz', '/api/packs', '?x', '#x'),
    )
    .map((parts) => parts.join('')),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }).map((s) => `/${s}`),
);
const version = mostly(
  fc.constant('HTTP/1.1'),
  fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/0.9', 'HTTP/1.10', 'http/1.1', 'HTTPS/1.1', ''),
);
const eol = mostly(fc.constant('\r\n'), fc.constantFrom('\n', '\r', '\n\r'));
const header = mostly(
  fc.constantFrom(
    'Content-Length: 0',
    'Content-Length: 3',
    'Transfer-Encoding: chunked',
    'Connection: close',
    'Connection: keep-alive, Upgrade',
    'Upgrade: websocket',
    'Expect: 100-continue',
    'Authorization: Bearer x',
    'Content-Type: application/json',
    'X-Forwarded-For: 1.2.3.4, ::1, [::1',
    'Host: relay:99999',
    'Host: [::1',
  ),
  fc.oneof(
    fc.constantFrom('Host:', 'Content-Length: -3', 'Transfer-Encoding: identity', ' folded', 'NoColon'),
    fc
      .tuple(
        fc.string({ unit: 'binary-ascii', maxLength: 12 }),
        fc.string({ unit: 'binary-ascii', maxLength: 30 }),
      )
      .map(([name, value]) => `${name}: ${value}`),
  ),
);
const body = fc.constantFrom('', '', '{}', '0\r\n\r\n', '{"inviteCode":"x","displayName":"y"}');

/** One request with a broken part or two, or a few of them back to back on one connection. */
export const tcpInput = fc
  .array(
    fc
      .record({
        method,
        target,
        version,
        eol,
        headers: fc.array(header, { maxLength: 4 }),
        host: mostly(fc.constant(true), fc.constant(false)),
        body,
      })
      .map(({ method: m, target: t, version: v, eol: nl, headers, host, body: b }) =>
        [`${m} ${t} ${v}`, ...(host ? ['Host: relay'] : []), ...headers, '', b].join(nl),
      ),
    { minLength: 1, maxLength: 3 },
  )
  .map((requests) => requests.join(''));
