/**
 * 依申请公开 case handling: intake, the work queue and case page, the steps of a case, its files, and the
 * public tracking page, one module each.
 */
export * from './common';
export * from './intake';
export * from './queue';
export * from './steps';
export * from './files';
export * from './tracking';
