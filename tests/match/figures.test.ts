import { describe, expect, it } from 'vitest';
import {
  baseKey,
  compareFigures,
  extractFigures,
  normalizePeriod,
  normalizeQualifier,
  parseChineseNumber,
  type ClaimFigure,
  type ExtractedFigure,
  type FigureComparison,
} from '../../src/match/reading/figures/index.js';

/** The one figure of a phrase; fails when there is none or more than one. */
function only(text: string): ExtractedFigure {
  const figures = extractFigures(text);
  expect(figures, `figures of ${JSON.stringify(text)}`).toHaveLength(1);
  const [figure] = figures;
  if (!figure) throw new Error('unreachable');
  return figure;
}

describe('extractFigures: money', () => {
  it.each<[string, Partial<ExtractedFigure>]>([
    ['$1 billion', { value: 1e9, currency: 'USD', text: '$1 billion' }],
    ['US$1 billion', { value: 1e9, currency: 'USD' }],
    ['$1bn', { value: 1e9, currency: 'USD' }],
    ['US$1bn', { value: 1e9, currency: 'USD' }],
    ['USD 1 billion', { value: 1e9, currency: 'USD' }],
    ['U.S.$1.5 billion', { value: 1.5e9, currency: 'USD' }],
    ['$1.1bn', { value: 1.1e9, currency: 'USD' }],
    ['one billion dollars', { value: 1e9, currency: 'USD' }],
    ['more than $1 billion a year', { value: 1e9, per: 'year', qualifier: 'more than', text: 'more than $1 billion a year' }],
    ['US$20 million a month', { value: 2e7, per: 'month', text: 'US$20 million a month' }],
    ['$20m per month', { value: 2e7, per: 'month' }],
    ['$5bn annually', { value: 5e9, per: 'year' }],
    ['about US$11 billion', { value: 11e9, qualifier: 'about', text: 'about US$11 billion' }],
    ['on track to top $1 billion this year', { value: 1e9, qualifier: 'more than' }],
    ['spending exceeded $1bn', { value: 1e9, qualifier: 'more than' }],
    ['is expected to surpass US$1 billion', { value: 1e9, qualifier: 'more than' }],
    ['US$20–22 billion', { value: 20e9, valueMax: 22e9, currency: 'USD' }],
    ['$20-22 billion', { value: 20e9, valueMax: 22e9 }],
    ['$20 billion to $22 billion', { value: 20e9, valueMax: 22e9, text: '$20 billion to $22 billion' }],
    ['$59 billion to $74 billion', { value: 59e9, valueMax: 74e9 }],
    ['between $1bn and $2bn', { value: 1e9, valueMax: 2e9 }],
    ['CNY 400–500 billion', { value: 400e9, valueMax: 500e9, currency: 'CNY' }],
    ['400 billion to 500 billion yuan', { value: 400e9, valueMax: 500e9, currency: 'CNY' }],
    ['RMB 400bn', { value: 400e9, currency: 'CNY' }],
    ['€5bn', { value: 5e9, currency: 'EUR' }],
    ['£3bn', { value: 3e9, currency: 'GBP' }],
    ['HK$2bn', { value: 2e9, currency: 'HKD' }],
    ['JPY 500 billion', { value: 500e9, currency: 'JPY' }],
    ['4,000 yuan', { value: 4000, currency: 'CNY' }],
  ])('reads %s', (input, expected) => {
    expect(only(input)).toMatchObject({ kind: 'money', ...expected });
  });

  it.each<[string, Partial<ExtractedFigure>]>([
    ['10亿美元', { value: 1e9, currency: 'USD' }],
    ['超过10亿美元', { value: 1e9, qualifier: 'more than', text: '超过10亿美元' }],
    ['超過10億美元', { value: 1e9, qualifier: 'more than' }],
    ['逾10亿美元', { value: 1e9, qualifier: 'more than' }],
    ['每月2000万美元', { value: 2e7, per: 'month', text: '每月2000万美元' }],
    ['每年超过10亿美元', { value: 1e9, per: 'year', qualifier: 'more than' }],
    ['4000亿至5000亿元', { value: 400e9, valueMax: 500e9, currency: 'CNY' }],
    ['4000亿-5000亿元人民币', { value: 400e9, valueMax: 500e9, currency: 'CNY', text: '4000亿-5000亿元人民币' }],
    ['人民币4000亿元', { value: 400e9, currency: 'CNY' }],
    ['1100亿美元', { value: 110e9, currency: 'USD' }],
    ['两千万美元', { value: 2e7, currency: 'USD' }],
    ['十亿美元', { value: 1e9, currency: 'USD' }],
    ['1.5万亿元', { value: 1.5e12, currency: 'CNY' }],
    ['十多亿美元', { value: 1e9, qualifier: 'more than' }],
    ['约10亿美元', { value: 1e9, qualifier: 'about' }],
    ['10亿美元左右', { value: 1e9, qualifier: 'about', text: '10亿美元左右' }],
    ['10亿美元以上', { value: 1e9, qualifier: 'more than' }],
    ['近10亿港元', { value: 1e9, currency: 'HKD', qualifier: 'nearly' }],
    ['50亿欧元', { value: 5e9, currency: 'EUR' }],
    ['１０亿美元', { value: 1e9, text: '１０亿美元' }],
  ])('reads Chinese %s', (input, expected) => {
    expect(only(input)).toMatchObject({ kind: 'money', ...expected });
  });

  it.each([
    ['a non-range "and"', '$1 billion and $2 billion', [1e9, 2e9]],
    ['a change "from … to …"', 'from $1 billion to $2 billion', [1e9, 2e9]],
    ['a change 从…增至…', '从10亿美元增至20亿美元', [1e9, 2e9]],
    ['a change 从…至…', '从10亿美元至20亿美元', [1e9, 2e9]],
  ])('keeps two amounts apart in %s', (_name, input, values) => {
    expect(extractFigures(input).map((figure) => figure.value)).toEqual(values);
  });

  it('reads "up to" as a cap, but not after a motion verb', () => {
    expect(only('up to $5 billion').qualifier).toBe('up to');
    expect(only('sales shot up to $5 billion').qualifier).toBeUndefined();
  });

  it('finds a rate later in the clause without quoting it', () => {
    const figure = only('ByteDance will spend over US$1bn on Microsoft AI services a year');
    expect(figure).toMatchObject({ per: 'year', qualifier: 'more than', text: 'over US$1bn' });
  });
});

