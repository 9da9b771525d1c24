/**
 * The agencies of GET /api/public/agencies (every agency, with its contact details), loaded by the page
 * that shows them.
 */
import { useEffect, useState } from 'react';
import { errorText } from './api';
import { client, type PublicAgency } from './client';
import type { AgencyContact } from './types';

/** Names of an agency's contact details (GET /api/public/agencies `contact`; the settings form). */
export const CONTACT_LABELS: Record<keyof AgencyContact, string> = {
  office: '受理机构',
  address: '地址',
  postcode: '邮政编码',
  phone: '联系电话',
  fax: '传真',
  email: '电子邮箱',
  hours: '受理时间',
  website: '网站',
  reconsiderationBody: '行政复议机关',
  court: '人民法院',
  shortName: '机关简称',
  noticeNumberPattern: '通知书文号格式',
  allowSingleOfficer: '一人办公',
  reportDeadlines: '年度报告截止日期',
};

/** The contact details shown to the public on each agency's card, in order. */
export const PUBLIC_CONTACT_KEYS: (keyof AgencyContact)[] = ['office', 'address', 'postcode', 'phone', 'fax', 'email', 'hours', 'website'];

/** `agencies` is null until loaded (or when `enabled` is false); `error` is the message of a failed load. */
export function usePublicAgencies(enabled = true): { agencies: PublicAgency[] | null; error: string | null } {
  const [agencies, setAgencies] = useState<PublicAgency[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    client
      .get('/api/public/agencies')
      .then((list) => live && setAgencies(list))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [enabled]);
  return { agencies, error };
}
