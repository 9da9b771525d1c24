/**
 * Scans of the fixture reports at 300 dpi, each page turned by 1–3° as a sheet lies on a scanner, and one in
 * colour with a red seal stamped over table 三: read by OCR into the fixture's hand-checked data, at least
 * 99.5 % of cells exact and none silently wrong (test/helpers/scan-check.ts). The 150 dpi scans are in
 * ocr-scans.test.ts. Skipped where poppler or Chromium is missing, or with GONGKAI_TEST_OCR=0.
 */
import { describe, it } from 'vitest';
import { checkScan, LONG, type ScanCase } from '../helpers/scan-check';
import { CAN_SCAN } from '../helpers/scans';

const RUN = CAN_SCAN && process.env.GONGKAI_TEST_OCR !== '0';

const SCANS: ScanCase[] = [
  { name: 'hongze-district-2024, 300 dpi grey, turned −3°', spec: { fixture: 'hongze-district-2024', dpi: 300, rotate: -3 }, minShare: 0.995 },
  { name: 'shuyang-fgj-2023, 300 dpi grey, turned 1°', spec: { fixture: 'shuyang-fgj-2023', dpi: 300, rotate: 1 }, minShare: 0.995 },
  { name: 'pingtan-2019, 300 dpi grey, turned 2.5°', spec: { fixture: 'pingtan-2019', dpi: 300, rotate: 2.5 }, minShare: 0.995 },
  { name: 'pingtan-2023, 300 dpi grey, turned 2°', spec: { fixture: 'pingtan-2023', dpi: 300, rotate: 2 }, minShare: 0.995 },
  { name: 'pingtan-czj-2024, 300 dpi grey, turned 1.5°', spec: { fixture: 'pingtan-czj-2024', dpi: 300, rotate: 1.5 }, minShare: 0.995 },
  { name: 'pingtan-czj-2024, 150 dpi colour, red seal over table 三, turned −1.5°', spec: { fixture: 'pingtan-czj-2024', dpi: 150, colour: true, seal: true, rotate: -1.5 }, minShare: 0.995 },
];

describe.skipIf(!RUN)('scans of the fixtures at 300 dpi, rotated, and with a seal, read by OCR (long)', () => {
  for (const c of SCANS) it(c.name, () => checkScan(c), LONG);
});