describe('extractFigures: percentages and shares', () => {
  it.each<[string, Partial<ExtractedFigure>]>([
    ['400%', { kind: 'percent', value: 400 }],
    ['grew 400%', { kind: 'percent', value: 400, growthFactor: 5, text: 'grew 400%' }],
    ['rose by 400 percent', { value: 400, growthFactor: 5, text: 'rose by 400 percent' }],
    ['rose 25%', { value: 25, growthFactor: 1.25 }],
    ['a 400% increase', { value: 400, growthFactor: 5, text: '400% increase' }],
    ['growth of 400%', { value: 400, growthFactor: 5 }],
    ['surged nearly 200%', { value: 200, growthFactor: 3, qualifier: 'nearly' }],
    ['fell 25%', { value: 25, growthFactor: 0.75 }],
    ['1.5%', { kind: 'percent', value: 1.5 }],
    ['1.5 per cent', { value: 1.5 }],
    ['nearly 25%', { value: 25, qualifier: 'nearly', text: 'nearly 25%' }],
    ['20-25%', { value: 20, valueMax: 25 }],
    ['between 20% and 25%', { value: 20, valueMax: 25 }],
    ['增长400%', { value: 400, growthFactor: 5, text: '增长400%' }],
    ['增长了400%', { value: 400, growthFactor: 5, text: '增长了400%' }],
    ['同比增长了约400%', { value: 400, growthFactor: 5, qualifier: 'about' }],
    ['下降25%', { value: 25, growthFactor: 0.75 }],
    ['百分之四百', { kind: 'percent', value: 400 }],
    ['百分之1.5', { value: 1.5 }],
    ['四分之一', { value: 25 }],
    ['４００％', { value: 400, text: '４００％' }],
    ['25%左右', { value: 25, qualifier: 'about' }],
  ])('reads %s', (input, expected) => {
    expect(only(input)).toMatchObject({ kind: 'percent', ...expected });
  });

  it.each<[string, Partial<ExtractedFigure>]>([
    ['1.5% of total revenue', { value: 1.5, base: 'total revenue', text: '1.5% of total revenue' }],
    ["1.5% of Microsoft's total revenue", { base: 'total revenue' }],
    ['1.5% of its revenue', { base: 'revenue' }],
    ['1.5% of Azure sales', { base: 'azure sales' }],
    ["nearly 25% of that service's revenue", { value: 25, qualifier: 'nearly', base: 'service revenue' }],
    ['about 1.5% of the company’s revenue in 2024', { qualifier: 'about', base: 'revenue', period: '2024' }],
    ['占微软总收入的1.5%', { value: 1.5, base: 'total revenue', text: '占微软总收入的1.5%' }],
    ['约占微软总收入的1.5%', { qualifier: 'about', base: 'total revenue' }],
    ['佔微軟總收入的1.5%', { base: 'total revenue' }],
    ['占Azure销售额的1.5%', { base: 'azure sales' }],
    ['1.5%的收入', { value: 1.5, base: 'revenue', text: '1.5%的收入' }],
  ])('reads the share %s', (input, expected) => {
    expect(only(input)).toMatchObject({ kind: 'share', ...expected });
  });

  it('reads 占比 as a plain percentage, since it names no base', () => {
    expect(only('中国业务占比1.5%')).toMatchObject({ kind: 'percent', value: 1.5 });
  });
});

