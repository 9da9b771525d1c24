/**
 * The text of a 公开指南 as a page: the first line (the title) centred, the numbered headings (一、… 二、…)
 * as headings, every other line a paragraph.
 */
import { Typography } from 'antd';

const HEADING = /^[一二三四五六七八九十]+、/;
const SUBHEADING = /^（[一二三四五六七八九十]+）/;

export function GuideText({ body, testId }: { body: string; testId?: string }) {
  const lines = body
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const titled = lines.length > 0 && lines[0].endsWith('指南') && lines[0].length <= 60;
  return (
    <div className="guide-text" data-testid={testId}>
      {lines.map((line, i) => {
        if (i === 0 && titled) {
          return (
            <Typography.Title key={i} level={3} className="guide-title">
              {line}
            </Typography.Title>
          );
        }
        if (HEADING.test(line)) {
          return (
            <Typography.Title key={i} level={5} className="guide-heading">
              {line}
            </Typography.Title>
          );
        }
        return (
          <Typography.Paragraph key={i} className={SUBHEADING.test(line) ? 'guide-subheading' : 'guide-paragraph'}>
            {line}
          </Typography.Paragraph>
        );
      })}
    </div>
  );
}
