/**
 * Story grouping: decides whether an article is a rewrite of a recent story, in English, Chinese or
 * across the two.
 *
 * Text similarity is a bottom-k MinHash (one 32-bit hash per shingle, keep the k smallest): English
 * word 3-shingles without stopwords, Chinese character 2- and 3-shingles over Han runs (traditional
 * folded to simplified), both for mixed text. A translation shares no shingles with its source, so
 * entities and figures carry cross-language rewrites; a rewrite repeats its story's figures while a
 * different story about the same companies brings figures of its own, which keeps them apart. When
 * the caller also gives origins (attributeOrigin), a shared origin joins rewrites that kept no figure,
 * and different origins keep independent reports of one event apart.
 *
 * Decision for one candidate and one story in the time window, in order:
 *   1. no shared entity (both name some): different story, no MinHash computed;
 *   2. text ≥ nearDuplicate: join;
 *   3. both origins known and different (separateOrigins): different story;
 *   4. both sides have figures and under minFigureCoverage of the candidate's are the story's: different;
 *   5. ≥ 1 shared entity, ≥ 1 shared figure, together ≥ minSharedFeatures: join;
 *   6. same origin and ≥ sameOriginOverlap of the smaller entity set shared: join;
 *   7. ≥ 1 shared entity and text ≥ paraphrase: join.
 * @module
 */
import { isHan } from '../match/sentences.js';

/** Sorted ascending 32-bit shingle hashes (at most SIGNATURE_SIZE); plain numbers, so it stores as jsonb. */
export type StorySignature = number[];

/** What an article offers for story matching. */
export interface StoryCandidate {
  signature: StorySignature;
  /** Entity slugs found in the article ("bytedance", "microsoft"). */
  entities: string[];
  /** Normalised figure keys ("1e9USD", "x3"). */
  figures: string[];
  /**
   * Optional: slugs of the tracked claims the article asserts; for a story, those any member asserts. A
   * claim is the most distinctive fact two articles can share, and the same in every language.
   */
  claims?: string[];
  /**
   * Optional: slugs of the claims the article contradicts or updates. An answer to a report (a denial, a
   * newer figure) is a report of its own, never a rewrite of the story that asserted the claim.
   */
  disputes?: string[];
  /** Optional: slugs of the claims the article contradicts (a subset of disputes). */
  denies?: string[];
  publishedAt: Date;
  /**
   * Optional: the canonical source the article rests on (attributeOrigin's `origin`); for a story, its
   * first article's. Compared as plain strings. When
   * both sides give one, a shared origin lets rewrites with no figures join and different origins keep
   * independent reports of one event apart. Absent or null: the rules without origins apply.
   */
  origin?: string | null;
  /**
   * Optional: the origin is the article's own reporting. Its reporting cannot be where an earlier story's
   * facts came from, so it never joins a story of unknown origin that began before it.
   */
  ownReporting?: boolean;
  /** Optional: band keys from createStoryFingerprint, for createStoryIndex. */
  sketch?: number[];
}

/** A recent story to compare against: its id and the same features. */
export interface RecentStory extends StoryCandidate {
  storyId: number;
}

/** Thresholds for assignStory; every field is optional and defaults to STORY_DEFAULTS. */
export interface StoryOptions {
  /** Stories published more than this many days before or after the candidate are never joined. */
  windowDays?: number;
  /** Text similarity that joins on its own, whatever the entities and figures say. */
  nearDuplicate?: number;
  /** Text similarity that joins when an entity is shared and the figures do not conflict. */
  paraphrase?: number;
  /** Shared entities plus shared figures (at least one of each) that join with no text in common. */
  minSharedFeatures?: number;
  /** Share of the candidate's figures the story must also have; below it, the figures conflict. */
  minFigureCoverage?: number;
  /** Same origin: share of the smaller entity set that must be shared to join with no figure or text. */
  sameOriginOverlap?: number;
  /** Different origins on both sides: only a near-duplicate joins (an independent report is its own story). */
  separateOrigins?: boolean;
}

