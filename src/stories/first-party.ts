/**
 * First-party sources: an organisation's own document or words, or a person's public testimony, as the basis
 * of an article ("OpenAI said in a notice to developers", "Microsoft has told US regulators in a filing",
 * "Brad Smith told a House panel"), and an earlier statement a sentence restates ("OpenAI said in January
 * that…"). attribution.ts weighs these against news organisations named and the outlet's own reporting.
 * @module
 */
import { AFTER_WINDOW, BEFORE_WINDOW, LEAD_CHARS } from './windows.js';

/** An organisation the article names (a company, a think tank), with every name it goes by. */
export interface NamedOrganisation {
  name: string;
  aliases: readonly string[];
}

/** Spaces collapsed: a phrase as `explain` shows it. */
function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Every place a name of one of `named` appears in `text`, organisation by organisation and alias by alias, in
 * order of position within each alias. A Latin name inside a longer word ("OpenAI" in "OpenAIs") is not the name.
 */
function* mentionsOf<T extends NamedOrganisation>(text: string, named: readonly T[]): Generator<{ named: T; alias: string; at: number; end: number }> {
  for (const one of named) {
    for (const alias of one.aliases) {
      if (alias.length < 2) continue;
      const latin = /^[A-Za-z]/.test(alias);
      for (let at = text.indexOf(alias); at !== -1; at = text.indexOf(alias, at + alias.length)) {
        const end = at + alias.length;
        if (latin && (/[A-Za-z]$/.test(text.slice(0, at)) || /^[A-Za-z]/.test(text.slice(end)))) continue;
        yield { named: one, alias, at, end };
      }
    }
  }
}

/**
 * A document of the organisation's own after its name: "OpenAI said in a notice", "微软发布声明"; never a
 * future one ("微软将于本月底公布财报" is no source of today's facts).
 */
