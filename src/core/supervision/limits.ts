/**
 * What one upload of the supervising office may hold (src/services/supervision/upload.ts checks them; the
 * collection page says them and refuses a batch beyond them before sending it).
 */
/** Report files are read by their bytes; these are the names of the formats the reader reads. */
export const REPORT_EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.docx', '.pdf'] as const;
/** One report file, at most. */
export const MAX_REPORT_BYTES = 50 * 1024 * 1024;
/** All the files of one upload together (a .zip counted as what it holds), at most. */
export const MAX_BATCH_BYTES = 256 * 1024 * 1024;
/** Report files in one upload, at most. */
export const MAX_BATCH_FILES = 1000;

/** A size in MB as the messages give it. */
export const MB = (n: number) => `${Math.round(n / 1048576)} MB`;
