import { describe, expect, it } from 'vitest';
import { MAX_SENTENCE_CHARS, MAX_SENTENCES, splitSentences } from '../../src/match/reading/sentences.js';

const texts = (input: string): string[] => splitSentences(input).map((sentence) => sentence.text);

describe('splitSentences', () => {
  it.each([
    ['ends on . ! ? before a space', 'Azure grew. Did ByteDance pay? It did! More later.', ['Azure grew.', 'Did ByteDance pay?', 'It did!', 'More later.']],
    ['keeps decimals whole', 'China was about 1.5% of revenue. Azure grew 2.5 times.', ['China was about 1.5% of revenue.', 'Azure grew 2.5 times.']],
    ['keeps U.S. and e.g. inside the sentence', 'The U.S. rules, e.g. on chips, apply. Models are not chips.', ['The U.S. rules, e.g. on chips, apply.', 'Models are not chips.']],
    ['keeps titles and company suffixes', 'Mr. Smith of Microsoft Corp. spoke. ByteDance Ltd. and Acme Inc. declined.', ['Mr. Smith of Microsoft Corp. spoke.', 'ByteDance Ltd. and Acme Inc. declined.']],
    ['keeps initials with the name', 'Judson J. Althoff told staff. Sales rose.', ['Judson J. Althoff told staff.', 'Sales rose.']],
    ['treats No. as an abbreviation only before a number', 'ByteDance is No. 1 among buyers. The answer was no. Then it changed.', ['ByteDance is No. 1 among buyers.', 'The answer was no.', 'Then it changed.']],
    ['keeps a company suffix inside brackets', 'The seller (Microsoft Corp.) agreed. Done.', ['The seller (Microsoft Corp.) agreed.', 'Done.']],
    ['keeps closing quotes with their sentence', 'He said, "We do not sell chips." Then he left.', ['He said, "We do not sell chips."', 'Then he left.']],
    ['keeps curly quotes after ? with their sentence', 'She asked: “Is this an export?” Nobody knew.', ['She asked: “Is this an export?”', 'Nobody knew.']],
    ['does not split inside a host name', 'See example.com for details. Thanks.', ['See example.com for details.', 'Thanks.']],
    ['treats a terminator run as one boundary', 'Really?! Yes... Fine.', ['Really?!', 'Yes...', 'Fine.']],
    ['splits Chinese on 。！？；', '微软增长了。字节跳动付钱了吗？付了！还有；更多', ['微软增长了。', '字节跳动付钱了吗？', '付了！', '还有；', '更多']],
    ['keeps Chinese closing quotes with their sentence', '他说：“我们不卖芯片。”随后离开。她说「好的。」', ['他说：“我们不卖芯片。”', '随后离开。', '她说「好的。」']],
    ['ends ASCII ? and . before Chinese text', '这是出口吗?不是.模型只是租用', ['这是出口吗?', '不是.', '模型只是租用']],
    ['keeps a decimal inside Chinese text', '中国约占微软收入的1.5%。', ['中国约占微软收入的1.5%。']],
    ['splits on line breaks and drops blank lines', 'Headline without stop\n\n  \r\nFirst line.\nSecond', ['Headline without stop', 'First line.', 'Second']],
    ['trims and drops whitespace-only input', '   \n\t  ', []],
    ['handles traditional Chinese the same way', '據彭博社報導，字節跳動是最大客戶。微軟拒絕置評。', ['據彭博社報導，字節跳動是最大客戶。', '微軟拒絕置評。']],
  ])('%s', (_name, input, expected) => {
    expect(texts(input)).toEqual(expected);
  });

  it('gives offsets that point back at each sentence in the input', () => {
    const input = '  Azure grew.  据彭博社报道，字节跳动是最大客户。\n  "Quoted." Next one';
    const sentences = splitSentences(input);
    expect(sentences.length).toBe(4);
    for (const sentence of sentences) expect(input.slice(sentence.start, sentence.start + sentence.text.length)).toBe(sentence.text);
    expect(sentences[0]).toEqual({ text: 'Azure grew.', start: 2 });
  });

  it('cuts a run with no terminator into pieces of at most 1,000 characters, at a space when it can', () => {
    const input = 'word '.repeat(700);
    const sentences = splitSentences(input);
    expect(sentences.length).toBeGreaterThan(3);
    for (const sentence of sentences) {
      expect(sentence.text.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
      expect(sentence.text.startsWith('word')).toBe(true);
      expect(sentence.text.endsWith('word')).toBe(true);
    }
    expect(sentences.map((s) => s.text).join(' ')).toBe(input.trim());
  });

  it('hard-cuts a run with no space at all', () => {
    const sentences = splitSentences('字'.repeat(2_500));
    expect(sentences.map((s) => s.text.length)).toEqual([1_000, 1_000, 500]);
  });

  it('stops at 400 sentences', () => {
    const sentences = splitSentences('Azure grew. '.repeat(1_000));
    expect(sentences.length).toBe(MAX_SENTENCES);
    expect(sentences.at(-1)?.text).toBe('Azure grew.');
  });

});