describe('extractFigures: multipliers', () => {
  it.each<[string, number, Partial<ExtractedFigure>]>([
    ['doubled', 2, {}],
    ['more than doubled', 2, { qualifier: 'more than', text: 'more than doubled' }],
    ['could double', 2, { text: 'double' }],
    ['tripled', 3, {}],
    ['trebled', 3, {}],
    ['quadrupled', 4, {}],
    ['five-fold', 5, {}],
    ['fivefold', 5, {}],
    ['a 5-fold increase', 5, {}],
    ['5x', 5, {}],
    ['five times as much', 5, { text: 'five times' }],
    ['revenue grew five times', 5, { text: 'grew five times' }],
    ['by a factor of three', 3, {}],
    ['nearly tripled', 3, { qualifier: 'nearly', text: 'nearly tripled' }],
    ['practically trebled', 3, { qualifier: 'nearly', text: 'practically trebled' }],
    ['nearly multiplied threefold', 3, { qualifier: 'nearly', text: 'nearly multiplied threefold' }],
    ['almost tripled', 3, { qualifier: 'nearly' }],
    ['roughly tripled', 3, { qualifier: 'about' }],
    ['grew threefold', 3, { text: 'grew threefold' }],
    ['翻了一番', 2, {}],
    ['翻番', 2, {}],
    ['翻倍', 2, {}],
    ['翻了一倍', 2, {}],
    ['翻了两番', 4, {}],
    ['增长两倍', 3, { text: '增长两倍' }],
    ['增长了两倍', 3, {}],
    ['增长一倍', 2, {}],
    ['增长了两倍以上', 3, { qualifier: 'more than' }],
    ['增长到三倍', 3, {}],
    ['增至三倍', 3, {}],
    ['是原来的三倍', 3, { text: '三倍' }],
    ['近三倍', 3, { qualifier: 'nearly' }],
    ['增长近三倍', 3, { qualifier: 'nearly', text: '增长近三倍' }],
    ['增长将近三倍', 3, { qualifier: 'nearly' }],
    ['三倍', 3, {}],
    ['四倍', 4, {}],
    ['1.5倍', 1.5, {}],
    ['两倍多', 2, { qualifier: 'more than' }],
  ])('reads %s as ×%d', (input, value, expected) => {
    expect(only(input)).toMatchObject({ kind: 'multiplier', value, ...expected });
  });
});

