/**
 * The words that give a sentence its stance, English and Chinese (simplified and traditional), as plain
 * phrase lists: the matcher finds them in the same pass as every other term, so reading the stance of an
 * article costs no extra scan. Inflections are listed, since terms match whole words.
 * @module
 */

/** What a cue says about the sentence it is in. */
export type CueKind = 'denial' | 'update' | 'figure-update' | 'hedge' | 'correction';

/** Every combination of one choice per slot, joined by `joiner`: (["push", "pushed"], ["back"]) → "push back", … */
function combine(slots: readonly (readonly string[])[], joiner = ' '): string[] {
  let out = [''];
  for (const slot of slots) out = out.flatMap((head) => slot.map((word) => (head && word ? `${head}${joiner}${word}` : head || word)));
  return out.filter((phrase) => phrase.length > 0);
}

/** Words that dispute what was reported, whatever the claim says. */
const DENIAL: readonly string[] = [
  ...combine([['deny', 'denies', 'denied', 'denying', 'dispute', 'disputes', 'disputed', 'disputing']]),
  ...combine([['refute', 'refutes', 'refuted', 'refuting', 'reject', 'rejects', 'rejected', 'rejecting', 'rebut', 'rebuts', 'rebutted']]),
  ...combine([['contradict', 'contradicts', 'contradicted', 'contradicting', 'inaccurate', 'incorrect', 'untrue', 'misleading']]),
  ...combine([['overstate', 'overstates', 'overstated', 'not true', 'not accurate', 'contrary to']]),
  ...combine([['push', 'pushes', 'pushed', 'pushing'], ['back']]),
  ...combine([['at odds', 'inconsistent'], ['with']]),
  ...combine([['well'], ['below', 'under', 'short of']]),
  ...combine([['far'], ['below', 'less', 'short']]),
  '否认', '否認', '驳斥', '駁斥', '不实', '不實', '并非事实', '並非事實', '不是事实', '不是事實', '与事实不符', '與事實不符', '失实', '失實', '纯属虚构', '純屬虛構', '并不属实', '並不屬實', '澄清', '反驳', '反駁', '言过其实', '言過其實',
  '夸大', '誇大', '远低于', '遠低於', '不一致', '不符', '相矛盾', '相悖',
];

/**
 * Words that report a newer figure for the same fact ("now tops", "升至", "above earlier estimates"): an
 * update only of a claim that states a figure, never of a rank or an event in the same sentence ("its bill
 * has risen to $2 billion; it is still the largest AI customer").
 */
const FIGURE_UPDATE: readonly string[] = [
  ...combine([['now'], ['has', 'had', 'is', 'are', 'stands', 'runs', 'tops', 'exceeds', 'nears', 'approaches']]),
  ...combine([['has since', 'since grown', 'since risen', 'since doubled', 'since climbed', 'run rate']]),
  // A figure set against what was said before: "above earlier estimates", "高于此前外界估计".
  ...combine([['above', 'higher than', 'up from', 'below', 'lower than', 'down from'], ['earlier', 'previous', 'prior'], ['estimates', 'estimate', 'reports', 'figures']]),
  ...combine([['高于', '高於', '低于', '低於', '超过', '超過', '超出'], ['此前', '先前', '之前', '早前'], ['外界', '市场', '市場', ''], ['估计', '估計', '预期', '預期', '预估', '預估', '报道', '報導', '的估计', '的估計', '所估', '的逾']], ''),
  ...combine([['raised'], ['its', 'the'], ['forecast', 'estimate', 'target']]),
  ...combine([['latest figure', 'latest figures']]),
  ...combine([['actual spending', 'actually spent', 'ended up']]),
  ...combine([['above', 'exceeded', 'exceeds', 'exceeding', 'more than'], ['its', 'the', ''], ['plan', 'planned', 'budget', 'target']]),
  '最新', '上调', '上調', '已升至', '已增至', '升至', '实际支出', '實際支出', '实际用于', '實際用於',
  ...combine([['超出', '超出了', '高于', '高於'], ['年初', '原', '此前', '原先', ''], ['的', ''], ['计划', '計劃', '规划', '規劃', '预算', '預算']], ''),
];

/** Words that report a newer state of the same fact, whatever the claim states: joined, overtaken, no longer. */
const UPDATE: readonly string[] = [
  ...combine([['has joined', 'has now joined', 'later joined', 'joins', 'revised']]),
  ...combine([['has begun', 'has started', 'began', 'started', 'now'], ['contributing to', 'participating in', 'taking part in']]),
  '已加入', '已經加入', '已经加入', '已开始参与', '已開始參與',
  ...combine([['overtaken', 'overtook', 'overtakes', 'displaced', 'dethroned']]),
  '取代', '取而代之',
  '如今已', '现已', '現已', '后来加入', '後來加入', '将加入', '將加入', '将正式加入', '將正式加入',
  ...combine([['will', 'is set to', 'are set to', 'is to'], ['join']]),
  ...combine([['until now', 'until recently', 'as of this week', 'as of today', 'no longer']]),
];

/** Words that raise a claim without asserting it. */
const HEDGE: readonly string[] = [
  ...combine([['whether', 'if true', 'unverified', 'unconfirmed', 'speculation', 'rumor', 'rumors', 'rumour', 'rumours']]),
  ...combine([['could not', 'cannot'], ['verify', 'be verified', 'confirm', 'be confirmed']]),
  ...combine([['hard', 'difficult', 'impossible'], ['to'], ['verify', 'confirm']]),
  ...combine([['question', 'questions'], ['about', 'over', 'remain']]),
  ...combine([['remains unclear', 'remain unclear', 'it is unclear', 'debate over', 'may be', 'might']]),
  '是否', '尚不清楚', '未经证实', '未經證實', '传闻', '傳聞', '质疑', '質疑', '有待证实', '有待證實', '难以核实', '難以核實',
  '无法证实', '無法證實', '没有得到证实', '沒有得到證實', '未得到证实', '未得到證實', '未获证实', '未獲證實', '没有得到任何一方', '沒有得到任何一方', '尚未得到确认', '尚未得到確認', '有待确认', '有待確認', '无法核实', '無法核實', '未能独立核实', '未能獨立核實', '未能核实', '未能核實', '未能证实', '未能證實', '吗?', '嗎?', '流传', '流傳', '坊间', '坊間', '一种说法', '一種說法',
  ...combine([['circulating', 'whispers', 'chatter', 'gossip']]),
];

/**
 * Words that set what is so against what is not ("in Shanghai rather than offshore"): the claim is
 * contradicted when its own words fall only on the rejected side (read by the matcher, which knows
 * where each claim's words are).
 */
const CORRECTION: readonly string[] = ['rather than', 'instead of', '而非', '而不是', '而并非', '而並非'];

/** Every cue phrase with its kind. */
export const STANCE_CUES: readonly (readonly [string, CueKind])[] = [
  ...DENIAL.map((phrase) => [phrase, 'denial'] as const),
  ...UPDATE.map((phrase) => [phrase, 'update'] as const),
  ...FIGURE_UPDATE.map((phrase) => [phrase, 'figure-update'] as const),
  ...HEDGE.map((phrase) => [phrase, 'hedge'] as const),
  ...CORRECTION.map((phrase) => [phrase, 'correction'] as const),
];
