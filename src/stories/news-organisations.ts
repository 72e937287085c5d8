/**
 * The news organisations claimwatch recognises as sources, with their names in English and Chinese and their
 * web hosts. Extend it when a newsroom's name should count as "according to X".
 * @module
 */
/** A news organisation: canonical name, other names (English and Chinese) and web hosts. */
export interface NewsOrganisation {
  name: string;
  aliases: string[];
  hosts: string[];
}

/**
 * Known news organisations. Latin aliases match with their capitals; short or ambiguous Chinese names
 * are left out on purpose: bare 界面 ("interface") and 晚点 ("late") would fire on ordinary words.
 */
export const NEWS_ORGANISATIONS: readonly NewsOrganisation[] = [
  { name: 'Bloomberg', aliases: ['Bloomberg News', 'Bloomberg Businessweek', 'Bloomberg Technology', '彭博', '彭博社', '彭博新闻社', '彭博新聞社', '彭博商业周刊', '彭博商業周刊'], hosts: ['bloomberg.com', 'bloomberg.net', 'bnnbloomberg.ca'] },
  { name: 'Reuters', aliases: ['Thomson Reuters', '路透', '路透社', '路透中文网', '路透中文網'], hosts: ['reuters.com'] },
  { name: 'Financial Times', aliases: ['FT', 'FT中文网', 'FT中文網', '金融时报', '金融時報'], hosts: ['ft.com', 'ftchinese.com'] },
  { name: 'The Information', aliases: [], hosts: ['theinformation.com'] },
  { name: 'Wall Street Journal', aliases: ['WSJ', 'The Wall Street Journal', '华尔街日报', '華爾街日報'], hosts: ['wsj.com', 'cn.wsj.com'] },
  { name: 'New York Times', aliases: ['NYT', 'The New York Times', '纽约时报', '紐約時報'], hosts: ['nytimes.com'] },
  { name: 'Washington Post', aliases: ['The Washington Post', '华盛顿邮报', '華盛頓郵報'], hosts: ['washingtonpost.com'] },
  { name: 'CNBC', aliases: [], hosts: ['cnbc.com'] },
  { name: 'CNN', aliases: [], hosts: ['cnn.com'] },
  { name: 'BBC', aliases: ['BBC News', 'BBC中文', 'BBC 中文', '英国广播公司', '英國廣播公司'], hosts: ['bbc.com', 'bbc.co.uk'] },
  { name: 'South China Morning Post', aliases: ['SCMP', '南华早报', '南華早報'], hosts: ['scmp.com'] },
  { name: 'Caixin', aliases: ['Caixin Global', '财新', '財新', '财新网', '財新網'], hosts: ['caixin.com', 'caixinglobal.com'] },
  { name: 'Nikkei Asia', aliases: ['Nikkei', 'Nikkei Asian Review', '日经', '日經', '日经中文网', '日經中文網', '日本经济新闻', '日本經濟新聞'], hosts: ['nikkei.com'] },
  { name: 'The Verge', aliases: [], hosts: ['theverge.com'] },
  { name: 'TechCrunch', aliases: [], hosts: ['techcrunch.com'] },
  { name: 'The Register', aliases: [], hosts: ['theregister.com', 'theregister.co.uk'] },
  { name: 'GeekWire', aliases: [], hosts: ['geekwire.com'] },
  { name: 'Techmeme', aliases: [], hosts: ['techmeme.com'] },
  { name: 'Semafor', aliases: [], hosts: ['semafor.com'] },
  { name: 'Axios', aliases: [], hosts: ['axios.com'] },
  { name: 'Politico', aliases: [], hosts: ['politico.com'] },
  { name: 'Business Insider', aliases: [], hosts: ['businessinsider.com'] },
  { name: 'The Hill', aliases: [], hosts: ['thehill.com'] },
  { name: 'Wired', aliases: [], hosts: ['wired.com'] },
  { name: 'VentureBeat', aliases: [], hosts: ['venturebeat.com'] },
  { name: 'MIT Technology Review', aliases: [], hosts: ['technologyreview.com'] },
  { name: 'Rest of World', aliases: [], hosts: ['restofworld.org'] },
  { name: "Barron's", aliases: ['Barron’s'], hosts: ['barrons.com'] },
  { name: 'Seeking Alpha', aliases: [], hosts: ['seekingalpha.com'] },
  { name: "Tom's Hardware", aliases: ['Tom’s Hardware'], hosts: ['tomshardware.com'] },
  { name: 'The Straits Times', aliases: ['Straits Times', '海峡时报', '海峽時報'], hosts: ['straitstimes.com'] },
  { name: 'Lianhe Zaobao', aliases: ['联合早报', '聯合早報'], hosts: ['zaobao.com', 'zaobao.com.sg'] },
  { name: 'Economic Daily News', aliases: ['经济日报', '經濟日報'], hosts: ['money.udn.com'] },
  { name: 'Associated Press', aliases: ['AP', 'The Associated Press', '美联社', '美聯社'], hosts: ['apnews.com'] },
  { name: 'AFP', aliases: ['Agence France-Presse', '法新社'], hosts: ['afp.com'] },
  { name: 'Xinhua', aliases: ['Xinhua News Agency', '新华社', '新華社'], hosts: ['xinhuanet.com', 'news.cn'] },
  { name: 'Central News Agency', aliases: ['中央社'], hosts: ['cna.com.tw', 'focustaiwan.tw'] },
  { name: 'Yicai', aliases: ['Yicai Global', '第一财经', '第一財經'], hosts: ['yicai.com', 'yicaiglobal.com'] },
  { name: '36Kr', aliases: ['36氪'], hosts: ['36kr.com'] },
  { name: 'LatePost', aliases: ['晚点LatePost', '晚點LatePost'], hosts: [] },
  { name: 'Jiemian', aliases: ['界面新闻', '界面新聞'], hosts: ['jiemian.com'] },
  { name: 'The Paper', aliases: ['澎湃新闻', '澎湃新聞'], hosts: ['thepaper.cn'] },
  { name: '21st Century Business Herald', aliases: ['21世纪经济报道', '21世紀經濟報道'], hosts: ['21jingji.com'] },
  { name: 'Securities Times', aliases: ['证券时报', '證券時報'], hosts: ['stcn.com'] },
  { name: 'Wallstreetcn', aliases: ['华尔街见闻', '華爾街見聞'], hosts: ['wallstreetcn.com'] },
  { name: 'IT Home', aliases: ['IT之家'], hosts: ['ithome.com'] },
  { name: 'iThome', aliases: [], hosts: ['ithome.com.tw'] },
  { name: 'cnBeta', aliases: [], hosts: ['cnbeta.com', 'cnbeta.com.tw'] },
  { name: 'TMTPost', aliases: ['钛媒体', '鈦媒體'], hosts: ['tmtpost.com'] },
  { name: 'Huxiu', aliases: ['虎嗅', '虎嗅网', '虎嗅網'], hosts: ['huxiu.com'] },
  { name: 'Synced', aliases: ['机器之心', '機器之心'], hosts: ['jiqizhixin.com'] },
  { name: 'QbitAI', aliases: ['量子位'], hosts: ['qbitai.com'] },
  { name: 'Sina Tech', aliases: ['新浪科技'], hosts: ['tech.sina.com.cn'] },
  { name: 'Cailian Press', aliases: ['财联社', '財聯社'], hosts: ['cls.cn'] },
  { name: 'Gelonghui', aliases: ['格隆汇', '格隆匯'], hosts: ['gelonghui.com'] },
  { name: 'Guancha', aliases: ['观察者网', '觀察者網'], hosts: ['guancha.cn'] },
  { name: 'Anue', aliases: ['鉅亨网', '鉅亨網'], hosts: ['cnyes.com'] },
  { name: 'TechNews Taiwan', aliases: ['科技新报', '科技新報'], hosts: ['technews.tw'] },
];
