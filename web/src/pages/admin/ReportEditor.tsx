/**
 * The annual report editor (政府信息公开工作年度报告): the six sections in order — 一、五、六 as text drafted from
 * the data for the officer to rewrite, 二、三、四 as the tables computed from the records — with the checks
 * (勾稽关系) shown on the cells and the sentences they concern, re-run on the text as it is typed; the records
 * behind a cell; saving, submission, approval or return, publication; files and versions.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Dropdown, Form, Input, Result, Row, Skeleton, Space, Switch, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import {
  ArrowLeftOutlined,
  CheckOutlined,
  CloudUploadOutlined,
  DownloadOutlined,
  FileExcelOutlined,
  FileWordOutlined,
  GlobalOutlined,
  ReloadOutlined,
  RollbackOutlined,
  SaveOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { errorText } from '../../lib/api';
import { client } from '../../lib/client';
import { chineseDate, dateTime } from '../../lib/dates';
import { useAgencyScope } from '../../components/AgencyPicker';
import { NARRATIVE_KEYS, formatValue, narrativeLines, reportTables, reportTitle, sectionHeading, type LayoutTable, type NarrativeKey } from '../../../../src/core/report/layout';
import { getCell } from '../../../../src/core/report/model';
import { SECTIONS, describeCell } from '../../../../src/core/report/template';
import { findingsByCell, liveFindings, locateNarrative, markId, narrativeLine } from '../../components/report/findings';
import { ReportTable } from '../../components/report/ReportTable';
import { NarrativeSection } from '../../components/report/NarrativeSection';
import { FindingsPanel } from '../../components/report/FindingsPanel';
import { CellDrawer } from '../../components/report/CellDrawer';
import { FormModal } from '../../components/FormModal';
import { CountTags, ReportStatusTag, VersionFiles } from '../../components/report/ReportBits';
import { useReportMeta, type Finding, type Report, type ReportSections, type Workspace } from '../../components/report/types';

const DEBOUNCE_MS = 350;

function flash(el: Element | null) {
  if (!el) return;
  el.scrollIntoView({ behavior: 'smooth', block: 'center' });
  el.classList.remove('flash');
  void (el as HTMLElement).offsetWidth;
  el.classList.add('flash');
  window.setTimeout(() => el.classList.remove('flash'), 1700);
}

/** The figures compared with the year before: key cells, named by the template. */
const KEY_CELLS = [
  'applications.received[6]',
  'applications.carriedOver[6]',
  'applications.total[6]',
  'applications.disclosed[6]',
  'applications.carriedForward[6]',
  'proactive.licensing.decisions',
  'proactive.punishment.decisions',
  'reviewLitigation.reconsideration.total',
  'reviewLitigation.litigationDirect.total',
];

/** A cell's template name, shortened for a narrow column (no 总计列, no article number). */
function shortName(path: string): string {
  return describeCell(path)
    .replace(/，总计列$/, '')
    .replace(/^第二十条第（[一二三四五六七八九十]+）项\s*/, '');
}

function PreviousYear({ ws, show, onShow }: { ws: Workspace; show: boolean; onShow: (v: boolean) => void }) {
  const prev = ws.previousReport;
  const meta = useReportMeta();
  if (!prev || !ws.previous) {
    return (
      <Card size="small" title="与上年对比">
        <Typography.Text type="secondary">系统中没有 {ws.year - 1} 年度的报告，无法对比。可在“年度报告”页导入该年已公布的报告。</Typography.Text>
      </Card>
    );
  }
  const rows = KEY_CELLS.map((path) => ({ path, now: getCell(ws.report, path), before: getCell(prev, path) })).filter((r) => r.now !== undefined && r.before !== undefined);
  return (
    <Card
      size="small"
      title={`与上年（${ws.previous.year} 年）对比`}
      extra={
        <Space size={4}>
          <Switch size="small" checked={show} onChange={onShow} data-testid="report-show-previous" />
          <Typography.Text style={{ fontSize: 12 }}>表中显示上年数</Typography.Text>
        </Space>
      }
      data-testid="report-previous"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        上年数据来自 {ws.previous.year} 年度第 {ws.previous.version} 版（{meta.reportSources?.[ws.previous.source] ?? ws.previous.source}）。
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="path"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '项目', dataIndex: 'path', render: (p: string) => <span style={{ fontSize: 12 }}>{shortName(p)}</span> },
          { title: String(ws.year), dataIndex: 'now', width: 56, align: 'right', render: (v: number | null) => formatValue(v) },
          { title: String(ws.previous.year), dataIndex: 'before', width: 56, align: 'right', render: (v: number | null) => formatValue(v) },
          {
            title: '增减',
            key: 'delta',
            width: 56,
            align: 'right',
            render: (_: unknown, r: { now?: number | null; before?: number | null }) => {
              if (r.now == null || r.before == null) return '—';
              const d = r.now - r.before;
              return <span style={{ color: d > 0 ? '#cf1322' : d < 0 ? '#389e0d' : undefined }}>{d > 0 ? `+${formatValue(d)}` : formatValue(d)}</span>;
            },
          },
        ]}
      />
    </Card>
  );
}

