// The printed certificate (制证): one A6 page (105 × 148 mm) with the holder's photo, name, agency,
// number, where and in what the holder enforces, the issue date and the QR code of the card — the
// public verification page with the card's signed token (api/verification-token.ts), so a citizen who
// scans it sees the holder's name and photo. The QR code is an image, so any PDF viewer and printer
// shows it the same way; the Chinese text is in the embedded (subset) CJK font (infra/card-font.ts).
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { CardFont } from '../infra/card-font';

export interface CardContent {
  number: string;
  holderName: string;
  agency: string;
  /** 执法区域: the agency's region. */
  region: string;
  /** 执法类别: the agency's system, when it has one. */
  category: string | null;
  /** YYYY-MM-DD (Asia/Shanghai). */
  issuedOn: string;
  /** JPEG or PNG; without it the card leaves a framed space to affix one. */
  photo: Uint8Array | null;
  verificationUrl: string;
}

const mm = (v: number) => (v * 72) / 25.4;
export const A6_POINTS = [mm(105), mm(148)] as const;

const legalDay = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** Whether the card can embed `data` as its photo: a JPEG or PNG its image reader understands. */
export function isPrintablePhoto(data: Buffer): boolean {
  try {
    // openImage parses without drawing (pdfkit has it; its type definitions do not).
    const doc = new PDFDocument({ autoFirstPage: false }) as unknown as {
      openImage(src: Buffer): { width: number; height: number };
    };
    const image = doc.openImage(data);
    return image.width > 0 && image.height > 0;
  } catch {
    return false;
  }
}

export async function renderCardPdf(card: CardContent, font: CardFont): Promise<Buffer> {
  const doc = new PDFDocument({
    size: [...A6_POINTS],
    margin: 0,
    info: { Title: `行政执法证 ${card.number}`, Author: card.agency, Subject: '行政执法证' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.data, font.family);
  doc.font('cjk');
  const [width, height] = A6_POINTS;
  const left = mm(8);
  const inner = width - 2 * left;

  // Border and title band.
  doc
    .lineWidth(1)
    .strokeColor('#1f4e8c')
    .rect(mm(3), mm(3), width - mm(6), height - mm(6))
    .stroke();
  doc.rect(mm(3), mm(3), width - mm(6), mm(16)).fill('#1f4e8c');
  doc.fillColor('#ffffff').fontSize(18).text('行政执法证', left, mm(7), { width: inner, align: 'center' });

  // Photo (25 × 35 mm) and the holder beside it.
  const photoTop = mm(24);
  const [photoW, photoH] = [mm(25), mm(35)];
  doc.lineWidth(0.5).strokeColor('#888888').rect(left, photoTop, photoW, photoH).stroke();
  if (card.photo) {
    doc.image(Buffer.from(card.photo), left, photoTop, { fit: [photoW, photoH], align: 'center', valign: 'center' });
  } else {
    doc
      .fillColor('#888888')
      .fontSize(8)
      .text('照片', left, photoTop + photoH / 2 - 4, { width: photoW, align: 'center' });
  }
  // A grey label and its black value, at (x, y) or below the label.
  const LABEL = '#666666';
  const write = (text: string, x: number, y: number, size: number, color: string, width?: number) =>
    doc
      .fillColor(color)
      .fontSize(size)
      .text(text, x, y, width === undefined ? {} : { width });
  const besideX = left + photoW + mm(5);
  const besideW = width - left - besideX;
  write('姓名', besideX, photoTop + mm(1), 8, LABEL);
  write(card.holderName, besideX, photoTop + mm(5), 16, '#000000', besideW);
  write('执法机关', besideX, photoTop + mm(15), 8, LABEL);
  write(card.agency, besideX, photoTop + mm(19), 10, '#000000', besideW);

  // The card's facts, label and value per line.
  const rows: [string, string][] = [
    ['证件编号', card.number],
    ['执法区域', card.region],
    ...(card.category ? ([['执法类别', card.category]] as [string, string][]) : []),
    ['发证日期', legalDay(card.issuedOn)],
    ['有效期', '长期，以扫码核验结果为准'],
  ];
  let y = photoTop + photoH + mm(6);
  for (const [label, value] of rows) {
    write(label, left, y + 1.5, 8, LABEL, mm(16));
    write(value, left + mm(17), y, 10, '#000000', inner - mm(17));
    y = doc.y + mm(2);
  }

  // QR code (30 mm) at the bottom right, with how to use it.
  const qrSize = mm(30);
  const qrX = width - left - qrSize;
  const qrY = height - mm(8) - qrSize - mm(4);
  const qr = await QRCode.toBuffer(card.verificationUrl, {
    type: 'png',
    margin: 1,
    width: 300,
    errorCorrectionLevel: 'M',
  });
  doc.image(qr, qrX, qrY, { width: qrSize, height: qrSize });
  doc.link(qrX, qrY, qrSize, qrSize, card.verificationUrl);
  doc
    .fillColor('#666666')
    .fontSize(7)
    .text('扫码核验证件真伪与状态', qrX - mm(4), qrY + qrSize + mm(1), { width: qrSize + mm(8), align: 'center' });

  doc.end();
  return ended;
}
