/**
 * Canonical article URLs, so one story reached through different feeds or campaigns dedups to one key.
 * @module
 */

/** Query parameters that only track the click (analytics, ad, newsletter, share ids). */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id',
  'igshid', 'igsh', 'mc_cid', 'mc_eid', 'mkt_tok', '_ga', '_gl', '_hsenc', '_hsmi', 'hsctatracking',
  'oly_anon_id', 'oly_enc_id', 'vero_id', 'vero_conv', 'wt.mc_id', 'wt_mc_id', 'ref', 'ref_src', 'ref_url',
  'referrer', 'spm', 'scm', 'cmpid', 'cmp', 'ocid', 'taid', 'smid', 'smtyp', 'ncid', 'icid', 'cid_source',
  'sr_share', 'share_source', 'xtor', 'ito', 'guccounter', 'guce_referrer', 'guce_referrer_sig',
  // Baidu Tongji campaign tags, common on Chinese sites.
  'hmsr', 'hmpl', 'hmcu', 'hmkw', 'hmci',
]);

/** Whole families of tracking parameters, by prefix. */
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', '__twitter_'];

function isTrackingParam(rawName: string): boolean {
  let name: string;
  try {
    name = decodeURIComponent(rawName.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    name = rawName.toLowerCase();
  }
  return TRACKING_PARAMS.has(name) || TRACKING_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/**
 * Drop tracking pairs and sort the rest by name. Works on the raw `a=b&c` text rather than through
 * URLSearchParams, which would re-encode values (`%20` → `+`, `?amp` → `?amp=`) and change the URL.
 */
function cleanQuery(search: string): string {
  const pairs = search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '' && !isTrackingParam(pair.split('=', 1)[0] ?? ''));
  // A stable sort keeps the order of repeated names (`tag=a&tag=b`), which can matter to the server.
  pairs.sort((a, b) => {
    const [ka = '', kb = ''] = [a.split('=', 1)[0], b.split('=', 1)[0]];
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return pairs.length ? `?${pairs.join('&')}` : '';
}

/**
 * The canonical form of an article link, resolved against `base`: http(s) only, no fragment, no
 * tracking parameters, remaining parameters sorted. Scheme and host are lowercased and default ports
 * dropped by the WHATWG URL parser. Null when the link is empty, unparseable or not http(s).
 */
export function canonicalizeUrl(raw: string, base: string | null): string | null {
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  let url: URL;
  try {
    url = base ? new URL(trimmed, base) : new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.search = cleanQuery(url.search);
  return url.href;
}

/** The hostname without a leading `www.`, or null for an unparseable URL. */
export function hostnameOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}
