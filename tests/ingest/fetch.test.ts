import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import ipaddr from 'ipaddr.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createFeedFetcher,
  parseRetryAfter,
  type FeedFetcher,
  type FeedFetcherDeps,
  type FetchOptions,
} from '../../src/ingest/fetch/index.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';

const UA = 'claimwatch/0.1 (+https://github.com/claimwatch/claimwatch)';
const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title></channel></rss>';
const ETAG = '"v1"';
const LAST_MODIFIED = 'Wed, 01 Jan 2025 00:00:00 GMT';
const ALLOW_HINT = 'refused (set CLAIMWATCH_ALLOW_PRIVATE_ADDRESSES=true to allow)';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

async function serve(handler: Handler, host?: string): Promise<TestServer> {
  const server = await startTestServer(handler, host);
  cleanups.push(() => server.close());
  return server;
}

// Tests talk to 127.0.0.1, so the guard is off unless a test turns it on.
function fetcher(options: Partial<FetchOptions> = {}, deps?: FeedFetcherDeps): FeedFetcher {
  const created = createFeedFetcher({ userAgent: UA, allowPrivateAddresses: true, ...options }, deps);
  cleanups.push(() => created.close());
  return created;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function timed<T>(work: Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work;
  return { result, ms: performance.now() - started };
}

describe('fetchFeed: responses', () => {
  it('a 200 gives body, content type, validators and final URL; the request has our UA and Accept', async () => {
    let seen: IncomingHttpHeaders = {};
    const server = await serve((req, res) => {
      seen = req.headers;
      const type = 'application/rss+xml; charset=utf-8';
      res.writeHead(200, { 'content-type': type, etag: ETAG, 'last-modified': LAST_MODIFIED }).end(RSS);
    });
    const result = await fetcher().fetchFeed({ url: `${server.url}/feed.xml` });
    expect(result).toEqual({
      status: 'ok',
      body: Buffer.from(RSS),
      contentType: 'application/rss+xml; charset=utf-8',
      etag: ETAG,
      lastModified: LAST_MODIFIED,
      finalUrl: `${server.url}/feed.xml`,
    });
    expect(seen['user-agent']).toBe(UA);
    expect(seen.accept).toBe(
      'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, ' +
        'application/feed+json;q=0.8, */*;q=0.5',
    );
    expect(seen['accept-encoding']).toBe('gzip, deflate, br');
    expect(seen['if-none-match']).toBeUndefined();
    expect(seen['if-modified-since']).toBeUndefined();
  });

  it('an empty 200 is still ok (the parse stage reports it)', async () => {
    const server = await serve((_req, res) => res.end());
    const result = await fetcher().fetchFeed({ url: server.url });
    expect(result).toMatchObject({ status: 'ok', body: Buffer.alloc(0), etag: null, lastModified: null });
  });

  it('a 304 answering If-None-Match keeps the known validators', async () => {
    const server = await serve((req, res) => {
      // RFC 9110 §13.1.2: a match on If-None-Match for a GET is answered 304.
      if (req.headers['if-none-match'] === ETAG && req.headers['if-modified-since'] === LAST_MODIFIED) {
        res.writeHead(304).end();
      } else {
        res.writeHead(500).end();
      }
    });
    const result = await fetcher().fetchFeed({ url: server.url, etag: ETAG, lastModified: LAST_MODIFIED });
    expect(result).toEqual({ status: 'not-modified', etag: ETAG, lastModified: LAST_MODIFIED });
  });

  it('a 304 answering If-Modified-Since takes the validators the server sent', async () => {
    const server = await serve((req, res) => {
      if (req.headers['if-modified-since'] === LAST_MODIFIED && req.headers['if-none-match'] === undefined) {
        res.writeHead(304, { etag: '"v2"', 'last-modified': 'Thu, 02 Jan 2025 00:00:00 GMT' }).end();
      } else {
        res.writeHead(500).end();
      }
    });
    const result = await fetcher().fetchFeed({ url: server.url, etag: null, lastModified: LAST_MODIFIED });
    expect(result).toEqual({ status: 'not-modified', etag: '"v2"', lastModified: 'Thu, 02 Jan 2025 00:00:00 GMT' });
  });

  it.each([
    ['gzip', zlib.gzipSync],
    ['deflate', zlib.deflateSync],
    ['br', zlib.brotliCompressSync],
  ] as const)('decodes a %s body', async (coding, compress) => {
    const server = await serve((req, res) => {
      if (!String(req.headers['accept-encoding']).includes(coding)) throw new Error(`${coding} not offered`);
      res.writeHead(200, { 'content-encoding': coding, 'content-type': 'application/rss+xml' });
      res.end(compress(Buffer.from(RSS)));
    });
    const result = await fetcher().fetchFeed({ url: server.url });
    expect(result).toMatchObject({ status: 'ok', body: Buffer.from(RSS) });
  });

  it('a 404 is an http failure with the status line', async () => {
    const server = await serve((_req, res) => res.writeHead(404).end('nope'));
    const result = await fetcher().fetchFeed({ url: server.url });
    expect(result).toEqual({ status: 'failed', reason: 'http', httpStatus: 404, message: 'fetch: HTTP 404 Not Found' });
  });

  it('a 429 with Retry-After seconds is rate-limited for that long', async () => {
    const server = await serve((_req, res) => res.writeHead(429, { 'retry-after': '120' }).end());
    const result = await fetcher().fetchFeed({ url: server.url });
    expect(result).toEqual({
      status: 'rate-limited',
      httpStatus: 429,
      retryAfterMs: 120_000,
      message: 'fetch: HTTP 429 Too Many Requests; retry after 120s',
    });
  });

  it('a 503 with an HTTP-date Retry-After is rate-limited until that date', async () => {
    const now = new Date('2025-01-01T00:00:00Z');
    const retryAfter = 'Wed, 01 Jan 2025 00:05:00 GMT';
    const server = await serve((_req, res) => res.writeHead(503, { 'retry-after': retryAfter }).end());
    const result = await fetcher({}, { now: () => now }).fetchFeed({ url: server.url });
    expect(result).toMatchObject({ status: 'rate-limited', httpStatus: 503, retryAfterMs: 300_000 });
  });

  it('a 503 without Retry-After is an http failure', async () => {
    const server = await serve((_req, res) => res.writeHead(503).end());
    const result = await fetcher().fetchFeed({ url: server.url });
    expect(result).toEqual({
      status: 'failed',
      reason: 'http',
      httpStatus: 503,
      message: 'fetch: HTTP 503 Service Unavailable',
    });
  });
});

describe('fetchFeed: redirects', () => {
  it('follows a relative Location, keeps the validators on every hop and reports the final URL', async () => {
    const conditional: (string | undefined)[] = [];
    const server = await serve((req, res) => {
      conditional.push(req.headers['if-none-match']);
      if (req.url === '/old/feed') res.writeHead(301, { location: '../new/feed.xml?lang=en' }).end();
      else if (req.url === '/new/feed.xml?lang=en') res.end(RSS);
      else res.writeHead(404).end();
    });
    const result = await fetcher().fetchFeed({ url: `${server.url}/old/feed`, etag: ETAG });
    const finalUrl = `${server.url}/new/feed.xml?lang=en`;
    expect(result).toMatchObject({ status: 'ok', body: Buffer.from(RSS), finalUrl });
    expect(conditional).toEqual([ETAG, ETAG]);
  });

  it('a redirect loop stops after maxRedirects hops with a clear message', async () => {
    const server = await serve((req, res) => {
      res.writeHead(302, { location: req.url === '/a' ? '/b' : '/a' }).end();
    });
    const result = await fetcher().fetchFeed({ url: `${server.url}/a` });
    expect(result).toEqual({
      status: 'failed',
      reason: 'too-many-redirects',
      message: `fetch: too many redirects (more than 5): redirect loop back to ${server.url}/a`,
    });
    // The first request plus five followed hops; the sixth Location is not followed.
    expect(server.requests).toBe(6);
  });

  it.each([
    [2, 'ok'],
    [1, 'failed'],
  ] as const)('two hops with maxRedirects %i: %s', async (maxRedirects, status) => {
    const server = await serve((req, res) => {
      if (req.url === '/1') res.writeHead(307, { location: '/2' }).end();
      else if (req.url === '/2') res.writeHead(308, { location: '/feed' }).end();
      else res.end(RSS);
    });
    const result = await fetcher({ maxRedirects }).fetchFeed({ url: `${server.url}/1` });
    expect(result.status).toBe(status);
  });

  it('a redirect without Location is an http failure', async () => {
    const server = await serve((_req, res) => res.writeHead(302).end());
    const result = await fetcher().fetchFeed({ url: server.url });
    expect(result).toMatchObject({ status: 'failed', reason: 'http', httpStatus: 302 });
    expect(result.status === 'failed' && result.message).toBe('fetch: HTTP 302 Found without a usable Location');
  });

  it('a redirect to a non-http scheme is refused', async () => {
    const server = await serve((_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end());
    const result = await fetcher().fetchFeed({ url: server.url });
    expect(result).toMatchObject({ status: 'failed', reason: 'invalid-url' });
  });
});

describe('fetchFeed: deadline and body cap', () => {
  it('a server that never answers times out near timeoutMs', async () => {
    const server = await serve(() => undefined);
    const { result, ms } = await timed(fetcher({ timeoutMs: 300 }).fetchFeed({ url: server.url }));
    expect(result).toEqual({ status: 'failed', reason: 'timeout', message: 'fetch: timed out after 300ms' });
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThan(1500);
  });

  it('a server trickling its body a byte at a time times out at the same deadline', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const timer = setInterval(() => res.write('<'), 50);
      res.on('close', () => clearInterval(timer));
    });
    const { result, ms } = await timed(fetcher({ timeoutMs: 300 }).fetchFeed({ url: server.url }));
    expect(result).toMatchObject({ status: 'failed', reason: 'timeout' });
    expect(ms).toBeLessThan(1500);
  });

  it('an endless body is cut just past maxBodyBytes without reading the rest', async () => {
    let written = 0;
    let serverSawClose!: () => void;
    const closed = new Promise<void>((resolve) => (serverSawClose = resolve));
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) written += chunk.length;
      };
      res.on('drain', pump);
      res.on('close', serverSawClose);
      pump();
    });
    const { result, ms } = await timed(fetcher({ maxBodyBytes: 1024 * 1024 }).fetchFeed({ url: server.url }));
    expect(result).toEqual({
      status: 'failed',
      reason: 'too-large',
      message: 'fetch: body passed the 1 MiB limit; stopped reading',
    });
    expect(ms).toBeLessThan(2000);
    // The connection is dropped, so the server stops after about a cap plus socket buffers.
    await closed;
    expect(written).toBeLessThan(16 * 1024 * 1024);
  });

  it('a Content-Length over the cap is refused without waiting for the body', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(2 * 1024 * 1024) });
      res.write('<rss>'); // and then nothing: only the header can end this quickly
    });
    const { result, ms } = await timed(
      fetcher({ maxBodyBytes: 1024 * 1024, timeoutMs: 5000 }).fetchFeed({ url: server.url }),
    );
    expect(result).toEqual({
      status: 'failed',
      reason: 'too-large',
      message: 'fetch: body is 2097152 bytes (Content-Length), over the 1 MiB limit',
    });
    expect(ms).toBeLessThan(1000);
  });

  it('a small gzip that inflates past the cap is cut on decoded bytes', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(8 * 1024 * 1024));
    const server = await serve((_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb));
    const result = await fetcher({ maxBodyBytes: 1024 * 1024 }).fetchFeed({ url: server.url });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(result).toMatchObject({ status: 'failed', reason: 'too-large' });
  });
});

