/**
 * What the supervising office's screens, workbook and letters call a report's source and a reviewer's decision
 * (one table, read by the services, the workbook and the web app alike).
 */
export type ReportSource = 'published' | 'imported' | 'upload';
export type Decision = 'confirmed' | 'dismissed';

export const SOURCE_LABELS: Record<ReportSource, string> = { published: '本系统发布', imported: '本系统导入', upload: '上传文件' };
export const DECISION_LABELS: Record<Decision, string> = { confirmed: '已确认', dismissed: '已排除' };
