/**
 * A random command id. crypto.randomUUID needs a secure context, and phones
 * reach a laptop over plain http on the LAN; getRandomValues works everywhere.
 */
export function newCommandId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}
