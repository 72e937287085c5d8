/**
 * What a sentence asserts between two parties, read from a small bilingual family of cue words per relation
 * (buys from, sells to, spends on, hosts in, blocks, complains to) that the project ships once: a claim says
 * which relation it asserts and who plays which role (claims.yaml `parts`), and needs no phrasings of its own.
 *
 * A cue is found by the matcher's one scan; this module decides whether the roles around it are the claim's:
 *
 * - every cue names which role comes first in an active sentence: "Alibaba **buys** … from Microsoft" puts the
 *   buyer first, "Microsoft **sells** … to Alibaba" the seller, "百度向微软**采购**" the buyer (a party after 向,
 *   from, through or via is never the first role), and a passive "is sold … by Microsoft" swaps them;
 * - the first role must be the claim's (its subject when the cue puts the subject first, else its
 *   counterpart), named before the cue or carried from the two sentences before by a reference ("The
 *   Hangzhou-based group", "该公司", "it") when nothing else is named there;
 * - the cue's object (from the cue to the end of its clause) must not name another company or cloud vendor
 *   in the other role's place: "Microsoft sells OpenAI models to ByteDance" is not a sale to Baidu;
 * - a claim with a place needs it in the sentence or next to it.
 *
 * Negation before the cue ("has not complained", "并未向…采购") flips the relation: it contradicts a claim
 * that it holds, or, said as an ending ("no longer buys", "不再", "has stopped selling"), updates it.
 * @module
 */

/** A relation a claim can assert (claims.yaml `parts.relation`). */
export type Relation = 'buys-from' | 'sells-to' | 'spends-on' | 'hosts-in' | 'blocks' | 'complains-to';

/** Which role a cue puts first in an active sentence. */
type Role = 'subject' | 'counterpart';

/** One cue phrase (a trailing `*` makes it a word beginning) and what it says. */
interface CueDef {
  phrase: string;
  relations: readonly Relation[];
  /** Per relation, the role the party before the cue plays. */
  first: Readonly<Partial<Record<Relation, Role>>>;
  /** The cue states the relation in negative form ("not available in", "无法访问"): no negation is read before it. */
  inherent?: boolean;
  /**
   * A noun ("bill", "customer", 账单): its first role may stand anywhere before it ("Tencent's Azure bill"),
   * where a verb's must be the party nearest before it ("Microsoft offers…" is Microsoft offering).
   */
  noun?: boolean;
}

/** A found cue, as the matcher attaches it to a scanner key. */
export interface RelationCue {
  relation: Relation;
  first: Role;
  inherent: boolean;
  noun: boolean;
}

const buyerFirst = { 'buys-from': 'subject', 'sells-to': 'counterpart', 'spends-on': 'subject' } as const;
const sellerFirst = { 'buys-from': 'counterpart', 'sells-to': 'subject', 'spends-on': 'counterpart' } as const;
const trade: readonly Relation[] = ['buys-from', 'sells-to', 'spends-on'];

const words = (list: string, relations: readonly Relation[], first: CueDef['first'], kind: { inherent?: boolean; noun?: boolean } = {}): CueDef[] =>
  list
    .split('|')
    .map((phrase) => phrase.trim())
    .filter((phrase) => phrase.length > 0)
    .map((phrase) => ({ phrase, relations, first, ...kind }));

