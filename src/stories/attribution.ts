/**
 * What an article's own words say about its sources (readAttribution): a news organisation it names as
 * the basis of its report ("according to Bloomberg", "据彭博社报道"), its outlet's own reporting ("told X",
 * 本报记者获悉), a tracked company's own notice or statement or a person's public testimony, or unnamed
 * sources. place-article.ts turns that, with the story the article joins, into its origin.
 *
 * An organisation named in the text counts only next to an attribution cue, and only when it is not
 * the article's own outlet (Reuters writing "Reuters reported last year" is still Reuters). Several
 * origins: the first cited in the lead wins, since rewrites name their source up front and later
 * citations are background; and once the lead shows the outlet's own interview ("a spokesperson told
 * Reuters"), the article is original and later citations are background too. Past the lead only
 * credit lines count ("via Bloomberg", "来源：彭博社").
 * A company speaking ("Microsoft said") is no source by itself; its own document is ("Microsoft said in a
 * statement", "微软发布声明").
 * @module
 */
import { readPrimarySource, readSpeaker, type NamedOrganisation } from './first-party.js';
import { NEWS_ORGANISATIONS } from './news-organisations.js';
import { AFTER_WINDOW, BEFORE_WINDOW, LEAD_CHARS } from './windows.js';

/** The source an article rests on and the phrase that named it (null when it is the outlet itself). */
export interface OriginAttribution {
  origin: string;
  phrase: string | null;
}

/** Options for attributeOrigin. */
export interface OriginOptions {
  /** Characters from the start in which any attribution cue counts (default 1,200: title and lead). */
  leadChars?: number;
}

/** Origin of an article with no attribution and no known outlet. */
export const UNKNOWN_ORIGIN = 'unknown';

/** The whole of a very long page is never needed: credit lines sit at the end of short rewrites. */
const SCAN_CHARS = 20_000;

/** English cue before the name: "according to (a report by | Chinese tech site) …", "as reported by …", "told …". */
const EN_BEFORE =
  /\b(?:according\s+to|(?:as\s+)?(?:first\s+|originally\s+|earlier\s+|previously\s+|was\s+|were\s+|been\s+)?reported\s+(?:earlier\s+|first\s+|previously\s+)?by|(?:reviewed|seen|obtained|viewed|cited|quoted)\s+by|citing|told|(?:interview|statement|comments?)\s+(?:with|to)|speaking\s+(?:to|with)|(?:report|reports|reporting|story|article)\s+(?:by|from|in)|via)(?:\s+(?:a|an|the))?(?:\s+(?:new|recent|separate|earlier|previous|exclusive|weekend))?(?:\s+(?:report|reports|reporting|story|article)\s+(?:by|from|in))?(?:\s+(?:[A-Za-z-]+\s+){0,2}(?:site|website|outlet|publication|newspaper|paper|magazine|newswire|agency|daily|broadcaster|media|blog|portal))?\s+$/i;