describe('extractFigures: periods', () => {
  it.each([
    ['tripled in the fiscal year to June 2025', 'FY2025'],
    ['tripled in the fiscal year ending June 2025', 'FY2025'],
    ['tripled in the fiscal year ended June 30, 2025', 'FY2025'],
    ['grew 400% in fiscal 2024', 'FY2024'],
    ['grew 400% in FY2024', 'FY2024'],
    ['revenue was $245bn in FY25', 'FY2025'],
    ['spent $11bn in 2024', '2024'],
    ['plans $20bn for 2026', '2026'],
    ['as of March 2024, $20m a month', 'March 2024'],
    ['$3bn in the first half of 2025', '2025-H1'],
    ['sales rose 25% in Q3 2025', 'Q3 2025'],
    ['$5bn in the third quarter of 2025', 'Q3 2025'],
    ['2025财年增长近三倍', 'FY2025'],
    ['截至2025年6月的财年增长近三倍', 'FY2025'],
    ['2024年增长了400%', '2024'],
    ['2024年3月每月支付2000万美元', 'March 2024'],
    ['2025年上半年营收增长25%', '2025-H1'],
    ['2025年第三季度营收增长25%', 'Q3 2025'],
  ])('reads %s as %s', (input, period) => {
    expect(only(input).period).toBe(period);
  });

  it.each([
    ['FY2025 (to June 2025)', 'FY2025'],
    ['fiscal year to June 2025', 'FY2025'],
    ['2024', '2024'],
    ['March 2024', 'March 2024'],
    ['H1 2025', '2025-H1'],
    ['sometime soon', 'sometime soon'],
  ])('normalizes the claim period %s to %s', (input, period) => {
    expect(normalizePeriod(input)).toBe(period);
  });

  it('reads "top" as a floor only as a verb', () => {
    expect(only('the top $1 billion deal').qualifier).toBeUndefined();
    expect(only('set to top $1 billion').qualifier).toBe('more than');
  });

  it('gives each figure the period of its own clause', () => {
    const figures = extractFigures(
      'ByteDance spent about US$11 billion in 2024, about US$20–22 billion planned for 2025, and US$59–74 billion (CNY 400–500 billion) for 2026.',
    );
    expect(figures.map((figure) => [figure.text, figure.value, figure.valueMax, figure.currency, figure.period])).toEqual([
      ['about US$11 billion', 11e9, undefined, 'USD', '2024'],
      ['about US$20–22 billion', 20e9, 22e9, 'USD', '2025'],
      ['US$59–74 billion', 59e9, 74e9, 'USD', '2026'],
      ['CNY 400–500 billion', 400e9, 500e9, 'CNY', '2026'],
    ]);
  });

  it('carries a leading period into later clauses that name none', () => {
    const figures = extractFigures('2025财年，微软Azure在华人工智能收入增长近三倍，2024财年增长了400%。');
    expect(figures.map((figure) => [figure.text, figure.period])).toEqual([
      ['增长近三倍', 'FY2025'],
      ['增长了400%', 'FY2024'],
    ]);
  });

  it('gives the one period of a sentence to every figure', () => {
    const figures = extractFigures(
      "As of March 2024 ByteDance paid about US$20 million a month, nearly 25% of that service's revenue at the time.",
    );
    expect(figures).toMatchObject([
      { kind: 'money', value: 2e7, per: 'month', qualifier: 'about', period: 'March 2024' },
      { kind: 'share', value: 25, qualifier: 'nearly', base: 'service revenue', period: 'March 2024' },
    ]);
  });

  it('reads "about a billion dollars a year" and a spinner\'s "in extra of $1 billion", but no bare "a dollar"', () => {
    expect(extractFigures('ByteDance is set to spend about a billion dollars a year on Microsoft AI.')).toMatchObject([
      { kind: 'money', value: 1e9, currency: 'USD', per: 'year', qualifier: 'about' },
    ]);
    expect(extractFigures('It will pay Microsoft in extra of $1 billion a year.')).toMatchObject([{ kind: 'money', value: 1e9, qualifier: 'more than' }]);
    expect(extractFigures('Shares rose a dollar, and a million users signed up.')).toEqual([]);
  });

  it('reads 增幅更達400% as growth', () => {
    expect(extractFigures('2024財年的增幅更達400%。')).toMatchObject([{ kind: 'percent', value: 400, growthFactor: 5, period: 'FY2024' }]);
  });

  it('dates a spun copy\'s figures: a financial year finishing in June, and the year prior', () => {
    const figures = extractFigures("Azure's AI income from China almost trebled in Microsoft's financial year finishing June 2025, after it rose fourfold the year prior.");
    expect(figures).toMatchObject([
      { kind: 'multiplier', value: 3, qualifier: 'nearly', period: 'FY2025' },
      { kind: 'multiplier', value: 4, period: 'FY2024' },
    ]);
  });

  it('dates a figure said of the year before when the marker comes first, but not a multiple of that year', () => {
    expect(extractFigures('在截至2025年6月的财年里，Azure来自中国的AI收入增长了近三倍，上一财年的增幅则为400%。')).toMatchObject([
      { kind: 'multiplier', value: 3, qualifier: 'nearly', period: 'FY2025' },
      { kind: 'percent', value: 400, growthFactor: 5, period: 'FY2024' },
    ]);
    expect(extractFigures('微软来自中国的AI收入在2025财年达到上一财年的近三倍。')).toMatchObject([{ kind: 'multiplier', value: 3, period: 'FY2025' }]);
  });

  it('reads a gerund as growth: surging 400%, swelling 400 per cent', () => {
    expect(extractFigures('It nearly tripled in fiscal 2025, after surging 400% in fiscal 2024.')[1]).toMatchObject({ kind: 'percent', value: 400, growthFactor: 5 });
    expect(extractFigures('Takings practically trebled, after swelling 400 per cent the yr prior.')[1]).toMatchObject({ kind: 'percent', value: 400, growthFactor: 5 });
  });

  it('pairs two fiscal years with their own figures', () => {
    const figures = extractFigures(
      "Azure's AI revenue in China nearly tripled in the fiscal year to June 2025, after growing 400% in fiscal 2024.",
    );
    expect(figures).toMatchObject([
      { kind: 'multiplier', value: 3, qualifier: 'nearly', period: 'FY2025' },
      { kind: 'percent', value: 400, growthFactor: 5, period: 'FY2024', text: 'growing 400%' },
    ]);
  });
});

