/**
 * A narrative section of the report (一、总体情况, 五、存在的主要问题及改进情况, 六、其他需要报告的事项): a text area,
 * and under it the same text as it will read, with each sentence a check objects to marked (rule 6: figures
 * in the text agree with the tables) and the message beside it.
 */
import { Fragment } from 'react';
import { Card, Input, Tooltip, Typography } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import type { NarrativeKey } from '../../../../src/core/report/layout';
import { markId, splitSentences, worstSeverity, type Located } from './findings';
import { SEVERITY_LABELS, type Finding } from './types';

export interface NarrativeSectionProps {
  n: number;
  sectionKey: NarrativeKey;
  heading: string;
  value: string;
  /** the text the findings were computed on (the value, a moment ago) */
  proofText: string;
  onChange: (v: string) => void;
  readOnly: boolean;
  /** the narrative findings traced to this section */
  located: Located[];
  extra?: React.ReactNode;
}

function Paragraph({ text, paragraph, sectionKey, located }: { text: string; paragraph: number; sectionKey: NarrativeKey; located: Located[] }) {
  const here = located.filter((l) => l.ref.paragraph === paragraph);
  if (here.length === 0) return null;
  const sentences = splitSentences(text);
  const whole = here.filter((l) => l.sentence === null);
  const messages = (list: Finding[]) =>
    list.map((f, i) => (
      <span key={i} className={`report-proof-msg ${f.severity}`}>
        {SEVERITY_LABELS[f.severity]}：{f.message}
      </span>
    ));
  return (
    <>
      <div className="report-proof-para">第 {paragraph + 1} 段</div>
      <p id={whole.length > 0 ? markId(sectionKey, paragraph, null) : undefined}>
        {sentences.map((s, i) => {
          const on = here.filter((l) => l.sentence === i);
          if (on.length === 0) return <Fragment key={i}>{s.text}</Fragment>;
          return (
            <Tooltip key={i} title={on.map((l, k) => <div key={k}>{l.finding.message}</div>)}>
              <mark id={markId(sectionKey, paragraph, i)} className={`nf-${worstSeverity(on.map((l) => l.finding)) ?? 'info'}`} data-testid="narrative-finding">
                {s.text}
              </mark>
            </Tooltip>
          );
        })}
      </p>
      {messages(here.map((l) => l.finding))}
    </>
  );
}

export function NarrativeSection({ n, sectionKey, heading, value, proofText, onChange, readOnly, located, extra }: NarrativeSectionProps) {
  const paragraphs = proofText.split(/\r?\n/);
  const errors = located.filter((l) => l.finding.severity === 'error').length;
  return (
    <Card size="small" title={heading} className="report-section" data-testid={`report-section-${n}`} id={`report-section-${n}`} extra={extra}>
      <Input.TextArea
        className="report-text"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        readOnly={readOnly}
        autoSize={{ minRows: 3, maxRows: 24 }}
        maxLength={30000}
        data-testid={`report-text-${sectionKey}`}
        aria-label={heading}
      />
      {located.length > 0 ? (
        <div className="report-proof" data-testid={`report-proof-${sectionKey}`}>
          <div className="report-proof-title">
            核对：正文所述数字与表格或前后文不一致之处（{errors > 0 ? `${errors} 处错误` : '无错误'}，随输入自动检查；标出的语句可悬停查看说明）
          </div>
          {paragraphs.map((p, i) => (
            <Paragraph key={i} text={p} paragraph={i} sectionKey={sectionKey} located={located} />
          ))}
        </div>
      ) : (
        value.trim() !== '' && (
          <Typography.Text type="success" className="report-proof-ok" style={{ display: 'block', marginTop: 8, fontSize: 13 }}>
            <CheckCircleOutlined /> 未发现所述数字与表格不一致（随输入自动检查）
          </Typography.Text>
        )
      )}
    </Card>
  );
}
