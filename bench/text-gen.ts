/**
 * Deterministic news text for the benchmark: filler paragraphs from a small vocabulary (English and
 * Chinese), on-topic items rephrased from the labelled eval articles, and wire stories shared by several
 * feeds. The same (feed, item, options) always gives the same bytes, so the fake server and the raw-parse
 * ceiling see identical XML.
 * @module
 */
import type { loadGold } from '../tests/eval/evaluate.js';

export type GoldArticle = Awaited<ReturnType<typeof loadGold>>[number];

/** What makes a generated corpus: its size, its clock and its source of on-topic text. */
export interface CorpusOptions {
  feeds: number;
  items: number;
  /** Publication times fall in the 20 hours before this (ms since epoch). */
  baseTime: number;
  gold: GoldArticle[];
}

/** Share of items rephrasing an eval article, and of items shared with other feeds. */
export const ON_TOPIC_SHARE = 0.03;
export const SHARED_SHARE = 0.05;
/** A shared wire story appears in about this many feeds. */
const COPIES_PER_WIRE = 4;

/** An article before rendering: title, paragraphs of plain text, language and link. */
export interface GenArticle {
  kind: 'filler' | 'on-topic' | 'wire-url' | 'wire-text';
  title: string;
  paragraphs: string[];
  lang: 'en' | 'zh';
  url: string;
  publishedAt: Date;
  author: string;
}

