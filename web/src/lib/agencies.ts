/**
 * The agencies of GET /api/public/agencies (every agency, with its contact details), loaded by the page
 * that shows them.
 */
import { useEffect, useState } from 'react';
import { api, errorText } from './api';
import type { Agency } from './types';

/** `agencies` is null until loaded (or when `enabled` is false); `error` is the message of a failed load. */
export function usePublicAgencies(enabled = true): { agencies: Agency[] | null; error: string | null } {
  const [agencies, setAgencies] = useState<Agency[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    api
      .get<Agency[]>('/api/public/agencies')
      .then((list) => live && setAgencies(list))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [enabled]);
  return { agencies, error };
}
