/**
 * Matching a printed agency name to the agencies of a supervisor's tree (src/core/supervision/match.ts). The
 * trees and the expected agencies are written by hand; scores are compared with the thresholds only where
 * the module's documentation fixes them (100 for the very name, 97 for written-out short forms).
 */
import { describe, expect, it } from 'vitest';
import { MATCH_THRESHOLD, matchAgency, normalName } from '../../../src/core/supervision/match';

const CITY = [
  { id: 1, name: '示范市人民政府' },
  { id: 2, name: '示范市人民政府办公室' },
  { id: 3, name: '示范市卫生健康委员会' },
  { id: 4, name: '示范市教育局' },
  { id: 5, name: '示范市体育局' },
  { id: 6, name: '示范市人力资源和社会保障局' },
  { id: 7, name: '示范市市场监督管理局' },
  { id: 8, name: '示范市城市管理局' },
  { id: 9, name: '示范市发展和改革委员会' },
];

/** A city with a county under it: the same department names at two levels. */
const TWO_LEVELS = [
  { id: 1, name: '示范市人民政府' },
  { id: 2, name: '示范市卫生健康局' },
  { id: 10, name: '青山县人民政府' },
  { id: 11, name: '青山县卫生健康局' },
];

const suggested = (printed: string, tree = CITY) => matchAgency(printed, tree).agencyId;

describe('matching a printed agency name to the tree', () => {
  it('the very name scores 100, whatever its characters, width or spacing', () => {
    expect(matchAgency('示范市卫生健康委员会', CITY)).toMatchObject({ agencyId: 3, score: 100 });
    expect(matchAgency('示範市衛生健康委員會', CITY)).toMatchObject({ agencyId: 3, score: 100 });
    expect(matchAgency('示 范 市 教 育 局', CITY)).toMatchObject({ agencyId: 4, score: 100 });
    expect(matchAgency('示范市人民政府', CITY)).toMatchObject({ agencyId: 1, score: 100 });
  });

  it('short forms written out score 97', () => {
    expect(matchAgency('示范市卫生健康委', CITY)).toMatchObject({ agencyId: 3, score: 97 });
    expect(matchAgency('示范市政府', CITY)).toMatchObject({ agencyId: 1, score: 97 });
    expect(matchAgency('示范市政府办', CITY)).toMatchObject({ agencyId: 2, score: 97 });
  });

  it('a name without its place, or with only its level, or under the province, is the agency of the tree', () => {
    expect(suggested('市卫生健康委')).toBe(3);
    expect(suggested('卫生健康委员会')).toBe(3);
    expect(suggested('某某省示范市卫生健康委员会')).toBe(3);
    expect(suggested('市城市管理局')).toBe(8);
    expect(suggested('市场监督管理局')).toBe(7);
    expect(suggested('示范市人民政府办公室')).toBe(2);
    for (const p of ['市卫生健康委', '卫生健康委员会', '市城市管理局']) expect(matchAgency(p, CITY).score).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
  });

  it('abbreviations keep the characters of the full name in order', () => {
    expect(suggested('市人社局')).toBe(6);
    expect(suggested('示范市发改委')).toBe(9);
    expect(suggested('市卫健委')).toBe(3);
    expect(suggested('市场监管局')).toBe(7);
  });

  it('of two near names only the right one is suggested, the other listed below it', () => {
    const m = matchAgency('市教育局', CITY);
    expect(m.agencyId).toBe(4);
    expect(m.candidates[0].id).toBe(4);
    const other = m.candidates.find((c) => c.id === 5);
    expect(other).toBeDefined();
    expect(other!.score).toBeLessThan(MATCH_THRESHOLD);
    // the government and its office
    expect(suggested('示范市人民政府')).toBe(1);
    expect(suggested('示范市政府办公室')).toBe(2);
  });

  it('the level of the printed name picks the agency at that level; no level leaves the choice to the user', () => {
    expect(suggested('青山县卫生健康局', TWO_LEVELS)).toBe(11);
    expect(suggested('县卫生健康局', TWO_LEVELS)).toBe(11);
    expect(suggested('市卫生健康局', TWO_LEVELS)).toBe(2);
    // both agencies are "卫生健康局": ambiguous, both candidates listed
    const m = matchAgency('卫生健康局', TWO_LEVELS);
    expect(m.agencyId).toBeNull();
    expect(m.candidates.map((c) => c.id).sort((a, b) => a - b)).toEqual([2, 11]);
  });

  it('another place, nothing alike, or nothing printed: no suggestion', () => {
    const elsewhere = matchAgency('福清市卫生健康局', TWO_LEVELS);
    expect(elsewhere.agencyId).toBeNull();
    expect(elsewhere.best?.id).toBe(2);
    expect(matchAgency('某某集团有限公司', CITY).agencyId).toBeNull();
    expect(matchAgency('', CITY)).toEqual({ agencyId: null, score: 0, best: null, candidates: [] });
    expect(matchAgency(null, CITY).agencyId).toBeNull();
    expect(matchAgency('示范市教育局', []).agencyId).toBeNull();
    // the first words of another agency's name are not an abbreviation of it (another kind of agency: 局, 支队)
    expect(matchAgency('示范市公安局', [...CITY, { id: 20, name: '示范市公安局交通警察支队' }]).agencyId).toBeNull();
  });

  it('a bracketed second name does not get in the way', () => {
    expect(matchAgency('示范市卫生健康委员会（示范市中医药管理局）', CITY)).toMatchObject({ agencyId: 3, score: 100 });
    expect(normalName('示范市（一）')).toBe('示范市(一)');
  });
});
