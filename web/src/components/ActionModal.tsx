/**
 * One step on a case, in a modal: the fields follow ACTION_SCHEMAS (src/services/applications). Posted to
 * …/actions/:action?version=… ; field messages go next to their fields; a 409 (someone else changed the case,
 * or the step is no longer allowed) is shown and the case reloaded.
 *
 * A step that issues a written notice (补正告知书, 延期答复告知书, 征求意见函, 收费通知书, 答复书, …:
 * STEP_NOTICES in src/core/applications/notices.ts) has a second stage: 预览通知书 posts the same payload to
 * …/preview/:action and shows the draft in an editable text box; the step is then taken with the text as
 * edited (`noticeText`), which is what is numbered, rendered and frozen.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { ApiError } from '../lib/api';
import { client, previewStep, takeStep } from '../lib/client';
import { useFormSubmit } from '../lib/formErrors';
import { labelOf, optionsOf, useMeta } from '../lib/meta';
import { isoOf } from '../lib/dates';
import { CONSULT_RESULTS, CONSULT_WITH, FEE_STANDARDS } from '../../../src/core/applications/labels';
import { DEFAULT_CORRECTION_PERIOD } from '../../../src/core/applications/procedure';
import { DATED_ACTIONS, type Action } from '../../../src/core/applications/workflow';
import { NOTICE_KINDS, noticeKindOfStep } from '../../../src/core/applications/notices';
import { MAX_EXTENSION_WORKDAYS as MAX_EXTENSION } from '../../../src/core/clock/deadline';
import type { ActionBody } from '../../../src/http/schemas';
import type { CaseDetail, Colleague, NoticePreview } from '../lib/types';
import { FormModal } from './FormModal';


const DATE_LABELS: Record<string, string> = {
  requestCorrection: '告知补正日期',
  receiveCorrection: '收到补正日期',
  startConsultation: '发出征求意见日期',
  endConsultation: '收到意见日期',
  issueFeeNotice: '发出收费通知日期',
  requestExtension: '申请延期日期',
  approveExtension: '批准延期日期',
  recordFeeDelivery: '登记日期',
  recordPayment: '缴费日期',
  requestReasons: '要求说明理由日期',
  deferReply: '告知延迟答复日期',
  reply: '答复日期',
  close: '办结日期',
};

function lastRequestedDays(c: CaseDetail): number | undefined {
  const e = [...c.timeline].reverse().find((x) => x.kind === 'requestExtension');
  return e ? Number(e.data.days) : undefined;
}

/**
 * The extension's days, checked as the service checks them (ACTION_SCHEMAS of src/services/applications):
 * at least 1, at most the 条例's 20 (and, for the approval, at most the days requested). A value out of range
 * is refused with the rule, not changed.
 */
function extensionDaysRules(max: number, requested?: number) {
  return [
    {
      validator: (_: unknown, v: number | null | undefined) => {
        if (v === null || v === undefined) return Promise.resolve();
        if (v < 1) return Promise.reject(new Error('延长期限至少 1 个工作日'));
        if (v > max) return Promise.reject(new Error(`延长的期限最长不得超过 ${max} 个工作日（条例第三十三条第二款）`));
        if (requested !== undefined && v > requested) return Promise.reject(new Error(`批准的延期不能多于申请的 ${requested} 个工作日`));
        return Promise.resolve();
      },
    },
  ];
}

function AssignFields({ current }: { current: string | null }) {
  const meta = useMeta();
  const [people, setPeople] = useState<Colleague[]>([]);
  const form = Form.useFormInstance();
  useEffect(() => {
    client
      .get('/api/colleagues')
      .then((list) => {
        setPeople(list);
        if (current && list.some((p) => p.id === current)) form.setFieldValue('assigneeId', current);
      })
      .catch(() => setPeople([]));
  }, [current, form]);
  return (
    <Form.Item name="assigneeId" label="承办人" rules={[{ required: true, message: '请选择承办人' }]}>
      <Select
        placeholder="请选择本机关的工作人员"
        options={people.map((p) => ({ value: p.id, label: `${p.displayName}（${p.roles.map((r) => labelOf(meta.roles, r)).join('、')}）` }))}
      />
    </Form.Item>
  );
}

