/**
 * The events of a case in order: the date, what was done, by whom, and the details recorded with it.
 */
import { Timeline, Typography } from 'antd';
import { useMeta } from '../lib/meta';
import { stepDetails } from '../lib/describe';
import type { TimelineEvent } from '../lib/client';

const COLORS: Record<string, string> = {
  reply: 'green',
  close: 'green',
  requestCorrection: 'orange',
  issueFeeNotice: 'orange',
  startConsultation: 'purple',
  rejectExtension: 'red',
};

export function CaseTimeline({ events }: { events: TimelineEvent[] }) {
  const meta = useMeta();
  return (
    <div data-testid="case-timeline">
      <Timeline
              titleSpan="100px"
        items={events.map((e) => ({
          key: e.id,
          color: COLORS[e.kind] ?? 'blue',
          title: e.on,
          content: (
            <div className="step" data-testid={`case-event-${e.kind}`}>
              <div className="step-label">
                {e.label}
                <Typography.Text type="secondary" className="step-actor">
                  {e.actor}
                </Typography.Text>
              </div>
              {stepDetails(meta, e.data).map((d) => (
                <div key={d.key} className="step-detail">
                  <span className="step-key">{d.label}：</span>
                  {d.value}
                </div>
              ))}
            </div>
          ),
        }))}
      />
    </div>
  );
}
