import { describe, expect, it } from 'vitest';
import { changesOf, valueText } from '../../../web/src/lib/describe';
import type { Meta } from '../../../web/src/lib/types';

const meta = { statuses: { processing: '办理中', awaitingCorrection: '待补正' }, decisions: [] } as unknown as Meta;

describe('audit entries in words', () => {
  it('shows a document a step issued by its number, not as JSON', () => {
    const notice = { id: '661b0cab-8224-4306-9036-320a7d338705', number: '示范市卫生健康局依申〔2026〕8号' };
    expect(valueText(meta, 'notice', notice)).toBe('示范市卫生健康局依申〔2026〕8号');
    const changes = changesOf(meta, { status: 'processing', notice: null }, { status: 'awaitingCorrection', notice });
    expect(changes).toEqual([
      { key: 'status', label: '状态', before: '办理中', after: '待补正' },
      { key: 'notice', label: '出具文书', before: '—', after: '示范市卫生健康局依申〔2026〕8号' },
    ]);
  });

  it('still shows another object as it is', () => {
    expect(valueText(meta, 'x', { a: 1 })).toBe('{"a":1}');
  });
});