function ReplyFields({ allowed }: { allowed: string[] }) {
  const meta = useMeta();
  const decision = Form.useWatch('decision') as string | undefined;
  const chosen = meta.decisions.find((d) => d.key === decision);
  const options = meta.decisions
    .filter((d) => allowed.includes(d.key))
    .map((d) => ({
      value: d.key,
      label: d.label,
      basis: d.basis,
    }));
  return (
    <>
      <Form.Item name="decision" label="处理结果" rules={[{ required: true, message: '请选择处理结果' }]}>
        <Select
          placeholder="请选择答复的处理结果"
          options={options}
          showSearch={{ optionFilterProp: 'label' }}
          optionRender={(o) => (
            <div className="decision-option">
              <div>{o.data.label}</div>
              <Typography.Text type="secondary" className="decision-basis">
                {o.data.basis}
              </Typography.Text>
            </div>
          )}
        />
      </Form.Item>
      {chosen && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`法律依据：${chosen.basis}`} data-testid="decision-basis" />}
      {decision === 'thirdPartyRights' && (
        <Form.Item name="noConsultationReason" label="未征求第三方意见的理由" extra="以涉及第三方合法权益为由不予公开，应当先征求第三方意见（条例第三十二条）；未征求的须说明理由" rules={[{ max: 2000, message: '不能超过 2000 字' }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      )}
      <Form.Item name="reason" label="理由或说明" extra="写入答复书；不予公开、部分公开等情形请说明理由" rules={[{ max: 4000, message: '不能超过 4000 字' }]}>
        <Input.TextArea rows={4} showCount maxLength={4000} />
      </Form.Item>
    </>
  );
}

function FeeFields() {
  const standard = Form.useWatch('standard') as string | undefined;
  return (
    <>
      <Form.Item name="deliveredOn" label="申请人收到收费通知的日期（选填）" extra="缴费期限自申请人收到收费通知的次日起算 20 个工作日；网上、电子邮件送达的为发出当日，邮寄的为签收之日，可在签收后再登记">
        <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="standard" label="收费标准" rules={[{ required: true, message: '请选择按件或按量计收' }]}>
        <Radio.Group options={optionsOf(FEE_STANDARDS)} />
      </Form.Item>
      {standard === 'count' && (
        <Typography.Paragraph type="secondary">
          按件计收：同一申请人一个自然月内累计申请 10 件以下（含 10 件）的不收费；11—30 件（含 30 件）的部分每件 100 元；31 件以上的部分以 10 件为一档，每增加一档，收费标准提高 100 元/件。系统按本申请收到月份内该申请人的件数计算。
        </Typography.Paragraph>
      )}
      {standard === 'pages' && (
        <>
          <Typography.Paragraph type="secondary">
            按量计收：30 页以下（含 30 页）的不收费；31—100 页（含 100 页）的部分每页 10 元；101—200 页（含 200 页）的部分每页 20 元；201 页以上的部分每页 40 元。
          </Typography.Paragraph>
          <Form.Item name="pages" label="页数" rules={[{ required: true, message: '请填写页数' }]}>
            <InputNumber min={1} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </>
      )}
    </>
  );
}

function ActionFields({ action, detail }: { action: string; detail: CaseDetail }) {
  const note = (
    <Form.Item name="note" label="备注" rules={[{ max: 2000, message: '不能超过 2000 字' }]}>
      <Input.TextArea rows={3} maxLength={2000} />
    </Form.Item>
  );
  switch (action) {
    case 'assign':
      return <AssignFields current={detail.assigneeId} />;
    case 'requestCorrection':
      return (
        <>
          <Form.Item name="items" label="需要补正的事项" extra="应当一次性告知申请人需要补正的事项（条例第三十条）" rules={[{ required: true, whitespace: true, message: '请写明需要补正的事项' }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
          <Form.Item name="periodDays" label="补正期限（工作日）" extra={`合理的补正期限，默认 ${DEFAULT_CORRECTION_PERIOD} 个工作日`} rules={[{ required: true, message: '请填写补正期限' }]}>
            <InputNumber min={1} max={60} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </>
      );
    case 'receiveCorrection':
    case 'recordPayment':
    case 'rejectExtension':
      return note;
    case 'startConsultation':
      return (
        <>
          <Form.Item name="with" label="征求意见的对象" rules={[{ required: true, message: '请选择征求意见的对象' }]}>
            <Radio.Group options={optionsOf(CONSULT_WITH)} />
          </Form.Item>
          <Form.Item name="party" label="第三方或机关名称" rules={[{ required: true, whitespace: true, message: '请填写征求意见的对象' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Typography.Paragraph type="secondary">征求意见所需时间不计算在答复期限内；第三方、其他机关应当自收到征求意见书之日起 15 个工作日内提出意见。</Typography.Paragraph>
          {note}
        </>
      );
    case 'endConsultation':
      return (
        <>
          <Form.Item name="result" label="意见结果" rules={[{ required: true, message: '请选择意见结果' }]}>
            <Radio.Group options={optionsOf(CONSULT_RESULTS)} />
          </Form.Item>
          {note}
        </>
      );
    case 'requestExtension':
      return (
        <>
          {/* no max on the input: 25 stays 25 and is refused with the limit, never silently made 20 */}
          <Form.Item
            name="days"
            label="延长期限（工作日）"
            extra={`延长的期限最长不得超过 ${MAX_EXTENSION} 个工作日（条例第三十三条第二款），须经政府信息公开工作机构负责人同意`}
            rules={[{ required: true, message: '请填写延长的工作日数' }, ...extensionDaysRules(MAX_EXTENSION)]}
          >
            <InputNumber precision={0} style={{ width: 160 }} data-testid="extension-days" />
          </Form.Item>
          <Form.Item name="reason" label="延期理由" rules={[{ required: true, whitespace: true, message: '请说明延期理由' }]}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        </>
      );
    case 'approveExtension': {
      const requested = lastRequestedDays(detail);
      return (
        <>
          <Form.Item
            name="days"
            label="批准延长（工作日）"
            extra={requested ? `申请延长 ${requested} 个工作日，可批准较少的天数` : undefined}
            rules={extensionDaysRules(MAX_EXTENSION, requested)}
          >
            <InputNumber precision={0} style={{ width: 160 }} data-testid="extension-days" />
          </Form.Item>
          {note}
        </>
      );
    }
    case 'issueFeeNotice':
      return <FeeFields />;
    case 'recordFeeDelivery':
      return (
        <Form.Item name="deliveredOn" label="申请人收到收费通知的日期" extra="邮寄的为签收之日；缴费期限自次日起算 20 个工作日" rules={[{ required: true, message: '请选择收到日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      );
    case 'requestReasons':
      return (
        <>
          <Form.Item name="items" label="申请的数量、频次情况及需要说明的事项" extra="申请公开政府信息的数量、频次明显超过合理范围的，可以要求申请人说明理由（条例第三十五条）" rules={[{ required: true, whitespace: true, message: '请写明需要说明的事项' }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
          <Form.Item name="periodDays" label="说明理由的期限（工作日）" rules={[{ required: true, message: '请填写期限' }]}>
            <InputNumber min={1} max={60} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </>
      );
    case 'deferReply':
      return (
        <>
          <Form.Item name="until" label="延迟答复的期限" extra="申请理由合理，但无法在条例第三十三条规定的期限内答复的，确定延迟答复的合理期限并告知申请人（条例第三十五条）" rules={[{ required: true, message: '请选择延迟答复的期限' }]}>
            <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="reason" label="延迟答复的理由" rules={[{ required: true, whitespace: true, message: '请说明延迟答复的理由' }]}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        </>
      );
    case 'reply':
      return <ReplyFields allowed={detail.allowedDecisions} />;
    default:
      return null;
  }
}

function initialValues(action: string, detail: CaseDetail): Record<string, unknown> {
  const v: Record<string, unknown> = {};
  if (DATED_ACTIONS.has(action as Action)) v.on = dayjs();
  if (action === 'requestCorrection') v.periodDays = DEFAULT_CORRECTION_PERIOD;
  if (action === 'requestReasons') v.periodDays = 10;
  if (action === 'approveExtension') v.days = lastRequestedDays(detail);
  if (action === 'requestExtension') v.days = MAX_EXTENSION;
  if (action === 'issueFeeNotice') v.standard = 'pages';
  if (action === 'startConsultation') v.with = 'thirdParty';
  return v;
}

/** The notice as drafted, for the officer to read and edit before it is issued. */
function NoticeStage({ preview, onBack }: { preview: NoticePreview; onBack: () => void }) {
  const def = NOTICE_KINDS[preview.kind as keyof typeof NOTICE_KINDS];
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={`${preview.title}（依据：${def?.article ?? ''}）`}
        description={
          '发出时生成 Word 文件并编入本机关文号（{{文号}} 处），发出后内容不能再修改' +
          (def && !def.public ? '；征求意见函发给第三方或其他机关，不在申请人的查询页面显示。' : '；申请人可在查询页面下载。')
        }
        data-testid="notice-title"
      />
      <Form.Item
        name="noticeText"
        label="通知书内容（可修改）"
        rules={[
          { required: true, whitespace: true, message: '通知书内容不能为空' },
          { max: 20000, message: '不能超过 20000 字' },
        ]}
      >
        <Input.TextArea rows={16} className="template-text" data-testid="notice-text" />
      </Form.Item>
      <Button type="link" onClick={onBack} style={{ paddingLeft: 0 }} data-testid="notice-back">
        返回修改办理信息
      </Button>
    </>
  );
}

export function ActionModal({
  action,
  detail,
  agencyId,
  onClose,
  onDone,
}: {
  action: string | null;
  detail: CaseDetail;
  agencyId: number;
  onClose: () => void;
  onDone: () => void;
}) {
  const meta = useMeta();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { error, setError, busy, submit } = useFormSubmit(form);
  const [preview, setPreview] = useState<NoticePreview | null>(null);
  const decision = Form.useWatch('decision', form) as string | undefined;
  const label = action ? labelOf(meta.actions, action) : '';
  const lastOn = detail.timeline.at(-1)?.on ?? detail.receivedOn;
  const noticeKind = action ? noticeKindOfStep(action, { decision }) : null;

  useEffect(() => {
    setError(null);
    setPreview(null);
  }, [action, setError]);

  const onFinish = async (values: Record<string, unknown>) => {
    if (!action) return;
    const body: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined || v === null || v === '') continue;
      body[k] = dayjs.isDayjs(v) ? isoOf(v) : v;
    }
    // first stage of a step that issues a notice: the draft, to read and edit
    if (noticeKind && !preview) {
      delete body.noticeText;
      await submit(async () => {
        try {
          const draft = await previewStep(agencyId, detail.id, action as Action, body as ActionBody<Action>);
          if (draft) {
            setPreview(draft);
            form.setFieldValue('noticeText', draft.text);
            return;
          }
        } catch (e) {
          if (!(e instanceof ApiError && e.status === 409)) throw e;
          message.error(e.message);
          onClose();
          onDone();
          return;
        }
        // the server says the step issues no notice: take it as it is
        await take(body);
      });
      return;
    }
    await submit(() => take(body));
  };

  const take = async (body: Record<string, unknown>) => {
    try {
      await takeStep(agencyId, detail.id, action as Action, body as ActionBody<Action>, detail.version);
      message.success(preview ? `已办理：${label}，已发出${preview.title}` : `已办理：${label}`);
    } catch (e) {
      // a field of the first stage at fault: back to it, where the message shows next to the field
      if (e instanceof ApiError && e.status === 400 && e.fields.some((f) => f.path !== 'noticeText')) setPreview(null);
      // someone else changed the case, or the step is no longer allowed: say so and show the case as it is
      if (!(e instanceof ApiError && e.status === 409)) throw e;
      message.error(e.message);
    }
    onClose();
    onDone();
  };

  return (
    <FormModal
      open={action !== null}
      title={preview ? `${label}：预览通知书` : label}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={action === 'reply' || preview ? 760 : 560}
      form={form}
      busy={busy}
      okText={preview ? '发出通知书并办理' : noticeKind ? '预览通知书' : '确定'}
      okTestId="action-submit"
    >
      {action && (
        <Form name={`action-${action}`} form={form} layout="vertical" onFinish={onFinish} initialValues={initialValues(action, detail)} preserve={false}>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="action-error" />}
          {/* the step's fields stay in the form (hidden) while the notice is previewed: they are sent with it */}
          <div hidden={preview !== null}>
            {DATED_ACTIONS.has(action as Action) && (
              <Form.Item name="on" label={DATE_LABELS[action] ?? '日期'} rules={[{ required: true, message: '请选择日期' }]}>
                <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(lastOn), 'day')} />
              </Form.Item>
            )}
            <ActionFields action={action} detail={detail} />
            {noticeKind && (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                此步骤将发出{NOTICE_KINDS[noticeKind].title}：点击“预览通知书”查看并可修改其内容，再发出。
              </Typography.Paragraph>
            )}
          </div>
          {preview && <NoticeStage preview={preview} onBack={() => setPreview(null)} />}
        </Form>
      )}
    </FormModal>
  );
}