describe('extractFigures: what is not a figure', () => {
  it.each([
    ['a bare year', 'The deal closed in 2025.'],
    ['a date', 'OpenAI began blocking API access on 9 July 2024.'],
    ['an American date', 'The ban started on July 9, 2024.'],
    ['model names', 'Customers use GPT-4, GPT-4o and Qwen 2.5, trained on H20 chips.'],
    ['a company name', '21Vianet operates Azure China.'],
    ['a count of events', 'They met three times in 2024.'],
    ['"doubled down"', 'ByteDance doubled down on AI.'],
    ['"double-digit"', 'Azure posted double-digit growth.'],
    ['an adjective "triple"', 'It was a triple play.'],
    ['a price level', 'measured in 2025 dollars'],
    ['a head count', 'the 2000 employees of the unit'],
    ['a word with 一元', '推动一元化管理'],
    ['a Chinese year and month', '2024年3月，微软关闭了个人开发者的订阅。'],
    ['no digits at all', 'Microsoft sells OpenAI models to Chinese firms through Azure.'],
  ])('ignores %s', (_name, input) => {
    expect(extractFigures(input)).toEqual([]);
  });
});

describe('extractFigures: quoting', () => {
  it.each([
    'Bloomberg said ByteDance will pay more than US$1 billion a year, mostly for OpenAI models.',
    '据报道，字节跳动每年在微软的支出超过10亿美元，2024财年增长了400%。',
    'China was about 1.5% of Microsoft’s total revenue in 2024, Brad Smith said; the business nearly tripled.',
    '微软在华AI收入翻了两番，约占微软总收入的１．５％。',
  ])('quotes exact substrings of %s', (sentence) => {
    const figures = extractFigures(sentence);
    expect(figures.length).toBeGreaterThan(0);
    for (const figure of figures) expect(sentence.slice(figure.index, figure.index + figure.text.length)).toBe(figure.text);
  });
});