const DOCUMENT_AFTER =
  /^(?:['’]s\s+(?:own\s+)?(?:(?:annual|quarterly|latest|public|service|status|official|regulatory|securities|health)\s+){0,2}(?:notice|statement|announcement|filings?|letter|email|e-mail|report|blog\s+post|post|memo|policy|update|terms|(?:status\s+|health\s+)?page|website|dashboard)\b|,?\s+(?:said|says|wrote|announced|confirmed|disclosed|stated)\s+(?:\w+\s+){0,3}?in\s+(?:a|an|its)\s+(?:\w+\s+){0,2}?(?:notice|statement|announcement|filing|letter|email|e-mail|report|blog\s+post|post|memo|update|policy)\b|\s+(?:announced|published|posted|issued|released|notified|emailed|updated\s+its)\b|\s+(?:has\s+)?(?:told|wrote\s+to|informed)\s+(?:US\s+|U\.S\.\s+)?(?:the\s+)?(?:regulators|lawmakers|Congress|(?:Commerce|Justice|State|Treasury)\s+Department|Department\s+of\s+\w+|SEC|FTC|BIS)\b(?:[^.]{0,40}?\bin\s+(?:a|an|its)\s+(?:\w+\s+){0,2}?(?:filing|comment|submission|letter))?|(?:(?!将|將|拟|擬|计划|計劃|即将|即將|预计|預計|或将|或將|此前|早前|先前|之前|曾)[^，。]){0,16}?(?:发布|發布|发出|發出|发表|發表|公布|宣布|在官网|在官網|官网|官網|官方博客|致信|通知|公告|声明|聲明|邮件|郵件|更新了?)(?:的)?)/iu;
/** A document of the organisation's own before its name: "according to a notice from OpenAI", "据微软公告". */
const DOCUMENT_BEFORE =
  /(?:\baccording\s+to\s+(?:a|an|the)\s+(?:\w+\s+){0,2}?(?:notice|statement|announcement|filing|letter|email|e-mail|report|blog\s+post|post|memo|update|policy)\s+(?:from|by|issued\s+by|published\s+by|posted\s+by|sent\s+by)\s+|(?:据|據|根据|根據)\s*)$/iu;

/** "…, the company said in a notice sent to developers": the document of the organisation the lead is about. */
const COMPANY_DOCUMENT = /\b(?:the\s+(?:company|firm|start-?up|group|lab|developer|maker)|it)\s+(?:said|says|wrote|announced|confirmed|stated)\s+(?:\w+\s+){0,3}?in\s+(?:a|an|its)\s+(?:\w+\s+){0,2}?(?:notice|statement|announcement|filing|letter|email|e-mail|blog\s+post|post|memo|update)\b|(?:该公司|該公司|公司)(?:在|于|於)?[^，。]{0,10}?(?:发布|發布|发出|發出)(?:的)?(?:公告|声明|聲明|通知|邮件|郵件)/iu;
/** Public testimony or a speech: "Brad Smith told members of the House…", "在…听证会上作证时表示". */
const TESTIMONY_AFTER =
  /^[^.。]{0,40}?\b(?:testif(?:y|ied|ies|ying)|in\s+(?:written\s+)?testimony|told\s+(?:members\s+of\s+)?(?:the\s+)?(?:lawmakers|Congress|senators|(?:a\s+|the\s+)?(?:House|Senate|congressional)\b))|^[^。]{0,40}?(?:作证|作證|听证会|聽證會)/iu;

/** How far into the text a person's testimony makes it the article's source: the title and opening paragraph. */
const TESTIMONY_OPENING_CHARS = 400;

/**
 * The organisation whose own document the article's lead rests on, if any (first in the lead wins), or a
 * person whose public testimony it reports.
 */
export function readPrimarySource(text: string, organisations: readonly NamedOrganisation[], people: readonly NamedOrganisation[] = []): { origin: string; phrase: string } | null {
  const lead = text.slice(0, LEAD_CHARS);
  let best: { at: number; origin: string; phrase: string } | null = null;
  // A report of testimony opens with it; testimony further down is background to someone else's report
  // ("Keep it in proportion: Brad Smith told Congress China was about 1.5% of revenue").
  for (const { named: person, at, end } of mentionsOf(lead.slice(0, TESTIMONY_OPENING_CHARS), people)) {
    if (best !== null && at >= best.at) continue;
    const after = TESTIMONY_AFTER.exec(lead.slice(end, end + 80));
    if (after) best = { at, origin: person.name, phrase: tidy(lead.slice(at, end + after[0].length)) };
  }
  const companyDocument = COMPANY_DOCUMENT.exec(lead);
  if (companyDocument && organisations.length > 0 && best === null) {
    // The organisation named first before the cue, in the lead's order.
    const before = lead.slice(0, companyDocument.index);
    const first = organisations
      .map((org) => ({ org, at: Math.min(...org.aliases.map((alias) => before.indexOf(alias)).filter((at) => at !== -1)) }))
      .filter(({ at }) => Number.isFinite(at))
      .sort((a, b) => a.at - b.at)[0];
    if (first) best = { at: first.at, origin: first.org.name, phrase: tidy(companyDocument[0]) };
  }
  for (const { named: org, at, end } of mentionsOf(lead, organisations)) {
    if (best !== null && at >= best.at) continue;
    const after = DOCUMENT_AFTER.exec(lead.slice(end, end + AFTER_WINDOW));
    const before = DOCUMENT_BEFORE.exec(lead.slice(Math.max(0, at - BEFORE_WINDOW), at));
    // 据微软 alone is "according to Microsoft": a document only with 公告/声明 and the like after it.
    const documentBefore = before && !/^(?:据|據|根据|根據)/.test(before[0]) ? before[0] : null;
    if (after || documentBefore) best = { at, origin: org.name, phrase: tidy(lead.slice(documentBefore ? at - documentBefore.length : at, after ? end + after[0].length : end)) };
  }
  return best && { origin: best.origin, phrase: best.phrase };
}

/** A time before now an organisation's words are dated to: "in January", "last year", "今年1月", "去年". */
const PAST_TIME_EN = String.raw`(?:in\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+\d{4})?|in\s+\d{4}|last\s+(?:year|month)|earlier\s+this\s+year)`;
const STATEMENT_EN = (alias: string) =>
  String.raw`(?:\b${alias}\s+(?:said|stated|announced|disclosed|wrote)\s+${PAST_TIME_EN}\b|\b${PAST_TIME_EN},?\s+${alias}\s+(?:said|stated|announced|disclosed)\b)`;
const STATEMENT_ZH = (alias: string) => String.raw`${alias}(?:在)?(?:(?:今年|去年|前年|此前|早前|\d{4}年)(?:\d{1,2}月)?(?:份)?(?:曾|曾经|曾經)?|曾|曾经|曾經)(?:表示|称|稱|宣布|披露)|(?:\d{4}年)?\d{1,2}月[，,]\s*${alias}(?:曾|曾经|曾經)?(?:表示|称|稱|宣布|披露)`;

/**
 * The organisation whose earlier public statement a sentence restates ("OpenAI said in January that it had
 * seen evidence…", "In January 2025, OpenAI said…", "OpenAI今年1月曾表示…"): that statement is the source of
 * what the sentence asserts, in every article that restates it. Null when the sentence restates none.
 */
export function statementSource(quote: string, organisations: readonly NamedOrganisation[]): string | null {
  for (const org of organisations) {
    for (const alias of org.aliases) {
      if (alias.length >= 2 && quote.includes(alias) && statementPattern(alias).test(quote)) return org.name;
    }
  }
  return null;
}

/** The statement pattern of one alias, built once: evidence sentences are read by the thousand. */
const statementPatterns = new Map<string, RegExp>();
function statementPattern(alias: string): RegExp {
  let pattern = statementPatterns.get(alias);
  if (!pattern) {
    const escaped = alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    pattern = new RegExp(`${STATEMENT_EN(escaped)}|${STATEMENT_ZH(escaped)}`, 'i');
    statementPatterns.set(alias, pattern);
  }
  return pattern;
}

/** How far into the text an organisation speaking counts: the title and the opening paragraph. */
const OPENING_CHARS = 400;
/** Speech right after an organisation's name: "said", "announced", "表示", "宣布". */
const SPEAKS_AFTER = /^(?:\s*,\s*(?:which|the\s+\w+)[^,]{0,40},)?\s+(?:said|says|announced|confirmed|disclosed|told\s+(?:investors|analysts|customers|developers))\b|^(?:公司|集团|集團|官方|方面|发言人|發言人)?(?:今天|今日|周[一二三四五六日]|週[一二三四五六日]|日前|近日)?(?:表示|宣布|称|稱|披露|公布)/;
/** The organisation speaking after its name: ", the company said", "the forum said in a statement". */
const SPEAKS_LATER = /\b(?:the\s+(?<noun>company|firm|group|forum|lab|start-?up|maker|developer)|it)\s+(?:said|says|announced)\b/i;
/** Nouns any company answers to; another ("the forum") must be in the organisation's own name. */
const ANY_COMPANY = new Set(['company', 'firm', 'group', 'start-up', 'startup', 'maker', 'developer', undefined]);

/**
 * A tracked organisation speaking about its own news in the opening: the first one named there with a
 * speech verb after its name, or the first one named before "the company said". Null when none does.
 */
export function readSpeaker(text: string, organisations: readonly NamedOrganisation[]): { origin: string; phrase: string } | null {
  const opening = text.slice(0, OPENING_CHARS);
  let best: { at: number; origin: string; phrase: string } | null = null;
  for (const { named: org, alias, at, end } of mentionsOf(opening, organisations)) {
    if (best !== null && at >= best.at) continue;
    const speech = SPEAKS_AFTER.exec(opening.slice(end, end + AFTER_WINDOW));
    const later = speech ? null : SPEAKS_LATER.exec(opening.slice(end));
    const noun = later?.groups?.noun?.toLowerCase();
    if (later && !ANY_COMPANY.has(noun) && !org.name.toLowerCase().includes(noun!)) continue;
    if (speech || later) best = { at, origin: org.name, phrase: tidy(speech ? opening.slice(at, end + speech[0].length) : `${alias} … ${later![0]}`) };
  }
  return best && { origin: best.origin, phrase: best.phrase };
}
