/**
 * What the signed-in user may do, from the table of rights the server sends (GET /api/meta `rights`, defined
 * once in src/core/rights.ts): pages show and hide their actions with `can(right, agencyId)` instead of
 * repeating role lists. The server checks the same table again on every request.
 */
import { useCallback } from 'react';
import type { RightKey } from '../../../src/core/rights';
import { useAuth } from './auth';
import { useMeta } from './meta';

export type { RightKey };

/**
 * `can(right, agencyId)`: may the user take the action on that agency's records (without an agency: their
 * own)? An agency other than the user's own counts as supervised: the pages offer a supervisor only the
 * agencies below its own (the server refuses any other).
 */
export function useCan(): (right: RightKey, agencyId?: number) => boolean {
  const { user } = useAuth();
  const meta = useMeta();
  return useCallback(
    (key: RightKey, agencyId?: number) => {
      const right = meta.rights[key];
      if (!right) return false;
      if (right.scope === 'public') return true;
      if (!user) return false;
      const hasRole = user.roles.some((r) => right.roles.includes(r as never));
      const own = (agencyId ?? user.agencyId) === user.agencyId;
      switch (right.scope) {
        case 'signedIn':
          return hasRole;
        case 'platform':
          return hasRole && user.agencyParentId === null;
        case 'own':
          return own && hasRole;
        case 'ownOrSupervised':
          return hasRole && (own || (user.roles.includes('supervisor') && right.roles.includes('supervisor')));
      }
    },
    [user, meta],
  );
}