/**
 * Default thresholds. On the test corpus, different stories about the same companies reach about 0.15
 * text similarity in Chinese (2-grams like 字节 and 微软 recur) and 0.02 in English, a traditional rewrite
 * of a simplified report 0.77, and English paraphrases and Chinese rewrites of one report only 0.0-0.15:
 * paraphrase (0.3) clears the noise by over two standard errors of a 64-hash estimate, and loose
 * rewrites and translations join on features instead. Three shared features are two companies and a
 * figure, or one company and two figures; one company and one round figure ("ByteDance", "$1 billion")
 * is too common to mean the same story. sameOriginOverlap 0.8: on the labelled set in
 * tests/fixtures/eval, 0.8 and 1.0 group all 57 stories exactly, 0.6 already merges one outlet's
 * different same-day reports.
 */
export const STORY_DEFAULTS: Required<StoryOptions> = {
  windowDays: 14,
  nearDuplicate: 0.5,
  paraphrase: 0.3,
  minSharedFeatures: 3,
  minFigureCoverage: 0.5,
  sameOriginOverlap: 0.8,
  separateOrigins: true,
};

/** Share of the smaller claim set two articles must have in common to be one report retold. */
const MIN_CLAIM_OVERLAP = 0.5;

/** Hashes kept per signature: the estimate's error is about sqrt(J(1-J)/64), under 0.07. */
export const SIGNATURE_SIZE = 64;
/** Rewrites condense the lead: comparing the first 2,000 characters is fairer and faster than all. */
const SIGNATURE_CHARS = 2_000;
const DAY_MS = 86_400_000;

/**
 * Traditional characters common in tech and business news, and their simplified forms at the same
 * index. Folding them lets a traditional rewrite share shingles with its simplified source; the
 * vocabulary that differs by region (人工智慧/人工智能, 資料/数据) still differs, and entities and
 * figures cover that gap.
 */
const TRADITIONAL =
  '們個這來時說會國對發為與產業經過還進開關見報導據億萬軟節動雲務書長門問間電腦網絡車東樣學實體現數總資訊營費買賣價錢銀貨幣' +
  '額兩從後裡裏邊區處應該將當無點於頭讓給種認識議論證變場廠機構團組織領員達標準規則義際歐華灣臺島內線級積極術勢強係繫統計劃' +
  '設備製視頻圖聯約紐簽訂單獲勝創辦雜誌聞週歲師傳專題響質號碼錄戶賬帳擴張顯權盡儘監測風險條協財稅購併隊態層虛擬執驗試講話語' +
  '詞調輸運輛親愛適鏈貿亞韓倫蘭羅頓紀錯誤練習獨佔競爭斷續維護擁儲閱讀寫筆記憶鐘確結決滿審夥啟歷擔憂慮僅雖須餘飛廣範圍園環壓' +
  '縮餾濾離陸鄰隨稱謂帶鎖鋼鐵礦漲幾眾麼嗎閉噸遠醫療藥豐頁顧預訪談請謝詢註冊龍馬傑偉劉陳楊黃趙吳孫鄭許鄧蕭馮葉蘇湯勞廢棄漢戰' +
  '軍衛歸檔覽觀熱戲劇邏輯輕複復檢薦紹參尋優銷鏡攝燈聲樂齊濟異狀況漸顆階穩兌匯納債貸虧損賺贏屬責蓋賴僱傭職獎勵臉觸擊軌鬆緊類' +
  '別陣補貼幫紛糾訴訟罰矽訓韌寬遲載緩圓淨潤換輝騰螞蟻遜蘋託隻氣頒佈錶燒兒';
