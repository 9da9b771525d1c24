/**
 * The labels of GET /api/meta, loaded once and shared: every status, action, decision, applicant type,
 * channel… the app shows comes from here (the single definitions live in the core).
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Result, Spin } from 'antd';
import { errorText } from './api';
import { client } from './client';
import type { Meta } from './types';

const MetaContext = createContext<Meta | null>(null);

export function MetaProvider({ children }: { children: ReactNode }) {
  const [meta, setMeta] = useState<Meta | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    client
      .get('/api/meta')
      .then((m) => live && setMeta(m))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [attempt]);

  if (error) {
    return (
      <Result
        status="warning"
        title="暂时无法连接服务器"
        subTitle={<Alert type="error" title={error} showIcon />}
        extra={
          <Button
            type="primary"
            onClick={() => {
              setError(null);
              setAttempt((n) => n + 1);
            }}
          >
            重试
          </Button>
        }
      />
    );
  }
  if (!meta) return <Spin size="large" fullscreen description="正在加载…" />;
  return <MetaContext.Provider value={meta}>{children}</MetaContext.Provider>;
}

export function useMeta(): Meta {
  const meta = useContext(MetaContext);
  if (!meta) throw new Error('useMeta outside MetaProvider');
  return meta;
}

/** Select options from a label record, in the record's order. */
export function optionsOf(labels: Record<string, string>, keys?: string[]): { value: string; label: string }[] {
  return (keys ?? Object.keys(labels)).filter((k) => k in labels).map((k) => ({ value: k, label: labels[k] }));
}

/** The label of a code, or the code itself when unknown. */
export function labelOf(labels: Record<string, string>, key: string | null | undefined): string {
  if (key === null || key === undefined) return '—';
  return labels[key] ?? key;
}