/** mulberry32: small, fast and good enough to pick words. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const seedOf = (...parts: number[]) => parts.reduce((h, p) => Math.imul(h ^ p, 0x9e3779b1) ^ (h >>> 15), 0x12345);
const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const int = (r: () => number, min: number, max: number) => min + Math.floor(r() * (max - min + 1));

const EN = {
  subjects: ['The city council', 'A regional rail operator', 'The state health department', 'Local farmers', 'The weather service',
    'A hospital group', 'The school board', 'Port authorities', 'A mid-sized insurer', 'The football club', 'Transit officials',
    'A grocery chain', 'The housing agency', 'Researchers at a public university', 'A shipping company', 'The tourism board',
    'A steelmaker', 'Water utility managers', 'The museum trust', 'A battery start-up', 'Kestrel Logistics', 'Norvale Systems'],
  verbs: ['approved', 'delayed', 'announced', 'rejected', 'expanded', 'reviewed', 'postponed', 'unveiled', 'cut', 'raised', 'defended'],
  objects: ['a plan to rebuild the river bridge', 'new bus routes for the northern suburbs', 'a budget for road repairs',
    'plans for a second terminal', 'a pilot program for night clinics', 'the price of monthly passes', 'a contract for school meals',
    'flood barriers along the coast', 'a hiring freeze', 'a scheme to insulate older homes', 'the opening hours of public pools',
    'a tender for electric buses', 'rules on short-term rentals', 'a new stadium lease'],
  places: ['Leeds', 'Porto', 'Tampere', 'Ghent', 'Adelaide', 'Halifax', 'Lyon', 'Bilbao', 'Graz', 'Malmo', 'Dunedin', 'Krakow', 'Cebu', 'Recife'],
  times: ['on Monday', 'on Tuesday', 'late on Wednesday', 'this week', 'on Friday', 'over the weekend', 'earlier this month'],
  clauses: ['citing rising costs', 'after months of public consultation', 'following complaints from residents',
    'despite opposition from unions', 'as demand recovered', 'amid a shortage of skilled workers', 'in a vote of 7 to 4',
    'ahead of the winter season', 'without giving a timetable'],
  quotes: ['We expect the work to finish on schedule', 'This is a sensible compromise', 'Residents deserve better information',
    'The numbers simply do not add up', 'We will keep listening to the community', 'It is too early to say what this means'],
  names: ['Maria Lopes', 'Tom Hughes', 'Anna Virtanen', 'Pieter Claes', 'Grace Walker', 'Luc Martin', 'Ines Garcia', 'Jonas Berg'],
  orgs: ['transport department', 'residents association', 'chamber of commerce', 'teachers union', 'regional assembly'],
};

const ZH = {
  subjects: ['市政府', '地铁公司', '卫生部门', '当地农户', '气象台', '一家医院集团', '教育局', '港口管理局', '一家保险公司', '足球俱乐部',
    '公交集团', '连锁超市', '住房保障部门', '一所大学的研究团队', '航运公司', '文旅局', '钢铁企业', '自来水公司', '区人大常委会',
    '一家电池初创企业', '博物馆理事会', '燃气集团', '环保部门', '消防支队', '图书馆', '物流园区管委会'],
  verbs: ['宣布', '推迟', '批准', '启动', '暂停', '调整', '公布', '扩大', '否决', '审议', '缩减', '重启', '叫停', '修订'],
  objects: ['城区道路改造计划', '新的公交线路', '夜间门诊试点', '月票价格', '学校午餐合同', '沿海防洪工程', '老旧小区改造方案',
    '冬季供暖安排', '旅游旺季交通管制措施', '垃圾分类新规', '体育场租赁合同', '第二航站楼规划', '电动公交招标', '短租房管理办法',
    '河道清淤项目', '社区养老服务中心建设', '停车收费标准', '农贸市场搬迁方案', '人才引进补贴', '自行车道网络'],
  places: ['成都', '杭州', '西安', '厦门', '长沙', '青岛', '昆明', '南宁', '合肥', '大连', '台中', '高雄', '兰州', '贵阳', '温州',
    '洛阳', '烟台', '珠海', '桂林', '呼和浩特'],
  times: ['周一', '周二', '本周', '周三晚间', '周五', '上周末', '本月早些时候', '月初', '近日'],
  clauses: ['理由是成本上升', '此前经过数月公开征求意见', '此前有居民投诉', '尽管工会表示反对', '以应对需求回升', '由于技术工人短缺',
    '表决结果为七票赞成四票反对', '赶在冬季来临之前', '但没有给出时间表', '引发部分商户不满', '预计惠及约两万户家庭'],
  quotes: ['我们预计工程将按期完工', '这是一个合理的折中方案', '居民应该得到更充分的信息', '现在判断影响还为时过早', '账目根本对不上',
    '我们会继续听取社区意见', '资金缺口仍然存在', '方案细节还需进一步论证'],
  names: ['王丽', '陈刚', '刘洋', '赵敏', '孙磊', '周婷', '吴昊', '郑爽', '黄晓明', '林静'],
  orgs: ['交通运输局', '居民委员会', '商会', '教师工会', '区政协', '行业协会'],
  units: ['亿元', '万元', '千万元'],
  metrics: ['客流量', '营业收入', '游客人数', '用水量', '投诉数量', '入住率', '货运吞吐量'],
};

function enSentence(r: () => number): string {
  switch (int(r, 0, 4)) {
    case 0:
      return `${pick(r, EN.subjects)} in ${pick(r, EN.places)} ${pick(r, EN.verbs)} ${pick(r, EN.objects)} ${pick(r, EN.times)}, ${pick(r, EN.clauses)}.`;
    case 1:
      return `The project will cost about ${int(r, 2, 900)} million euros, up ${int(r, 2, 40)} percent from an earlier estimate.`;
    case 2:
      return `"${pick(r, EN.quotes)}," said ${pick(r, EN.names)}, a spokesperson for the ${pick(r, EN.orgs)}.`;
    case 3:
      return `Ridership rose ${int(r, 1, 30)} percent in the ${pick(r, ['first', 'second', 'third', 'fourth'])} quarter, ${pick(r, EN.clauses)}.`;
    default:
      return `The decision comes ${int(r, 2, 12)} years after a similar proposal in ${pick(r, EN.places)} was shelved.`;
  }
}

/**
 * Proper nouns built from common characters: real Chinese articles differ most in names, places and
 * figures, and a few fixed lists would make unrelated articles look like rewrites of each other.
 */
const ZH_CHARS =
  '安宝北博昌成春达大德东丰峰福富光广海航和恒宏华辉佳嘉建江金锦京晶景骏凯康科蓝乐力立利联林龙隆美明南宁鹏平启乾清庆瑞润森' +
  '山盛胜世顺泰天通同万伟文祥翔欣新信星兴旭雅阳亿益永优宇远悦云泽长振正中众卓兆智志致';