function History({ ws }: { ws: Workspace }) {
  const meta = useReportMeta();
  return (
    <Card size="small" title="版本与办理记录" data-testid="report-versions">
      {ws.versions.length === 0 ? (
        <Typography.Paragraph type="secondary">尚未发布。发布后每次发布冻结为一个版本，公众看到最新版本。</Typography.Paragraph>
      ) : (
        <ul className="report-findings-list" style={{ maxHeight: 'none' }}>
          {[...ws.versions].reverse().map((v) => (
            <li key={v.version} style={{ cursor: 'default' }} data-testid={`report-version-${v.version}`}>
              <Space wrap size={4}>
                <Typography.Text strong>第 {v.version} 版</Typography.Text>
                <Tag color={v.source === 'published' ? 'green' : 'purple'}>{meta.reportSources?.[v.source] ?? v.source}</Tag>
                <Typography.Text type="secondary">{dateTime(v.publishedAt)}</Typography.Text>
              </Space>
              <div>
                <CountTags counts={v.counts} />
              </div>
              <VersionFiles agencyId={ws.agency.id} year={ws.year} version={v} />
            </li>
          ))}
        </ul>
      )}
      {ws.history.length > 0 && (
        <Timeline
          style={{ marginTop: 12 }}
          items={[...ws.history].reverse().slice(0, 12).map((h) => ({
            color: h.action === 'status:draft' ? 'orange' : h.action === 'publish' ? 'green' : h.action === 'status:approved' ? 'blue' : 'gray',
            content: (
              <div style={{ fontSize: 13 }}>
                <div className="report-findings-rule">{dateTime(h.at)}</div>
                <Typography.Text strong>{h.label}</Typography.Text>
                {h.version ? `（第 ${h.version} 版）` : ''} · {h.actorName}
                {h.reason && <div className="audit-step">退回意见：{h.reason}</div>}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}

export default function ReportEditor() {
  const { year: yearParam } = useParams();
  const year = Number(yearParam);
  const scope = useAgencyScope();
  const agencyId = scope.agencyId;
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [ws, setWs] = useState<Workspace | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sections, setSections] = useState<ReportSections>({});
  const [checked, setChecked] = useState<ReportSections>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [cell, setCell] = useState<string | null>(null);
  const [showPrevious, setShowPrevious] = useState(false);
  const [returning, setReturning] = useState(false);
  const [returnForm] = Form.useForm<{ reason: string }>();
  const draftUrl = (kind: 'docx' | 'xlsx' | 'html') => client.url('/api/agencies/:agencyId/reports/:year/draft.:kind', { params: { agencyId, year, kind } });

  const apply = useCallback((w: Workspace) => {
    setWs(w);
    setSections(w.sections);
    setChecked(w.sections);
  }, []);

  const load = useCallback(async () => {
    try {
      apply(await client.get('/api/agencies/:agencyId/reports/:year', { params: { agencyId, year } }));
      setLoadError(null);
    } catch (e) {
      setLoadError(errorText(e));
    }
  }, [apply, agencyId, year]);

  useEffect(() => {
    setWs(null);
    void load();
  }, [load]);

  // re-check the text a moment after the officer stops typing
  useEffect(() => {
    const t = window.setTimeout(() => setChecked(sections), DEBOUNCE_MS);
    return () => window.clearTimeout(t);
  }, [sections]);

  const dirty = Boolean(ws) && NARRATIVE_KEYS.some((k) => (sections[k] ?? '') !== (ws!.sections[k] ?? ''));

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const findings = useMemo(() => (ws ? liveFindings(ws.report, ws.findings, checked) : []), [ws, checked]);
  const located = useMemo(() => locateNarrative(findings, checked), [findings, checked]);
  const tables = useMemo(() => new Map<string, LayoutTable>(ws ? reportTables(ws.report).map((t) => [t.key, t]) : []), [ws]);
  const cellFindings = useMemo(() => findingsByCell(findings, [...tables.values()]), [findings, tables]);
  const lineRefs = useMemo(() => narrativeLines(checked), [checked]);
  const headingOf = (key: string) => sectionHeading(key as (typeof SECTIONS)[number]['key']);
  const sectionOfLine = (line: number) => {
    const ref = lineRefs.find((r) => r.line === line);
    return ref ? `${headingOf(ref.section)} 第 ${ref.paragraph + 1} 段` : null;
  };

  const run = async (name: string, fn: () => Promise<void>) => {
    setBusy(name);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const saveNow = async (): Promise<Workspace> => {
    const body = Object.fromEntries(NARRATIVE_KEYS.map((k) => [k, sections[k] ?? '']));
    const w = await client.put('/api/agencies/:agencyId/reports/:year/sections', { params: { agencyId, year }, query: { version: ws!.saved ? ws!.draftVersion : undefined }, body });
    apply(w);
    return w;
  };

  const save = () =>
    run('save', async () => {
      const w = await saveNow();
      message.success(w.counts.error > 0 ? `已保存。还有 ${w.counts.error} 处错误需要改正` : '已保存');
    });

  const submit = () =>
    run('submit', async () => {
      if (dirty || !ws!.saved) await saveNow();
      apply(await client.post('/api/agencies/:agencyId/reports/:year/submit', { params: { agencyId, year } }));
      message.success('已提交审核');
    });

  const approve = () =>
    run('approve', async () => {
      apply(await client.post('/api/agencies/:agencyId/reports/:year/approve', { params: { agencyId, year } }));
      message.success('已审核通过，可以发布');
    });

  const sendBack = (reason: string) =>
    run('return', async () => {
      apply(await client.post('/api/agencies/:agencyId/reports/:year/return', { params: { agencyId, year }, body: { reason } }));
      setReturning(false);
      returnForm.resetFields();
      message.success('已退回修改');
    });

  const publish = () => {
    const next = (ws!.versions.at(-1)?.version ?? 0) + 1;
    modal.confirm({
      title: `发布${year}年度报告`,
      content: `发布后，报告冻结为第 ${next} 版并在门户网站公开（生成 Word 和 Excel 文件）。之后的修改需重新审核并发布为新版本。`,
      okText: '确认发布',
      cancelText: '取消',
      onOk: () =>
        run('publish', async () => {
          const r = await client.post('/api/agencies/:agencyId/reports/:year/publish', { params: { agencyId, year } });
          message.success(`已发布第 ${r.version} 版`);
          await load();
        }),
    });
  };

  // Ctrl+S saves
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 's') {
        e.preventDefault();
        if (ws?.allowed.save) void saveRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ws?.allowed.save]);

  const pick = (f: Finding) => {
    const line = narrativeLine(f);
    if (line !== null) {
      const l = located.find((x) => x.finding === f);
      if (l) flash(document.getElementById(markId(l.ref.section, l.ref.paragraph, l.sentence)) ?? document.getElementById(markId(l.ref.section, l.ref.paragraph, null)));
      return;
    }
    const el = document.querySelector(`[data-path="${CSS.escape(f.where)}"]`) ?? document.querySelector(`[data-path^="${CSS.escape(f.where)}["]`);
    flash(el);
  };

  if (loadError && !ws) {
    return (
      <Result
        status="warning"
        title={loadError}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/admin/reports')}>
            返回年度报告
          </Button>
        }
      />
    );
  }
  if (!ws) return <Skeleton active paragraph={{ rows: 16 }} />;

  const readOnly = !ws.allowed.save;
  const lastReturn = ws.status === 'draft' ? [...ws.history].reverse().find((h) => h.action === 'status:draft' || h.action === 'status:submitted') : undefined;
  const listLink = `/admin/reports${scope.own ? '' : `?agency=${agencyId}`}`;
  const errors = findings.filter((f) => f.severity === 'error').length;
  // the prompts of the draft still in the text: submission waits for them to be written
  const unwritten = findings.filter((f) => f.rule === 'narrative.placeholder').length;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="report-editor">
      <div className="page-head report-editor-head">
        <Space wrap align="center">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(listLink)} aria-label="返回" />
          <Typography.Title level={3} style={{ margin: 0 }}>
            {reportTitle(ws.report)}
          </Typography.Title>
          <ReportStatusTag status={ws.saved ? ws.status : 'none'} testId="report-status" />
          {dirty && <Tag color="gold">有未保存的修改</Tag>}
        </Space>
        <Space wrap>
          {ws.allowed.save && (
            <Button icon={<SaveOutlined />} onClick={() => void save()} loading={busy === 'save'} disabled={!dirty && ws.saved} data-testid="report-save">
              保存
            </Button>
          )}
          {ws.allowed.submit && (
            <Tooltip title={unwritten > 0 ? `正文还有 ${unwritten} 处未填写的模板内容（如“（请补充：…）”），补写后才能提交` : undefined}>
              <Button
                type={ws.status === 'published' && !dirty ? 'default' : 'primary'}
                icon={<SendOutlined />}
                onClick={() => void submit()}
                loading={busy === 'submit'}
                disabled={unwritten > 0}
                data-testid="report-submit"
              >
                提交审核
              </Button>
            </Tooltip>
          )}
          {ws.allowed.approve && (
            <Tooltip title={errors > 0 ? `还有 ${errors} 处错误，改正后才能审核通过` : undefined}>
              <Button type="primary" icon={<CheckOutlined />} onClick={() => void approve()} loading={busy === 'approve'} disabled={errors > 0} data-testid="report-approve">
                审核通过
              </Button>
            </Tooltip>
          )}
          {ws.allowed.return && (
            <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)} data-testid="report-return">
              退回修改
            </Button>
          )}
          {ws.allowed.publish && (
            <Button type="primary" icon={<CloudUploadOutlined />} onClick={publish} loading={busy === 'publish'} data-testid="report-publish">
              发布
            </Button>
          )}
          <Dropdown
            menu={{
              items: [
                { key: 'docx', icon: <FileWordOutlined />, label: <a href={draftUrl('docx')}>草稿 Word（.docx）</a> },
                { key: 'xlsx', icon: <FileExcelOutlined />, label: <a href={draftUrl('xlsx')}>草稿 Excel（.xlsx）</a> },
                {
                  key: 'html',
                  icon: <GlobalOutlined />,
                  label: (
                    <a href={draftUrl('html')} target="_blank" rel="noreferrer">
                      草稿网页预览
                    </a>
                  ),
                },
              ],
            }}
          >
            <Button icon={<DownloadOutlined />} data-testid="report-downloads">
              下载草稿
            </Button>
          </Dropdown>
          <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label="刷新">
            刷新
          </Button>
        </Space>
      </div>

      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: 'agency', label: '机关', children: ws.agency.name },
          { key: 'period', label: '统计期限', children: `${year}年1月1日至12月31日` },
          { key: 'format', label: '模板', children: ws.format === '2021' ? '2021 年版（国办公开办函〔2021〕30号）' : '2019 年版（国办公开办函〔2019〕60号）' },
          { key: 'due', label: '报送期限', children: `${ws.dueOn}前` },
        ]}
      />

      {!scope.own && <Alert type="info" showIcon title="您正在查看下级机关的年度报告（只读）" />}
      {!ws.yearEnded && (
        <Alert
          type="info"
          showIcon
          data-testid="report-year-open"
          title={`${year}年尚未结束：报告可以编写、保存和预览，${chineseDate(ws.submitFrom)}起方可提交审核和发布`}
          description="年度报告反映全年情况，统计期限为1月1日至12月31日。"
        />
      )}
      {scope.own && readOnly && !ws.allowed.approve && !ws.allowed.return && <Alert type="info" showIcon title="您没有编写年度报告的权限，只能查看。" />}
      {lastReturn?.action === 'status:draft' && (
        <Alert
          type="warning"
          showIcon
          title={`审核人 ${lastReturn.actorName} 于 ${dateTime(lastReturn.at)} 退回修改`}
          description={lastReturn.reason ? `退回意见：${lastReturn.reason}` : '未填写退回意见。'}
          data-testid="report-return-reason"
        />
      )}
      {ws.status === 'submitted' && (
        <Alert
          type="info"
          showIcon
          title="已提交审核，等待审核人审核"
          description={ws.allowed.save ? '此时修改并保存正文，报告将退回草稿状态，需要重新提交审核。' : undefined}
        />
      )}
      {ws.status === 'approved' && <Alert type="success" showIcon title="已审核通过，可以发布" description={ws.allowed.save ? '此时修改并保存正文，报告将退回草稿状态，需要重新审核。' : undefined} />}
      {ws.status === 'published' && (
        <Alert
          type="success"
          showIcon
          title={`本年度报告已发布（第 ${ws.versions.at(-1)?.version ?? 1} 版）`}
          description={ws.allowed.save ? '表格按最新记录重新计算；如需更正，修改后重新提交审核并发布，将生成新版本，已发布的版本保持不变。' : undefined}
        />
      )}
      {!ws.saved && ws.allowed.save && (
        <Alert type="info" showIcon title="以下正文是根据本年度数据生成的初稿，请补充完善后保存。" description="表格（二、三、四部分）根据登记的申请、文件、决定和案件自动统计，点击数字可查看对应的记录。" />
      )}
      {error && <Alert type="error" showIcon title={error} closable={{ onClose: () => setError(null) }} data-testid="report-error" />}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          <div className="stack">
            {SECTIONS.map((s, i) => {
              const n = i + 1;
              const heading = sectionHeading(s.key);
              if ((NARRATIVE_KEYS as readonly string[]).includes(s.key)) {
                const key = s.key as NarrativeKey;
                const changedFromDraft = (sections[key] ?? '') !== (ws.generatedSections[key] ?? '');
                return (
                  <NarrativeSection
                    key={s.key}
                    n={n}
                    sectionKey={key}
                    heading={heading}
                    value={sections[key] ?? ''}
                    proofText={checked[key] ?? ''}
                    onChange={(v) => setSections((cur) => ({ ...cur, [key]: v }))}
                    readOnly={readOnly}
                    located={located.filter((l) => l.ref.section === key)}
                    extra={
                      !readOnly &&
                      changedFromDraft && (
                        <Button
                          size="small"
                          type="link"
                          onClick={() =>
                            modal.confirm({
                              title: '恢复为系统生成的初稿？',
                              content: '本部分已修改的文字将被替换（保存前仍可刷新放弃）。',
                              okText: '恢复',
                              cancelText: '取消',
                              onOk: () => setSections((cur) => ({ ...cur, [key]: ws.generatedSections[key] ?? '' })),
                            })
                          }
                        >
                          恢复初稿
                        </Button>
                      )
                    }
                  />
                );
              }
              const table = tables.get(s.key);
              return (
                <Card key={s.key} size="small" title={heading} className="report-section" data-testid={`report-section-${n}`} id={`report-section-${n}`}>
                  {table && (
                    <ReportTable
                      table={table}
                      findings={cellFindings}
                      previous={showPrevious ? ws.previousReport : null}
                      previousYear={ws.previous?.year}
                      onCellClick={setCell}
                    />
                  )}
                </Card>
              );
            })}
          </div>
        </Col>
        <Col xs={24} xl={7}>
          <div className="stack report-side">
            <FindingsPanel findings={findings} onPick={pick} sectionOfLine={sectionOfLine} />
            <PreviousYear ws={ws} show={showPrevious} onShow={setShowPrevious} />
            <History ws={ws} />
          </div>
        </Col>
      </Row>

      <CellDrawer agencyId={agencyId} year={year} path={cell} report={ws.report as Report} own={scope.own} onClose={() => setCell(null)} />

      <FormModal
        open={returning}
        title="退回修改"
        form={returnForm}
        busy={busy === 'return'}
        danger
        okText="退回"
        okTestId="report-return-confirm"
        onCancel={() => setReturning(false)}
        destroyOnHidden
      >
        <Form form={returnForm} layout="vertical" preserve={false} onFinish={({ reason }: { reason: string }) => void sendBack(reason)}>
          <Form.Item name="reason" label="退回意见" rules={[{ required: true, whitespace: true, message: '请填写退回意见' }, { max: 1000, message: '不能超过 1000 字' }]}>
            <Input.TextArea rows={4} placeholder="请写明需要修改的内容，如：第一部分所述申请数与表三不一致" data-testid="report-return-reason-input" />
          </Form.Item>
        </Form>
      </FormModal>
    </Space>
  );
}
