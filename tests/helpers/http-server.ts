/**
 * A real node:http server on a loopback address (127.0.0.1 by default) and a free port, for tests that need a peer.
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running test server; `requests` counts the requests that reached the handler. */
export interface TestServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  readonly requests: number;
  close(): Promise<void>;
}

/**
 * Starts a server with `handler` on `host` (127.0.0.1 unless a test needs a second loopback address); `close` also
 * drops open connections, so a hung response cannot stall a test.
 */
export async function startTestServer(
  handler: (req: IncomingMessage, res: ServerResponse) => unknown,
  host = '127.0.0.1',
): Promise<TestServer> {
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((error: unknown) => {
        // A failing handler (or assertion in one) drops the connection, so the client fails at once.
        res.destroy(error instanceof Error ? error : new Error(String(error)));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
