// Reading a printed card the way a person would: its pages and their size, the text on them, and what
// the QR codes on them say when scanned (pdfjs-dist decodes the page's images, jsqr reads them).
import jsQR from 'jsqr';
import { getDocument, ImageKind, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfReading {
  /** Each page's size in points (MediaBox width, height). */
  pages: { width: number; height: number }[];
  /** The text of all pages, joined without separators (a name may be split across runs). */
  text: string;
  /** How many images the pages draw (the photo, the QR code). */
  images: number;
  /** What each QR code among the images decodes to. */
  qrCodes: string[];
}

interface DecodedImage {
  width: number;
  height: number;
  kind: number;
  data: Uint8ClampedArray;
}

/** An image as RGBA, whatever pdf.js decoded it to. */
function rgba(img: DecodedImage): Uint8ClampedArray {
  if (img.kind === ImageKind.RGBA_32BPP) return img.data;
  const out = new Uint8ClampedArray(img.width * img.height * 4);
  for (let i = 0; i < img.width * img.height; i++) {
    if (img.kind === ImageKind.RGB_24BPP) out.set(img.data.subarray(i * 3, i * 3 + 3), i * 4);
    else {
      const rowBytes = Math.ceil(img.width / 8);
      const [x, y] = [i % img.width, Math.floor(i / img.width)];
      const bit = (img.data[y * rowBytes + (x >> 3)] >> (7 - (x & 7))) & 1;
      out.fill(bit ? 255 : 0, i * 4, i * 4 + 3);
    }
    out[i * 4 + 3] = 255;
  }
  return out;
}

export async function readPdf(data: Uint8Array): Promise<PdfReading> {
  const doc = await getDocument({ data: new Uint8Array(data), isOffscreenCanvasSupported: false, verbosity: 0 })
    .promise;
  const out: PdfReading = { pages: [], text: '', images: 0, qrCodes: [] };
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [x0, y0, x1, y1] = page.view;
    out.pages.push({ width: x1 - x0, height: y1 - y0 });
    out.text += (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
    const ops = await page.getOperatorList();
    for (let i = 0; i < ops.fnArray.length; i++) {
      if (ops.fnArray[i] !== OPS.paintImageXObject) continue;
      out.images++;
      const img = await new Promise<DecodedImage>((resolve) => page.objs.get(ops.argsArray[i][0], resolve));
      const code = jsQR(rgba(img), img.width, img.height);
      if (code) out.qrCodes.push(code.data);
    }
  }
  await doc.destroy();
  return out;
}
