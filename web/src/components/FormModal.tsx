/**
 * A modal holding a form: 取消 beside the button that submits the form (busy while it is sent), and the
 * error of the last attempt above the form (useFormSubmit).
 */
import type { ReactNode } from 'react';
import { Alert, Button, Modal, type FormInstance, type ModalProps } from 'antd';

export function FormModal({
  form,
  busy,
  error,
  okText = '保存',
  okTestId,
  danger,
  onCancel,
  children,
  ...modal
}: Omit<ModalProps, 'footer' | 'onOk' | 'onCancel'> & {
  form: FormInstance;
  busy: boolean;
  /** shown above the content (leave out to place it elsewhere) */
  error?: string | null;
  okText?: ReactNode;
  okTestId: string;
  danger?: boolean;
  onCancel: () => void;
}) {
  return (
    <Modal
      {...modal}
      onCancel={onCancel}
      footer={[
        <Button key="cancel" onClick={onCancel}>
          取消
        </Button>,
        <Button key="ok" type="primary" danger={danger} loading={busy} onClick={() => form.submit()} data-testid={okTestId}>
          {okText}
        </Button>,
      ]}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {children}
    </Modal>
  );
}
