import QRCode from "qrcode";

export interface QrShape {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** One SVG path of all dark modules, in module units. */
  path: string;
}

/** Encodes text as a QR code (qrcode library, no network) and returns it as an SVG path. */
export function qrShape(text: string): QrShape {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const { size, data } = qr.modules;
  let path = "";
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (data[y * size + x]) path += `M${x} ${y}h1v1h-1z`;
    }
  }
  return { size, path };
}
