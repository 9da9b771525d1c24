/**
 * 监督检查 (the supervising office's console, 政务公开办): the reports of every agency below — 收集情况 (which are
 * published, late, or break a rule; uploading the reports of agencies outside Gongkai), 审核 (every finding,
 * confirmed or dismissed), 整改 (the follow-up notices and the corrected reports) and 比较 (charts, ranking, the
 * evaluator's workbook). The tab is kept in the address (?tab=), so a reload stays on it.
 */
import { Suspense, lazy } from 'react';
import { Card, Result, Spin, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useCan } from '../../lib/rights';

const Collection = lazy(() => import('./supervision/Collection'));
const Audit = lazy(() => import('./supervision/Audit'));
const Followup = lazy(() => import('./supervision/Followup'));
const Compare = lazy(() => import('./supervision/Compare'));

const TABS = [
  { key: 'collection', label: '收集情况', Page: Collection },
  { key: 'audit', label: '审核', Page: Audit },
  { key: 'followup', label: '整改', Page: Followup },
  { key: 'compare', label: '比较', Page: Compare },
] as const;

export default function Supervision() {
  const can = useCan();
  const [params, setParams] = useSearchParams();
  if (!can('supervision.read')) return <Result status="403" title="需要监督人员权限" subTitle="监督检查仅供政务公开办的监督人员使用。" />;
  const tab = TABS.some((t) => t.key === params.get('tab')) ? params.get('tab')! : 'collection';
  return (
    <Card title="监督检查">
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          const next = new URLSearchParams(params);
          next.set('tab', k);
          setParams(next, { replace: true });
        }}
        destroyOnHidden
        items={TABS.map(({ key, label, Page }) => ({
          key,
          label: <span data-testid={`supervision-tab-${key}`}>{label}</span>,
          children: (
            <Suspense fallback={<Spin />}>
              <Page />
            </Suspense>
          ),
        }))}
      />
    </Card>
  );
}
