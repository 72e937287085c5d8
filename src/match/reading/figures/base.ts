/**
 * The base of a share: "1.5% of Microsoft's total revenue" → 'total revenue', "占微软总收入的1.5%" →
 * 'total revenue', "nearly 25% of that service's revenue" → 'service revenue'.
 * @module
 */
import { before } from './text.js';

// Owners whose revenue is the whole company's. Claims are about Microsoft, so "Microsoft's revenue" and
// "its revenue" mean total revenue, while "Azure's revenue" keeps its owner and becomes 'azure revenue'.
const WHOLE_COMPANY = /^(?:the\s+(?:company|firm|group)['’]s\s+|microsoft(?:\s+corp(?:oration)?)?['’]s\s+|(?:the|its|their|his|her)\s+)/i;
const DETERMINER = /^(?:the|its|their|his|her|that|this|these|those|a|an)\s+/i;
const STOP = new Set([
  'in', 'at', 'for', 'from', 'during', 'as', 'by', 'on', 'with', 'to', 'than', 'and', 'or', 'but', 'which',
  'who', 'while', 'since', 'according', 'last', 'next', 'was', 'is', 'were', 'are', 'had', 'has', 'have',
  'will', 'would', 'could', 'that', 'this', 'a', 'an', 'the', 'it', 'per', 'over', 'through', 'before', 'after',
]);
const PHRASE = /^\s+of\s+((?:[A-Za-z][\w'’&.-]*)(?:\s+[A-Za-z][\w'’&.-]*){0,6})/;

/** The English base after a percentage ("of Azure sales"), and where it ends. */
export function englishBaseAfter(text: string, end: number): { base: string; end: number } | undefined {
  const match = PHRASE.exec(text.slice(end, end + 80));
  const phrase = match?.[1];
  if (!match || phrase === undefined) return undefined;
  const words = phrase.split(/\s+/);
  let count = 0;
  // Leading determiners are part of the phrase; the first stop word after a content word ends it.
  let content = false;
  for (const word of words) {
    const bare = word.toLowerCase().replace(/[.]+$/, '');
    if (content && STOP.has(bare)) break;
    if (!STOP.has(bare)) content = true;
    count++;
  }
  const kept = words.slice(0, count).join(' ').replace(/[.]+$/, '');
  const base = normalizeEnglishBase(kept);
  if (base === '') return undefined;
  const consumed = match[0].length - phrase.length + kept.length;
  return { base, end: end + consumed };
}

/** Lower-case base with determiners and whole-company owners dropped, other possessives made compounds. */
export function normalizeEnglishBase(phrase: string): string {
  let text = phrase.trim().toLowerCase();
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(WHOLE_COMPANY, '').replace(DETERMINER, '');
  }
  text = text.replace(/['’]s\b/g, '').replace(/\s+/g, ' ').trim();
  // Article spinners' "complete income" is total revenue (despin.ts reads the sentence back the same way).
  return /^(?:complete|whole|entire|general|total) income$/.test(text) ? 'total revenue' : text;
}

// Chinese bases are translated when every piece is known, so they compare with English ones.
const CN_OWNERS = /^(?:微软公司|微軟公司|微软|微軟|该公司|該公司|公司|集团|集團|其)/;
const CN_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['营业收入', 'revenue'], ['營業收入', 'revenue'], ['销售收入', 'sales'], ['銷售收入', 'sales'],
  ['营业额', 'revenue'], ['營業額', 'revenue'], ['销售额', 'sales'], ['銷售額', 'sales'],
  ['总营收', 'total revenue'], ['總營收', 'total revenue'], ['营收', 'revenue'], ['營收', 'revenue'],
  ['收入', 'revenue'], ['云计算', 'cloud'], ['雲計算', 'cloud'], ['云服务', 'cloud'], ['雲服務', 'cloud'],
  ['云', 'cloud'], ['雲', 'cloud'], ['人工智能', 'ai'], ['总', 'total'], ['總', 'total'], ['全部', 'total'],
  ['中国', 'china'], ['中國', 'china'], ['该服务', 'service'], ['該服務', 'service'], ['服务', 'service'],
  ['服務', 'service'], ['业务', ''], ['業務', ''], ['的', ''],
];

/** English rendering of a Chinese base (总收入 → 'total revenue'); the Chinese itself when a piece is unknown. */
export function normalizeChineseBase(raw: string): string {
  let rest = raw.replace(CN_OWNERS, '').trim();
  const words: string[] = [];
  while (rest.length > 0) {
    const latin = /^[A-Za-z][A-Za-z0-9 ]*/.exec(rest)?.[0];
    if (latin !== undefined) {
      words.push(latin.trim().toLowerCase());
      rest = rest.slice(latin.length);
      continue;
    }
    const known = CN_WORDS.find(([cn]) => rest.startsWith(cn));
    if (!known) return raw.replace(CN_OWNERS, '').trim().toLowerCase();
    if (known[1] !== '') words.push(known[1]);
    rest = rest.slice(known[0].length);
  }
  return words.join(' ');
}

// 占比 ("proportion") names no base.
const CN_SHARE_BEFORE = /(?<zhan>[占佔])(?!比)(?<base>[^，。；,;:：\d%]{1,14}?)(?:的|之)?(?:比例|比重|份额|份額)?(?:为|為|达|達|仅|僅|仅为|僅為|只有)?$/;
const CN_BASE_AFTER = /^的(?<base>(?:微软|微軟|该服务|該服務)?(?:Azure\s?|云计算|雲計算|云|雲|人工智能|AI|总|總)*(?:营业收入|營業收入|营收|營收|收入|销售额|銷售額|营业额|營業額))/;

/** A Chinese share's base before it ("占微软总收入的"), and where the phrase starts. */
export function chineseBaseBefore(text: string, start: number): { base: string; start: number } | undefined {
  const window = before(text, start, 24);
  const match = CN_SHARE_BEFORE.exec(window);
  const raw = match?.groups?.base;
  if (!match || raw === undefined) return undefined;
  const base = normalizeChineseBase(raw);
  return base === '' ? undefined : { base, start: start - window.length + match.index };
}

/** A Chinese share's base after it ("1.5%的收入"), and where it ends. */
export function chineseBaseAfter(text: string, end: number): { base: string; end: number } | undefined {
  const match = CN_BASE_AFTER.exec(text.slice(end, end + 20));
  const raw = match?.groups?.base;
  if (!match || raw === undefined) return undefined;
  return { base: normalizeChineseBase(raw), end: end + match[0].length };
}