const SIMPLIFIED =
  '们个这来时说会国对发为与产业经过还进开关见报导据亿万软节动云务书长门问间电脑网络车东样学实体现数总资讯营费买卖价钱银货币' +
  '额两从后里里边区处应该将当无点于头让给种认识议论证变场厂机构团组织领员达标准规则义际欧华湾台岛内线级积极术势强系系统计划' +
  '设备制视频图联约纽签订单获胜创办杂志闻周岁师传专题响质号码录户账账扩张显权尽尽监测风险条协财税购并队态层虚拟执验试讲话语' +
  '词调输运辆亲爱适链贸亚韩伦兰罗顿纪错误练习独占竞争断续维护拥储阅读写笔记忆钟确结决满审伙启历担忧虑仅虽须余飞广范围园环压' +
  '缩馏滤离陆邻随称谓带锁钢铁矿涨几众么吗闭吨远医疗药丰页顾预访谈请谢询注册龙马杰伟刘陈杨黄赵吴孙郑许邓萧冯叶苏汤劳废弃汉战' +
  '军卫归档览观热戏剧逻辑轻复复检荐绍参寻优销镜摄灯声乐齐济异状况渐颗阶稳兑汇纳债贷亏损赚赢属责盖赖雇佣职奖励脸触击轨松紧类' +
  '别阵补贴帮纷纠诉讼罚硅训韧宽迟载缓圆净润换辉腾蚂蚁逊苹托只气颁布表烧儿';
const HAN_BASE = 0x4e00;
/** Simplified code point by traditional code point (0 = unchanged), over the main CJK block. */
const FOLD = new Uint16Array(0xa000 - HAN_BASE);
for (let i = 0; i < TRADITIONAL.length; i++) FOLD[TRADITIONAL.charCodeAt(i) - HAN_BASE] = SIMPLIFIED.charCodeAt(i);

function foldHan(code: number): number {
  const index = code - HAN_BASE;
  return index >= 0 && index < FOLD.length ? FOLD[index]! || code : code;
}

/**
 * Words that say nothing about which story this is: function words and attribution boilerplate
 * ("according to people familiar with the matter") that every wire rewrite carries.
 */
const STOPWORDS = (
  'a an the and or but nor of to in on at for from by with as into onto over under about after before ' +
  'is are was were be been being am it its this that these those which who whom whose what when where while ' +
  'has have had do does did will would can could should may might must shall not no than then there their ' +
  'they them he she his her we our you your i me my us s t said says say saying also more most such only ' +
  'other some any all each both if so up out per via according people familiar matter report reported ' +
  'reports reportedly told asked identified because private declined comment comments'
).split(' ');

/** FNV-1a of a lowercase ASCII word, exactly as shingleHashes hashes words. */
function wordHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Stopword hashes in an open-addressing table: a Set of numbers above 2^30 boxes every lookup, and
 * this check runs once per word.
 */
const STOPWORD_TABLE = new Int32Array(1024);
for (const word of STOPWORDS) {
  const h = wordHash(word) | 0;
  let slot = h & 1023;
  while (STOPWORD_TABLE[slot] !== 0 && STOPWORD_TABLE[slot] !== h) slot = (slot + 1) & 1023;
  STOPWORD_TABLE[slot] = h;
}

function isStopword(hash: number): boolean {
  let slot = hash & 1023;
  for (;;) {
    const entry = STOPWORD_TABLE[slot]!;
    if (entry === hash) return true;
    if (entry === 0) return false;
    slot = (slot + 1) & 1023;
  }
}

/** Murmur3's 32-bit finalizer: spreads every input bit over the output, so the k smallest are a fair sample. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function combine(a: number, b: number): number {
  return mix(Math.imul(a, 0x9e3779b1) ^ b);
}

/** Word characters for English shingles: ASCII letters and digits, Latin-1 and Latin Extended letters. */
function wordCode(code: number): number {
  if (code >= 0x61 && code <= 0x7a) return code;
  if (code >= 0x41 && code <= 0x5a) return code + 32;
  if (code >= 0x30 && code <= 0x39) return code;
  if (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) return code;
  return -1;
}

/**
 * Every shingle hash of the text, in one pass with no strings built: words are hashed with FNV-1a as
 * they are read, then three kept words (or two or three Han characters) are mixed into one hash. Also
 * returns the three-word and three-character shingles alone, the rarer ones that bandKeys indexes.
 */
