/**
 * Settings (administrators): accounts, the notice templates, the agency's details, the holiday calendar.
 */
import { Card, Result, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useCan } from '../../lib/rights';
import { AccountsTab } from '../../components/settings/AccountsTab';
import { LetterTemplateTab } from '../../components/settings/LetterTemplateTab';
import { AgencyTab } from '../../components/settings/AgencyTab';
import { CalendarTab } from '../../components/settings/CalendarTab';

export default function Settings() {
  const can = useCan();
  const [params, setParams] = useSearchParams();
  if (!can('agency.write')) return <Result status="403" title="需要管理员权限" subTitle="设置仅供本机关的管理员使用。" />;
  const tab = params.get('tab') ?? 'accounts';
  return (
    <Card title="设置">
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'accounts', label: '账号', children: <AccountsTab /> },
          { key: 'template', label: '通知书模板', children: <LetterTemplateTab /> },
          { key: 'agency', label: '机关信息', children: <AgencyTab /> },
          { key: 'calendar', label: '节假日安排', children: <CalendarTab /> },
        ]}
      />
    </Card>
  );
}
