/**
 * Scope phrases of a claim sentence, the part a rewrite narrows or widens without changing a number:
 * the modifier of a superlative ("largest AI customer" vs "largest Chinese customer") and the set of
 * places named ("Singapore" vs "Singapore and Hong Kong").
 * @module
 */

/** A scope found in a sentence, with the text that carries it. */
export interface ScopePhrase {
  kind: 'superlative' | 'places';
  /** Normalized value compared across phrasings: "ai customer", or "hong kong+singapore". */
  value: string;
  text: string;
}

const PLACES: [string, RegExp][] = [
  ['singapore', /Singapore|新加坡/giu],
  ['hong kong', /Hong Kong|香港/giu],
  ['mainland china', /mainland China|Chinese mainland|中国大陆|中國大陸|中国内地|中國內地|大陆地区/giu],
  ['beijing', /Beijing|北京/giu],
  ['shanghai', /Shanghai|上海/giu],
  ['japan', /Japan|日本/giu],
  ['malaysia', /Malaysia|马来西亚|馬來西亞/giu],
  ['united states', /United States|\bU\.S\.|美国|美國/giu],
];

const MODIFIERS: [string, RegExp][] = [
  ['ai', /^(?:AI|artificial[- ]intelligence|(?:synthetic|man-made|machine-made) intelligence|人工智能|人工智慧)$/iu],
  ['chinese', /^(?:Chinese|China|中国|中國|中资|中資|大陆|大陸)$/iu],
  ['cloud', /^(?:cloud|云|雲)$/iu],
];

// "largest AI customer", "biggest Chinese client", "最大的AI客户", "最大的中国客户", "最大 AI 客戶".
// Spun copies write "greatest AI client", "biggest synthetic intelligence prospect" (see despin.ts).
const SUPERLATIVE_EN = /\b(?:largest|biggest|greatest|top)\s+(?:single\s+)?((?:synthetic|man-made|machine-made)\s+intelligence\s+|[A-Za-z-]+\s+)?(?:customer|client|buyer|purchaser|prospect)s?\b/giu;
const SUPERLATIVE_ZH = /(?:最大|头号|頭號|第一大)(?:的)?\s*([A-Za-z]+|[\u4e00-\u9fff]{1,3}?)?\s*(?:客户|客戶|买家|買家)/gu;

/**
 * The superlative scope and place set of a sentence, when present. `placeFilter` keeps only the places a
 * claim itself is about (those named in its terms), so "not in mainland China but in Singapore" has the
 * scope "singapore".
 */
export function extractScopes(sentence: string, placeFilter?: (place: string) => boolean): ScopePhrase[] {
  const scopes: ScopePhrase[] = [];
  for (const pattern of [SUPERLATIVE_EN, SUPERLATIVE_ZH]) {
    for (const match of sentence.matchAll(pattern)) {
      if (!isTheRank(sentence, match.index, match[0])) continue;
      const normalized = superlativeModifier(sentence, match.index, match[0], (match[1] ?? '').trim());
      // "largest customer" with no modifier ranks over every customer: a wider claim than "largest AI customer".
      scopes.push({ kind: 'superlative', value: normalized === null ? 'customer' : `${normalized} customer`, text: match[0] });
    }
  }
  const places: { name: string; index: number; text: string }[] = [];
  for (const [name, pattern] of PLACES) {
    if (placeFilter && !placeFilter(name)) continue;
    for (const match of sentence.matchAll(pattern)) places.push({ name, index: match.index, text: match[0] });
  }
  if (places.length > 0) {
    places.sort((a, b) => a.index - b.index);
    const names = [...new Set(places.map((place) => place.name))].sort();
    const first = places[0]!;
    const last = places[places.length - 1]!;
    scopes.push({ kind: 'places', value: names.join('+'), text: sentence.slice(first.index, last.index + last.text.length) });
  }
  return scopes;
}

/** "…customer in China", "在华最大…客户": a place that narrows the rank to one country. */
const IN_CHINA_AFTER = /^\s+(?:in|from)\s+(?:mainland\s+)?China\b/iu;
const IN_CHINA_BEFORE = /(?:在华|在華|在中国|在中國|中国区|中國區|中国市场|中國市場)(?:的)?\s*$/u;
/**
 * "…customer of Microsoft's AI services", "customer for Microsoft's AI offerings", "buyer of Microsoft AI
 * services", "微软AI服务的头号客户": an AI customer.
 */
const OF_AI_AFTER = /^\s+(?:of|for)\s+(?:\w+['’]s\s+|its\s+|the\s+company['’]s\s+|Microsoft\s+)?(?:AI|artificial[- ]intelligence)\b/iu;
const AI_BEFORE = /(?:AI|人工智能|人工智慧)(?:服务|服務|业务|業務|云服务|雲服務)?(?:的)?\s*$/iu;

