/**
 * Topic queries: boolean expressions over entities and terms, as written in `feeds/topics.yaml`.
 *
 *   @microsoft AND (@bytedance OR "Chinese companies" OR 中国) AND NOT outage
 *
 * `@slug` is any alias of an entity; bare words and "quoted phrases" are terms; AND, OR, NOT and
 * parentheses as usual; two operands side by side mean AND. The parser lives with the catalog, which
 * rejects bad queries at load; this module evaluates the parsed tree.
 * @module
 */
import type { QueryNode as TopicQuery } from '../../catalog/query.js';

export type { QueryNode as TopicQuery } from '../../catalog/query.js';
export { parseTopicQuery } from '../../catalog/query.js';

/** Entities and terms referenced by a query (to build the term index and to check the catalog). */
export function queryReferences(query: TopicQuery): { entities: Set<string>; terms: Set<string> } {
  const entities = new Set<string>();
  const terms = new Set<string>();
  const walk = (node: TopicQuery): void => {
    if (node.type === 'entity') entities.add(node.slug);
    else if (node.type === 'term') terms.add(node.text);
    else if (node.type === 'not') walk(node.child);
    else node.children.forEach(walk);
  };
  walk(query);
  return { entities, terms };
}

/** What an article offers a query: the entities found (slug → matched alias) and terms found (by key). */
export interface QueryInput {
  entities: ReadonlyMap<string, string>;
  hasTerm(term: string): string | undefined;
}

/** Evaluates a query; `fired` lists what made it true ("@bytedance (TikTok)", "distillation"). */
export function evaluateTopicQuery(query: TopicQuery, input: QueryInput): { matched: boolean; fired: string[] } {
  const fired: string[] = [];
  const evaluate = (node: TopicQuery, record: boolean): boolean => {
    switch (node.type) {
      case 'entity': {
        const alias = input.entities.get(node.slug);
        if (alias !== undefined && record) fired.push(`@${node.slug} (${alias})`);
        return alias !== undefined;
      }
      case 'term': {
        const matched = input.hasTerm(node.text);
        if (matched !== undefined && record) fired.push(node.text);
        return matched !== undefined;
      }
      case 'not':
        return !evaluate(node.child, false);
      case 'and':
        // Evaluate all operands so every term that fired is recorded, but only when the whole AND holds.
        if (!node.children.every((arg) => evaluate(arg, false))) return false;
        node.children.forEach((arg) => evaluate(arg, record));
        return true;
      case 'or': {
        let any = false;
        for (const arg of node.children) if (evaluate(arg, record)) any = true;
        return any;
      }
    }
  };
  const matched = evaluate(query, true);
  return { matched, fired: matched ? [...new Set(fired)] : [] };
}
