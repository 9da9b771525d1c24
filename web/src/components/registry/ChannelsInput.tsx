/**
 * The channels an item is published on (条例 Art. 23–25): a check box per channel of /api/meta
 * publicationChannels, with the column or account it goes out on (栏目或账号, optional).
 * Value: { channelKey: '栏目或账号' }.
 */
import { Checkbox, Input } from 'antd';
import { toNamePath } from '../../lib/formErrors';
import { useRegistryMeta } from './types';

export function ChannelsInput({
  value,
  onChange,
  testId,
}: {
  value?: Record<string, string>;
  onChange?: (v: Record<string, string>) => void;
  testId?: string;
}) {
  const meta = useRegistryMeta();
  const current = value ?? {};
  const set = (key: string, on: boolean, text?: string) => {
    const next = { ...current };
    if (on) next[key] = text ?? next[key] ?? '';
    else delete next[key];
    onChange?.(next);
  };
  return (
    <div className="channels-input" data-testid={testId}>
      {Object.entries(meta.publicationChannels).map(([key, label]) => {
        const on = key in current;
        return (
          <div key={key} className="channels-row">
            <Checkbox checked={on} onChange={(e) => set(key, e.target.checked)} data-testid={`channel-${key}`}>
              {label}
            </Checkbox>
            {on && (
              <Input
                size="small"
                maxLength={100}
                placeholder="栏目或账号名称（选填）"
                value={current[key]}
                onChange={(e) => set(key, true, e.target.value)}
                className="channels-name"
              />
            )}
          </div>
        );
      })}
    </div>
  );
}

/** The channels of an item as text: 政务微信公众号（健康示范）、… */
export function channelText(channels: Record<string, string>, labels: Record<string, string>): string[] {
  const keys = [...Object.keys(labels).filter((k) => k in channels), ...Object.keys(channels).filter((k) => !(k in labels))];
  return keys.map((k) => `${labels[k] ?? k}${channels[k] ? `（${channels[k]}）` : ''}`);
}

/** The API's field messages about one channel ("channels.website") go to the whole field. */
export function channelsFieldPath(path: string): (string | number)[] {
  return path.startsWith('channels') ? ['channels'] : toNamePath(path);
}