describe('fetchFeed: network, TLS and URL errors', () => {
  it('connection refused is a network failure naming ECONNREFUSED', async () => {
    const server = await startTestServer(() => undefined);
    await server.close();
    const result = await fetcher().fetchFeed({ url: server.url });
    expect(result).toMatchObject({ status: 'failed', reason: 'network' });
    expect(result.status === 'failed' && result.message).toMatch(/^fetch: network error ECONNREFUSED: /);
  });

  it('https to a server that does not speak TLS is a tls failure', async () => {
    const server = await serve((_req, res) => res.end(RSS));
    const result = await fetcher().fetchFeed({ url: server.url.replace('http:', 'https:') });
    expect(result).toMatchObject({ status: 'failed', reason: 'tls' });
    expect(result.status === 'failed' && result.message).toMatch(/^fetch: TLS error ERR_SSL_\w+: [^\n]+$/);
  });

  it.each(['not a url', 'ftp://example.com/feed.xml', 'file:///etc/passwd', 'http://user:pw@example.com/feed'])(
    '%s is an invalid URL',
    async (url) => {
      const result = await fetcher().fetchFeed({ url });
      expect(result).toMatchObject({ status: 'failed', reason: 'invalid-url' });
    },
  );
});

describe('fetchFeed: per-host concurrency', () => {
  function holdingServer(holdMs: number) {
    const stats = { inFlight: 0, maxInFlight: 0 };
    const ready = serve(async (_req, res) => {
      stats.inFlight += 1;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      await sleep(holdMs);
      stats.inFlight -= 1;
      res.end(RSS);
    });
    return { ready, stats };
  }

  it('at most perHostConcurrency requests are at one host at once', async () => {
    const { ready, stats } = holdingServer(100);
    const server = await ready;
    const feeds = fetcher({ perHostConcurrency: 2 });
    const urls = Array.from({ length: 6 }, (_, i) => `${server.url}/${i}`);
    const results = await Promise.all(urls.map((url) => feeds.fetchFeed({ url })));
    expect(results.map((r) => r.status)).toEqual(Array(6).fill('ok'));
    expect(stats.maxInFlight).toBe(2);
  });

  it('a request waiting for its host does not spend its deadline waiting', async () => {
    const { ready } = holdingServer(200);
    const server = await ready;
    const feeds = fetcher({ perHostConcurrency: 1, timeoutMs: 500 });
    // Four in a row take about 800 ms, well past one deadline; each is only 200 ms once sent.
    const results = await Promise.all(Array.from({ length: 4 }, () => feeds.fetchFeed({ url: server.url })));
    expect(results.map((r) => r.status)).toEqual(Array(4).fill('ok'));
  });

  it('different hosts do not wait for each other', async () => {
    const first = holdingServer(300);
    const second = holdingServer(300);
    const [a, b] = await Promise.all([first.ready, second.ready]);
    const feeds = fetcher({ perHostConcurrency: 1 });
    const { ms } = await timed(Promise.all([feeds.fetchFeed({ url: a.url }), feeds.fetchFeed({ url: b.url })]));
    expect(ms).toBeLessThan(550);
  });
});

