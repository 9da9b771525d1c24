/**
 * The files of a case (staff download route), the notices issued highlighted, and an upload for staff.
 */
import { useState } from 'react';
import { App, Button, Card, Collapse, Empty, Select, Space, Tag, Typography, Upload } from 'antd';
import { FileTextOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { errorText } from '../lib/api';
import { client, type CaseDetail } from '../lib/client';
import { ATTACHMENT_KINDS, STAFF_UPLOAD_KINDS } from '../../../src/core/applications/labels';
import { dateTime } from '../lib/dates';
import { fileProblem, sizeText, STAFF_ACCEPT } from '../lib/uploads';

export function Attachments({ detail, agencyId, canUpload, onChange }: { detail: CaseDetail; agencyId: number; canUpload: boolean; onChange: () => void }) {
  const { message } = App.useApp();
  const [kind, setKind] = useState('providedInformation');
  const [busy, setBusy] = useState(false);
  const fileUrl = (attachmentId: string) =>
    client.url('/api/agencies/:agencyId/applications/:id/attachments/:attachmentId', { params: { agencyId, id: detail.id, attachmentId } });
  // the notices issued on the case (告知书, 征求意见函, 答复书), numbered, frozen: their own boxes
  const letters = detail.attachments.filter((a) => a.kind === 'notice' || a.kind === 'replyLetter');
  const others = detail.attachments.filter((a) => a.kind !== 'notice' && a.kind !== 'replyLetter');

  const upload = async (file: File) => {
    const problem = fileProblem(file, 'staff');
    if (problem) {
      message.error(problem);
      return;
    }
    setBusy(true);
    try {
      const body = new FormData();
      body.append(kind, file, file.name);
      await client.post('/api/agencies/:agencyId/applications/:id/attachments', { params: { agencyId, id: detail.id }, body });
      message.success(`已上传：${file.name}`);
      onChange();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="附件" size="small">
      {letters.map((l) => (
        <div key={l.id} className="letter-box" data-testid="case-letter">
          <FileTextOutlined className="letter-icon" />
          <div>
            <div className="letter-title">{l.filename.replace(/（.*$|\.docx$/, '')}</div>
            <a href={fileUrl(l.id)} download>
              {l.filename}
            </a>
            <div className="letter-meta">
              {sizeText(l.size)} · {dateTime(l.createdAt)}
            </div>
          </div>
        </div>
      ))}
      {detail.application.replyText && (
        <Collapse
          size="small"
          ghost
          items={[{ key: 'text', label: '答复书正文', children: <pre className="reply-text">{detail.application.replyText}</pre> }]}
        />
      )}
      {others.length === 0 && letters.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无附件" />}
      {others.length > 0 && (
        <ul className="attachment-list" data-testid="case-attachments">
          {others.map((a) => (
            <li key={a.id}>
              <PaperClipOutlined />{' '}
              <a href={fileUrl(a.id)} download>
                {a.filename}
              </a>{' '}
              <Tag>{ATTACHMENT_KINDS[a.kind] ?? a.kind}</Tag>
              <Typography.Text type="secondary" className="attachment-meta">
                {sizeText(a.size)} · {dateTime(a.createdAt)}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
      {canUpload && (
        <Space.Compact style={{ marginTop: 12 }}>
          <Select
            value={kind}
            onChange={setKind}
            style={{ width: 150 }}
            options={STAFF_UPLOAD_KINDS.map((k) => ({ value: k, label: ATTACHMENT_KINDS[k] ?? k }))}
            aria-label="附件类别"
          />
          <Upload
            accept={STAFF_ACCEPT}
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy} data-testid="attachment-upload">
              上传附件
            </Button>
          </Upload>
        </Space.Compact>
      )}
    </Card>
  );
}