function shingleHashes(text: string): { hashes: Uint32Array; triples: Uint32Array } {
  // Each character ends at most one word shingle or two Han shingles.
  const out = new Uint32Array(text.length * 2 + 2);
  const triples = new Uint32Array(text.length + 1);
  let count = 0, tripleCount = 0;
  let w1 = 0, w2 = 0, words = 0; // the two previous kept words
  let word = 0x811c9dc5, wordLength = 0;
  let h1 = 0, h2 = 0, hanRun = 0; // the two previous Han characters
  // One step past the end (code -1) closes the last word. State lives in locals, not a closure, so the
  // loop runs in registers.
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : -1;
    const lower = wordCode(code);
    if (lower !== -1) {
      word = Math.imul(word ^ lower, 0x01000193);
      wordLength++;
      continue;
    }
    if (wordLength > 0) {
      const h = word | 0;
      word = 0x811c9dc5;
      wordLength = 0;
      if (!isStopword(h)) {
        if (words >= 2) out[count++] = triples[tripleCount++] = combine(combine(w1, w2), h);
        w1 = w2;
        w2 = h;
        words++;
      }
      // "ByteDance's" is "ByteDance": the possessive s would otherwise be a word of its own.
      if ((code === 0x27 || code === 0x2019) && (text.charCodeAt(i + 1) | 0x20) === 0x73 && wordCode(text.charCodeAt(i + 2)) === -1) {
        i++;
        continue;
      }
    }
    if (code >= 0x3400 && isHan(code)) {
      const han = foldHan(code);
      // English shingles never span Chinese text; Han shingles never span Latin words or punctuation.
      words = 0;
      if (hanRun >= 1) out[count++] = combine(h2, han) ^ 0x2;
      if (hanRun >= 2) out[count++] = triples[tripleCount++] = combine(combine(h1, h2), han) ^ 0x3;
      h1 = h2;
      h2 = han;
      hanRun++;
    } else hanRun = 0;
  }
  return { hashes: out.subarray(0, count), triples: triples.subarray(0, tripleCount) };
}

/** The first k distinct values of an ascending array. */
function firstDistinct(sorted: Uint32Array, k: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < sorted.length && out.length < k; i++) {
    const h = sorted[i]!;
    if (out.length === 0 || out[out.length - 1] !== h) out.push(h);
  }
  return out;
}

/**
 * The k smallest distinct hashes, ascending. Hashes are uniform, so the k-th smallest of n sits near
 * k/n of the range: sort only those under three times that (about 3k of them) instead of all n, and
 * fall back to sorting all when repeats leave fewer than k distinct below the cut.
 */
function smallestDistinct(hashes: Uint32Array, k: number): number[] {
  if (hashes.length > 8 * k) {
    const cut = ((3 * k) / hashes.length) * 0x100000000;
    const under = new Uint32Array(8 * k);
    let n = 0;
    for (let i = 0; i < hashes.length && n <= under.length; i++) {
      const h = hashes[i]!;
      if (h < cut) {
        if (n === under.length) n++; // overflow: more than expected under the cut
        else under[n++] = h;
      }
    }
    if (n <= under.length) {
      const out = firstDistinct(under.subarray(0, n).sort(), k);
      if (out.length === k) return out;
    }
  }
  return firstDistinct(hashes.sort(), k);
}

/** MinHash signature of an article's title and lead (language is advisory: each script shingles its own way). */
export function createStorySignature(article: { title: string; text: string; language: 'zh' | 'en' | 'und' }): StorySignature {
  return createStoryFingerprint(article).signature;
}

/**
 * Estimated Jaccard similarity (0..1) of two signatures' shingle sets: the share of the union's k
 * smallest hashes found in both (Broder's bottom-k estimator). The union's k smallest all sit in one
 * signature or the other, so a merge that stops after k distinct values sees exactly them.
 */
export function storySimilarity(a: StorySignature, b: StorySignature): number {
  const la = a.length;
  const lb = b.length;
  let i = 0, j = 0, union = 0, shared = 0;
  while (union < SIGNATURE_SIZE && (i < la || j < lb)) {
    const x = i < la ? a[i]! : Infinity;
    const y = j < lb ? b[j]! : Infinity;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
    union++;
  }
  return union === 0 ? 0 : shared / union;
}