describe('fetchFeed: address guard (allowPrivateAddresses: false)', () => {
  it.each([
    ['loopback', (port: number) => `http://127.0.0.1:${port}/feed`, 'address 127.0.0.1 is loopback'],
    ['IPv6 loopback', (port: number) => `http://[::1]:${port}/feed`, 'address ::1 is loopback'],
    // The URL parser rewrites ::ffff:127.0.0.1 to ::ffff:7f00:1; ipaddr.js judges it as the IPv4 inside.
    ['IPv4-mapped loopback', (port: number) => `http://[::ffff:127.0.0.1]:${port}/`, 'address ::ffff:7f00:1 is loopback'],
    ['loopback spelled in hex', (port: number) => `http://0x7f.1:${port}/`, 'address 127.0.0.1 is loopback'],
    ['RFC 1918 private', () => 'http://10.1.2.3/feed', 'address 10.1.2.3 is private'],
    ['link-local (cloud metadata)', () => 'http://169.254.169.254/latest/', 'address 169.254.169.254 is linkLocal'],
    ['IPv6 unique-local', () => 'http://[fd00::1]/feed', 'address fd00::1 is uniqueLocal'],
    ['unspecified', (port: number) => `http://0.0.0.0:${port}/`, 'address 0.0.0.0 is unspecified'],
  ])('refuses a %s literal before connecting', async (_name, urlFor, expected) => {
    const server = await serve((_req, res) => res.end(RSS));
    const port = Number(new URL(server.url).port);
    const result = await fetcher({ allowPrivateAddresses: false }).fetchFeed({ url: urlFor(port) });
    expect(result).toEqual({
      status: 'failed',
      reason: 'blocked-address',
      message: `fetch: ${expected}, not public; ${ALLOW_HINT}`,
    });
    expect(server.requests).toBe(0);
  });

  it('refuses a name that resolves to loopback, at connect time (so DNS rebinding is covered)', async () => {
    const server = await serve((_req, res) => res.end(RSS));
    const url = server.url.replace('127.0.0.1', 'localhost');
    const result = await fetcher({ allowPrivateAddresses: false }).fetchFeed({ url });
    expect(result).toMatchObject({ status: 'failed', reason: 'blocked-address' });
    expect(result.status === 'failed' && result.message).toMatch(
      /^fetch: localhost resolves to (127\.0\.0\.1|::1), which is loopback, not public; refused/,
    );
    expect(server.requests).toBe(0);
  });

  it('refuses a redirect from a public host to 127.0.0.1', async () => {
    const internal = await serve((_req, res) => res.end('secret'));
    // 127.0.0.2 plays the public host: Linux routes all of 127/8 to lo, and the classifier calls it unicast.
    const location = `${internal.url}/admin`;
    const outside = await serve((_req, res) => res.writeHead(302, { location }).end(), '127.0.0.2');
    const classifyAddress = (address: string) =>
      address === '127.0.0.2' ? 'unicast' : ipaddr.process(address).range();
    const result = await fetcher({ allowPrivateAddresses: false }, { classifyAddress }).fetchFeed({ url: outside.url });
    expect(result).toEqual({
      status: 'failed',
      reason: 'blocked-address',
      message: `fetch: address 127.0.0.1 is loopback, not public; ${ALLOW_HINT}`,
    });
    expect(outside.requests).toBe(1);
    expect(internal.requests).toBe(0);
  });

  it('lets a public address through the classifier', async () => {
    const server = await serve((_req, res) => res.end(RSS), '127.0.0.2');
    const classifyAddress = (address: string) => (address === '127.0.0.2' ? 'unicast' : 'loopback');
    const result = await fetcher({ allowPrivateAddresses: false }, { classifyAddress }).fetchFeed({ url: server.url });
    expect(result.status).toBe('ok');
  });
});

