/**
 * Filters kept in the address bar (so a filtered list can be bookmarked and shared): the URL search params
 * with a setter that merges changes, drops empty values, and goes back to page 1 unless the page is changed.
 */
import { useSearchParams } from 'react-router-dom';

export type ParamChanges = Record<string, string | number | null | undefined>;

export function useFilterParams(): [URLSearchParams, (changes: ParamChanges) => void] {
  const [params, setParams] = useSearchParams();
  const set = (changes: ParamChanges) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };
  return [params, set];
}
