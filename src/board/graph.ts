/**
 * The players graph: who sells to, buys from, blocks or complains to whom, built from the tracked claims' parts
 * (claims.yaml `parts`) and laid out by Graphviz compiled to WebAssembly (@hpcc-js/wasm-graphviz; it runs in
 * Node, offline). Each node links to its entity page, each edge to its claim; the same edges are listed as
 * text under the drawing.
 * @module
 */
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import type { ClaimListing, ClaimParts } from '../model/index.js';
import type { BoardEntity } from './store.js';

/** One edge of the graph: a claim between two parties. */
export interface PlayerEdge {
  from: string;
  to: string;
  relation: string;
  claimSlug: string;
  title: string;
  status: string;
}

const RELATION_WORDS: Record<string, string> = {
  'buys-from': 'buys from',
  'sells-to': 'sells to',
  'spends-on': 'spends on',
  'hosts-in': 'hosts in',
  blocks: 'blocks',
  'complains-to': 'complains to',
};

/** The edges: every subject to every counterpart of each claim with parts. */
export function playerEdges(claims: readonly (ClaimListing & { parts: ClaimParts | null })[]): PlayerEdge[] {
  const edges: PlayerEdge[] = [];
  for (const claim of claims) {
    if (!claim.parts) continue;
    const relation = `${claim.parts.negated ? 'does not ' : ''}${RELATION_WORDS[claim.parts.relation] ?? claim.parts.relation}`;
    for (const from of claim.parts.subject) {
      for (const to of claim.parts.counterpart) {
        if (from !== to) edges.push({ from, to, relation, claimSlug: claim.slug, title: claim.headline ?? claim.statement, status: claim.status });
      }
    }
  }
  return edges;
}

/** DOT strings are double-quoted: quotes and backslashes escaped, line breaks dropped. */
function dot(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n]+/g, ' ')}"`;
}

let graphviz: Promise<Graphviz> | null = null;

/** The graph as an SVG element (no XML prolog), ready to place in a page. */
export async function playersSvg(edges: readonly PlayerEdge[], entities: readonly BoardEntity[]): Promise<string> {
  const names = new Map(entities.map((entity) => [entity.slug, entity.name]));
  const nodes = [...new Set(edges.flatMap((edge) => [edge.from, edge.to]))];
  const source = [
    'digraph players {',
    '  graph [rankdir=LR, bgcolor="transparent", fontname="sans-serif", nodesep=0.4, ranksep=1.1];',
    '  node [shape=box, style=rounded, fontname="sans-serif", fontsize=12];',
    '  edge [fontname="sans-serif", fontsize=9];',
    ...nodes.map((slug) => `  ${dot(slug)} [label=${dot(names.get(slug) ?? slug)}, URL=${dot(`/entities/${encodeURIComponent(slug)}`)}, tooltip=${dot(names.get(slug) ?? slug)}];`),
    ...edges.map(
      (edge) =>
        `  ${dot(edge.from)} -> ${dot(edge.to)} [label=${dot(`${edge.relation}\n(${edge.status})`)}, URL=${dot(`/claims/${encodeURIComponent(edge.claimSlug)}`)}, tooltip=${dot(edge.title)}];`,
    ),
    '}',
  ].join('\n');
  graphviz ??= Graphviz.load();
  const svg = (await graphviz).dot(source);
  return svg.slice(svg.indexOf('<svg'));
}
