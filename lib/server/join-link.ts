import { headers } from "next/headers";
import { joinBaseUrl } from "./lan";
import { qrShape, type QrShape } from "./qr";
import { getServices } from "./services";

export interface JoinLink {
  /** The address to read out: e.g. http://192.168.1.20:3000/join */
  joinUrl: string;
  /** The QR target, with the code filled in. */
  qrUrl: string;
  qr: QrShape;
}

/** The join address and QR code for a session, as phones on the room's network will reach this server. */
export async function joinLinkFor(code: string): Promise<JoinLink> {
  const h = await headers();
  const { env } = getServices();
  const base = joinBaseUrl({
    publicUrl: env.PUBLIC_URL,
    requestHost: h.get("x-forwarded-host") ?? h.get("host"),
    protocol: h.get("x-forwarded-proto") ?? "http",
    port: env.PORT,
  });
  const qrUrl = `${base}/join?code=${code}`;
  return { joinUrl: `${base}/join`, qrUrl, qr: qrShape(qrUrl) };
}
