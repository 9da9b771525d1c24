/**
 * Putting the API's field messages (`fields: [{ path, message }]`) next to the fields of an antd form.
 */
import { useState } from 'react';
import type { FormInstance } from 'antd';
import { ApiError, type FieldError } from './api';

type NamePath = (string | number)[];
type MapPath = (path: string) => NamePath | null;

/** "entries.3.date" → ['entries', 3, 'date'] */
export function toNamePath(path: string): NamePath {
  return path.split('.').filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * Show each field message on its field. `mapPath` may rename a path (or return null to leave it to the
 * general message). Returns the messages that found no field of the form.
 */
export function applyFieldErrors(
  form: FormInstance,
  fields: FieldError[],
  mapPath: MapPath = toNamePath,
): FieldError[] {
  const registered = new Set(Object.keys(form.getFieldsValue() ?? {}));
  const shown: { name: NamePath; errors: string[] }[] = [];
  const rest: FieldError[] = [];
  for (const f of fields) {
    const name = mapPath(f.path);
    if (name && name.length > 0 && registered.has(String(name[0]))) {
      const same = shown.find((s) => JSON.stringify(s.name) === JSON.stringify(name));
      if (same) same.errors.push(f.message);
      else shown.push({ name, errors: [f.message] });
    } else {
      rest.push(f);
    }
  }
  if (shown.length > 0) form.setFields(shown);
  if (shown[0]) form.scrollToField(shown[0].name, { block: 'center' });
  return rest;
}

/**
 * For a failed submit: field messages go to their fields; the text to show at the top of the form is
 * returned (the general error, plus any field message that has no field).
 */
export function formErrorText(form: FormInstance, e: unknown, mapPath?: MapPath): string {
  if (!(e instanceof ApiError)) return e instanceof Error ? e.message : '提交失败';
  const rest = applyFieldErrors(form, e.fields, mapPath);
  const extra = rest.map((f) => f.message).filter((m) => m !== e.message && !e.message.endsWith(m));
  return [e.message, ...extra].join('；');
}

/**
 * Sending a form: `submit(work)` runs the work with `busy` set; when it fails, the field messages go to their
 * fields and `error` holds the text to show at the top of the form (see formErrorText). Resolves to whether
 * the work succeeded. `setError` shows another message there (e.g. a failed load of the form's data).
 */
export function useFormSubmit(form: FormInstance) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (work: () => Promise<void>, mapPath?: MapPath): Promise<boolean> => {
    setError(null);
    setBusy(true);
    try {
      await work();
      return true;
    } catch (e) {
      setError(formErrorText(form, e, mapPath));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { error, setError, busy, submit };
}
