/**
 * 主动公开 (条例 Art. 20, 26): the year's figures (公开率, 及时率, items per category), the agency's items with
 * filters, a drawer to register or change an item, bulk import from .xlsx or .csv (the template to download;
 * all rows or none, the wrong rows named), and the steps the user may take on each item (保密审查 → 审核批准 →
 * 发布; 废止 of a 规章 or 规范性文件; 撤回), with who reviewed and approved it and when.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { useFilterParams } from '../../lib/searchParams';
import { errorText } from '../../lib/api';
import { client, type Options } from '../../lib/client';
import { useCan } from '../../lib/rights';
import { labelOf, optionsOf } from '../../lib/meta';
import { AgencyPicker, useAgencyScope } from '../../components/AgencyPicker';
import { DisclosureForm } from '../../components/registry/DisclosureForm';
import { StepModal } from '../../components/registry/StepModal';
import { RegistryStatsCard } from '../../components/registry/RegistryStatsCard';
import { channelText } from '../../components/registry/ChannelsInput';
import { ImportButtons, ImportResult, type ImportOutcome } from '../../components/registry/ImportResult';
import { filterCategory, useRegistryMeta, yearFilterOptions, type Disclosure, type DisclosureList, type RegistryStats } from '../../components/registry/types';
import '../../components/registry/registry.css';

const PAGE_SIZE = 20;

/** the list's status filter (the page's address may say anything: the server refuses what is not one) */
type StatusFilter = NonNullable<NonNullable<Options<'GET', '/api/agencies/:agencyId/disclosures'>['query']>['status']>;

const STATUS_COLORS: Record<string, string> = { draft: 'gold', approved: 'processing', published: 'success', withdrawn: 'default' };

function TimelinessTag({ item }: { item: Disclosure }) {
  const t = item.timeliness;
  if (item.status === 'withdrawn') return <Typography.Text type="secondary">—</Typography.Text>;
  const by = t.by ? `应于 ${t.by} 前公开` : '期限暂时无法计算（节假日安排未录入）';
  if (t.onTime === true) return <Tooltip title={by}><Tag color="green">按时公开</Tag></Tooltip>;
  if (t.onTime === false) return <Tooltip title={by}><Tag color="red">逾期公开</Tag></Tooltip>;
  if (t.overdue) return <Tooltip title={by}><Tag color="red">已超期未公开</Tag></Tooltip>;
  return t.by ? <Typography.Text type="secondary" className="small-text">期限 {t.by}</Typography.Text> : <Tag>期限未知</Tag>;
}