/** English cue after the name: "… reported", "… News reported", "… report", "…, citing". */
const EN_AFTER =
  /^(?:\s+News)?(?:['’]s?)?(?:\s+(?:report|reports|reporting|story|article|scoop|investigation)\b|\s*,?\s+(?:(?:first|originally|earlier|previously|also|exclusively|recently|later)\s+)?(?:has\s+|had\s+|have\s+)?(?:reported|reports|revealed)\b|\s*,?\s+(?:(?:said|wrote)\s+)?(?:(?:on|late|early|earlier)\s+\w+\s*,?\s+)?citing\b)/;
/** Chinese cue before the name: 据/據, 援引, 引述, 告诉; a few words may sit between ("据知情人士向"). */
const ZH_BEFORE = /(?:据|據|根据|根據|援引|引述|引用|转引|轉引|引据|引據|告诉|告訴)[^，。！？；：、,.!?;:\s]{0,10}?[《「『“"]?\s*$/;
/** Chinese cue after the name: 报道/報導, 援引, 称, 获悉, 透露, 采访; a time word may sit between ("路透社周二报道"). */
const ZH_AFTER =
  /^[》」』”"]?[^，。！？；：、,.!?;:]{0,8}?(?:报道|報道|報導|报导|援引|引述|引用|消息|称|稱|获悉|獲悉|披露|爆料|独家|獨家|看到|查阅|查閱|取得|获得|獲得|采访|採訪|专访|專訪|透露|表示|证实|證實)/;
/**
 * The outlet's own interview ("a spokesperson told Reuters", "接受路透社采访", "向彭博社表示"): the article
 * is original reporting, so later citations of other organisations are background.
 */
const OWN_EN_BEFORE = /\b(?:told|telling|(?:interview|statement|comments?)\s+(?:with|to)|speaking\s+(?:to|with))(?:\s+the)?\s+$/i;
const OWN_ZH_BEFORE = /(?:接受|向|对|對|告诉|告訴)[《「『“"]?\s*$/;
const OWN_ZH_AFTER = /^[》」』”"]?(?:的)?(?:采访|採訪|专访|專訪|表示|透露|说|說|证实|證實|称|稱)/;
/** A Chinese cue that dates the report before this one: 此前报道, 早前報導, 曾报道, 去年披露. */
const EARLIER_ZH_AFTER = /^[》」』”"]?[^，。！？；：、,.!?;:]{0,4}?(?:此前|早前|先前|之前|日前曾|曾经|曾經|曾|去年)[^，。！？；：、,.!?;:]{0,3}?(?:报道|報道|報導|披露|援引)/;
/** Cues that may appear anywhere: credit lines at the foot of a rewrite. */
const CREDIT_BEFORE =
  /(?:\bvia|\bSources?\s*[:：]|来源\s*[:：]?|來源\s*[:：]?|编译自|編譯自|\b(?:first|originally)\s+(?:appeared|published|ran)\s+(?:in|on|by)(?:\s+the)?|\brepublished\s+(?:from|with\s+permission\s+(?:from|of))(?:\s+the)?|\bcourtesy\s+of(?:\s+the)?)\s*[《「『“"]?\s*$/i;
/** "Bloomberg data", "彭博汇编的数据": the organisation as a data vendor, not as a reporter. */
const DATA_AFTER = /^(?:['’]s)?\s*(?:data|index|indices|Billionaires|terminal|consensus|estimates?|calculations|survey|compiled|数据|數據|指数|指數|终端|終端|汇编|彙編|统计|統計|亿万富翁|億萬富翁)/i;
const DENIED_BEFORE = /\b(?:den(?:y|ies|ied|ying)|disput(?:e|es|ed|ing)|reject(?:s|ed|ing)?|refut(?:e|es|ed|ing)|dismiss(?:es|ed|ing)?|push(?:es|ed)?\s+back\s+(?:on|against)|contradict(?:s|ed|ing)?|called?\s+(?:false|inaccurate))\s+(?:an?\s+|the\s+)?(?:earlier\s+|recent\s+|new\s+)?(?:(?:report|story|article)s?\s+(?:by|from|in)\s+(?:[A-Za-z-]+\s+){0,4})?$|(?:否认|否認|驳斥|駁斥|反驳|反駁|针对|針對|回应|回應)[^，。]{0,4}$/i;
const DATA_BEFORE = /(?:data|figures|estimates)\s+(?:compiled|gathered|collected)\s+by\s+(?:the\s+)?$/i;

interface Catalog {
  /** Sticky: tried only where an alias can start. */
  scanner: RegExp;
  /** 1 for every character an alias starts with (2: only before "he"), so most positions skip the regex. */
  firstChars: Uint8Array;
  byAlias: Map<string, string>;
  byHost: Map<string, string>;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Lowercased, width-folded, bracket- and space-free key of a name, for lookups. */
function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[《》「」『』“”"'’.,:：·]/g, '').replace(/\s+/g, ' ').trim();
}

/** Lookaheads that stop an alias inside a longer word: 彭博士 is "Dr Peng", not Bloomberg. */
const NOT_FOLLOWED_BY: Record<string, string> = { 彭博: '士' };

function buildCatalog(): Catalog {
  const byAlias = new Map<string, string>();
  const byHost = new Map<string, string>();
  const aliases: string[] = [];
  for (const org of NEWS_ORGANISATIONS) {
    for (const alias of [org.name, ...org.aliases]) {
      byAlias.set(nameKey(alias), org.name);
      aliases.push(alias);
    }
    for (const host of org.hosts) byHost.set(host, org.name);
  }
  // Longest first, so "Bloomberg News" wins over "Bloomberg", "彭博社" over "彭博" and "FT中文网" over "FT".
  aliases.sort((a, b) => b.length - a.length);
  // Latin names are matched with their capitals ("The Information", "AP"), so common words never fire,
  // and share one boundary check: a lookbehind per alternative would run at every position.
  const latin = aliases.filter((alias) => /^[\x20-\x7e]+$/.test(alias));
  const cjk = aliases.filter((alias) => !/^[\x20-\x7e]+$/.test(alias));
  const latinBody = latin.map((alias) => escapeRegExp(alias).replace(/^The /, '[Tt]he ').replace(/ /g, '\\s+'));
  const cjkBody = cjk.map((alias) => {
    const stop = NOT_FOLLOWED_BY[alias];
    return stop ? `${escapeRegExp(alias)}(?!${stop})` : escapeRegExp(alias);
  });
  const patterns = [`(?<![A-Za-z0-9&])(?:${latinBody.join('|')})(?![A-Za-z0-9])`, ...cjkBody];
  const firstChars = new Uint8Array(0x10000);
  for (const alias of aliases) firstChars[alias.charCodeAt(0)] = 1;
  firstChars[0x74] = 2; // "the Information" is matched as [Tt]he: try a lowercase t only before "he"
  return { scanner: new RegExp(patterns.join('|'), 'y'), firstChars, byAlias, byHost };
}

const catalog = buildCatalog();
/** Canonical names of the known news organisations. */
const NEWSROOMS = new Set(NEWS_ORGANISATIONS.map((org) => org.name));
/** Other names of each known news organisation, by canonical name. */
const ALIASES_BY_NAME = new Map(NEWS_ORGANISATIONS.map((org) => [org.name, org.aliases]));

function canonicalHost(name: string): string | undefined {
  const match = /^(?:[a-z]+:\/\/)?([a-z0-9.-]+\.[a-z]{2,})(?:[/:?#]|$)/i.exec(name.trim());
  if (!match?.[1]) return undefined;
  const labels = match[1].toLowerCase().replace(/^www\./, '').split('.');
  // Try "cn.reuters.com", then "reuters.com": regional subdomains belong to the parent outlet.
  for (let i = 0; i < labels.length - 1; i++) {
    const found = catalog.byHost.get(labels.slice(i).join('.'));
    if (found) return found;
  }
  return undefined;
}

/** Outlets are few and asked about once per article: remember the answers. */
const outletCache = new Map<string, string>();
const OUTLET_CACHE_MAX = 1_000;

function lookupOutlet(tidy: string): string {
  const key = nameKey(tidy);
  const exact = catalog.byAlias.get(key) ?? canonicalHost(tidy);
  if (exact) return exact;
  // "英国《金融时报》", "Reuters China", "FT中文网": a country prefix, then the longest known name at the start.
  const bare = key.replace(/^(?:英国|英國|美国|美國|日本|香港|新加坡)/, '');
  let best: [string, string] | undefined;
  for (const [alias, org] of catalog.byAlias) {
    if (!bare.startsWith(alias) || (best && best[0].length >= alias.length)) continue;
    if (!/^[a-z0-9]/.test(bare.slice(alias.length))) best = [alias, org];
  }
  return best ? best[1] : tidy;
}

/** Canonical name of a news organisation ("Bloomberg.com", "彭博社" → "Bloomberg"); unknown names come back tidied. */
export function canonicalOutlet(name: string): string {
  const cached = outletCache.get(name);
  if (cached !== undefined) return cached;
  const tidy = name.normalize('NFKC').replace(/\s+/g, ' ').trim();
  const canonical = tidy === '' ? tidy : lookupOutlet(tidy);
  if (outletCache.size >= OUTLET_CACHE_MAX) outletCache.clear();
  outletCache.set(name, canonical);
  return canonical;
}

/** Every alias occurrence in the text, in order; longest alias wins where several start at one place. */
function* findMentions(text: string): Generator<{ index: number; alias: string }> {
  const { scanner, firstChars } = catalog;
  for (let i = 0; i < text.length; i++) {
    const first = firstChars[text.charCodeAt(i)];
    if (first === 0 || (first === 2 && !text.startsWith('he', i + 1))) continue;
    scanner.lastIndex = i;
    const match = scanner.exec(text);
    if (match === null) continue;
    yield { index: i, alias: match[0] };
    i += match[0].length - 1;
  }
}

/** True when the mention at [start, end) is someone speaking to that organisation. */
function isOwnInterview(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - BEFORE_WINDOW), start);
  if (OWN_EN_BEFORE.test(before)) return true;
  return OWN_ZH_BEFORE.test(before) && OWN_ZH_AFTER.test(text.slice(end, end + AFTER_WINDOW));
}

/** The cue phrase around a mention at [start, end), or null when the mention is no attribution. */
function findCue(text: string, start: number, end: number, inLead: boolean): string | null {
  const before = text.slice(Math.max(0, start - BEFORE_WINDOW), start);
  const after = text.slice(end, end + AFTER_WINDOW);
  if (DATA_AFTER.test(after) || DATA_BEFORE.test(before)) return null;
  // "据The Information此前报道": an earlier report cited for background, not the one this article retells.
  if (EARLIER_ZH_AFTER.test(after)) return null;
  if (!inLead) {
    const credit = CREDIT_BEFORE.exec(before);
    return credit ? text.slice(start - (before.length - credit.index), end).replace(/\s+/g, ' ').trim() : null;
  }
  // A wire's own dateline or byline carried by another site: "(Bloomberg) --", "April 22 (Reuters) -", "By A and B | Bloomberg".
  if (/\(\s*$/.test(before) && /^\s*\)\s*[-—–]/.test(after)) return text.slice(start - 1, end + 1);
  if (/^By\s[^\n]{2,80}\|\s*$/m.test(before.slice(before.lastIndexOf('\n') + 1))) return text.slice(start, end);
  const cueBefore = EN_BEFORE.exec(before) ?? ZH_BEFORE.exec(before) ?? CREDIT_BEFORE.exec(before);
  const cueAfter = EN_AFTER.exec(after) ?? ZH_AFTER.exec(after);
  if (!cueBefore && !cueAfter) return null;
  const from = cueBefore ? start - (before.length - cueBefore.index) : start;
  const to = cueAfter ? end + cueAfter[0].length : end;
  return text.slice(from, to).replace(/\s+/g, ' ').trim();
}

/**
 * The source an article rests on: the first other news organisation it attributes to, else its outlet.
 * Pass the title and body together (title first) when both are at hand.
 */
export function attributeOrigin(text: string, outlet: string | null, options: OriginOptions = {}): OriginAttribution {
  const own = outlet === null ? null : canonicalOutlet(outlet);
  const leadChars = options.leadChars ?? LEAD_CHARS;
  const scanned = text.length > SCAN_CHARS ? text.slice(0, SCAN_CHARS) : text;
  // A report the article answers ("rejected a report by 36Kr", "针对彭博社此前的报道") stays the report being
  // answered wherever the article names it again ("彭博社的报道还称…").
  const answered = new Set<string>();
  for (const { index, alias } of findMentions(scanned)) {
    const org = catalog.byAlias.get(nameKey(alias));
    if (org === undefined || answered.has(org)) continue;
    if (DENIED_BEFORE.test(scanned.slice(Math.max(0, index - BEFORE_WINDOW), index))) {
      answered.add(org);
      continue;
    }
    if (org === own) {
      // Its own earlier reporting ("Reuters reported last year") is no source; its own interview is.
      if (index < leadChars && isOwnInterview(scanned, index, index + alias.length)) break;
      continue;
    }
    const phrase = findCue(scanned, index, index + alias.length, index < leadChars);
    if (phrase !== null) return { origin: org, phrase };
  }
  return { origin: own === null || own === '' ? UNKNOWN_ORIGIN : own, phrase: null };
}

/**
 * What an article's own words say about where its facts come from. `named`: it names another
 * organisation as the basis of the report. `own-reporting`: it shows reporting of its own; `strong` when
 * the marker names the outlet or its reporters ("told Harbor Street Tech", "本报记者获悉"), `weak` when
 * it only cites unnamed sources ("people familiar with the matter"), which wire rewrites copy verbatim
 * and so cannot tell a scoop from its rewrite: placeArticle makes no origin of it. A known newsroom's
 * unnamed sources are `strong` (a newsroom names the outlet it rewrites); a newsroom's piece with no marker
 * at all is `newsroom`: its own report unless it retells an earlier story. `none`: neither.
 */
export type Attribution =
  | {
      basis: 'named';
      origin: string;
      phrase: string;
      /** The outlet's own reporting, when it shows some too: what an article answering the named report rests on. */
      own?: { origin: string; phrase: string };
    }
  | {
      basis: 'own-reporting';
      origin: string;
      phrase: string;
      strength: 'strong' | 'newsroom' | 'weak';
      /** A news organisation whose report the article disputes ("disputing a Bloomberg report"). */
      disputedReport?: string;
      /** The marker is a Chinese dateline ("快讯通5月12日讯"): the outlet's own piece, not proof of reporting. */
      dateline?: true;
    }
  | {
      basis: 'none';
      origin: null;
      phrase: null;
      /**
       * A tracked organisation speaking about itself in the opening ("Microsoft said on Tuesday that it has
       * joined…", "阿里巴巴表示"): the source of a piece that starts a story, though not proof against a rewrite.
       */
      speaker?: { origin: string; phrase: string };
    };

/** "told us", "this publication has learned", "Exclusive:": the outlet's own reporting without its name. */
const OWN_GENERIC_EN =
  /\b(?:told|tells|telling)\s+this\s+(?:publication|newspaper|site|website|outlet|newsletter|reporter|magazine)\b|\b(?:this\s+(?:publication|newspaper|site|website|outlet|newsletter|magazine)|we)\s+(?:has\s+|have\s+|had\s+)?(?:learned|learnt|confirmed|reviewed|obtained|seen|verified)\b|\b(?:seen|reviewed|obtained|viewed)\s+by\s+this\s+(?:publication|newspaper|site|website|outlet|newsletter|magazine)\b|^\s*exclusive\s*[:|-]|\bin\s+an\s+interview\s+with\s+this\s+\w+/im;
/** "told us", "seen by us": case-sensitive, so "told US officials" is not the outlet. */
const OWN_US = /\b(?:[Tt]old|[Tt]ells|[Ss]een\s+by|[Rr]eviewed\s+by|[Oo]btained\s+by|interview\s+with)\s+us\b/;
/** 本报记者, 记者获悉, 向本报表示, 独家获悉: Chinese media's markers of their own reporting. */
const OWN_GENERIC_ZH =
  /本报记者|本刊记者|本台记者|本网记者|记者(?:独家)?(?:获悉|了解到|得知|查阅|注意到|求证)|记者从[^。！？]{0,30}?(?:获悉|了解到|得知)|(?:本报|本刊|本网|本台)(?:独家)?(?:获悉|了解到|查阅|取得|获得)|独家获悉|(?:接受|向|对)(?:本报|本刊|本网|本台|记者)[^。！？]{0,12}?(?:采访|表示|透露|证实|说)|告诉(?:本报|本刊|本网|记者)|本報記者|記者(?:獨家)?(?:獲悉|了解到|得知)|(?:接受|向|對)(?:本報|本刊|記者)[^。！？]{0,12}?(?:採訪|表示|透露|證實|說)|獨家獲悉/;
/** Unnamed sources: reporting of someone's, but a rewrite keeps the phrase from the scoop it copies. */
const WEAK_EN =
  /\b(?:people|persons?|sources?|individuals?|officials?|executives?|employees?)\s+(?:familiar\s+with|with\s+(?:direct\s+)?knowledge\s+of|briefed\s+on|close\s+to|involved\s+in|who\s+(?:asked|spoke|requested)\s+(?:not\s+to\s+be|on\s+condition))|\baccording\s+to\s+(?:two|three|four|several|multiple)?\s*(?:people|persons?|sources?|insiders?)\b|\b(?:a|an)\s+(?:internal\s+)?(?:memo|document|transcript|recording|email)\s+(?:seen|reviewed|obtained|viewed)\b/i;
const WEAK_ZH = /知情人士|消息人士|接近[^，。]{0,8}人士|据悉|據悉|熟悉[^，。]{0,8}人士/;

/** Cues around the outlet's own name: "told X", "seen by X", "X has learned", "接受X采访", "X获悉". */
const OWN_NAME_BEFORE =
  /\b(?:told|tells|telling|to|with|by|(?:seen|reviewed|obtained|viewed|shared\s+with|provided\s+to|confirmed\s+to)\s+by|interview\s+with|speaking\s+(?:to|with))(?:\s+the)?\s+$/i;
const OWN_NAME_AFTER = /^(?:['’]s\s+(?:reporting|review|analysis|own)|\s+(?:has\s+|had\s+)?(?:learned|learnt|understands|has\s+seen|reviewed|obtained|confirmed|verified|independently))/i;
const OWN_NAME_ZH_AFTER = /^[》」』”"]?(?:\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|電|讯|訊|消息)|(?:记者|記者)?(?:的)?(?:采访|採訪|专访|專訪|表示|透露|证实|證實|独家获悉|獨家獲悉|获悉|獲悉|了解到|查阅|查閱|看到|取得|获得|獲得))/;

/**
 * The first match of `pattern` (a non-global regex) that is not inside a quotation: "Nobody told us to stop,"
 * the founder said, is the founder's "us", not the outlet's.
 */
function outsideQuotes(text: string, pattern: RegExp): string | undefined {
  const global = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`);
  for (const match of text.matchAll(global)) {
    const paragraphStart = text.lastIndexOf('\n', match.index) + 1;
    const before = text.slice(paragraphStart, match.index);
    const open = (before.match(/[“]/g) ?? []).length - (before.match(/[”]/g) ?? []).length + ((before.match(/"/g) ?? []).length % 2);
    if (open <= 0) return match[0];
  }
  return undefined;
}

/** A Chinese dateline after the outlet's name: "5月12日讯", "11月3日电". */
const DATELINE = /\d\s*月\s*\d{1,2}\s*日\s*(?:电|電|讯|訊|消息)$/;

/** True when the outlet's own name appears with a marker of its reporting ("told Harbor Street Tech"). */
function ownNameMarker(text: string, outlet: string): string | null {
  const name = outlet.normalize('NFKC').trim();
  if (name.length < 2) return null;
  let dateline: string | null = null;
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + name.length)) {
    const before = text.slice(Math.max(0, at - BEFORE_WINDOW), at);
    const after = text.slice(at + name.length, at + name.length + AFTER_WINDOW);
    const cue = OWN_NAME_BEFORE.exec(before) ?? OWN_ZH_BEFORE.exec(before);
    const tail = OWN_NAME_AFTER.exec(after) ?? OWN_NAME_ZH_AFTER.exec(after);
    // "to"/"with"/"by" alone are too common: they count only with a reporting verb right before them.
    if (cue && /^(?:to|with|by)\s/i.test(cue[0]) && !/\b(?:said|says|spoke|talked|confirmed|explained|wrote|disclosed)\s+$/i.test(before.slice(0, cue.index))) {
      if (!tail) continue;
    }
    if (cue || tail) {
      const from = cue ? at - (before.length - cue.index) : at;
      const to = tail ? at + name.length + tail[0].length : at + name.length;
      const marker = text.slice(from, to).replace(/\s+/g, ' ').trim();
      // A dateline opens the piece; reporting of its own ("向潮汐财经表示") may follow, and says more.
      if (!DATELINE.test(marker)) return marker;
      dateline ??= marker;
    }
  }
  return dateline;
}

/**
 * Reads what the article says about its sources (see Attribution). Pass the title and body together. The
 * outlet is the publishing site's name as the feed gives it; it is matched as written and canonically.
 * `organisations` are the tracked companies and bodies the article names: an article resting on one's own
 * notice, statement or filing ("OpenAI said in a notice to developers") has it as its source.
 */
export function readAttribution(
  text: string,
  outlet: string | null,
  organisations: readonly NamedOrganisation[] = [],
  /** Tracked people: a person's public testimony ("Brad Smith told a House panel") is a source too. */
  people: readonly NamedOrganisation[] = [],
): Attribution {
  const scanned = text.length > SCAN_CHARS ? text.slice(0, SCAN_CHARS) : text;
  const named = attributeOrigin(scanned, outlet);
  const found = readOwnReporting(scanned, outlet);
  if (named.phrase === null) {
    if (found.basis === 'own-reporting' && found.strength === 'strong') {
      const disputed = disputedReport(scanned, outlet);
      return disputed ? { ...found, disputedReport: disputed } : found;
    }
    const primary = readPrimarySource(scanned, organisations, people);
    // A dated piece about a company's own notice is the outlet's report of it ("IT之家5月12日消息，微软通知…");
    // a dated piece with nothing of its own is a newsroom's: its own unless it retells an earlier story.
    if (found.basis === 'own-reporting' && found.dateline) return primary ? { ...found, strength: 'strong' } : found;
    if (primary) return { basis: 'named', origin: primary.origin, phrase: primary.phrase };
    if (found.basis !== 'none') return found;
    const speaker = readSpeaker(scanned, organisations);
    return speaker ? { ...found, speaker } : found;
  }
  return {
    basis: 'named',
    origin: named.origin,
    phrase: named.phrase,
    ...(found.basis === 'own-reporting' && found.strength === 'strong' ? { own: { origin: found.origin, phrase: found.phrase } } : {}),
  };
}

/** The first other news organisation the text names as the report being denied or disputed. */
function disputedReport(text: string, outlet: string | null): string | null {
  const own = outlet === null ? null : canonicalOutlet(outlet);
  for (const { index, alias } of findMentions(text)) {
    const org = catalog.byAlias.get(nameKey(alias));
    if (org === undefined || org === own) continue;
    if (DENIED_BEFORE.test(text.slice(Math.max(0, index - BEFORE_WINDOW), index))) return org;
  }
  return null;
}

/** The outlet's own reporting, or `none`. */
function readOwnReporting(scanned: string, outlet: string | null): Attribution {
  const own = outlet === null || outlet.trim() === '' ? null : canonicalOutlet(outlet);
  if (own !== null) {
    // The outlet as the feed names it, then every name of the organisation ("Yicai" writes 第一财经记者).
    // "told the Post" is how the South China Morning Post writes its own interviews.
    const shortName = /\s(\w+)$/.exec(own)?.[1];
    const names = [...new Set([outlet!.trim(), own, ...(ALIASES_BY_NAME.get(own) ?? []), ...(shortName && shortName.length > 3 ? [`the ${shortName}`] : [])])];
    // A dateline ("快讯通5月12日讯") is how every Chinese site opens a piece, its rewrites included: it marks
    // the outlet's own report only as a newsroom's unmarked piece does, unless it retells an earlier story.
    let byName: string | null = null;
    let dateline: string | null = null;
    for (const name of names) {
      const marker = ownNameMarker(scanned, name);
      if (marker === null) continue;
      if (!DATELINE.test(marker)) {
        byName = marker;
        break;
      }
      dateline ??= marker;
    }
    const generic = byName ?? OWN_GENERIC_EN.exec(scanned)?.[0] ?? outsideQuotes(scanned, OWN_US) ?? OWN_GENERIC_ZH.exec(scanned)?.[0];
    if (generic) return { basis: 'own-reporting', origin: own, phrase: generic.replace(/\s+/g, ' ').trim(), strength: 'strong' };
    const weak = WEAK_EN.exec(scanned)?.[0] ?? WEAK_ZH.exec(scanned)?.[0];
    if (dateline && !weak) return { basis: 'own-reporting', origin: own, phrase: dateline.replace(/\s+/g, ' ').trim(), strength: 'newsroom', dateline: true };
    // A newsroom that rewrites another's scoop says whose it is: unnamed sources in a known news
    // organisation's piece are its own. Elsewhere (aggregators, exchanges, AI pages) they are often copied.
    const newsroom = NEWSROOMS.has(own);
    if (weak) return { basis: 'own-reporting', origin: own, phrase: weak.replace(/\s+/g, ' ').trim(), strength: newsroom ? 'strong' : 'weak' };
    // A newsroom's piece naming no source is its own report, unless it retells an earlier story's facts.
    if (newsroom) return { basis: 'own-reporting', origin: own, phrase: `published by ${own}, a news organisation, naming no other source`, strength: 'newsroom' };
  }
  return { basis: 'none', origin: null, phrase: null };
}

/**
 * Background in a sentence: someone else reported it ("reportedly", "a Chinese business outlet reported",
 * "earlier reports", "有媒体报道", "另据"). Not "the report", which in a rewrite is the report it retells.
 */
const BACKGROUND_EN =
  /\breportedly\b|\b(?:has|have|had|was|were)\s+(?:previously\s+|earlier\s+|also\s+)?(?:been\s+)?reported\b|\b(?:an?|other|earlier|previous|prior|recent|media|press|several)\s+(?:[\w-]+\s+){0,3}?(?:reports?|outlets?|publications?|newspapers?|sites?)\s+(?:have\s+|has\s+)?(?:reported|said|says|say|put|suggested|claimed)\b|\baccording\s+to\s+(?:media|press|earlier|previous|other|news)\s+reports?\b/i;
const BACKGROUND_ZH = /此前有?(?:媒体|外媒|报道|報導)|有(?:媒体|外媒|媒體)(?:报道|報導|称|稱)|另据|另據|早前有?报道|早前有?報導|外媒(?:报道|報導)称?/;

/**
 * Where one evidence sentence says its fact comes from: a news organisation it names as the source, `unknown`
 * for background it credits to someone else unnamed, or null when it says nothing (the article's origin holds).
 */
export function quoteSource(quote: string, outlet: string | null): string | null {
  const named = attributeOrigin(quote, outlet, { leadChars: quote.length + 1 });
  if (named.phrase !== null) return named.origin;
  return BACKGROUND_EN.test(quote) || BACKGROUND_ZH.test(quote) ? UNKNOWN_ORIGIN : null;
}
