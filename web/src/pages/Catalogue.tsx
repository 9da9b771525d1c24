/**
 * 政府信息公开目录 (public): an agency's published items, browsed by the categories of 条例 Art. 20 and by
 * year, searchable by title or 文号, a page at a time. Each item opens its details (or its original page).
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, Menu, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { ExportOutlined, ReadOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { useFilterParams } from '../lib/searchParams';
import { errorText } from '../lib/api';
import { client, type CatalogueAnswer, type CatalogueItem } from '../lib/client';
import { labelOf } from '../lib/meta';
import { chineseDate } from '../lib/dates';
import { usePublicAgencies } from '../lib/agencies';
import { AgencyRoute, AgencySwitch } from '../components/AgencyChooser';
import { channelText } from '../components/registry/ChannelsInput';
import { useRegistryMeta, yearFilterOptions } from '../components/registry/types';
import '../components/registry/registry.css';

const PAGE_SIZE = 20;

function ItemDetails({ item, onClose }: { item: CatalogueItem | null; onClose: () => void }) {
  const meta = useRegistryMeta();
  return (
    <Modal
      open={Boolean(item)}
      title={item?.title}
      onCancel={onClose}
      width={640}
      footer={[
        ...(item?.url
          ? [
              <Button key="open" type="primary" icon={<ExportOutlined />} href={item.url} target="_blank" rel="noreferrer">
                查看原文
              </Button>,
            ]
          : []),
        <Button key="close" onClick={onClose}>
          关闭
        </Button>,
      ]}
    >
      {item && (
        <Descriptions
          column={1}
          size="small"
          bordered
          items={[
            { key: 'cat', label: '公开类别', children: item.categoryLabel },
            { key: 'no', label: '文号', children: item.documentNumber ?? '—' },
            { key: 'on', label: '公开日期', children: chineseDate(item.publishedOn) },
            ...(item.docKind
              ? [
                  {
                    key: 'force',
                    label: '效力状态',
                    children: item.inForce ? (
                      <Tag color="green">{labelOf(meta.docKinds, item.docKind)} · 现行有效</Tag>
                    ) : (
                      <Tag color="red">
                        {labelOf(meta.docKinds, item.docKind)} · {chineseDate(item.repealedOn)}废止
                      </Tag>
                    ),
                  },
                ]
              : []),
            { key: 'ch', label: '公开渠道', children: channelText(item.channels, meta.publicationChannels).join('；') || '—' },
            { key: 'sum', label: '内容概述', children: item.summary ? <span style={{ whiteSpace: 'pre-wrap' }}>{item.summary}</span> : '—' },
          ]}
        />
      )}
    </Modal>
  );
}

function AgencyCatalogue({ agencyId }: { agencyId: number }) {
  const meta = useRegistryMeta();
  const { agencies } = usePublicAgencies();
  const [params, set] = useFilterParams();
  const category = Number(params.get('category')) || undefined;
  const year = Number(params.get('year')) || undefined;
  const q = params.get('q') ?? '';
  const page = Number(params.get('page')) || 1;
  const [search, setSearch] = useState(q);
  const [data, setData] = useState<CatalogueAnswer | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<CatalogueItem | null>(null);
  const agency = agencies?.find((a) => a.id === agencyId);

  useEffect(() => setSearch(q), [q]);

  useEffect(() => {
    let live = true;
    setLoading(true);
    client
      .get('/api/public/agencies/:agencyId/catalogue', { params: { agencyId }, query: { category, year, q, page, pageSize: PAGE_SIZE } })
      .then((d) => {
        if (!live) return;
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => live && setError(errorText(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [agencyId, category, year, q, page]);

  const all = useMemo(() => (data?.categories ?? []).reduce((s, c) => s + c.count, 0), [data]);
  const currentText = meta.categoryTexts.find((c) => c.no === category);
  const numeral = (no: number) => meta.categoryTexts.find((c) => c.no === no)?.numeral ?? String(no);

  const columns: TableColumnsType<CatalogueItem> = [
    { title: '序号', key: 'index', width: 64, align: 'center', render: (_: unknown, __: CatalogueItem, i: number) => (page - 1) * PAGE_SIZE + i + 1 },
    {
      title: '名称',
      dataIndex: 'title',
      render: (t: string, r) => (
        <div>
          <a className="catalogue-title" onClick={() => setOpen(r)} data-testid="catalogue-open">
            {t}
          </a>
          <div className="catalogue-meta">
            {!category && <Tag className="inline-tag">第二十条第（{numeral(r.category)}）项</Tag>}
            {r.docKind && (
              <Tag className="inline-tag" color={r.inForce ? 'green' : 'red'}>
                {labelOf(meta.docKinds, r.docKind)} · {r.inForce ? '现行有效' : '已废止'}
              </Tag>
            )}
            {r.summary && <span>{r.summary.slice(0, 60)}{r.summary.length > 60 ? '…' : ''}</span>}
          </div>
        </div>
      ),
    },
    { title: '文号', dataIndex: 'documentNumber', width: 180, render: (v: string | null) => v ?? '—' },
    { title: '公开日期', dataIndex: 'publishedOn', width: 116 },
  ];

  return (
    <>
      <div className="page-banner">
        <div>
          <Typography.Title level={2}>政府信息公开目录</Typography.Title>
          <Typography.Text type="secondary">{agency?.name ?? ''}主动公开的政府信息，按《中华人民共和国政府信息公开条例》第二十条分类编排</Typography.Text>
        </div>
        <Space wrap>
          <AgencySwitch agencies={agencies} value={agencyId} to={(id) => `/catalogue/${id}`} />
          <Link to={`/guide/${agencyId}`}>
            <Button icon={<ReadOutlined />}>公开指南</Button>
          </Link>
        </Space>
      </div>
      <div className="catalogue-page">
        <Card size="small" title="按类别浏览" className="catalogue-cats">
          <Menu
            mode="inline"
            selectedKeys={[String(category ?? 0)]}
            onClick={(e) => set({ category: e.key === '0' ? null : e.key })}
            items={[
              { key: '0', label: <span className="catalogue-cat"><span>全部</span><span className="catalogue-cat-count">{all}</span></span> },
              ...(data?.categories ?? meta.categories.map((c) => ({ ...c, count: 0 }))).map((c) => ({
                key: String(c.no),
                label: (
                  <span className="catalogue-cat" data-testid={`catalogue-cat-${c.no}`}>
                    <span>{c.label}</span>
                    <span className="catalogue-cat-count">{c.count}</span>
                  </span>
                ),
              })),
            ]}
          />
        </Card>
        <Card size="small">
          <div className="catalogue-head">
            <Typography.Text strong style={{ fontSize: 15 }}>
              {currentText ? `第二十条第（${currentText.numeral}）项　${currentText.text}` : '全部类别'}
            </Typography.Text>
            <Space wrap>
              <Select
                className="catalogue-cat-select"
                style={{ width: 300 }}
                value={category ?? 0}
                onChange={(v) => set({ category: v || null })}
                options={[{ value: 0, label: `全部（${all}）` }, ...(data?.categories ?? []).map((c) => ({ value: c.no, label: `${c.label}（${c.count}）` }))]}
                aria-label="公开类别"
              />
              <Select
                style={{ width: 130 }}
                value={year ?? 0}
                onChange={(v) => set({ year: v || null })}
                options={yearFilterOptions()}
                data-testid="catalogue-year"
              />
              <Input.Search
                allowClear
                style={{ width: 260 }}
                placeholder="按名称或文号检索"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                onSearch={(v) => set({ q: v.trim() || null })}
                enterButton="检索"
                data-testid="catalogue-search"
              />
            </Space>
          </div>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Table<CatalogueItem>
            rowKey="id"
            size="middle"
            loading={loading}
            columns={columns}
            dataSource={data?.items ?? []}
            onRow={() => ({ 'data-testid': 'catalogue-row' }) as React.HTMLAttributes<HTMLElement>}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: data?.total ?? 0,
              showSizeChanger: false,
              hideOnSinglePage: true,
              showTotal: (n) => `共 ${n} 条`,
              onChange: (p) => set({ page: p > 1 ? p : null }),
            }}
            locale={{ emptyText: q || year ? '没有符合条件的政府信息' : '该类别暂无主动公开的政府信息' }}
            scroll={{ x: 640 }}
          />
        </Card>
      </div>
      <ItemDetails item={open} onClose={() => setOpen(null)} />
    </>
  );
}

export default function Catalogue() {
  return (
    <AgencyRoute title="政府信息公开目录" path="/catalogue" hint="请选择机关，查看其主动公开的政府信息。">
      {(id) => <AgencyCatalogue key={id} agencyId={id} />}
    </AgencyRoute>
  );
}