describe('parseChineseNumber', () => {
  it.each([
    ['10亿', 1e9],
    ['1100亿', 1.1e11],
    ['两千万', 2e7],
    ['十亿', 1e9],
    ['1.5万亿', 1.5e12],
    ['4000亿', 4e11],
    ['二十五', 25],
    ['四百', 400],
    ['一千零五', 1005],
    ['三亿五千万', 3.5e8],
    ['3千万', 3e7],
    ['1,100亿', 1.1e11],
  ])('reads %s as %d', (input, value) => {
    expect(parseChineseNumber(input)?.value).toBe(value);
  });

  it('marks 多 and 余 as approximate', () => {
    expect(parseChineseNumber('10多亿')).toEqual({ value: 1e9, approx: true });
  });
});

describe('normalizeQualifier', () => {
  it.each([
    ['roughly', 'about'], ['around', 'about'], ['approximately', 'about'], ['some', 'about'], ['约', 'about'],
    ['大约', 'about'], ['左右', 'about'], ['almost', 'nearly'], ['close to', 'nearly'], ['近', 'nearly'],
    ['将近', 'nearly'], ['接近', 'nearly'], ['over', 'more than'], ['above', 'more than'], ['超过', 'more than'],
    ['逾', 'more than'], ['多于', 'more than'], ['under', 'less than'], ['不到', 'less than'], ['至少', 'at least'],
    ['More Than', 'more than'],
  ])('maps %s to %s', (input, qualifier) => {
    expect(normalizeQualifier(input)).toBe(qualifier);
  });

  it('leaves 最近 ("recently") alone', () => {
    expect(only('微软最近10亿美元的合同').qualifier).toBeUndefined();
  });
});

describe('compareFigures: two articles', () => {
  it.each<[string, string, string, FigureComparison]>([
    ['a dropped hedge', 'tripled', 'nearly tripled', 'same-value-different-qualifier'],
    ['a changed hedge', 'more than $1 billion', 'about $1 billion', 'same-value-different-qualifier'],
    ['"grew 400%" against "quadrupled"', 'grew 400%', 'quadrupled', 'different-value'],
    ['"grew 400%" against "five-fold"', 'grew 400%', 'five-fold', 'same'],
    ['"grew 200%" against "tripled"', 'grew 200%', 'tripled', 'same'],
    ['Chinese and English "nearly tripled"', 'nearly tripled', '增长近三倍', 'same'],
    ['翻了两番 against "quadrupled"', '翻了两番', 'quadrupled', 'same'],
    ['增长两倍 against "tripled"', '增长两倍', 'tripled', 'same'],
    ['two bases', '1.5% of total revenue', '1.5% of Azure sales', 'different-base'],
    ['one base in two words', '1.5% of total revenue', "1.5% of Microsoft's revenue", 'same'],
    ['one base in two languages', '1.5% of total revenue', '占微软总收入的1.5%', 'same'],
    ['a share of another thing entirely', '1.5% of total revenue', '25% of Azure sales', 'unrelated'],
    ['one amount in two spellings', '$1 billion', 'US$1bn', 'same'],
    ['one amount in two languages', 'US$1 billion', '10亿美元', 'same'],
    ['amounts within 2%', '$1 billion', '$1.015 billion', 'same'],
    ['amounts 5% apart', '$1 billion', '$1.05 billion', 'different-value'],
    ['one range in two spellings', 'US$20–22 billion', '$20 billion to $22 billion', 'same'],
    ['a range against a point', 'US$20–22 billion', '$21 billion', 'different-value'],
    ['a yearly and a monthly amount', '$1 billion a year', '$20 million a month', 'unrelated'],
    ['an amount with and without its rate', '$1 billion a year', '$1 billion', 'same'],
    ['the same number in another currency (a copy that got the currency wrong)', 'CNY 400 billion', '$400 billion', 'different-currency'],
    ['another amount in another currency (a conversion, or another fact)', 'CNY 400 billion', '$59 billion', 'unrelated'],
    ['two fiscal years', 'tripled in fiscal 2025', 'tripled in fiscal 2024', 'unrelated'],
    ['one amount dated to two years (a copy that moved the date)', '$20 million a month as of March 2024', '$20 million a month as of March 2023', 'same-value-different-period'],
    ['two amounts in two years (two facts)', '$11 billion in 2024', '$20 billion in 2025', 'unrelated'],
    ['fiscal and calendar readings of one year', 'tripled in fiscal 2025', 'tripled in 2025', 'same'],
    ['money against a percentage', '$1bn', '5%', 'different-kind'],
    ['a share against a growth rate', '1.5% of revenue', 'grew 1.5%', 'different-kind'],
    ['a plain percentage against a multiplier', '400%', 'quadrupled', 'different-kind'],
  ])('%s', (_name, a, b, expected) => {
    expect(compareFigures(only(a), only(b))).toBe(expected);
  });
});

