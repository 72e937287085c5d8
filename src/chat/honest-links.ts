/**
 * Link text from feeds must not pose as another address: an item titled `https://bank.example/login` that links
 * to another host would otherwise render as a link that reads like the bank's. Every link label passes through
 * here before either platform renders it.
 * @module
 */

/** Something a reader takes for an address: a scheme, or a dotted host name with a top-level domain. */
const URL_LIKE = /\b(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}\b(?::\d+)?(?:\/[^\s]*)?/giu;

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./u, '').toLowerCase();
  } catch {
    return null;
  }
}

/** The host a URL-like piece of text names ("bank.example" for "https://bank.example/login"). */
function namedHost(text: string): string {
  return (hostOf(/^[a-z][a-z0-9+.-]*:\/\//iu.test(text) ? text : `http://${text}`) ?? text).toLowerCase();
}

/**
 * The label with any address in it that is not the link's own host replaced by the real host, shown in
 * brackets: "https://bank.example/login" linking to evil.example becomes "(evil.example)".
 */
export function honestLabel(label: string, url: string): string {
  const real = hostOf(url);
  if (real === null) return label;
  let disguised = false;
  const cleaned = label.replace(URL_LIKE, (found) => {
    const host = namedHost(found);
    if (host === real || host.endsWith(`.${real}`)) return found;
    disguised = true;
    return '';
  });
  if (!disguised) return label;
  const rest = cleaned.replace(/\s{2,}/gu, ' ').replace(/^[\s:|·,-]+|[\s:|·,-]+$/gu, '');
  return rest ? `${rest} (${real})` : real;
}
