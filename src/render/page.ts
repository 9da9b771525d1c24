/**
 * The page and type of a government document (GB/T 9704-2012) that the annual report and the reply letter share:
 * A4 with 天头 37 mm and 订口 28 mm, and a fixed line pitch of 22 lines to the 225 mm type area.
 */
import { convertMillimetersToTwip } from 'docx';

/** One font for Chinese and Latin text alike. */
export function fontOf(name: string) {
  return { eastAsia: name, ascii: name, hAnsi: name };
}

/** 22 lines on a 225 mm type area: fixed line pitch of 28.95 pt (579 twips). */
export const LINE_TWIPS = 579;

/** A4 with the margins of GB/T 9704, and the footer's distance from the edge when the document has one. */
export function a4Page(footerMm?: number) {
  const mm = convertMillimetersToTwip;
  return {
    size: { width: mm(210), height: mm(297) },
    margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), ...(footerMm === undefined ? {} : { footer: mm(footerMm) }) },
  };
}
