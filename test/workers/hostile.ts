/**
 * Hostile files, made on the spot: each once took the server down (issue 8). Built with little memory: the
 * .docx bomb's gigabyte is deflated a megabyte at a time.
 */
import { once } from 'node:events';
import { createWriteStream, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createDeflateRaw, crc32 } from 'node:zlib';

/** A one-page PDF whose xref sends one object to the wrong offset, and whose page names an object that is not there. */
export function brokenXrefPdf(): Buffer {
  const content = 'BT /F1 12 Tf 72 720 Td (2024 annual report) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> /XObject << /X1 99 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  // object 4 (the page's contents) is said to start 7 bytes into itself
  offsets.forEach((o, i) => (out += `${String(i === 3 ? o + 7 : o).padStart(10, '0')} 00000 n \n`));
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** 12,000 cells of rowspan=200 colspan=200 (60 rows of 200): 2,400 columns a row, each covering 200 rows. */
export function spanBombHtml(): string {
  const row = `<tr>${'<td rowspan=200 colspan=200>1</td>'.repeat(200)}</tr>`;
  return `<html><body><p>某某市人民政府2024年政府信息公开工作年度报告</p><table>${row.repeat(60)}</table></body></html>`;
}

/** A title, then 4,000 nested <div>. */
export function nestedDivsHtml(depth = 4000): string {
  return `<html><body><p>某某市人民政府2024年政府信息公开工作年度报告</p>${'<div>'.repeat(depth)}正文${'</div>'.repeat(depth)}</body></html>`;
}

interface ZipEntry {
  name: string;
  method: 0 | 8;
  data: Buffer;
  crc: number;
  size: number;
}

function zip(entries: ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(e.method, 10);
    dir.writeUInt32LE(e.crc, 16);
    dir.writeUInt32LE(e.data.length, 20);
    dir.writeUInt32LE(e.size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    parts.push(local, name, e.data);
    central.push(dir, name);
    offset += local.length + name.length + e.data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, dirBytes, end]);
}

function stored(name: string, text: string): ZipEntry {
  const data = Buffer.from(text);
  return { name, method: 0, data, crc: crc32(data), size: data.length };
}

/** Deflate `head`, `chunk` `times` times, then `tail`, keeping one chunk in memory. */
async function deflateRepeated(name: string, head: string, chunk: Buffer, times: number, tail: string): Promise<ZipEntry> {
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (b: Buffer) => out.push(b));
  const done = once(z, 'end');
  let crc = 0;
  let size = 0;
  const write = async (b: Buffer) => {
    crc = crc32(b, crc);
    size += b.length;
    if (!z.write(b)) await once(z, 'drain');
  };
  await write(Buffer.from(head));
  for (let i = 0; i < times; i++) await write(chunk);
  await write(Buffer.from(tail));
  z.end();
  await done;
  return { name, method: 8, data: Buffer.concat(out), crc, size };
}

/**
 * A .docx of about 1 MB whose word/document.xml inflates to about 1 GB (a valid zip: sizes and CRC true, unless
 * `declaredSize` is given).
 */
export async function docxBomb(inflatedMb = 1024, { declaredSize }: { declaredSize?: number } = {}): Promise<Buffer> {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  // one paragraph of a gigabyte of "a": deflate's best case, about 1,000 to 1
  const document = await deflateRepeated(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>`,
    Buffer.alloc(1048576, 'a'),
    inflatedMb,
    '</w:t></w:r></w:p></w:body></w:document>',
  );
  // a directory that lies about the size, as a bomb meant to pass a check of the declared sizes would
  if (declaredSize !== undefined) document.size = declaredSize;
  return zip([
    stored(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    stored(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    document,
  ]);
}

export interface HostileFiles {
  pdf: string;
  spans: string;
  nested: string;
  docx: string;
}

/** The four files, written into `dir`. */
export async function writeHostileFiles(dir: string): Promise<HostileFiles> {
  const files = {
    pdf: path.join(dir, 'broken-xref.pdf'),
    spans: path.join(dir, 'span-bomb.html'),
    nested: path.join(dir, 'nested-divs.html'),
    docx: path.join(dir, 'bomb.docx'),
  };
  writeFileSync(files.pdf, brokenXrefPdf());
  writeFileSync(files.spans, spanBombHtml());
  writeFileSync(files.nested, nestedDivsHtml());
  const stream = createWriteStream(files.docx);
  stream.end(await docxBomb());
  await once(stream, 'finish');
  return files;
}
