/**
 * Which agency's records a page shows. Staff see their own agency; a supervisor (政务公开办) may also read
 * every agency below theirs (read-only). The choice is kept in the URL (?agency=ID).
 */
import { useMemo } from 'react';
import { Select, Space, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { usePublicAgencies } from '../lib/agencies';
import { useAuth, useUser } from '../lib/auth';
import type { Agency } from '../lib/types';

function below(all: Agency[], root: number): Agency[] {
  const out: Agency[] = [];
  const walk = (id: number) => {
    for (const a of all.filter((x) => x.parentId === id)) {
      out.push(a);
      walk(a.id);
    }
  };
  walk(root);
  return out;
}

export interface AgencyScope {
  agencyId: number;
  agencyName: string;
  /** the user's own agency (changes allowed) */
  own: boolean;
  /** the agencies the user may read, for the picker (more than one only for a supervisor) */
  choices: Agency[];
  setAgencyId: (id: number) => void;
}

export function useAgencyScope(): AgencyScope {
  const user = useUser();
  const { hasRole } = useAuth();
  const supervisor = hasRole('supervisor');
  const [params, setParams] = useSearchParams();
  // a supervisor chooses among the agencies below theirs
  const { agencies } = usePublicAgencies(supervisor);

  const choices = useMemo(() => {
    const all = agencies ?? [];
    const own = all.find((a) => a.id === user.agencyId) ?? { id: user.agencyId, name: user.agencyName, parentId: null, kind: '', contact: {} };
    return supervisor ? [own, ...below(all, user.agencyId)] : [own];
  }, [agencies, supervisor, user.agencyId, user.agencyName]);

  const asked = Number(params.get('agency'));
  const agencyId = supervisor && asked > 0 ? asked : user.agencyId;
  const agencyName = choices.find((a) => a.id === agencyId)?.name ?? (agencyId === user.agencyId ? user.agencyName : `机关 ${agencyId}`);
  return {
    agencyId,
    agencyName,
    own: agencyId === user.agencyId,
    choices,
    setAgencyId: (id) => {
      const next = new URLSearchParams(params);
      if (id === user.agencyId) next.delete('agency');
      else next.set('agency', String(id));
      setParams(next);
    },
  };
}

/** The agency selector of a supervisor (nothing for other users). */
export function AgencyPicker({ scope }: { scope: AgencyScope }) {
  if (scope.choices.length <= 1) return null;
  return (
    <Space wrap>
      <Typography.Text>查看机关：</Typography.Text>
      <Select
        style={{ minWidth: 220 }}
        value={scope.agencyId}
        onChange={scope.setAgencyId}
        options={scope.choices.map((a) => ({ value: a.id, label: a.name }))}
        data-testid="agency-picker"
      />
      {!scope.own && <Tag color="default">只读</Tag>}
    </Space>
  );
}
