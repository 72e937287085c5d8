import { describe, expect, it } from 'vitest';
import { parseTopicQuery, type QueryNode } from '../../src/catalog/index.js';

const term = (text: string, phrase = false): QueryNode => ({ type: 'term', text, phrase });

function parsed(source: string): QueryNode {
  const result = parseTopicQuery(source);
  if (!result.ok) throw new Error(`unexpected error: ${result.error}`);
  return result.query;
}

describe('parseTopicQuery', () => {
  it('reads entities, bare words, phrases and Chinese terms', () => {
    expect(parsed('@microsoft "Chinese firms" 中国')).toEqual({
      type: 'and',
      children: [{ type: 'entity', slug: 'microsoft' }, term('Chinese firms', true), term('中国')],
    });
  });

  it('binds AND tighter than OR, and adjacency is AND', () => {
    expect(parsed('a OR b c')).toEqual({
      type: 'or',
      children: [term('a'), { type: 'and', children: [term('b'), term('c')] }],
    });
    expect(parsed('a OR b AND c')).toEqual(parsed('a OR b c'));
  });

  it('binds NOT tightest', () => {
    expect(parsed('NOT a b')).toEqual({ type: 'and', children: [{ type: 'not', child: term('a') }, term('b')] });
  });

  it('groups with parentheses', () => {
    expect(parsed('(a OR b) c')).toEqual({
      type: 'and',
      children: [{ type: 'or', children: [term('a'), term('b')] }, term('c')],
    });
  });

  it('lists each referenced entity once', () => {
    const result = parseTopicQuery('@openai AND (@openai OR @google) NOT @anthropic');
    expect(result.ok && result.entities).toEqual(['openai', 'google', 'anthropic']);
  });

  it.each([
    ['(a OR b', '"(" is never closed', 1],
    ['a OR b)', 'unexpected ")"', 7],
    ['a AND', 'query ends where a term was expected', 6],
    ['OR a', 'unexpected OR where a term was expected', 1],
    ['a and b', '"and": write operators in capitals (AND), or quote the word', 3],
    ['@Bad_Slug', '"@Bad_Slug" is not a valid @entity-slug', 1],
    ['"open phrase', 'unterminated quoted phrase', 1],
    ['a ""', 'empty quoted phrase', 3],
    ['   ', 'empty query', 1],
  ])('rejects %j: %s', (source, error, column) => {
    expect(parseTopicQuery(source)).toEqual({ ok: false, error, column });
  });

  it('accepts a quoted lowercase operator as a term', () => {
    expect(parsed('"and"')).toEqual(term('and', true));
  });
});