const ZH_SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const zhChars = (r: () => number, n: number) => Array.from({ length: n }, () => ZH_CHARS[Math.floor(r() * ZH_CHARS.length)]).join('');
const zhPerson = (r: () => number) => ZH_SURNAMES[Math.floor(r() * ZH_SURNAMES.length)]! + zhChars(r, int(r, 1, 2));
const zhOrg = (r: () => number) => zhChars(r, 2) + pick(r, ['科技', '集团', '实业', '建设', '物流', '置业', '能源', '控股']);
const zhSite = (r: () => number) => zhChars(r, 2) + pick(r, ['路', '街道', '新区', '镇', '村', '片区', '工业园']);

function zhSentence(r: () => number): string {
  switch (int(r, 0, 5)) {
    case 0:
      return `${pick(r, ZH.places)}${pick(r, ZH.subjects)}${pick(r, ZH.times)}${pick(r, ZH.verbs)}${zhSite(r)}${pick(r, ZH.objects)}，${pick(r, ZH.clauses)}。`;
    case 1:
      return `由${zhOrg(r)}承建的${zhSite(r)}${pick(r, ZH.objects)}预计耗资约${int(r, 2, 900)}${pick(r, ZH.units)}，${pick(r, ['比此前估算高出', '较去年增加', '比原计划减少'])}${int(r, 2, 40)}%。`;
    case 2:
      return `“${pick(r, ZH.quotes)}，”${pick(r, ZH.orgs)}${pick(r, ['负责人', '发言人', '副主任', '秘书长'])}${zhPerson(r)}表示。`;
    case 3:
      return `${pick(r, ZH.places)}${zhSite(r)}第${pick(r, ['一', '二', '三', '四'])}季度${pick(r, ZH.metrics)}同比${pick(r, ['增长', '下降'])}${int(r, 1, 30)}.${int(r, 0, 9)}%，${pick(r, ZH.clauses)}。`;
    case 4:
      return `${int(r, 2, 12)}年前，${zhOrg(r)}曾在${zhSite(r)}提出类似的${pick(r, ZH.objects)}，后被搁置。`;
    default:
      return `据${zhOrg(r)}${zhPerson(r)}介绍，${zhSite(r)}${pick(r, ZH.objects)}将于${int(r, 1, 12)}月${int(r, 1, 28)}日${pick(r, ['正式实施', '开始试运行', '公开招标', '提交审议'])}。`;
  }
}

/** About 1.2–1.6 KB of filler text in 3 paragraphs, with a headline. */
function fillerText(r: () => number, lang: 'en' | 'zh'): { title: string; paragraphs: string[] } {
  const sentence = lang === 'en' ? enSentence : zhSentence;
  const target = lang === 'en' ? 1_200 : 420;
  const paragraphs: string[] = [];
  let length = 0;
  while (length < target) {
    const paragraph = Array.from({ length: int(r, 2, 4) }, () => sentence(r)).join(lang === 'en' ? ' ' : '');
    paragraphs.push(paragraph);
    length += paragraph.length;
  }
  const title =
    lang === 'en'
      ? `${pick(r, EN.places)}: ${pick(r, EN.subjects)} ${pick(r, EN.verbs)} ${pick(r, EN.objects)}`
      : `${pick(r, ZH.places)}${pick(r, ZH.subjects)}${pick(r, ZH.verbs)}${pick(r, ZH.objects)}`;
  return { title, paragraphs };
}

/** Language of feed `feed`: one feed in four is Chinese. */
export const feedLanguage = (feed: number): 'en' | 'zh' => (feed % 4 === 3 ? 'zh' : 'en');
export const outletOf = (feed: number) => `Outlet ${feed % 2_000}`;
const siteOf = (feed: number) => `https://outlet${feed % 2_000}.example.com`;