/** Distinct items of `list` (a few entity slugs or figure keys), without allocating a Set per story. */
function distinctCount(list: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < list.length; i++) if (list.indexOf(list[i]!) === i) n++;
  return n;
}

/** Distinct items of `list` that `set` holds. */
function countShared(set: ReadonlySet<string>, list: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < list.length; i++) if (set.has(list[i]!) && list.indexOf(list[i]!) === i) n++;
  return n;
}

/** Jaccard of two small sets given their sizes and overlap. */
function jaccard(sizeA: number, sizeB: number, shared: number): number {
  const union = sizeA + sizeB - shared;
  return union === 0 ? 0 : shared / union;
}

/** Features of the candidate, built once per assignStory call. */
interface CandidateFeatures {
  origin: string | null;
  signature: StorySignature;
  entities: ReadonlySet<string>;
  figures: ReadonlySet<string>;
  claims: ReadonlySet<string>;
  disputes: readonly string[];
  ownReporting: boolean;
  publishedAt: number;
}

/** Combined score of one candidate-story pair: > 0 when the candidate may join, else 0. Also returns the text similarity. */
function scorePair(c: CandidateFeatures, story: RecentStory, o: Required<StoryOptions>): { score: number; text: number } {
  const sharedEntities = countShared(c.entities, story.entities);
  // Prefilter: both name entities, none in common, so they are different stories; skip the MinHash merge.
  if (sharedEntities === 0 && c.entities.size > 0 && story.entities.length > 0) return { score: 0, text: 0 };
  const sharedClaims = story.claims ? countShared(c.claims, story.claims) : 0;
  // An answer to the story (a denial, a newer figure) that repeats none of what it asserted is a report of its own.
  if (sharedClaims === 0 && story.claims && c.disputes.some((slug) => story.claims!.includes(slug))) return { score: 0, text: 0 };
  const text = storySimilarity(c.signature, story.signature);
  if (text >= o.nearDuplicate) return { score: text, text };
  const origins =
    c.origin && story.origin
      ? c.origin === story.origin
        ? 'same'
        : 'different'
      : c.origin && c.ownReporting && story.publishedAt.getTime() < c.publishedAt
        ? 'different'
        : 'unknown';
  if (origins === 'different' && o.separateOrigins) return { score: 0, text };
  const sharedFigures = countShared(c.figures, story.figures);
  const storyFigures = distinctCount(story.figures);
  const storyEntities = distinctCount(story.entities);
  const entityJaccard = jaccard(c.entities.size, storyEntities, sharedEntities);
  const figureJaccard = jaccard(c.figures.size, storyFigures, sharedFigures);
  // The same tracked claim with a figure, a second claim or the source in common is the same report retold,
  // in any language and however the rewrite reordered, rounded or padded it (a market newsletter adds share
  // moves, an explainer adds background figures): a different report of the same fact carries a source of
  // its own (named, or its own reporting), which the origin check above keeps apart.
  const overlap = sharedEntities / Math.max(1, Math.min(c.entities.size, storyEntities));
  // Claims in common, over the smaller claim set: a long page asserts many claims as background, so one claim
  // shared with it says little; a rewrite repeats most of what the shorter of the two asserts.
  const claimOverlap = story.claims && story.claims.length > 0 && c.claims.size > 0 ? sharedClaims / Math.min(c.claims.size, distinctCount(story.claims)) : 0;
  if (sharedClaims > 0 && claimOverlap >= MIN_CLAIM_OVERLAP && sharedEntities > 0 && (sharedFigures > 0 || sharedClaims >= 2 || origins === 'same' || (sharedEntities >= 2 && overlap >= o.sameOriginOverlap))) {
    const claimJaccard = jaccard(c.claims.size, story.claims ? distinctCount(story.claims) : 0, sharedClaims);
    return { score: Math.max(text, (entityJaccard + figureJaccard + 2 * claimJaccard) / 4 + 0.01 * sharedClaims), text };
  }
  // Both assert tracked claims and share few: two reports, even from one outlet on one day (a newsroom breaks
  // several stories about the same companies).
  if (c.claims.size > 0 && story.claims && story.claims.length > 0 && claimOverlap < MIN_CLAIM_OVERLAP) return { score: 0, text };
  // Otherwise a rewrite repeats its story's figures; a different story about the same companies brings its own.
  const coverage = c.figures.size === 0 ? 1 : sharedFigures / c.figures.size;
  if (c.figures.size > 0 && storyFigures > 0 && coverage < o.minFigureCoverage) return { score: 0, text };
  if (sharedEntities > 0 && sharedFigures > 0 && sharedEntities + sharedFigures >= o.minSharedFeatures) {
    return { score: Math.max(text, (entityJaccard + figureJaccard) / 2), text };
  }
  // One source, the same companies: a rewrite that kept no figure (or a translation) of that report.
  if (origins === 'same' && sharedEntities > 0 && overlap >= o.sameOriginOverlap) {
    return { score: Math.max(text, entityJaccard), text };
  }
  if (sharedEntities > 0 && text >= o.paraphrase) return { score: text, text };
  return { score: 0, text };
}