describe('createFeedFetcher options', () => {
  it.each([{ timeoutMs: 0 }, { maxBodyBytes: -1 }, { perHostConcurrency: 0 }, { maxRedirects: 1.5 }])(
    'throws FetchConfigError for %o',
    (bad) => {
      expect(() => createFeedFetcher({ userAgent: UA, ...bad })).toThrow(/^fetch: \w+ must be an integer >= \d/);
    },
  );
});

describe('parseRetryAfter', () => {
  const now = new Date('2025-01-01T00:00:00Z');
  it.each([
    ['delay-seconds', '120', 120_000],
    ['zero seconds', '0', 0],
    ['seconds with spaces around', ' 30 ', 30_000],
    ['IMF-fixdate ahead', 'Wed, 01 Jan 2025 00:01:30 GMT', 90_000],
    ['IMF-fixdate in the past clamps to 0', 'Tue, 31 Dec 2024 23:00:00 GMT', 0],
    ['obsolete RFC 850 date', 'Wednesday, 01-Jan-25 00:01:00 GMT', 60_000],
    ['obsolete asctime date (UTC)', 'Wed Jan  1 00:02:00 2025', 120_000],
    ['absent', null, null],
    ['empty', '', null],
    ['words', 'soon', null],
    ['negative seconds (not delay-seconds)', '-5', null],
    ['fractional seconds', '1.5', null],
    ['a date in another zone', 'Wed, 01 Jan 2025 00:01:00 UTC', null],
    ['an impossible date', 'Sun, 30 Feb 2025 00:00:00 GMT', null],
    ['an ISO date', '2025-01-01T00:01:00Z', null],
  ])('%s: %j → %j', (_name, value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
