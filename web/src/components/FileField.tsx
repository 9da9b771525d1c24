/**
 * A form field holding files picked in the browser (sent with the form, not uploaded on their own).
 * A file of the wrong type or over 10 MB is refused at once; the server checks every file again.
 */
import { App, Button, Form, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { FormRule as Rule } from 'antd';
import { fileListOf, fileProblem, fileRule, MAX_FILES } from '../lib/uploads';

export function FileField({
  name,
  label,
  extra,
  accept,
  who = 'applicant',
  rules = [],
  dependencies,
}: {
  name: string;
  label: string;
  extra?: string;
  accept: string;
  who?: 'applicant' | 'staff';
  rules?: Rule[];
  dependencies?: string[];
}) {
  const { message } = App.useApp();
  return (
    <Form.Item
      name={name}
      label={label}
      extra={extra}
      valuePropName="fileList"
      getValueFromEvent={fileListOf}
      rules={[fileRule(who), ...rules]}
      dependencies={dependencies}
    >
      <Upload
        accept={accept}
        multiple
        maxCount={MAX_FILES}
        beforeUpload={(file) => {
          const problem = fileProblem(file, who);
          if (problem) {
            message.error(problem);
            return Upload.LIST_IGNORE;
          }
          return false;
        }}
      >
        <Button icon={<UploadOutlined />}>选择文件</Button>
      </Upload>
    </Form.Item>
  );
}
