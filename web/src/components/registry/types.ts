/**
 * Shapes of the 主动公开 registry API (src/services/registry.ts, src/services/imports.ts) and the labels of
 * GET /api/meta it uses (src/http/routes/meta.ts, from src/core/registry/categories.ts).
 */
import type { IMPORT_COLUMNS } from '../../../../src/services/imports';
import type { Category as CategoryText } from '../../../../src/core/registry/categories';
import type { Disclosure, RecordRow as RecordAnswer } from '../../lib/client';
import { useMeta } from '../../lib/meta';
import type { Meta } from '../../lib/types';

export interface CategoryMeta {
  no: number;
  /** （一）行政法规、规章和规范性文件 */
  label: string;
}

export type { CategoryText };

export interface StepMeta {
  key: string;
  label: string;
  roles: string[];
}

/** A column of an import template (IMPORT_COLUMNS of src/services/imports.ts), also a field of the form. */
export type ImportColumn = (typeof IMPORT_COLUMNS)[keyof typeof IMPORT_COLUMNS][number];

export interface RecordKindMeta {
  key: string;
  label: string;
  columns: ImportColumn[];
}

/** The registry's part of GET /api/meta. */
export interface RegistryMeta extends Meta {
  categories: CategoryMeta[];
  categoryTexts: CategoryText[];
  publicationChannels: Record<string, string>;
  docKinds: Record<string, string>;
  decisionKinds: Record<string, string>;
  matterKinds: Record<string, string>;
  disclosureStatuses: Record<string, string>;
  disclosureSteps: StepMeta[];
  onTimeWorkdays: number;
  recordKinds: RecordKindMeta[];
}

export function useRegistryMeta(): RegistryMeta {
  return useMeta() as RegistryMeta;
}

/** The answers of the registry's operations (src/http/schemas/registry.ts), through the typed client. */
export type { Disclosure, DisclosureList, RegistryStats } from '../../lib/client';

/** Art. 26: published within 20 working days of being formed? (`by`: the last day to publish on time) */
export type Timeliness = Disclosure['timeliness'];

/** GET /api/public/agencies/:agencyId/catalogue */
export interface CatalogueItem {
  id: string;
  title: string;
  category: number;
  categoryLabel: string;
  documentNumber: string | null;
  publishedOn: string;
  docKind: string | null;
  repealedOn: string | null;
  summary: string | null;
  url: string | null;
  channels: Record<string, string>;
  /** for 规章 and 规范性文件: 现行有效 or not */
  inForce: boolean | null;
}

export interface Catalogue {
  total: number;
  items: CatalogueItem[];
  categories: { no: number; label: string; count: number }[];
}

/** GET /api/agencies/:agencyId/guide (the public one has no `custom`) */
export type { StaffGuide as GuideText } from '../../lib/client';

/** A record of decisions, fees, matters or procurement (GET /api/agencies/:agencyId/records/:kind), its fields read by column key. */
export type RecordRow = RecordAnswer & Record<string, unknown>;

/** A rate (0…1) as a percentage, or — when there is nothing to rate. */
export function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** The options of a year filter: 全部年度 (0), then the recent years, this year first. */
export function yearFilterOptions(count = 8): { value: number; label: string }[] {
  const now = new Date().getFullYear();
  return [{ value: 0, label: '全部年度' }, ...Array.from({ length: count }, (_, i) => ({ value: now - i, label: `${now - i}年` }))];
}

/**
 * The search of a 公开类别 select: the typed text found in the Chinese label (“预算”, “七”, “（十一）”), full-
 * or half-width alike, or the category's number (“7”).
 */
export function filterCategory(input: string, option?: { value?: unknown; label?: unknown }): boolean {
  const typed = input.normalize('NFKC').replace(/\s+/g, '');
  if (!typed || !option) return true;
  if (/^\d+$/.test(typed)) return Number(typed) === Number(option.value);
  return String(option.label ?? '').normalize('NFKC').replace(/\s+/g, '').includes(typed);
}
