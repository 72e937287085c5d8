/**
 * Parser of the topic query syntax of `feeds/topics.yaml`:
 * `@entity-slug`, bare words and "quoted phrases" as terms, uppercase AND / OR / NOT, parentheses,
 * and adjacency meaning AND. Precedence: NOT, then AND, then OR.
 * The loader uses it to reject bad queries at start-up; the matcher can evaluate the tree it returns.
 * @module
 */

/** A parsed topic query. Terms keep their original case; matching is case-insensitive. */
export type QueryNode =
  | { type: 'and'; children: QueryNode[] }
  | { type: 'or'; children: QueryNode[] }
  | { type: 'not'; child: QueryNode }
  | { type: 'entity'; slug: string }
  | { type: 'term'; text: string; phrase: boolean };

/** The outcome of parsing a query: a tree, or the first syntax error with its 1-based column. */
export type QueryParseResult =
  | { ok: true; query: QueryNode; entities: string[] }
  | { ok: false; error: string; column: number };

type Token =
  | { kind: '(' | ')' | 'AND' | 'OR' | 'NOT'; at: number }
  | { kind: 'entity'; slug: string; at: number }
  | { kind: 'term'; text: string; phrase: boolean; at: number };

class QuerySyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const OPERATORS = new Set(['AND', 'OR', 'NOT']);

/**
 * Parses a topic query.
 * @example parseTopicQuery('@microsoft AND (China OR 中国)')
 */
export function parseTopicQuery(source: string): QueryParseResult {
  try {
    const tokens = tokenize(source);
    if (tokens.length === 0) throw new QuerySyntaxError('empty query', 0);
    const parser = new Parser(tokens, source.length);
    const query = parser.parseOr();
    parser.expectEnd();
    return { ok: true, query, entities: [...new Set(collectEntities(query))] };
  } catch (error) {
    if (error instanceof QuerySyntaxError) return { ok: false, error: error.message, column: error.at + 1 };
    throw error;
  }
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch, at: i++ });
    } else if (ch === '"') {
      const end = source.indexOf('"', i + 1);
      if (end < 0) throw new QuerySyntaxError('unterminated quoted phrase', i);
      const phrase = source.slice(i + 1, end).trim();
      if (phrase === '') throw new QuerySyntaxError('empty quoted phrase', i);
      tokens.push({ kind: 'term', text: phrase, phrase: true, at: i });
      i = end + 1;
    } else {
      const start = i;
      while (i < source.length && !/[\s()"]/.test(source[i]!)) i++;
      tokens.push(wordToken(source.slice(start, i), start));
    }
  }
  return tokens;
}

function wordToken(word: string, at: number): Token {
  if (OPERATORS.has(word)) return { kind: word as 'AND' | 'OR' | 'NOT', at };
  // Lowercase operators are almost always a typo for the real thing; a search for the word itself can quote it.
  if (OPERATORS.has(word.toUpperCase())) {
    throw new QuerySyntaxError(`"${word}": write operators in capitals (${word.toUpperCase()}), or quote the word`, at);
  }
  if (word.startsWith('@')) {
    const slug = word.slice(1);
    if (!SLUG.test(slug)) throw new QuerySyntaxError(`"${word}" is not a valid @entity-slug`, at);
    return { kind: 'entity', slug, at };
  }
  return { kind: 'term', text: word, phrase: false, at };
}

class Parser {
  private pos = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly length: number,
  ) {}

  parseOr(): QueryNode {
    const children = [this.parseAnd()];
    while (this.peek()?.kind === 'OR') {
      this.pos++;
      children.push(this.parseAnd());
    }
    return children.length === 1 ? children[0]! : { type: 'or', children };
  }

  private parseAnd(): QueryNode {
    const children = [this.parseNot()];
    for (;;) {
      const next = this.peek();
      if (next?.kind === 'AND') {
        this.pos++;
        children.push(this.parseNot());
      } else if (next && next.kind !== 'OR' && next.kind !== ')') {
        children.push(this.parseNot()); // adjacency means AND
      } else {
        break;
      }
    }
    return children.length === 1 ? children[0]! : { type: 'and', children };
  }

  private parseNot(): QueryNode {
    if (this.peek()?.kind === 'NOT') {
      this.pos++;
      return { type: 'not', child: this.parseNot() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): QueryNode {
    const token = this.tokens[this.pos];
    if (!token) throw new QuerySyntaxError('query ends where a term was expected', this.length);
    this.pos++;
    switch (token.kind) {
      case 'entity':
        return { type: 'entity', slug: token.slug };
      case 'term':
        return { type: 'term', text: token.text, phrase: token.phrase };
      case '(': {
        const inner = this.parseOr();
        const close = this.tokens[this.pos];
        if (close?.kind !== ')') throw new QuerySyntaxError('"(" is never closed', token.at);
        this.pos++;
        return inner;
      }
      default:
        throw new QuerySyntaxError(`unexpected ${token.kind} where a term was expected`, token.at);
    }
  }

  expectEnd(): void {
    const token = this.tokens[this.pos];
    if (token) throw new QuerySyntaxError(`unexpected ${token.kind === ')' ? '")"' : token.kind}`, token.at);
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }
}

function collectEntities(node: QueryNode): string[] {
  switch (node.type) {
    case 'entity':
      return [node.slug];
    case 'term':
      return [];
    case 'not':
      return collectEntities(node.child);
    default:
      return node.children.flatMap(collectEntities);
  }
}
