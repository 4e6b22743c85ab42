import os from "node:os";

/** IPv4 addresses of this machine that phones on the same network can reach. */
export function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.family === "IPv4" && !a.internal) out.push(a.address);
    }
  }
  return out;
}

/**
 * The address to put in the QR code and on the projector. PUBLIC_URL wins;
 * a page opened on localhost gets the first LAN address instead, since
 * "localhost" on a phone is the phone.
 */
export function joinBaseUrl(opts: { publicUrl?: string; requestHost: string | null; protocol?: string; port: number; lan?: readonly string[] }): string {
  if (opts.publicUrl) return opts.publicUrl.replace(/\/$/, "");
  const host = opts.requestHost ?? `localhost:${opts.port}`;
  const hostname = host.replace(/:\d+$/, "").replace(/^\[|\]$/g, "");
  const isLocal = hostname === "localhost" || hostname === "127.0.0.1" || hostname === "::1";
  if (isLocal) {
    const lan = (opts.lan ?? lanAddresses())[0];
    const port = host.match(/:(\d+)$/)?.[1];
    if (lan) return `${opts.protocol ?? "http"}://${lan}${port ? `:${port}` : ""}`;
  }
  return `${opts.protocol ?? "http"}://${host}`;
}