const CUES: readonly CueDef[] = [
  // Buying, renting, subscribing, using a service: the buyer comes first.
  ...words(
    'buy|buys|bought|buying|purchas*|rent|rents|rented|renting|licens*|lease|leases|leased|leasing|' +
      'subscribe*|subscribing|signed up|sign up|signs up|tap|taps|tapped|tapping|tapping into|procur*|' +
      'relies on|rely on|relied on|relying on|access|accesses|accessed|accessing|gets access|got access|gained access|' +
      'use|uses|used|using|customer of|customers of|client of|clients of|is a customer|are customers|' +
      // "the largest customer for Microsoft's AI offerings", "biggest buyer of Microsoft AI services", "the
      // largest AI customer on Microsoft's books", a spinner's "greatest patron of": the buyer comes first.
      'customer for|customers for|client for|clients for|customer on|customers on|buyer of|buyers of|buyer for|' +
      'purchaser of|patron of|patrons of|' +
      '采购|採購|购买|購買|购入|購入|租用|订购|訂購|使用|调用|調用|接入|获取|獲取|取得|买入|買入|客户之一|客戶之一',
    trade,
    buyerFirst,
  ),
  // "Microsoft's customer", "微软的客户": a customer noun with its vendor before it; the buyer is named elsewhere.
  ...words('customer|customers|client|clients|buyer|buyers|purchaser|purchasers|客户|客戶|买家|買家|用户|用戶|采购方|採購方|买方|買方', ['buys-from', 'sells-to', 'spends-on'], {
    'buys-from': 'counterpart',
    'sells-to': 'subject',
    'spends-on': 'counterpart',
  }, { noun: true }),
  // Selling, supplying, offering: the seller comes first.
  ...words(
    'sell|sells|sold|selling|supplies|supplied|supplying|supply|provide|provides|provided|providing|offer|offers|offered|offering|' +
      'serve|serves|served|serving|resell*|resold|distribut*|do business|does business|doing business|did business|' +
      'gives|gave|giving|grants|granted|granting|' +
      '开展业务|開展業務|做生意|做業務|' +
      '出售|销售|銷售|卖给|賣給|售予|提供|提供给|提供給|供应|供應|转售|轉售|分销|分銷|向其提供|开放给|開放給',
    trade,
    sellerFirst,
  ),
  // Spending and paying: the spender comes first; earning from a payer puts the payee first.
  ...words('spend|spends|spent|pay|pays|paid|paying|花费|花費|投入|支付|付给|付給|花在|砸下', ['spends-on', 'buys-from'], { 'spends-on': 'subject', 'buys-from': 'subject' }),
  ...words('spending|outlay|outlays|bill|bills|budget*|invoice*|tab|支出|账单|帳單|开支|開支|费用|費用|消费|消費', ['spends-on'], { 'spends-on': 'subject' }, { noun: true }),
  ...words('earns|earned|earning|revenue from|revenues from|income from|收入来自|收入來自|营收来自|營收來自', ['spends-on'], {
    'spends-on': 'counterpart',
  }),
  // Hosting and serving from a place.
  ...words(
    'host|hosts|hosted|hosting|serves|served|serving|runs|ran|running|run|deploy*|housed|located|data centre*|data center*|' +
      '部署|托管|託管|运行|運行|位于|位於|数据中心|數據中心|机房|機房',
    ['hosts-in'],
    { 'hosts-in': 'subject' },
  ),
  // Blocking and shutting out; some cues are negative in form and carry no negation of their own.
  ...words(
    'block|blocks|blocked|blocking|bar|bars|barred|barring|ban|bans|banned|banning|restrict*|cut off|cuts off|cutting off|' +
      'shut out|shuts out|shutting out|lock out|locks out|locked out|geo-block*|geoblock*|geofenc*|wall off|walls off|walled off|' +
      'keeps out|kept out|keep out|turned away|turns away|' +
      '封锁|封鎖|屏蔽|禁止|限制|切断|切斷|封禁|拦截|攔截',
    ['blocks'],
    { blocks: 'subject' },
  ),
  ...words(
    'not available|unavailable|not accessible|inaccessible|does not support|do not support|not supported|unsupported|' +
      'no access|cannot access|can not access|can\'t access|cannot reach|cannot use|can\'t use|cannot be used|can\'t be used|' +
      'does not serve|doesn\'t serve|not serving|not offered|isn\'t offered|not open to|closed to|off-limits|off limits|out of reach|' +
      '不向|未向|不对|未对|不對|未對|无法在|無法在|用不了|' +
      '无法访问|無法訪問|无法使用|無法使用|不支持|不支援|不可用|无法登录|無法登錄|不提供服务|不提供服務|不对中国|不對中國|未开放|未開放|不开放|不開放',
    ['blocks'],
    { blocks: 'subject' },
    { inherent: true },
  ),
  // Complaining, pressing, protesting to someone.
  ...words(
    'complain*|grumbl*|griev*|protest*|lobbied|lobbying|pressed|pressing|presses|pushed|pushing|urged|urging|urges|' +
      'raised concerns|raised the issue|raised complaints|voiced concerns|voiced frustration|frustrat*|dissatisf*|unhappy|' +
      'warned|warns|escalated|escalating|' +
      '抱怨|投诉|投訴|不满|不滿|施压|施壓|反映|交涉|敦促|诉苦|訴苦|发牢骚|發牢騷|表达关切|表達關切|提出关切|提出關切|催促',
    ['complains-to'],
    { 'complains-to': 'subject' },
  ),
  // What a complaint says: the other side (named before it) is "not doing enough", or lacks what is needed.
  ...words(
    'lacks|lacking|lacked|shortage|shortages|short of|not enough|insufficient|falls short|fell short|' +
      '不足|短缺|紧张|緊張|跟不上|' +
      'not doing enough|not done enough|doing too little|does too little|did too little|done too little|做得不够|做得還不夠|做得还不够|做得不夠|力度不够|力度不夠|不够努力|不夠努力',
    ['complains-to'],
    { 'complains-to': 'counterpart' },
    { inherent: true, noun: true },
  ),
];