/**
 * The recent story the candidate belongs to, or null to start a new one. `recent` may hold several
 * articles per story (say its first in each language); the highest score wins, the earliest listed on
 * a tie. `similarity` is that score (for a feature join, the mean of entity and figure Jaccard), or the
 * best text similarity seen when no story was joined, for tuning.
 */
export function assignStory(
  candidate: StoryCandidate,
  recent: readonly RecentStory[],
  options: StoryOptions = {},
): { storyId: number | null; similarity: number } {
  const o = { ...STORY_DEFAULTS, ...options };
  const c: CandidateFeatures = {
    origin: candidate.origin ?? null,
    signature: candidate.signature,
    entities: new Set(candidate.entities),
    figures: new Set(candidate.figures),
    claims: new Set(candidate.claims ?? []),
    disputes: candidate.disputes ?? [],
    ownReporting: candidate.ownReporting ?? false,
    publishedAt: candidate.publishedAt.getTime(),
  };
  const at = candidate.publishedAt.getTime();
  const windowMs = o.windowDays * DAY_MS;
  let bestId: number | null = null;
  let bestScore = 0;
  let bestText = 0;
  for (const story of recent) {
    if (Math.abs(at - story.publishedAt.getTime()) > windowMs) continue;
    const { score, text } = scorePair(c, story, o);
    bestText = Math.max(bestText, text);
    if (score > bestScore) {
      bestScore = score;
      bestId = story.storyId;
    }
  }
  return bestId === null ? { storyId: null, similarity: bestText } : { storyId: bestId, similarity: bestScore };
}

/**
 * Band keys of an article for finding near-duplicates through an index (locality-sensitive hashing).
 * Over three-word and three-character shingles only: Chinese character pairs (公司, 增长) recur in most
 * articles and would make unrelated ones share keys. One-permutation MinHash: the shingle hashes fall
 * into SKETCH_BANDS × SKETCH_ROWS bins by value and each bin keeps its minimum (an empty bin borrows the
 * next one's); two texts agree on a bin's minimum with probability about their Jaccard J, so on a band of
 * SKETCH_ROWS bins with J^3, and share some band key with 1 - (1 - J^3)^20: 93% at the nearDuplicate
 * threshold (J = 0.5), 99.2% at 0.6, 99.99% at 0.7 (edited rewrites of the eval articles: 480/481 found
 * at 0.5-0.7, 1,012/1,012 above). Unrelated texts seldom agree on a whole band (1.3% of pairs of generated
 * English filler, 3.4% of Chinese). The bottom-k signature cannot serve as keys: one common shingle with
 * a small hash lands in thousands of signatures.
 */
const SKETCH_BANDS = 20;
const SKETCH_ROWS = 3;
const SKETCH_BINS = SKETCH_BANDS * SKETCH_ROWS;

