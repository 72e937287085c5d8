import { describe, expect, it } from 'vitest';
import { attributeOrigin, canonicalOutlet, UNKNOWN_ORIGIN } from '../../src/stories/attribution.js';

describe('attributeOrigin', () => {
  it.each([
    // English cues before the name
    ['according to', 'ByteDance will pay Microsoft over $1 billion a year, according to Bloomberg.', 'Reuters', 'Bloomberg', 'according to Bloomberg'],
    ['according to a report by', 'The spending tops $1 billion, according to a report by Bloomberg News.', 'CNBC', 'Bloomberg', 'according to a report by Bloomberg News'],
    ['as reported by', 'Azure China sales nearly tripled, as reported by Reuters on Monday.', 'The Verge', 'Reuters', 'as reported by Reuters'],
    ['a transcript reviewed by', 'Sales in China nearly tripled, according to a transcript reviewed by Bloomberg.', 'The Register', 'Bloomberg', 'reviewed by Bloomberg'],
    ['first reported by', 'The complaint was first reported by The Information last week.', 'TechCrunch', 'The Information', 'first reported by The Information'],
    ['citing a report', 'Shares moved after the news, citing a Bloomberg report from Tuesday.', 'Semafor', 'Bloomberg', 'citing a Bloomberg report'],
    ['according to a described outlet', 'Individual developers lose access, according to Chinese tech site IT Home.', 'The Register', 'IT Home', 'according to Chinese tech site IT Home'],
    ['according to the Japanese newspaper', 'The loophole is legal, according to the Japanese newspaper Nikkei.', 'Wired', 'Nikkei Asia', 'according to the Japanese newspaper Nikkei'],
    ['X told Bloomberg', 'A Microsoft spokesperson told Bloomberg the sales comply with US law.', 'Reuters', 'Bloomberg', 'told Bloomberg'],
    ['people familiar told Reuters', 'Two people familiar with the matter told Reuters that the talks stalled.', 'Axios', 'Reuters', 'told Reuters'],
    ['told the Financial Times', 'An OpenAI executive told the Financial Times the firm was worried.', 'Bloomberg', 'Financial Times', 'told the Financial Times'],
    ['via credit line in the lead', 'ByteDance is the biggest buyer (via Bloomberg).', 'Techmeme', 'Bloomberg', 'via Bloomberg'],
    // English cues after the name
    ['X reported', 'ByteDance is on track to spend more than $1 billion, Bloomberg reported.', 'TechCrunch', 'Bloomberg', 'Bloomberg reported'],
    ['X News reported', 'Bloomberg News reported on Tuesday that ByteDance leads.', 'GeekWire', 'Bloomberg', 'Bloomberg News reported'],
    ['X first reported', 'The Information first reported the deal.', 'The Verge', 'The Information', 'The Information first reported'],
    ['a X report', 'A Wall Street Journal report said talks had begun.', 'CNBC', 'Wall Street Journal', 'Wall Street Journal report'],
    ['X, citing', 'The FT, citing people familiar, said the forum shares data.', 'Reuters', 'Financial Times', 'FT, citing'],
    // Chinese, simplified and traditional
    ['据彭博社报道', '据彭博社报道，字节跳动每年将向微软支付超过10亿美元。', '36氪', 'Bloomberg', '据彭博社报道'],
    ['据彭博报道', '据彭博报道，字节跳动已成为微软最大的AI客户。', 'IT之家', 'Bloomberg', '据彭博报道'],
    ['彭博社报道称', '彭博社报道称，微软在华AI收入增长近三倍。', 'cnBeta', 'Bloomberg', '彭博社报道'],
    ['路透社报道', '路透社周二报道，OpenAI将限制API访问。', 'IT之家', 'Reuters', '路透社周二报道'],
    ['据路透社', '据路透社，微软拒绝置评。', '36氪', 'Reuters', '据路透社'],
    ['据《金融时报》报道', '据英国《金融时报》报道，OpenAI向微软抱怨。', 'IT之家', 'Financial Times', '据英国《金融时报》报道'],
    ['据The Information报道', '据The Information报道，OpenAI担心模型被蒸馏。', '36氪', 'The Information', '据The Information报道'],
    ['引述彭博', '多家媒体引述彭博的消息指出，字节跳动是最大客户。', 'cnBeta', 'Bloomberg', '引述彭博的消息'],
    ['彭博社援引', '彭博社援引知情人士称，字节跳动年支出超10亿美元。', 'IT之家', 'Bloomberg', '彭博社援引'],
    ['知情人士向彭博社透露', '据知情人士向彭博社透露，相关模型部署在新加坡。', '36氪', 'Bloomberg', '据知情人士向彭博社透露'],
    ['接受路透社采访', '一位高管在接受路透社采访时表示，公司不依赖外部模型。', '36氪', 'Reuters', '路透社采访'],
    ['據彭博社報導', '據彭博社報導，字節跳動是微軟最大的AI客戶。', '中央社', 'Bloomberg', '據彭博社報導'],
    ['路透社報導', '路透社報導，微軟在華AI營收成長近三倍。', 'BBC 中文', 'Reuters', '路透社報導'],
    ['据华尔街日报报道', '据华尔街日报报道，美国国会考虑限制模型访问。', '36氪', 'Wall Street Journal', '据华尔街日报报道'],
  ])('%s', (_name, text, outlet, origin, phrase) => {
    expect(attributeOrigin(text, outlet)).toEqual({ origin, phrase });
  });

  it.each([
    ['a company spokesperson is no origin', 'Microsoft said in a statement that it follows export rules.', 'Reuters', 'Reuters'],
    ['a named organisation without a cue is no origin', 'Microsoft shares rose. Reuters could not verify the figures.', 'The Verge', 'The Verge'],
    ['the outlet citing itself stays the outlet', 'Reuters reported last year that Azure China grew.', 'Reuters', 'Reuters'],
    ['Bloomberg as a data vendor is no origin', 'Shares fell 3%, according to Bloomberg data.', 'Reuters', 'Reuters'],
    ['data compiled by Bloomberg is no origin', 'Orders rose, according to data compiled by Bloomberg.', 'CNBC', 'CNBC'],
    ['彭博数据 is no origin', '据彭博汇编的数据，股价下跌3%。', '36氪', '36Kr'],
    ['彭博士 is a person, not Bloomberg', '彭博士称，这项研究很重要。', '36氪', '36Kr'],
    ['"the information" in lower case is no outlet', 'According to the information provided, sales rose.', 'TechCrunch', 'TechCrunch'],
    ['a person called Bloomberg is no cue', 'Michael Bloomberg said he would donate.', 'CNN', 'CNN'],
  ])('%s', (_name, text, outlet, origin) => {
    expect(attributeOrigin(text, outlet)).toEqual({ origin, phrase: null });
  });

  it('keeps an original report with its outlet when it later cites another organisation as background', () => {
    const text =
      'Microsoft pushed back on the report. A company spokesperson told Reuters that Chinese customers face extra vetting. ' +
      'Bloomberg had reported earlier in the week, citing people familiar, that no extra checks applied.';
    expect(attributeOrigin(text, 'Reuters')).toEqual({ origin: 'Reuters', phrase: null });
    expect(attributeOrigin('一位高管在接受路透社采访时表示，公司自研模型。彭博社此前报道称，公司依赖外部模型。', '路透社')).toEqual({ origin: 'Reuters', phrase: null });
  });

  it('skips self-citations and takes the next other organisation', () => {
    const text = 'Reuters reported last year that sales grew. The figure tripled, according to Bloomberg.';
    expect(attributeOrigin(text, 'Reuters')).toEqual({ origin: 'Bloomberg', phrase: 'according to Bloomberg' });
  });

  it('picks the organisation cited first when several are', () => {
    const text = 'ByteDance pays more than $1 billion a year, Bloomberg reported. The FT later reported that OpenAI complained.';
    expect(attributeOrigin(text, 'IT之家').origin).toBe('Bloomberg');
    expect(attributeOrigin('据路透社报道，微软拒绝置评。彭博社此前报道称，字节跳动是最大客户。', '36氪').origin).toBe('Reuters');
  });

  it('ignores background citations past the lead, but not credit lines', () => {
    const lead = 'Microsoft said its Azure revenue in China grew quickly. '.repeat(30);
    expect(attributeOrigin(`${lead}Reuters reported a similar figure in 2024.`, 'Bloomberg')).toEqual({ origin: 'Bloomberg', phrase: null });
    expect(attributeOrigin(`${lead}Source: Reuters`, 'Example Blog')).toEqual({ origin: 'Reuters', phrase: 'Source: Reuters' });
    expect(attributeOrigin(`${lead}（来源：彭博社）`, '某科技网站')).toEqual({ origin: 'Bloomberg', phrase: '来源：彭博社' });
    expect(attributeOrigin(`${lead}Reuters reported a similar figure.`, 'Bloomberg', { leadChars: 5_000 }).origin).toBe('Reuters');
  });

  it('falls back to the canonical outlet, or unknown with no outlet', () => {
    expect(attributeOrigin('No attribution here.', 'Bloomberg.com')).toEqual({ origin: 'Bloomberg', phrase: null });
    expect(attributeOrigin('没有来源。', '彭博社')).toEqual({ origin: 'Bloomberg', phrase: null });
    expect(attributeOrigin('No attribution here.', null)).toEqual({ origin: UNKNOWN_ORIGIN, phrase: null });
    expect(attributeOrigin('According to Bloomberg, sales grew.', null).origin).toBe('Bloomberg');
  });

  it('handles the own outlet under another alias', () => {
    expect(attributeOrigin('据英国《金融时报》报道，OpenAI向微软抱怨。', 'FT中文网')).toEqual({ origin: 'Financial Times', phrase: null });
  });
});

