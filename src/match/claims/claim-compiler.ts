/**
 * Compiles the catalog's claims once per matcher: vocabularies, the postings that lead from a found term
 * to the claims it speaks for, the figure in comparable form, and the gates an article must pass before
 * any of its sentences is scored for a claim (its subject, its distinguishing actors, its place).
 * @module
 */
import type { ClaimParts } from '../../model/index.js';
import { compileVocabularies, type ClaimVocabulary } from './claim-keywords.js';
import type { Posting, Postings } from './claim-scoring.js';
import { comparableKinds, prepareClaimFigure } from './figure-evidence.js';
import type { ClaimFigure, ExtractedFigure, FigureKind } from '../reading/figures/index.js';
import { placePattern, type ClaimRoles, type Relation } from './relations.js';
import { normalizeDeclaredScope, placesNamedIn, type ScopePhrase } from '../reading/scope.js';
import { createPlainScanner, foldTerm, STEM_MARK } from '../reading/term-scanner.js';

/** A claim as the catalog gives it. */
export interface ClaimSource {
  slug: string;
  statement: string;
  entities: string[];
  terms: string[];
  figure?: ClaimFigure | null;
  /** What the claim asserts, part by part (see `ClaimParts`): matched through the shipped relation cues. */
  parts?: ClaimParts | null;
}

/** A claim ready for matching. */
export interface CompiledClaim {
  slug: string;
  statement: string;
  entities: string[];
  vocabulary: ClaimVocabulary;
  figure: ClaimFigure | null;
  /** The figure in the form compared against every article figure (see `prepareClaimFigure`). */
  preparedFigure: ClaimFigure | ExtractedFigure | null;
  /** Kinds of extracted figure worth comparing to the claim's. */
  figureKinds: ReadonlySet<FigureKind>;
  /** A rank claim ("largest AI customer"): a superlative in a sentence plays the part of its figure. */
  rank: boolean;
  /**
   * The claim is itself about what is ruled out: it lists a negated phrase among its terms ("not to
   * individuals", "not an export"). Then an article rejecting one of its terms ("…rather than to individual
   * developers") agrees with it, and the "rather than" reading of stance does not apply.
   */
  statesExclusion: boolean;
  /**
   * The entity an article must name to bear on the claim: its first entity, when the statement names it
   * ("ByteDance is on course to pay…"). A claim whose statement names none of its entities (a rule about
   * export controls, say) can be stated without them, so it requires none.
   */
  subject: string | null;
  /** Entities that no other claim involves: naming one is a claim-specific signal. */
  ownEntities: string[];
  /**
   * Own entities the statement names (DeepSeek, in "OpenAI said … DeepSeek trained a model on its outputs"):
   * they are what tells the claim from its neighbours, so an article must name one of them.
   */
  distinguishing: string[];
  declaredScope: ScopePhrase | null;
  /** Places the claim's terms name, the only ones its scope phrasings keep. */
  places: Set<string>;
  /** Who plays which part in the relation the claim asserts (from `parts`), else null. */
  roles: ClaimRoles | null;
  /** The claim asserts that its relation does not hold ("Anthropic does not sell to companies in China"). */
  negated: boolean;
}

/** What an article offers the gates: the entities it names and the anchors (places) it mentions. */
export interface ArticleGateInput {
  entities: Readonly<Record<string, string>>;
  anchors: ReadonlySet<string>;
}

/** True when an article can bear on the claim at all (see `CompiledClaim`). */
export function passesGates(claim: CompiledClaim, article: ArticleGateInput): boolean {
  // A claim with parts names its subjects: any one of them ("Tencent, Meituan and Ant Group") will do.
  if (claim.roles) return claim.roles.subject.some((entity) => entity in article.entities) && claim.vocabulary.anchors.every((anchor) => article.anchors.has(anchor));
  if (claim.subject !== null && !(claim.subject in article.entities)) return false;
  if (claim.distinguishing.length > 0 && !claim.distinguishing.some((entity) => entity in article.entities)) return false;
  return claim.vocabulary.anchors.every((anchor) => article.anchors.has(anchor));
}

const NEGATED_TERM = /^(?:not|no|never|isn't|is not|does not|doesn't)\b|^(?:不|非|未|并非|並非|只|仅|僅)/iu;

/**
 * Compiles claims against the entities' names (slug and every name), returning the claims and the postings
 * for their terms and statement stems.
 */
export function compileClaims(
  sources: readonly ClaimSource[],
  entities: readonly { slug: string; names: readonly string[] }[],
): { claims: CompiledClaim[]; postings: Postings } {
  const aliasToEntity = new Map<string, string>();
  for (const entity of entities) for (const name of entity.names) aliasToEntity.set(foldTerm(name), entity.slug);
  const aliasScanner = createPlainScanner(aliasToEntity.keys());
  const vocabularies = compileVocabularies(sources, entities.flatMap((entity) => entity.names));
  const claimsOf = new Map<string, number>();
  for (const source of sources) for (const entity of source.entities) claimsOf.set(entity, (claimsOf.get(entity) ?? 0) + 1);

  const claims = sources.map((source, i): CompiledClaim => {
    const named = new Set(aliasScanner.scan(source.statement).map((hit) => aliasToEntity.get(hit.term)));
    const ownEntities = source.entities.filter((entity) => claimsOf.get(entity) === 1);
    const first = source.entities[0];
    return {
      slug: source.slug,
      statement: source.statement,
      entities: source.entities,
      // A claim with parts is anchored to its place only: "its businesses outside China" is no reason for an
      // article to name China.
      vocabulary: source.parts ? { ...vocabularies[i]!, anchors: source.parts.place && placePattern(source.parts.place).test('China') ? ['china'] : [] } : vocabularies[i]!,
      figure: source.figure ?? null,
      preparedFigure: source.figure ? prepareClaimFigure(source.figure) : null,
      figureKinds: source.figure ? comparableKinds(source.figure) : new Set<FigureKind>(),
      rank: source.figure?.unit === 'rank',
      statesExclusion: source.terms.some((term) => NEGATED_TERM.test(term)),
      subject: first !== undefined && named.has(first) ? first : null,
      ownEntities,
      distinguishing: ownEntities.filter((entity) => named.has(entity)),
      declaredScope: source.figure?.scope ? normalizeDeclaredScope(source.figure.scope) : null,
      places: placesNamedIn(source.terms),
      roles: source.parts
        ? {
            relation: source.parts.relation as Relation,
            subject: source.parts.subject,
            counterpart: source.parts.counterpart,
            entities: source.entities,
            place: source.parts.place ? placePattern(source.parts.place) : null,
          }
        : null,
      negated: source.parts?.negated ?? false,
    };
  });
  return { claims, postings: buildPostings(claims) };
}

/** Term and stem keys → the claims that list them, with the weight each gives. */
function buildPostings(claims: readonly CompiledClaim[]): Postings {
  const postings: Postings = new Map();
  const post = (key: string, entry: Posting): void => {
    const list = postings.get(key);
    if (list) list.push(entry);
    else postings.set(key, [entry]);
  };
  for (const [i, claim] of claims.entries()) {
    for (const [key, weight] of claim.vocabulary.terms) post(key, { claim: i, weight, stem: false, unique: claim.vocabulary.unique.get(key) ?? null });
    for (const [stem, weight] of claim.vocabulary.stems) post(`${STEM_MARK}${stem}`, { claim: i, weight, stem: true, unique: null });
  }
  return postings;
}