/**
 * What a superlative ranks over, normalized ("ai", "chinese", "cloud"), or null when it says nothing: the
 * word before the noun ("largest AI customer"), a place that narrows it ("largest AI customer in China",
 * "在华最大AI客户" rank within China), or what is bought ("largest customer of Microsoft's AI services").
 */
function superlativeModifier(sentence: string, index: number, found: string, modifier: string): string | null {
  const after = sentence.slice(index + found.length, index + found.length + 60);
  if (IN_CHINA_AFTER.test(after) || IN_CHINA_BEFORE.test(sentence.slice(Math.max(0, index - 12), index))) return 'chinese';
  if (modifier !== '') return MODIFIERS.find(([, test]) => test.test(modifier))?.[0] ?? modifier.toLowerCase();
  return OF_AI_AFTER.test(after) || AI_BEFORE.test(sentence.slice(Math.max(0, index - 10), index)) ? 'ai' : null;
}

/** Cloud and chip vendors whose customers are not Microsoft's: "Google Cloud's biggest customer". */
const OTHER_VENDOR_BEFORE =
  /(?:\b(?:Google(?:\s+Cloud)?|Amazon(?:\s+Web\s+Services)?|AWS|Oracle(?:\s+Cloud)?|Alibaba\s+Cloud|Aliyun|Huawei(?:\s+Cloud)?|Tencent\s+Cloud|Volcano\s+Engine|Nvidia|CoreWeave|IBM|Salesforce)(?:['’]s?)\s+(?:\w+\s+){0,3}$|(?:谷歌云?|亚马逊(?:云)?|AWS|甲骨文|阿里云|阿里雲|华为云|華為雲|腾讯云|騰訊雲|火山引擎|英伟达|輝達|英偉達)(?:的)?[^，。]{0,6}$)/iu;
const ONE_OF_BEFORE = /\b(?:one\s+of|among)\s+(?:the\s+)?(?:\w+['’]s?\s+){0,3}$/iu;
const ONE_OF_AFTER = /^[^，。,.]{0,4}(?:之一|之列)/u;

/**
 * True when a superlative names the single largest customer of Microsoft (or of an unnamed vendor): not
 * "one of the biggest customers" (a plural rank) and not another vendor's customers.
 */
function isTheRank(sentence: string, index: number, found: string): boolean {
  const before = sentence.slice(Math.max(0, index - 60), index);
  if (OTHER_VENDOR_BEFORE.test(before)) return false;
  if (/s$/i.test(found) && /(?:customer|client|buyer)s$/i.test(found)) return false;
  if (ONE_OF_BEFORE.test(before) || ONE_OF_AFTER.test(sentence.slice(index + found.length, index + found.length + 8))) return false;
  return true;
}

/**
 * The scopes of a sentence that matter for one claim: the superlative only for a rank claim, places only
 * for a claim whose terms name places (and only those places). A claim about revenue growth has no place
 * scope to drift, so "Beijing" in its sentence is not a phrasing of it.
 */
export function claimScopes(sentence: string, claim: { rank: boolean; places: ReadonlySet<string> }): ScopePhrase[] {
  const scopes: ScopePhrase[] = [];
  if (claim.rank) scopes.push(...extractScopes(sentence, () => false));
  if (claim.places.size > 0) scopes.push(...extractScopes(sentence, (place) => claim.places.has(place)).filter((scope) => scope.kind === 'places'));
  return scopes;
}

/** Words that name a place by exclusion: "outside mainland China", 中国境外, 大陆以外. */
const EXCLUDING = /\b(?:outside|offshore|beyond|not|except)\b|境外|以外|之外|除了/iu;

/**
 * The place names (normalized) that a list of claim terms mentions as where the claim holds. A term that
 * names a place only to exclude it ("outside mainland China") does not count: the claim is not about
 * mainland China, and a report saying "not in mainland China but in Singapore" has the scope "singapore".
 */
export function placesNamedIn(terms: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const term of terms) {
    if (EXCLUDING.test(term)) continue;
    for (const [name, pattern] of PLACES) if (new RegExp(pattern.source, 'iu').test(term)) names.add(name);
  }
  return names;
}

/** Normalizes a claim's declared scope ("AI", "Singapore") into the value `extractScopes` would give. */
export function normalizeDeclaredScope(scope: string): ScopePhrase | null {
  const found = extractScopes(scope);
  if (found.length > 0) return found[0]!;
  const modifier = MODIFIERS.find(([, test]) => test.test(scope.trim()))?.[0];
  return modifier ? { kind: 'superlative', value: `${modifier} customer`, text: scope } : null;
}