/** Cue key (as the scanner folds it) → what it says, for every relation it belongs to. */
export function relationCueKeys(fold: (term: string) => string): { terms: Map<string, RelationCue[]>; stems: Map<string, RelationCue[]> } {
  const terms = new Map<string, RelationCue[]>();
  const stems = new Map<string, RelationCue[]>();
  for (const cue of CUES) {
    const isStem = cue.phrase.endsWith('*');
    const key = fold(isStem ? cue.phrase.slice(0, -1) : cue.phrase);
    const target = isStem ? stems : terms;
    const list = target.get(key) ?? [];
    for (const relation of cue.relations) {
      const first = cue.first[relation];
      if (first && !list.some((c) => c.relation === relation && c.first === first)) list.push({ relation, first, inherent: cue.inherent ?? false, noun: cue.noun ?? false });
    }
    target.set(key, list);
  }
  return { terms, stems };
}

/** A party named in the sentences around a cue: an entity (slug) or an untracked vendor, with its place. */
export interface NamedParty {
  /** Entity slug, or null for a cloud or chip vendor the catalog does not track. */
  entity: string | null;
  start: number;
  end: number;
  /** A company or vendor (not a person or a body such as a forum or think tank). */
  company: boolean;
}

/** What the role check needs from a claim. */
export interface ClaimRoles {
  relation: Relation;
  subject: readonly string[];
  counterpart: readonly string[];
  /** Every entity of the claim: naming one in the object is never another party ("OpenAI models"). */
  entities: readonly string[];
  /** Pattern of the claim's place, when it names one. */
  place: RegExp | null;
}

/** Whether a cue's roles are the claim's, and how the relation is stated. */
export interface RelationReading {
  /** How the subject is named: in the sentence, or carried from a sentence before by a reference. */
  subject: 'named' | 'carried';
  /** The relation is stated as not holding ("has not complained", "并未采购"). */
  negated: boolean;
  /** The negation says the relation ended ("no longer", "不再", "stopped"): news about it, not a denial. */
  ended: boolean;
  /** The words that carried the relation, as written. */
  cue: string;
}

/** A sentence around a cue as the role check reads it (offsets in the text the parties index into). */
export interface CueContext {
  text: string;
  sentenceStart: number;
  sentenceEnd: number;
  cueStart: number;
  cueEnd: number;
  /** Parties named in this sentence. */
  parties: readonly NamedParty[];
  /** Entities named in the two sentences before and the one after (a party carried by a reference). */
  before: ReadonlySet<string>;
  /** Text of the sentences either side, for the place. */
  neighbours: string;
}

