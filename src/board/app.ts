/**
 * The claim board: server-rendered HTML that works without JavaScript, read-only, with a strict
 * Content-Security-Policy and an optional access token; `/api/...` serves the same data as JSON in the shapes of
 * the CLI's `--json` outputs. A Hono app: `start` mounts it on the health listener, `claimwatch board` serves it
 * alone.
 * @module
 */
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { timingSafeEqual } from 'node:crypto';
import type { ClaimListing, ClaimParts } from '../model/index.js';
import { playerEdges, playersSvg } from './graph.js';
import { BOARD_CSS_HASH, page, type Markup } from './html.js';
import { claimPage, claimsPage, entityPage, feedsPage, filterClaims, graphPage, storyPage } from './pages.js';
import type { BoardStore } from './store.js';
import { html } from 'hono/html';

const CSP = `default-src 'none'; style-src ${BOARD_CSS_HASH}; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;
const TOKEN_COOKIE = 'claimwatch_board';

export interface BoardOptions {
  store: BoardStore;
  /** When set, every board request must carry it (Bearer header, `?token=`, or the cookie the latter sets). */
  token?: string | null;
}

function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createBoardApp(opts: BoardOptions): Hono {
  const { store } = opts;
  const app = new Hono();

  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
  });
  if (opts.token) {
    const token = opts.token;
    app.use('*', async (c, next) => {
      const bearer = c.req.header('authorization')?.replace(/^Bearer\s+/i, '');
      const query = c.req.query('token');
      if (sameToken(query, token)) {
        // The token leaves the address bar: later pages carry the cookie instead.
        setCookie(c, TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
        const url = new URL(c.req.url);
        url.searchParams.delete('token');
        return c.redirect(`${url.pathname}${url.search}`, 303);
      }
      if (!sameToken(bearer, token) && !sameToken(getCookie(c, TOKEN_COOKIE), token)) {
        return c.text('401: this board needs its access token (CLAIMWATCH_BOARD_TOKEN): open it once with ?token=…', 401);
      }
      await next();
    });
  }

  const render = async (c: Context, markup: Markup, status: 200 | 404 = 200) => c.html(await markup, status);
  const notFound = (c: Context, what: string) => render(c, page('Not found', html`<h1>Not found</h1><p>${what}</p><p><a href="/">All claims</a></p>`), 404);
  const claimsWithParts = async (): Promise<(ClaimListing & { parts: ClaimParts | null })[]> => {
    const [claims, parts] = await Promise.all([store.claims(), store.claimParts()]);
    return claims.map((claim) => ({ ...claim, parts: parts.get(claim.slug) ?? null }));
  };

  app.get('/', async (c) => {
    const [claims, entities] = await Promise.all([store.claims(), store.entities()]);
    const filter = { topic: c.req.query('topic') || undefined, entity: c.req.query('entity') || undefined, q: c.req.query('q') || undefined };
    return render(c, claimsPage(filterClaims(claims, filter, entities), claims, filter, entities));
  });
  app.get('/claims/:slug', async (c) => {
    const slug = c.req.param('slug');
    const [[claim], detail] = await Promise.all([store.claims({ slugs: [slug] }), store.claimDetail(slug)]);
    if (!claim || !detail) return notFound(c, `No tracked claim "${slug}".`);
    return render(c, claimPage(claim, detail.history));
  });
  app.get('/stories/:id', async (c) => {
    const id = Number(c.req.param('id'));
    const story = Number.isInteger(id) ? await store.story(id) : null;
    if (!story) return notFound(c, `No story #${c.req.param('id')}.`);
    return render(c, storyPage(story, await store.claims()));
  });
  app.get('/entities/:slug', async (c) => {
    const entity = (await store.entities()).find((one) => one.slug === c.req.param('slug'));
    if (!entity) return notFound(c, `No tracked entity "${c.req.param('slug')}".`);
    return render(c, entityPage(entity, await store.claims({ entitySlug: entity.slug })));
  });
  app.get('/graph', async (c) => {
    const [claims, entities] = await Promise.all([claimsWithParts(), store.entities()]);
    const edges = playerEdges(claims);
    return render(c, graphPage(await playersSvg(edges, entities), edges, entities));
  });
  app.get('/feeds', async (c) => render(c, feedsPage(await store.feeds())));

  app.get('/api/claims', async (c) => c.json(await store.claims()));
  app.get('/api/claims/:slug', async (c) => {
    const [[claim], detail] = await Promise.all([store.claims({ slugs: [c.req.param('slug')] }), store.claimDetail(c.req.param('slug'))]);
    return claim && detail ? c.json({ ...claim, parts: detail.parts, history: detail.history }) : c.json({ error: 'no such claim' }, 404);
  });
  app.get('/api/stories/:id', async (c) => {
    const id = Number(c.req.param('id'));
    const story = Number.isInteger(id) ? await store.story(id) : null;
    return story ? c.json(story) : c.json({ error: 'no such story' }, 404);
  });
  app.get('/api/entities/:slug', async (c) => {
    const entity = (await store.entities()).find((one) => one.slug === c.req.param('slug'));
    if (!entity) return c.json({ error: 'no such entity' }, 404);
    return c.json({ entity, claims: await store.claims({ entitySlug: entity.slug }) });
  });
  app.get('/api/graph', async (c) => c.json(playerEdges(await claimsWithParts())));
  app.get('/api/feeds', async (c) => c.json(await store.feeds()));
  app.notFound((c) => notFound(c, `Nothing at ${c.req.path}.`));
  return app;
}
