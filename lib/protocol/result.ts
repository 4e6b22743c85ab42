import type { DomainError } from "@/lib/domain/errors";

export type { ErrorCode, DomainError } from "@/lib/domain/errors";
export { ERROR_CODES } from "@/lib/domain/errors";

/** Every command gets one of these as its socket.io acknowledgement. */
export type Ack<T extends object = object> = ({ ok: true; seq: number } & T) | { ok: false; error: DomainError };

export type AckCallback<T extends object = object> = (ack: Ack<T>) => void;

export function errorAck(code: DomainError["code"], message: string): { ok: false; error: DomainError } {
  return { ok: false, error: { code, message } };
}