describe('compareFigures: a claim against an article', () => {
  const spend: ClaimFigure = { value: 1e9, unit: 'USD/year', qualifier: 'more than', text: 'more than US$1 billion a year' };
  const tripled: ClaimFigure = { value: 3, unit: 'multiplier', qualifier: 'nearly', period: 'FY2025 (to June 2025)' };
  const growth: ClaimFigure = {
    value: 400,
    unit: 'percent',
    period: 'FY2024 (to June 2024)',
    text: 'grew 400% (five-fold); some reports say quadrupled (four-fold)',
  };
  const share: ClaimFigure = { value: 1.5, unit: 'percent', qualifier: 'about', period: '2024', base: 'total revenue' };
  const monthly: ClaimFigure = { value: 2e7, unit: 'USD/month', qualifier: 'about', period: 'March 2024' };
  const capex: ClaimFigure = { value: 59e9, valueMax: 74e9, unit: 'USD', period: '2026' };
  const rank: ClaimFigure = { value: 1, unit: 'rank', text: "Microsoft's largest AI customer" };

  it.each<[string, ClaimFigure, string, FigureComparison]>([
    ['the spend as stated', spend, 'more than $1 billion a year', 'same'],
    ['the spend in Chinese', spend, '每年超过10亿美元', 'same'],
    ['the spend without its hedge', spend, '$1 billion a year', 'same-value-different-qualifier'],
    ['the spend against the monthly figure', spend, 'US$20 million a month', 'unrelated'],
    ['"tripled" for "nearly tripled"', tripled, 'tripled in the fiscal year to June 2025', 'same-value-different-qualifier'],
    ['"nearly tripled" as stated', tripled, 'nearly tripled', 'same'],
    ['增长近三倍 for "nearly tripled"', tripled, '2025财年增长近三倍', 'same'],
    ['"quadrupled" for "grew 400%"', growth, 'quadrupled in fiscal 2024', 'different-value'],
    ['"rose 400%" for "grew 400%"', growth, 'rose 400% in fiscal 2024', 'same'],
    ['"five-fold" for "grew 400%"', growth, 'a five-fold rise in fiscal 2024', 'same'],
    ['the share of Azure sales for total revenue', share, 'about 1.5% of Azure sales', 'different-base'],
    ['the share in Chinese', share, '约占微软总收入的1.5%', 'same'],
    ['the monthly payment as stated', monthly, 'roughly US$20 million a month', 'same'],
    ['the capex range as stated', capex, 'US$59–74 billion for 2026', 'same'],
    ['the capex range in yuan', capex, 'CNY 400–500 billion for 2026', 'unrelated'],
    ['the capex of another year', capex, 'US$20–22 billion for 2025', 'unrelated'],
    ['a rank against money', rank, '$1 billion', 'different-kind'],
  ])('%s', (_name, claim, article, expected) => {
    expect(compareFigures(claim, only(article))).toBe(expected);
  });

  it('keys bases on content words', () => {
    expect(baseKey('total revenue')).toBe(baseKey('sales'));
    expect(baseKey('Azure sales')).toBe('azure revenue');
  });
});

