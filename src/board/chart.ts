/**
 * Coverage of a claim over time as an SVG bar chart: articles per day, stacked by origin, with a text
 * alternative (the same counts as a list) for screen readers and for anyone who prefers numbers.
 * @module
 */
import { escapeXml } from './html.js';

/** Colours for origins, in order of first appearance; readable on light and dark backgrounds. */
const PALETTE = ['#2f81f7', '#e16f24', '#2da44e', '#bf3989', '#8250df', '#bc4c00', '#1b7c83', '#9a6700'];

const WIDTH = 720;
const HEIGHT = 180;
const MARGIN = { top: 10, right: 10, bottom: 28, left: 30 };

export interface CoverageChart {
  svg: string;
  /** Per day, the articles by origin: the chart's text alternative. */
  rows: { day: string; byOrigin: [string, number][] }[];
  legend: { origin: string; colour: string }[];
}

/** Builds the chart from evidence (one article counted once per day). */
export function coverageChart(evidence: readonly { publishedAt: string; origin: string; articleUrl: string | null; articleTitle: string }[]): CoverageChart | null {
  const seen = new Set<string>();
  const counts = new Map<string, Map<string, number>>();
  for (const item of evidence) {
    const key = item.articleUrl ?? item.articleTitle;
    if (seen.has(key)) continue;
    seen.add(key);
    const day = item.publishedAt.slice(0, 10);
    const byOrigin = counts.get(day) ?? new Map<string, number>();
    byOrigin.set(item.origin, (byOrigin.get(item.origin) ?? 0) + 1);
    counts.set(day, byOrigin);
  }
  if (counts.size === 0) return null;
  const days = [...counts.keys()].sort();
  const origins = [...new Set(days.flatMap((day) => [...counts.get(day)!.keys()]))];
  const colour = (origin: string) => PALETTE[origins.indexOf(origin) % PALETTE.length]!;
  const max = Math.max(...days.map((day) => [...counts.get(day)!.values()].reduce((a, b) => a + b, 0)));
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const band = plotW / days.length;
  const barW = Math.max(2, Math.min(40, band * 0.8));
  const bars: string[] = [];
  days.forEach((day, i) => {
    let y = MARGIN.top + plotH;
    const x = MARGIN.left + i * band + (band - barW) / 2;
    for (const origin of origins) {
      const n = counts.get(day)!.get(origin) ?? 0;
      if (n === 0) continue;
      const h = (n / max) * plotH;
      y -= h;
      bars.push(`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${colour(origin)}"><title>${escapeXml(`${day}: ${n} from ${origin}`)}</title></rect>`);
    }
  });
  const labelEvery = Math.ceil(days.length / 8);
  const labels = days
    .map((day, i) => (i % labelEvery === 0 ? `<text x="${(MARGIN.left + i * band + band / 2).toFixed(1)}" y="${HEIGHT - 8}" font-size="11" text-anchor="middle">${escapeXml(day.slice(5))}</text>` : ''))
    .join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="coverage-title">` +
    `<title id="coverage-title">Articles per day, stacked by origin, ${escapeXml(days[0]!)} to ${escapeXml(days.at(-1)!)}</title>` +
    `<line class="axis" x1="${MARGIN.left}" y1="${MARGIN.top + plotH}" x2="${WIDTH - MARGIN.right}" y2="${MARGIN.top + plotH}" />` +
    `<text x="4" y="${MARGIN.top + 10}" font-size="11">${max}</text>${bars.join('')}${labels}</svg>`;
  return {
    svg,
    rows: days.map((day) => ({ day, byOrigin: [...counts.get(day)!.entries()] })),
    legend: origins.map((origin) => ({ origin, colour: colour(origin) })),
  };
}