export default function Registry() {
  const meta = useRegistryMeta();
  const can = useCan();
  const scope = useAgencyScope();
  const [params, set] = useFilterParams();
  const category = Number(params.get('category')) || undefined;
  const status = params.get('status') ?? 'all';
  const year = Number(params.get('year')) || undefined;
  const q = params.get('q') ?? '';
  const page = Number(params.get('page')) || 1;
  const statsYear = year ?? new Date().getFullYear();

  const [search, setSearch] = useState(q);
  const [list, setList] = useState<DisclosureList | null>(null);
  const [stats, setStats] = useState<RegistryStats | null>(null);
  const [docs, setDocs] = useState<Map<string, Disclosure>>(new Map());
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [editing, setEditing] = useState<Disclosure | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [stepOf, setStepOf] = useState<{ item: Disclosure; step: string } | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const canEdit = can('disclosure.write', scope.agencyId);

  useEffect(() => setSearch(q), [q]);

  useEffect(() => {
    let live = true;
    setLoading(true);
    client
      .get('/api/agencies/:agencyId/disclosures', { params: { agencyId: scope.agencyId }, query: { category, status: status as StatusFilter, year, q, page, pageSize: PAGE_SIZE } })
      .then((r) => {
        if (!live) return;
        setList(r);
        setError(null);
      })
      .catch((e: unknown) => live && setError(errorText(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [scope.agencyId, category, status, year, q, page, reload]);

  useEffect(() => {
    let live = true;
    client
      .get('/api/agencies/:agencyId/registry-stats', { params: { agencyId: scope.agencyId }, query: { year: statsYear } })
      .then((s) => live && setStats(s))
      .catch(() => live && setStats(null));
    return () => {
      live = false;
    };
  }, [scope.agencyId, statsYear, reload]);

  // the documents 政策解读 point to, to name them in the list
  useEffect(() => {
    client
      .get('/api/agencies/:agencyId/disclosures', { params: { agencyId: scope.agencyId }, query: { category: 1, pageSize: 200 } })
      .then((r) => setDocs(new Map(r.items.map((d) => [d.id, d]))))
      .catch(() => setDocs(new Map()));
  }, [scope.agencyId, reload]);

  const stepLabels = useMemo(() => Object.fromEntries(meta.disclosureSteps.map((s) => [s.key, s.label])), [meta.disclosureSteps]);

  const columns: TableColumnsType<Disclosure> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (t: string, r) => {
        const doc = r.interpretationOf ? docs.get(r.interpretationOf) : undefined;
        return (
          <div>
            <div className="item-title">{r.url ? <a href={r.url} target="_blank" rel="noreferrer">{t}</a> : t}</div>
            {r.interpretationOf && (
              <Typography.Text type="secondary" className="small-text">
                <Tag color="purple" className="inline-tag">政策解读</Tag>
                {doc ? `解读：${doc.title}` : '解读其他文件'}
              </Typography.Text>
            )}
          </div>
        );
      },
    },
    {
      title: '类别',
      dataIndex: 'category',
      width: 76,
      render: (c: number, r) => {
        const text = meta.categoryTexts.find((x) => x.no === c);
        return (
          <Tooltip title={r.categoryLabel}>
            <Tag className="category-tag">{text ? `（${text.numeral}）` : c}</Tag>
          </Tooltip>
        );
      },
    },
    { title: '文号', dataIndex: 'documentNumber', width: 110, render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text> },
    { title: '形成/变更日期', dataIndex: 'formedOn', width: 96 },
    {
      title: '公开日期 · 及时',
      dataIndex: 'publishedOn',
      width: 112,
      render: (v: string | null, r) => (
        <Space orientation="vertical" size={2}>
          {v ?? <Typography.Text type="secondary">未公开</Typography.Text>}
          <TimelinessTag item={r} />
        </Space>
      ),
    },
    {
      title: '公开渠道',
      dataIndex: 'channels',
      width: 120,
      render: (ch: Record<string, string>) => {
        const keys = Object.keys(meta.publicationChannels).filter((k) => k in ch);
        if (keys.length === 0) return <Typography.Text type="secondary">未选择</Typography.Text>;
        return (
          <Tooltip title={channelText(ch, meta.publicationChannels).join('；')}>
            <div className="channel-tags">
              {keys.map((k) => (
                <Tag key={k}>{(meta.publicationChannels[k] ?? k).replace(/（.*）$/, '')}</Tag>
              ))}
            </div>
          </Tooltip>
        );
      },
    },
    {
      title: '状态 · 审查与批准',
      dataIndex: 'status',
      width: 240,
      render: (s: string, r) => (
        <div className="review-cell">
          <Tag color={STATUS_COLORS[s] ?? 'default'}>{labelOf(meta.disclosureStatuses, s)}</Tag>
          {r.docKind && (
            <div>
              <Typography.Text type={r.repealedOn ? 'danger' : r.status === 'published' ? 'success' : undefined}>
                {labelOf(meta.docKinds, r.docKind)}
                {r.repealedOn ? ` · ${r.repealedOn} 废止` : r.status === 'published' ? ' · 现行有效' : r.issuedOn ? ` · ${r.issuedOn} 制发` : ''}
              </Typography.Text>
            </div>
          )}
          <div>
            <span className="review-key">保密审查</span>
            {r.secrecyReviewedOn ? `${r.secrecyReviewerName ?? '—'} ${r.secrecyReviewedOn}` : <Typography.Text type="secondary">未审查</Typography.Text>}
          </div>
          <div>
            <span className="review-key">审核批准</span>
            {r.approvedOn ? `${r.approverName ?? '—'} ${r.approvedOn}` : <Typography.Text type="secondary">未批准</Typography.Text>}
          </div>
        </div>
      ),
    },
  ];
  if (scope.own) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_: unknown, r) => {
        const editable = canEdit && r.status === 'draft';
        if (!editable && r.allowedSteps.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <Space size={[4, 4]} wrap>
            {editable && (
              <Button
                size="small"
                onClick={() => {
                  setEditing(r);
                  setFormOpen(true);
                }}
                data-testid="registry-edit"
              >
                修改
              </Button>
            )}
            {r.allowedSteps.map((s) => (
              <Button
                key={s}
                size="small"
                type={s === 'withdraw' || s === 'repeal' ? 'default' : 'primary'}
                danger={s === 'withdraw' || s === 'repeal'}
                ghost={s !== 'withdraw' && s !== 'repeal'}
                onClick={() => setStepOf({ item: r, step: s })}
                data-testid={`registry-step-${s}`}
              >
                {stepLabels[s] ?? s}
              </Button>
            ))}
          </Space>
        );
      },
    });
  }

  const statusOptions = [{ value: 'all', label: '全部状态' }, ...optionsOf(meta.disclosureStatuses)];
  const stepHint = meta.disclosureSteps.map((s) => s.label).slice(0, 3).join(' → ');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div className="page-head">
        <Typography.Title level={3} style={{ margin: 0 }}>
          主动公开 · {scope.agencyName}
        </Typography.Title>
        <Space wrap>
          <AgencyPicker scope={scope} />
          {canEdit && (
            <ImportButtons
              templateUrl={client.url('/api/import-templates/:kind', { params: { kind: 'disclosures' } })}
              importTo={(form) => client.post('/api/agencies/:agencyId/disclosures/import', { params: { agencyId: scope.agencyId }, body: form })}
              onOutcome={setOutcome}
              onImported={() => setReload((n) => n + 1)}
              testId="registry"
            />
          )}
          {canEdit && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                setEditing(null);
                setFormOpen(true);
              }}
              data-testid="registry-new"
            >
              登记公开事项
            </Button>
          )}
        </Space>
      </div>

      {outcome && <ImportResult columns={[]} outcome={outcome} onClose={() => setOutcome(null)} testId="registry" />}

      <RegistryStatsCard year={statsYear} stats={stats} onPickCategory={(no) => set({ category: no })} />

      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            style={{ width: 300 }}
            allowClear
            placeholder="全部类别"
            value={category}
            onChange={(v) => set({ category: v })}
            options={meta.categories.map((c) => ({ value: c.no, label: c.label }))}
            showSearch={{ filterOption: filterCategory }}
            popupMatchSelectWidth={520}
            optionRender={(o) => <span className="wrap-option">{o.label}</span>}
            data-testid="registry-category-filter"
          />
          <Select style={{ width: 140 }} value={status} options={statusOptions} onChange={(v) => set({ status: v === 'all' ? null : v })} data-testid="registry-status-filter" />
          <Select
            style={{ width: 130 }}
            value={year ?? 0}
            onChange={(v) => set({ year: v || null })}
            options={yearFilterOptions()}
            data-testid="registry-year-filter"
          />
          <Input.Search
            allowClear
            style={{ width: 260 }}
            placeholder="标题或文号"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => set({ q: v.trim() || null })}
            data-testid="registry-search"
          />
          <Button icon={<ReloadOutlined />} onClick={() => setReload((n) => n + 1)}>
            刷新
          </Button>
        </Space>
        <Typography.Paragraph type="secondary" className="small-text" style={{ marginBottom: 12 }}>
          公开前须依次完成 {stepHint}；年度按形成或变更日期筛选。
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table<Disclosure>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={list?.items ?? []}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list?.total ?? 0,
            showSizeChanger: false,
            showTotal: (n) => `共 ${n} 条`,
            onChange: (p) => set({ page: p > 1 ? p : null }),
          }}
          rowClassName={(r) => (r.timeliness.overdue && !r.publishedOn && r.status !== 'withdrawn' ? 'row-overdue' : r.status === 'withdrawn' ? 'row-withdrawn' : '')}
          onRow={(r) => ({ 'data-testid': `registry-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: q || category || year || status !== 'all' ? '没有符合条件的公开事项' : '尚未登记主动公开事项' }}
          scroll={{ x: 1060 }}
        />
      </Card>

      <DisclosureForm open={formOpen} editing={editing} agencyId={scope.agencyId} onClose={() => setFormOpen(false)} onSaved={() => setReload((n) => n + 1)} />
      <StepModal item={stepOf?.item ?? null} step={stepOf?.step ?? null} agencyId={scope.agencyId} onClose={() => setStepOf(null)} onDone={() => setReload((n) => n + 1)} />
    </Space>
  );
}
