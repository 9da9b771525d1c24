/**
 * One step on an item of 主动公开, in a modal (DISCLOSURE_STEP_SCHEMAS of src/services/registry.ts): 保密审查 and 审核批准
 * (dated), 发布 (date, channels), 废止 (date), 撤回 (reason). Field messages go next to their fields.
 */
import { useEffect } from 'react';
import { Alert, App, DatePicker, Descriptions, Form, Input, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { client } from '../../lib/client';
import { useFormSubmit } from '../../lib/formErrors';
import { isoOf, notFuture } from '../../lib/dates';
import { FormModal } from '../FormModal';
import { ChannelsInput, channelsFieldPath } from './ChannelsInput';
import { useRegistryMeta, type Disclosure } from './types';

interface Values {
  on?: Dayjs;
  channels?: Record<string, string>;
  reason?: string;
}

const DATE_LABELS: Record<string, string> = {
  secrecyReview: '审查日期',
  approve: '批准日期',
  publish: '公开日期',
  repeal: '废止日期',
};

const NOTES: Record<string, string> = {
  secrecyReview: '确认拟公开的内容已依照条例第十七条的审查机制完成保密审查，不涉及国家秘密等不予公开的内容。',
  approve: '审核批准后即可发布。只有完成保密审查的事项才能批准。',
  publish: '发布后计入公开目录与年度统计；公开日期晚于应公开期限的，计为未及时公开。',
  repeal: '规章、规范性文件废止后仍保留在公开目录中，标注为已废止。',
  withdraw: '撤回后不再计入公开目录和统计，请说明理由。',
};

export function StepModal({
  item,
  step,
  agencyId,
  onClose,
  onDone,
}: {
  item: Disclosure | null;
  step: string | null;
  agencyId: number;
  onClose: () => void;
  onDone: () => void;
}) {
  const meta = useRegistryMeta();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { error, setError, busy, submit } = useFormSubmit(form);
  const on = Form.useWatch('on', form);
  const open = Boolean(item && step);
  const label = meta.disclosureSteps.find((s) => s.key === step)?.label ?? step ?? '';

  useEffect(() => {
    if (!open || !item) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ on: step === 'withdraw' ? undefined : dayjs(), channels: step === 'publish' ? item.channels : undefined });
  }, [open, item, step, form]);

  const onFinish = async (v: Values) => {
    if (!item || !step) return;
    const body: { on?: string; channels?: Record<string, string>; reason?: string } = {};
    if (step in DATE_LABELS) body.on = isoOf(v.on);
    if (step === 'publish') body.channels = v.channels ?? {};
    if (step === 'withdraw') body.reason = v.reason?.trim();
    await submit(
      async () => {
        await client.post('/api/agencies/:agencyId/disclosures/:id/:step', { params: { agencyId, id: item.id, step }, body });
        message.success(`已${label}`);
        onClose();
        onDone();
      },
      channelsFieldPath,
    );
  };

  const by = item?.timeliness.by;
  const late = step === 'publish' && by && on && isoOf(on)! > by;

  return (
    <FormModal
      open={open}
      title={`${label}：${item?.title ?? ''}`}
      onCancel={onClose}
      width={620}
      forceRender
      form={form}
      busy={busy}
      okText={`确认${label}`}
      danger={step === 'withdraw' || step === 'repeal'}
      okTestId="registry-step-submit"
    >
      {step && <Typography.Paragraph type="secondary">{NOTES[step]}</Typography.Paragraph>}
      {item && (
        <Descriptions
          size="small"
          column={2}
          style={{ marginBottom: 12 }}
          items={[
            { key: 'formed', label: '形成或变更日期', children: item.formedOn },
            { key: 'by', label: '应公开期限', children: by ?? '—' },
            ...(item.secrecyReviewedOn
              ? [{ key: 's', label: '保密审查', children: `${item.secrecyReviewerName ?? '—'}　${item.secrecyReviewedOn}` }]
              : []),
            ...(item.approvedOn ? [{ key: 'a', label: '审核批准', children: `${item.approverName ?? '—'}　${item.approvedOn}` }] : []),
          ]}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> name="disclosureStep" form={form} layout="vertical" onFinish={onFinish}>
        {step && step in DATE_LABELS && (
          <Form.Item name="on" label={DATE_LABELS[step]} rules={[{ required: true, message: `请填写${DATE_LABELS[step]}` }]}>
            <DatePicker disabledDate={notFuture} style={{ width: 220 }} data-testid="registry-step-on" />
          </Form.Item>
        )}
        {late && <Alert type="warning" showIcon title={`公开日期晚于应公开期限（${by}），将计为未及时公开`} style={{ marginBottom: 16 }} />}
        {step === 'publish' && (
          <Form.Item name="channels" label="公开渠道" rules={[{ validator: async (_, v) => (v && Object.keys(v).length > 0 ? undefined : Promise.reject(new Error('至少选择一个公开渠道'))) }]}>
            <ChannelsInput />
          </Form.Item>
        )}
        {step === 'withdraw' && (
          <Form.Item name="reason" label="撤回理由" rules={[{ required: true, whitespace: true, min: 2, message: '请说明撤回理由' }]}>
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="registry-step-reason" />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  );
}
