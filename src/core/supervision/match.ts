/**
 * Which agency of the supervisor's tree a report is from, by the name printed in it (pure).
 *
 * Printed names vary: traditional characters (a 繁體 copy), spaced-out or full-width characters, the place of
 * the government left out ("卫生健康委员会"), shortened to its level ("市卫生健康委"), preceded by the province
 * ("某某省示范市…"), or abbreviated ("卫健委", "人社局", "市政府办"). Chinese abbreviations keep characters of the
 * full name in order, so an abbreviation is a subsequence of the full name with the same first and last
 * character (卫健委 ⊂ 卫生健康委员会, 人社局 ⊂ 人力资源和社会保障局).
 *
 * Each agency of the tree is split into its place (the name of a government of the tree it starts with, e.g.
 * "示范市") and the rest (its core, "卫生健康委员会"); the printed name likewise. The score (0–100) is:
 *  - 100: the same name once characters are simplified, folded to half width and spaces dropped;
 *  - 97: the same once the usual short forms are written out (…委 → …委员会, …办 → …办公室, 政府 → 人民政府);
 *  - the core's likeness (equal 1, an abbreviation 0.8–0.95, else the share of characters in common in
 *    order), times 0.95 where the printed name leaves out the place or names only its level (市, 县, 区), and
 *    times 0.6 where it names another place of the tree or a level the agency is not at;
 *  - 70 at most for a core that is exact but under a place the tree does not have ("福清市卫生健康局" in the
 *    tree of 示范市): shown as a candidate, never suggested.
 * A suggestion needs MATCH_THRESHOLD, and a clear lead over the next agency (two agencies as likely are for the
 * user to choose between).
 */
import * as OpenCC from 'opencc-js/t2cn';
import { halfWidth } from '../normalize';

export interface MatchCandidate {
  id: number;
  name: string;
}

export interface ScoredAgency {
  id: number;
  name: string;
  /** 0–100 */
  score: number;
}

export interface AgencyMatch {
  /** the agency suggested: the best, when it reaches the threshold and leads the next clearly; else null */
  agencyId: number | null;
  /** the best candidate's score (0 without any) */
  score: number;
  /** the best candidate, suggested or not */
  best: ScoredAgency | null;
  /** the likeliest agencies, best first (the best included), each scoring at least MIN_SHOWN */
  candidates: ScoredAgency[];
}

/** The score a suggestion needs. */
export const MATCH_THRESHOLD = 75;
/** The best must lead the next by more than this, or the user chooses. */
export const AMBIGUITY_MARGIN = 2;
/** Candidates below this are not listed. */
const MIN_SHOWN = 30;
const MAX_SHOWN = 5;

let toSimplified: ((s: string) => string) | null = null;
/** Names seen (agency names come back for every file matched): the same input, the same output. */
const normalized = new Map<string, string>();