/** A party after these words is where the relation comes from or goes through, never its first role. */
const PREPOSITION_BEFORE = /(?:\b(?:from|through|via|on|with|of|at|by|to|for|into|onto|over|across|against|向|从|從|通过|通過|经由|經由|借助|透过|透過|在|对|對|给|給|与|與|和|跟|以)\s*(?:the\s+|its\s+|their\s+)?$|(?:向|从|從|通过|通過|经由|經由|借助|透过|透過|在|对|對|给|給|与|與|和|跟|以)$)/iu;
const PASSIVE_BEFORE = /\b(?:is|are|was|were|been|being|be|get|gets|got)\s+(?:\w+\s+){0,2}$/iu;
const PASSIVE_AFTER = /^\s+(?:[\w-]+\s+){0,4}?by\s/iu;
/** Another statement starts at a semicolon or at "while", "but", "whereas" (but, 而, 但 in Chinese). */
const STRONG_BOUNDARY = /[;；]|\s(?:while|but|whereas|although)\s|而|但/gu;
/** A clause ends at a comma, semicolon, colon or dash, and at "while", "but", "whereas". */
const CLAUSE_END = /[,，;；:：]|\s[—–]\s|\s(?:while|but|whereas|although)\s|而|但/u;
const NEGATION_BEFORE =
  /(?:\b(?:not|never|no longer|neither|nor|denied|denies|deny|stopped|ceased|halted|ended|quit|stop|stops|will stop|to stop|refuses to|refused to|refusing to|declines to|declined to|declining to|won['’]t)\b|n['’]t)(?:\s+[\w'’-]+){0,3}\s*$|(?:不再|不|没有|沒有|没|沒|未|并未|並未|从未|從未|停止|终止|終止|暂停|暫停|拒绝|拒絕)(?:向|对|對|给|給)[^，。,;；]{0,24}$|(?:不再|不|没有|沒有|没|沒|未|并未|並未|从未|從未|停止|终止|終止|暂停|暫停|拒绝|拒絕)(?!少|断|斷|仅|僅|只|久|过|過|同|到|论|論)[^，。,;；]{0,6}$/iu;
/** "not the only buyer", "不是唯一": a negation that adds others, not one that denies the relation. */
const NOT_ONLY = /\bnot\s+(?:the\s+)?(?:only|sole|alone)\b|\bnot\s+alone\b|不是唯一|并非唯一|並非唯一|不止|不只/iu;
const ENDED = /\b(?:no longer|stopped|stops?|ceased|halted|ended|quit)\b|不再|停止|终止|終止|暂停|暫停/iu;
const PRODUCT_AFTER = /^(?:['’]s)?[\s-]*(?:[\w.-]+\s+){0,2}?(?:models?|GPT|API|APIs|access|chatbot|app|technology|o\d)\b|^(?:的)?[\w\s-]{0,8}?(?:模型|大模型|API|接口)/iu;
const RELATIVE_AFTER = /^[^,，.;]{0,30},\s*(?:which|who|that)\b[^,，.;]*$/iu;
const OWN_OBJECT = /^\W{0,3}(?:\w+\s+){0,2}?(?:its|their)\s+own\b|^[^，。,]{0,6}(?:自研|自有|自家|自己的|自主研发)/iu;
const OWN_BEFORE = /\b(?:its|their)\s+own\s+(?:[\w-]+\s+)?$|自己的$|自有$/iu;
/** How far from a noun cue ("customer", "bill") its other party may stand, in characters. */
const NOUN_REACH = 60;
const LENDING_VERB = /^(?:licens|leas|rent|lend|lent)/iu;
const TO_AFTER = /^\s+(?:[\w'’-]+\s+){0,5}?(?:out\s+)?to\s/iu;

/**
 * True when the cue's roles are the other way round: a passive ("is sold … by Microsoft"), or a verb that
 * buys with "from" but sells with "to" ("licenses its models to Microsoft"); both at once cancel out.
 */
function reversed(cue: RelationCue, text: string, before: string, cueStart: number, cueEnd: number, after: string): boolean {
  const passive = PASSIVE_BEFORE.test(before) && PASSIVE_AFTER.test(after);
  const lends = cue.relation !== 'hosts-in' && LENDING_VERB.test(text.slice(cueStart, cueEnd)) && TO_AFTER.test(after);
  return passive !== lends;
}

const REFERS_BACK = /后者|後者|前者|该公司|該公司|这家公司|這家公司|\bthe\s+latter\b|\b(?:it|its)\b|其/iu;

/**
 * The party nearest before a cue that is not the object of a preposition ("向微软", "through Azure"), nor
 * a name right after one that is ("通过微软Azure", "via Microsoft's Azure"); a party heading a relative
 * clause ("models from Anthropic, which does not…") is a head all the same.
 */
function headOf(before: readonly NamedParty[], text: string, regionStart: number, cueStart: number): NamedParty | undefined {
  let head: NamedParty | undefined;
  let previous: { party: NamedParty; governed: boolean } | undefined;
  for (const party of before) {
    const adjoining = previous !== undefined && /^(?:['’]s)?\s?(?:的)?$/u.test(text.slice(previous.party.end, party.start));
    const governed = (adjoining && previous!.governed) || PREPOSITION_BEFORE.test(text.slice(Math.max(regionStart, party.start - 12), party.start));
    if (!governed || RELATIVE_AFTER.test(text.slice(party.end, cueStart))) head = party;
    previous = { party, governed };
  }
  return head;
}

/** Where the clause holding `at` starts (after the last comma, semicolon or colon before it). */
function lastClauseEnd(text: string, from: number, at: number): number {
  let end = from;
  for (const match of text.slice(from, at).matchAll(/[,，;；:：]/gu)) end = from + match.index + 1;
  return end;
}

/** A sentence about declining to comment states no relation ("微软表示不对具体客户置评", "declined to comment on clients"). */
const NO_COMMENT = /置评|置評|不予评论|不予評論|\bcomment(?:ed|ing)?\s+on\b|\bno\s+comment\b|\bdeclined\s+to\s+comment\b/iu;

/** How far before the cue a subject may stand in a long sentence, in characters. */
const SUBJECT_REACH = 160;

/**
 * Where a cue's statement lies in its sentence: from the last semicolon, "while" or "but" before it (at most
 * `SUBJECT_REACH` back) to the next one after it, and where the cue's own clause (its object) ends.
 */
function spanOf(context: CueContext): { regionStart: number; regionEnd: number; tailText: string; clauseEnd: number } {
  const { text, cueStart, cueEnd, sentenceStart, sentenceEnd } = context;
  const boundaries = [...text.slice(sentenceStart, cueStart).matchAll(STRONG_BOUNDARY)];
  const last = boundaries.at(-1);
  const regionStart = Math.max(cueStart - SUBJECT_REACH, sentenceStart + (last ? last.index + last[0].length : 0));
  const tailText = text.slice(cueEnd, sentenceEnd);
  const tailBoundary = tailText.search(STRONG_BOUNDARY);
  const clauseEndAt = tailText.search(CLAUSE_END);
  return {
    regionStart,
    regionEnd: tailBoundary < 0 ? sentenceEnd : cueEnd + tailBoundary,
    tailText,
    clauseEnd: clauseEndAt < 0 ? sentenceEnd : cueEnd + clauseEndAt,
  };
}

/** Reads whether the cue in `context` states the claim's relation with the claim's parties in their roles. */
export function readRelation(roles: ClaimRoles, cue: RelationCue, context: CueContext): RelationReading | null {
  const { text, cueStart, cueEnd, parties } = context;
  const { regionStart, regionEnd, tailText, clauseEnd } = spanOf(context);
  const before = text.slice(regionStart, cueStart);
  // "licenses its models to Microsoft", "rents capacity out to": these verbs sell when the object goes *to* someone.
  const firstRole: Role = reversed(cue, text, before, cueStart, cueEnd, tailText) ? (cue.first === 'subject' ? 'counterpart' : 'subject') : cue.first;
  const secondRole: Role = firstRole === 'subject' ? 'counterpart' : 'subject';
  const objectEnd = Math.min(regionEnd, clauseEnd);

  const names = (role: Role) => (role === 'subject' ? roles.subject : roles.counterpart);
  const inRole = (party: NamedParty, role: Role) => party.entity !== null && names(role).includes(party.entity);
  const stranger = (party: NamedParty) => party.company && (party.entity === null || !roles.entities.includes(party.entity));
  const beforeParties = parties.filter((p) => p.start >= regionStart && p.end <= cueStart);
  const inRegion = parties.filter((p) => p.start >= regionStart && p.start < regionEnd);
  // The first role: the nearest party before the cue that is not after a preposition ("向微软", "through Azure").
  // A party followed by "which" or "who" heads the relative clause after it ("models from Anthropic, which does not…").
  const head = headOf(beforeParties, text, regionStart, cueStart);
  const objects = parties.filter((p) => p.start >= cueEnd && p.start < objectEnd);
  const nearby = (role: Role) => names(role).some((slug) => context.before.has(slug));

  if (NO_COMMENT.test(text.slice(lastClauseEnd(text, regionStart, cueStart), objectEnd))) return null;
  // "relies on its own Qwen models", "使用自研模型": a party dealing with itself deals with no one; "sells to its
  // own customers" names none of them.
  if (OWN_OBJECT.test(text.slice(cueEnd, objectEnd)) || (cue.noun && OWN_BEFORE.test(before))) return null;

  let firstWay: 'named' | 'carried' | null = null;
  // A noun's first role is named in its own clause ("Tencent's Azure bill"), not in the clause before it.
  // …unless the clause refers back to it ("OpenAI told Microsoft that the latter was not doing enough").
  const ownClause = lastClauseEnd(text, regionStart, cueStart);
  const clauseStart = REFERS_BACK.test(text.slice(ownClause, cueStart)) ? regionStart : ownClause;
  if (head ? inRole(head, firstRole) || (cue.noun && !stranger(head) && beforeParties.some((p) => p.start >= clauseStart && inRole(p, firstRole))) : false) firstWay = 'named';
  else if (!head && nearby(firstRole)) firstWay = 'carried';
  // A claim without a counterpart has no one to name in that role ("users in China are blocked"), as long as
  // the subject is the object ("…blocks users in China from Gemini").
  else if (firstRole === 'counterpart' && roles.counterpart.length === 0 && !head && objects.some((p) => inRole(p, 'subject'))) firstWay = 'named';
  if (firstWay === null) return null;

  // The second role: in the cue's part of the sentence, or (named nowhere in it) in the sentences around;
  // never another company standing alone in the object.
  if (names(secondRole).length > 0) {
    const inObject = objects.some((p) => inRole(p, secondRole));
    // A noun's other party stands next to it ("ByteDance is Microsoft's largest customer", "customers such as
    // Baidu"), not anywhere in a long sentence.
    const here = inRegion.some((p) => inRole(p, secondRole) && (!cue.noun || Math.min(Math.abs(p.start - cueEnd), Math.abs(cueStart - p.end)) <= NOUN_REACH));
    if (!inObject && !here && objects.some(stranger)) return null;
    const elsewhereInSentence = parties.some((p) => inRole(p, secondRole));
    // A subject named only in another statement of the sentence is that statement's ("Microsoft sells to
    // ByteDance; Baidu relies on its own models"); a counterpart anywhere in it is still the one dealt with.
    const elsewhereCounts = secondRole === 'counterpart' && elsewhereInSentence;
    if (!inObject && !here && !elsewhereCounts && (elsewhereInSentence || !nearby(secondRole))) return null;
    // One role may be carried from the sentences around, not both: "公司海外业务会使用部分第三方云服务" names no one.
    if (firstWay === 'carried' && !inObject && !here && !elsewhereInSentence) return null;
  }
  if (roles.place && !roles.place.test(text.slice(context.sentenceStart, context.sentenceEnd)) && !roles.place.test(context.neighbours)) return null;

  const subjectWay = firstRole === 'subject' ? firstWay : inRegion.some((p) => inRole(p, 'subject')) ? 'named' : 'carried';
  const lead = text.slice(Math.max(regionStart, cueStart - 40), cueStart);
  const negated = !cue.inherent && NEGATION_BEFORE.test(lead) && !NOT_ONLY.test(lead);
  return { subject: subjectWay, negated, ended: negated && ENDED.test(lead), cue: text.slice(cueStart, cueEnd) };
}

/** Cloud and chip vendors the catalog does not track: in the object they are another party. */
export const OTHER_VENDORS =
  /\b(?:Amazon(?:\s+Web\s+Services)?|AWS|Oracle|Huawei(?:\s+Cloud)?|CoreWeave|IBM|Nvidia|Volcano\s+Engine|Salesforce|Meta)\b|亚马逊|亞馬遜|华为|華為|甲骨文|英伟达|英偉達|輝達|火山引擎/giu;

/** Places a claim may name, with the ways coverage writes them; anything else is matched as written. */
const PLACE_NAMES: Readonly<Record<string, string>> = {
  china: 'China|Chinese mainland|mainland|PRC|中国|中國|大陆|大陸|内地|內地|国内|境内|境內',
  singapore: 'Singapore|新加坡|狮城|獅城',
  'hong kong': 'Hong Kong|香港',
};

/** The pattern of a claim's place ("China", "Singapore"). */
export function placePattern(place: string): RegExp {
  const known = PLACE_NAMES[place.trim().toLowerCase()];
  return new RegExp(known ?? place.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'iu');
}

/** What a sentence asserts between named parties, read without a claim: the stuff of candidate claims. */
export interface Assertion {
  relation: Relation;
  /** Entity slug of who does it: the buyer, spender, host, blocker or complainer. */
  subject: string;
  /** Entity slug of the other party (the seller, the payee, the one complained to), if named. */
  counterpart: string | null;
  /** The place named in the sentence, normalized ("china", "singapore"), for relations about where. */
  place: string | null;
  negated: boolean;
  cue: string;
}

/**
 * Reads what a cue asserts between the parties named around it, for any relation: the first role is the
 * party nearest before a verb cue (or, for a noun, the first role the noun names), the other the first
 * party of the object. Null when the sentence names no party in the role the cue puts first.
 */
export function readAssertion(cues: readonly RelationCue[], context: CueContext): Assertion | null {
  const { text, cueStart, cueEnd, parties } = context;
  // A cue's first family names it ("buys" is trade, "spends" spending, "serves" trade before hosting);
  // a sale is read from the buyer's side, so buying and selling between two parties are one candidate.
  const listed = cues[0]?.relation;
  const relation = listed === 'sells-to' ? 'buys-from' : listed;
  const cue = cues.find((c) => c.relation === relation);
  if (!relation || !cue) return null;
  const { regionStart, tailText, clauseEnd: objectEnd } = spanOf(context);
  if (OWN_OBJECT.test(text.slice(cueEnd, objectEnd))) return null;
  // "OpenAI models", "OpenAI's GPT-4o", "Gemini模型": a maker named for its product is no party to the deal.
  const named = (p: NamedParty) => p.entity !== null && !PRODUCT_AFTER.test(text.slice(p.end, p.end + 24));
  const before = parties.filter((p) => named(p) && p.start >= regionStart && p.end <= cueStart);
  const head = headOf(before, text, regionStart, cueStart);
  const object = parties.find((p) => named(p) && p.start >= cueEnd && p.start < objectEnd);
  // A noun's first role stands before it: "Tencent's Azure bill" (the spender first), "Microsoft's customer
  // ByteDance" (the vendor first, right before the noun).
  const first = cue.noun && cue.first === 'subject' ? before[0] : head;
  if (!first || !first.company) return null;
  const other = cue.noun ? (before.find((p) => p.entity !== first.entity) ?? object) : object;
  const otherSlug = other && other.entity !== first.entity ? other.entity : null;
  const firstIsSubject = (cue.first === 'subject') !== (!cue.noun && reversed(cue, text, text.slice(regionStart, cueStart), cueStart, cueEnd, tailText));
  const [subject, counterpart] = firstIsSubject ? [first.entity!, otherSlug] : [otherSlug, first.entity!];
  if (subject === null) return null;
  const sentence = text.slice(context.sentenceStart, context.sentenceEnd);
  const place = relation === 'hosts-in' || relation === 'blocks' ? (Object.keys(PLACE_NAMES).find((name) => placePattern(name).test(sentence)) ?? null) : null;
  const lead = text.slice(Math.max(regionStart, cueStart - 40), cueStart);
  return { relation, subject, counterpart, place, negated: !cue.inherent && NEGATION_BEFORE.test(lead) && !NOT_ONLY.test(lead), cue: text.slice(cueStart, cueEnd) };
}

/** The key candidates group by: relation, subject, counterpart and place ("buys-from:alibaba>microsoft"). */
export function assertionKey(assertion: Pick<Assertion, 'relation' | 'subject' | 'counterpart' | 'place'>): string {
  return `${assertion.relation}:${assertion.subject}>${assertion.counterpart ?? '-'}${assertion.place ? `@${assertion.place}` : ''}`;
}
