/**
 * Adding one record (行政决定, 收费, 事项, 采购项目) in a modal, or changing one (`editing`: the whole record
 * is sent, PUT …/records/:kind/:id). The fields are the columns of the import template (GET /api/meta
 * recordKinds, from IMPORT_COLUMNS of src/services/imports.ts), so the form and the spreadsheet ask for the
 * same things.
 */
import { useEffect } from 'react';
import { App, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { client, type RecordBody } from '../../lib/client';
import { useFormSubmit } from '../../lib/formErrors';
import { optionsOf } from '../../lib/meta';
import { dayOf, isoOf, notFuture } from '../../lib/dates';
import { FormModal } from '../FormModal';
import type { ImportColumn, RecordKindMeta, RecordRow } from './types';

function Field({ column }: { column: ImportColumn }) {
  const rules = column.required ? [{ required: true, message: `请填写${column.header.replace(/（.*）$/, '')}` }] : [];
  switch (column.kind) {
    case 'date':
      return (
        <Form.Item name={column.key} label={column.header} rules={rules}>
          <DatePicker style={{ width: '100%' }} disabledDate={column.required ? notFuture : undefined} />
        </Form.Item>
      );
    case 'money':
      return (
        <Form.Item name={column.key} label={column.header} rules={rules}>
          <InputNumber style={{ width: '100%' }} min={0} precision={2} placeholder={column.example} />
        </Form.Item>
      );
    case 'enum':
      return (
        <Form.Item name={column.key} label={column.header} rules={rules.map((r) => ({ ...r, message: `请选择${column.header}` }))}>
          <Select options={optionsOf(column.options ?? {})} placeholder="请选择" />
        </Form.Item>
      );
    default:
      return (
        <Form.Item name={column.key} label={column.header} rules={column.required ? [{ ...rules[0], whitespace: true }] : []}>
          {column.key === 'summary' ? <Input.TextArea rows={3} maxLength={2000} showCount /> : <Input maxLength={300} placeholder={column.example ? `例如：${column.example}` : undefined} />}
        </Form.Item>
      );
  }
}

export function RecordForm({
  open,
  kind,
  agencyId,
  editing = null,
  onClose,
  onSaved,
}: {
  open: boolean;
  kind: RecordKindMeta;
  agencyId: number;
  /** the record to change (null: a new one) */
  editing?: RecordRow | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, unknown>>();
  const { error, setError, busy, submit } = useFormSubmit(form);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (editing) {
      form.setFieldsValue(
        Object.fromEntries(
          kind.columns.map((c) => {
            const v = editing[c.key];
            if (v === null || v === undefined) return [c.key, undefined];
            return [c.key, c.kind === 'date' ? dayOf(String(v)) : c.kind === 'money' ? Number(v) : v];
          }),
        ),
      );
    }
  }, [open, form, editing, kind]);

  const onFinish = async (v: Record<string, unknown>) => {
    const body: Record<string, unknown> = {};
    for (const c of kind.columns) {
      const x = v[c.key];
      if (x === undefined || x === null || x === '') body[c.key] = c.required ? undefined : null;
      else if (c.kind === 'date') body[c.key] = isoOf(x as Dayjs);
      else if (typeof x === 'string') body[c.key] = x.trim() || (c.required ? undefined : null);
      else body[c.key] = x;
    }
    // the fields of the kind, from its columns: the server checks them with the kind's schema
    const record = body as RecordBody;
    await submit(async () => {
      if (editing) {
        await client.put('/api/agencies/:agencyId/records/:kind/:id', { params: { agencyId, kind: kind.key, id: editing.id }, body: record });
        message.success('已修改');
      } else {
        await client.post('/api/agencies/:agencyId/records/:kind', { params: { agencyId, kind: kind.key }, body: record });
        message.success('已登记');
      }
      onClose();
      onSaved();
    });
  };

  return (
    <FormModal open={open} title={`${editing ? '修改' : '登记'}：${kind.label}`} onCancel={onClose} width={560} forceRender form={form} busy={busy} error={error} okTestId="records-submit">
      <Form name={`record-${kind.key}`} form={form} layout="vertical" onFinish={onFinish}>
        {kind.columns.map((c) => (
          <Field key={c.key} column={c} />
        ))}
      </Form>
    </FormModal>
  );
}
