/**
 * Compact keys of an article's figures, shared by story grouping: two rewrites of one report state the
 * same distinctive numbers even across languages ("$1 billion" and "10亿美元" are both `money:1e9:USD`).
 * @module
 */
/** What a key is made of: the matcher's extracted figures carry these fields and more. */
export interface KeyedFigure {
  kind: string;
  value: number;
  currency?: string;
  /** Growth stated as a percentage, as a multiplier ("grew 400%" → 5). */
  growthFactor?: number;
}

/** Distinct keys of the figures, e.g. `money:1e9:USD`, `x3`, `share:1.5`. */
export function figureKeys(figures: readonly KeyedFigure[]): string[] {
  const keys = new Set<string>();
  for (const figure of figures) {
    if (figure.growthFactor !== undefined) keys.add(`x${figure.growthFactor}`);
    else if (figure.kind === 'multiplier') keys.add(`x${figure.value}`);
    else if (figure.kind === 'money') keys.add(`money:${figure.value.toExponential(2)}:${figure.currency ?? ''}`);
    else keys.add(`${figure.kind}:${figure.value}`);
  }
  return [...keys];
}

/** A personal name in English: two or three capitalised words ("Li Wei", "Sarah Okafor-Lin"). */
const NAME = String.raw`[A-Z][a-z]+(?:[ -][A-Z][a-z'’]+){1,2}`;
/**
 * A person quoted by name: "said Li Wei", "Li Wei, an analyst at Harbor Capital, said", "according to Li Wei".
 * The speech verb has to be there: a capitalised pair alone is as often a company, a product or a headline.
 */
const QUOTED = new RegExp(
  String.raw`(?:\b(?:said|says|according to)\s+(?<after>${NAME}))|(?:(?<before>${NAME})(?:,\s+(?:a|an|the)\s+[^,.;]{2,80},)?\s+(?:said|says|told|wrote|added|noted)\b)`,
  'g',
);
/** Words of capitalised phrases before a speech verb that are no one's name (companies, places, outlets, headings). */
const NOT_A_NAME =
  /\b(?:The|A|An|It|He|She|They|We|This|That|What|Why|How|Its|Their|Microsoft|OpenAI|ByteDance|Google|Anthropic|Amazon|Alibaba|Tencent|Meituan|Ant|Azure|Bloomberg|Reuters|Financial|Wall|South|New|People|Analysts?|Sources?|Officials?|Executives?|Chinese|China|India|Asia|US|U|Wire|News|Report|Journal|Dispatch|Ledger|Weekly|Daily|Review|Times|Post|Insider|Compute|Capital|Group|Cloud|Tech|Department|Authority|Ministry|Commission|Bureau|By|President|Chief|Minister)\b/;

/**
 * People quoted by name in an English text, each once, as written: the most distinctive detail one report has
 * and another report of the same facts on the same day does not. Tracked people (`known`, lower case) are
 * left to the entities.
 */
export function quotedPeople(text: string, known: ReadonlySet<string> = new Set(), outlet: string | null = null): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(QUOTED)) {
    const name = (match.groups?.after ?? match.groups?.before ?? '').trim();
    if (name === '' || NOT_A_NAME.test(name) || known.has(name.toLowerCase()) || name === outlet) continue;
    found.add(name);
  }
  return [...found];
}