/** Simplified characters, half width, without spaces, quotes and punctuation but brackets. */
export function normalName(s: string): string {
  const known = normalized.get(s);
  if (known !== undefined) return known;
  toSimplified ??= OpenCC.Converter({ from: 'tw', to: 'cn' });
  const out = toSimplified(halfWidth(s.normalize('NFC')))
    .replace(/[\s\u200b\u00b7・·“”"'‘’「」『』、,，.。:：;；]/g, '')
    .replace(/[（【〔[]/g, '(')
    .replace(/[）】〕\]]/g, ')');
  if (normalized.size >= 20_000) normalized.clear();
  normalized.set(s, out);
  return out;
}

/** Without bracketed parts ("示范市卫生健康委员会(示范市中医药管理局)" → its first name). */
function withoutBrackets(s: string): string {
  const out = s.replace(/\([^()]*\)/g, '');
  return out.length >= 2 ? out : s;
}

/** The usual short forms written out, so that both sides use the same words. */
export function expandShortForms(s: string): string {
  return s
    .replace(/(?<!人民)政府/g, '人民政府')
    .replace(/委$/, '委员会')
    .replace(/(?<!办公室|办事处)办$/, '办公室');
}

/** Longest common subsequence length. */
function lcs(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

function isSubsequence(short: string, long: string): boolean {
  let j = 0;
  for (let i = 0; i < long.length && j < short.length; i++) if (long[i] === short[j]) j++;
  return j === short.length;
}

/** How alike two cores are, 0–1. */
export function coreLikeness(p: string, c: string): number {
  if (p.length === 0 || c.length === 0) return 0;
  if (p === c) return 1;
  // an abbreviation: the printed core keeps characters of the agency's in order, with its first and last
  if (p.length < c.length && p[0] === c[0] && p[p.length - 1] === c[c.length - 1] && isSubsequence(p, c)) {
    return 0.8 + 0.15 * (p.length / c.length);
  }
  return (2 * lcs(p, c)) / (p.length + c.length);
}

/** Level characters a place name ends with, and that a printed name may keep alone ("市卫生健康委"). */
const LEVELS = '省市县区州盟旗镇乡';
/** A place the tree does not have, at the start of a name: a few characters ending with a level. */
const UNKNOWN_PLACE = /^[\u4e00-\u9fff]{1,8}?[省市县区州盟旗]/;

interface Split {
  /** the known place the name starts with ('' if none) */
  place: string;
  core: string;
}

/** The places of the tree: the names of its governments without "人民政府" (longest first). */
function placesOf(agencies: readonly { name: string }[]): string[] {
  const out = new Set<string>();
  for (const a of agencies) {
    const n = expandShortForms(withoutBrackets(normalName(a.name)));
    const m = /^(.+?)人民政府$/.exec(n);
    if (m && m[1].length >= 2) out.add(m[1]);
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/** The name split at a known place: at its start, or after a province or city above it (within 8 characters). */
function split(name: string, places: readonly string[]): Split {
  for (const place of places) {
    const at = name.indexOf(place);
    if (at >= 0 && at <= 8 && name.length > at + place.length && (at === 0 || /[省市州盟区县]$/.test(name.slice(0, at)))) {
      return { place, core: name.slice(at + place.length) };
    }
  }
  return { place: '', core: name };
}

interface Prepared {
  id: number;
  name: string;
  full: string;
  expanded: string;
  split: Split;
}

function prepare(a: MatchCandidate, places: readonly string[]): Prepared {
  const full = withoutBrackets(normalName(a.name));
  const expanded = expandShortForms(full);
  return { id: a.id, name: a.name, full, expanded, split: split(expanded, places) };
}

/** The score of one agency for the printed name (0–100). */
function scoreOf(printedFull: string, printedExpanded: string, printed: Split, c: Prepared): number {
  if (printedFull === c.full) return 100;
  if (printedExpanded === c.expanded) return 97;
  let best = 0;
  const consider = (likeness: number, factor: number) => {
    best = Math.max(best, Math.round(100 * likeness * factor));
  };
  if (printed.place) {
    // a place of the tree is named: the agency's own, or another one
    const factor = printed.place === c.split.place ? 1 : 0.6;
    consider(coreLikeness(printed.core, c.split.core), factor);
  } else {
    // no place, or only its level ("市…"), or a place the tree does not have
    consider(coreLikeness(printed.core, c.split.core), 0.95);
    const level = printed.core[0];
    if (LEVELS.includes(level) && printed.core.length > 2) {
      const rest = printed.core.slice(1);
      const sameLevel = c.split.place === '' || c.split.place.endsWith(level);
      consider(coreLikeness(rest, c.split.core), sameLevel ? 0.95 : 0.6);
    }
    const unknown = UNKNOWN_PLACE.exec(printed.core);
    if (unknown && printed.core.slice(unknown[0].length) === c.split.core) consider(1, 0.7);
  }
  // the whole names side by side (an agency named without a place of the tree)
  consider((2 * lcs(printedExpanded, c.expanded)) / (printedExpanded.length + c.expanded.length), 0.9);
  return Math.min(99, best);
}

/**
 * A matcher for the agencies of `agencies` (the supervisor's subtree): for a printed name, the agency suggested
 * (or null), its score and the likeliest candidates. The tree is prepared once for the many names of a batch.
 */
export function agencyMatcher(agencies: readonly MatchCandidate[]): (printed: string | null | undefined) => AgencyMatch {
  const places = placesOf(agencies);
  const prepared = agencies.map((a) => prepare(a, places));
  return (printed) => {
    const none: AgencyMatch = { agencyId: null, score: 0, best: null, candidates: [] };
    if (!printed || prepared.length === 0) return none;
    const full = withoutBrackets(normalName(printed));
    if (full.length < 2) return none;
    const expanded = expandShortForms(full);
    const printedSplit = split(expanded, places);
    const scored = prepared
      .map((c) => ({ id: c.id, name: c.name, score: scoreOf(full, expanded, printedSplit, c) }))
      .sort((a, b) => b.score - a.score || a.id - b.id);
    const best = scored[0];
    const next = scored[1];
    const clear = !next || best.score - next.score > AMBIGUITY_MARGIN;
    return {
      agencyId: best.score >= MATCH_THRESHOLD && clear ? best.id : null,
      score: best.score,
      best,
      candidates: scored.filter((x) => x.score >= MIN_SHOWN).slice(0, MAX_SHOWN),
    };
  };
}

/** The agency of `agencies` a printed name stands for (agencyMatcher for one name). */
export function matchAgency(printed: string | null | undefined, agencies: readonly MatchCandidate[]): AgencyMatch {
  return agencyMatcher(agencies)(printed);
}