function bandKeys(hashes: Uint32Array): number[] {
  if (hashes.length === 0) return [];
  const minima = new Uint32Array(SKETCH_BINS).fill(0xffffffff);
  const filled = new Uint8Array(SKETCH_BINS);
  for (let i = 0; i < hashes.length; i++) {
    const h = hashes[i]!;
    const bin = Math.floor((h / 0x100000000) * SKETCH_BINS);
    if (h <= minima[bin]!) {
      minima[bin] = h;
      filled[bin] = 1;
    }
  }
  // Densification: an empty bin takes the minimum of the next filled bin, mixed with the distance.
  const dense = new Uint32Array(SKETCH_BINS);
  for (let bin = 0; bin < SKETCH_BINS; bin++) {
    let from = bin, distance = 0;
    while (!filled[from]) {
      from = (from + 1) % SKETCH_BINS;
      distance++;
    }
    dense[bin] = distance === 0 ? minima[from]! : mix(minima[from]! ^ Math.imul(distance, 0x9e3779b1));
  }
  const keys: number[] = [];
  // The band number is mixed in, so keys of different bands never collide; `| 0` makes them int4.
  for (let band = 0; band < SKETCH_BANDS; band++) {
    let key = band;
    for (let row = 0; row < SKETCH_ROWS; row++) key = combine(key, dense[band * SKETCH_ROWS + row]!);
    keys.push(key | 0);
  }
  return keys;
}

/** What story grouping keeps of an article's text: the MinHash signature and the index keys (int4). */
export interface StoryFingerprint {
  signature: StorySignature;
  sketch: number[];
}

/** Signature and band keys of an article's title and lead, from one pass over its shingles. */
export function createStoryFingerprint(article: { title: string; text: string; language: 'zh' | 'en' | 'und' }): StoryFingerprint {
  const { hashes, triples } = shingleHashes(`${article.title}\n${article.text}`.slice(0, SIGNATURE_CHARS));
  const sketch = bandKeys(triples);
  return { signature: smallestDistinct(hashes, SIGNATURE_SIZE), sketch };
}

/** The claims of a story after a member joins: every claim any member asserts, once. */
export function mergeClaims(story: readonly string[] | undefined, member: readonly string[]): string[] {
  return [...new Set([...(story ?? []), ...member])];
}

/**
 * Recent stories by band key and entity, to find those a candidate may join: assignStory joins only with
 * a shared entity or with text at or above nearDuplicate, which shares a band key (see bandKeys). A story
 * or candidate without a sketch is found by its entities only. loadCandidateStories asks the database
 * the same question; this answers it for a batch in memory.
 */
export function createStoryIndex(): {
  add(story: RecentStory): void;
  candidates(candidate: StoryCandidate): RecentStory[];
  /** The story with this id, if added. */
  get(storyId: number): RecentStory | undefined;
  /** A story learned its origin (see placeArticle): later candidates compare with it. */
  adoptOrigin(storyId: number, origin: string): void;
  /** A member joined: the claims it asserts become the story's too. */
  addClaims(storyId: number, claims: readonly string[]): void;
} {
  const byKey = new Map<string | number, RecentStory[]>();
  // Candidates come back in the order they were added, which is what assignStory breaks ties by.
  const order = new Map<RecentStory, number>();
  const post = (key: string | number, story: RecentStory) => {
    const list = byKey.get(key);
    if (list) list.push(story);
    else byKey.set(key, [story]);
  };
  const byId = new Map<number, RecentStory>();
  return {
    get: (storyId) => byId.get(storyId),
    adoptOrigin(storyId, origin) {
      const story = byId.get(storyId);
      if (story) story.origin = origin;
    },
    addClaims(storyId, claims) {
      const story = byId.get(storyId);
      if (story) story.claims = mergeClaims(story.claims, claims);
    },
    add(story) {
      byId.set(story.storyId, story);
      order.set(story, order.size);
      for (const entity of new Set(story.entities)) post(entity, story);
      for (const key of story.sketch ?? []) post(key, story);
    },
    candidates(candidate) {
      const found = new Set<RecentStory>();
      for (const key of [...candidate.entities, ...(candidate.sketch ?? [])]) for (const story of byKey.get(key) ?? []) found.add(story);
      return [...found].sort((a, b) => order.get(a)! - order.get(b)!);
    },
  };
}