describe('canonicalOutlet', () => {
  it.each([
    ['Bloomberg', 'Bloomberg'],
    ['Bloomberg.com', 'Bloomberg'],
    ['https://www.bloomberg.com/news/articles/x', 'Bloomberg'],
    ['Bloomberg News', 'Bloomberg'],
    ['彭博社', 'Bloomberg'],
    ['彭博', 'Bloomberg'],
    ['cn.reuters.com', 'Reuters'],
    ['路透社', 'Reuters'],
    ['Reuters China', 'Reuters'],
    ['FT', 'Financial Times'],
    ['FT中文网', 'Financial Times'],
    ['英国《金融时报》', 'Financial Times'],
    ['金融時報', 'Financial Times'],
    ['the information', 'The Information'],
    ['WSJ', 'Wall Street Journal'],
    ['華爾街日報', 'Wall Street Journal'],
    ['纽约时报', 'New York Times'],
    ['South China Morning Post', 'South China Morning Post'],
    ['南華早報', 'South China Morning Post'],
    ['财新', 'Caixin'],
    ['Nikkei Asia', 'Nikkei Asia'],
    ['Nikkei', 'Nikkei Asia'],
    ['日经中文网', 'Nikkei Asia'],
    ['AP News', 'Associated Press'],
    ['美联社', 'Associated Press'],
    ['法新社', 'AFP'],
    ['新华社', 'Xinhua'],
    ['第一财经', 'Yicai'],
    ['36氪', '36Kr'],
    ['晚点LatePost', 'LatePost'],
    ['界面新闻', 'Jiemian'],
    ['IT之家', 'IT Home'],
    ['IT Home', 'IT Home'],
    ['www.ithome.com', 'IT Home'],
    ['https://www.ithome.com.tw/news/1', 'iThome'],
    ['联合早报', 'Lianhe Zaobao'],
    ["Barron's", "Barron's"],
    ['BBC 中文', 'BBC'],
    ['theregister.com', 'The Register'],
    ['  Example   News ', 'Example News'],
    ['Apple Daily', 'Apple Daily'],
    ['Google News', 'Google News'],
    ['Microsoft', 'Microsoft'],
    ['', ''],
  ])('%s → %s', (name, canonical) => {
    expect(canonicalOutlet(name)).toBe(canonical);
  });
});