/** Item `item` of feed `feed`. */
export function generateArticle(opts: CorpusOptions, feed: number, item: number): GenArticle {
  const r = rng(seedOf(feed, item, 1));
  const lang = feedLanguage(feed);
  const publishedAt = new Date(opts.baseTime - Math.floor(r() * 20 * 3_600_000));
  const author = lang === 'en' ? pick(r, EN.names) : pick(r, ZH.names);
  const ownUrl = `${siteOf(feed)}/news/${feed}-${item}?utm_source=rss&utm_medium=feed`;
  const roll = r();
  if (roll < ON_TOPIC_SHARE && opts.gold.length > 0) {
    const gold = pick(r, opts.gold);
    // A dateline unique to this feed makes it a rewrite (new content hash), not a copy.
    const dateline = gold.language === 'zh' ? `【${outletOf(feed)}讯】` : `(${outletOf(feed)}) -`;
    return { kind: 'on-topic', title: gold.title, paragraphs: [`${dateline} ${gold.text.trim()}`], lang: gold.language, url: ownUrl, publishedAt, author };
  }
  if (roll < ON_TOPIC_SHARE + SHARED_SHARE) {
    const pool = Math.max(1, Math.round((opts.feeds * opts.items * SHARED_SHARE) / COPIES_PER_WIRE));
    const wire = Math.floor(r() * pool);
    const wr = rng(seedOf(wire, 2));
    const wireLang = wire % 4 === 3 ? 'zh' : 'en';
    const text = fillerText(wr, wireLang);
    // Even wires are syndicated under the wire's URL; odd ones are re-published under each outlet's own URL.
    const sameUrl = wire % 2 === 0;
    return {
      kind: sameUrl ? 'wire-url' : 'wire-text',
      ...text,
      lang: wireLang,
      url: sameUrl ? `https://wire.example.com/story/${wire}` : ownUrl,
      publishedAt: new Date(opts.baseTime - Math.floor(wr() * 20 * 3_600_000)),
      author: 'Wire staff',
    };
  }
  return { kind: 'filler', ...fillerText(r, lang), lang, url: ownUrl, publishedAt, author };
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The item's description: paragraphs of HTML with a link and an image, as feeds send it. */
function descriptionHtml(article: GenArticle, feed: number): string {
  const [first = '', ...rest] = article.paragraphs;
  const link = `<a href="${siteOf(feed)}/related?id=${feed}&amp;ref=rss">${article.lang === 'zh' ? '相关报道' : 'Related coverage'}</a>`;
  return [`<p>${first}</p>`, `<p><img src="${siteOf(feed)}/img/${feed}.jpg" alt=""></p>`, ...rest.map((p) => `<p>${p}</p>`), `<p>${link}</p>`].join('');
}

/** RSS 2.0 document of feed `feed`, entity-escaped HTML descriptions (the slower, common case). */
export function feedXml(opts: CorpusOptions, feed: number): string {
  const lang = feedLanguage(feed);
  const items: string[] = [];
  for (let item = 0; item < opts.items; item++) {
    const a = generateArticle(opts, feed, item);
    const guid = feed % 2 === 0 ? `<guid isPermaLink="true">${escapeXml(a.url)}</guid>` : `<guid isPermaLink="false">item-${item}</guid>`;
    items.push(
      `<item><title>${escapeXml(a.title)}</title><link>${escapeXml(a.url)}</link>${guid}` +
        `<pubDate>${a.publishedAt.toUTCString()}</pubDate><dc:creator>${escapeXml(a.author)}</dc:creator>` +
        `<category>${lang === 'zh' ? '本地' : 'Local'}</category>` +
        `<description>${escapeXml(descriptionHtml(a, feed))}</description></item>`,
    );
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>` +
    `<title>${outletOf(feed)} News</title><link>${siteOf(feed)}/</link><description>Latest news</description>` +
    `<language>${lang === 'zh' ? 'zh-cn' : 'en'}</language><lastBuildDate>${new Date(opts.baseTime).toUTCString()}</lastBuildDate>` +
    `${items.join('\n')}</channel></rss>\n`
  );
}

/** The plain-text article the matcher reads (title, text, outlet, date). */
export function matchInput(opts: CorpusOptions, feed: number, item: number) {
  const a = generateArticle(opts, feed, item);
  return { kind: a.kind, title: a.title, text: a.paragraphs.join('\n'), lang: a.lang, outlet: outletOf(feed), publishedAt: a.publishedAt };
}
