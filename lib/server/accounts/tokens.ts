import { sealData, unsealData } from "iron-session";

/**
 * Signed, encrypted blobs (iron-session's seal): the trainer's cookie, a
 * participant's token and a projector's screen key. Each carries a `kind` so
 * one can never be passed off as another.
 */
export const AUTH_COOKIE = "ortaq_auth";
const AUTH_TTL_S = 60 * 60 * 24 * 14;
const PARTICIPANT_TTL_S = 60 * 60 * 24 * 3;
const SCREEN_TTL_S = 60 * 60 * 24 * 2;

export interface AuthData {
  kind: "auth";
  userId: string;
  /** The account's session version when the cookie was made; sign-out and a password change raise it. */
  sv: number;
}
export interface ParticipantTokenData {
  kind: "participant";
  sessionId: string;
  participantId: string;
}
export interface ScreenKeyData {
  kind: "screen";
  sessionId: string;
}

type Sealed = AuthData | ParticipantTokenData | ScreenKeyData;

async function open<K extends Sealed["kind"]>(sealed: string, secret: string, kind: K, ttl: number) {
  try {
    const data = await unsealData<Sealed>(sealed, { password: secret, ttl });
    return data && data.kind === kind ? (data as Extract<Sealed, { kind: K }>) : null;
  } catch {
    return null;
  }
}

/** A sign-in cookie for the account at `sessionVersion` (a new account's is 0). */
export const sealAuth = (userId: string, secret: string, sessionVersion = 0) =>
  sealData({ kind: "auth", userId, sv: sessionVersion } satisfies AuthData, { password: secret, ttl: AUTH_TTL_S });
/** Cookies made before session versions existed carry none and are refused: everyone signs in once more. */
export const openAuth = async (sealed: string, secret: string) => {
  const data = await open(sealed, secret, "auth", AUTH_TTL_S);
  return data && typeof data.userId === "string" && Number.isInteger(data.sv) ? data : null;
};

export const sealParticipantToken = (sessionId: string, participantId: string, secret: string) =>
  sealData({ kind: "participant", sessionId, participantId } satisfies ParticipantTokenData, {
    password: secret,
    ttl: PARTICIPANT_TTL_S,
  });
export const openParticipantToken = (sealed: string, secret: string) =>
  open(sealed, secret, "participant", PARTICIPANT_TTL_S);

export const sealScreenKey = (sessionId: string, secret: string) =>
  sealData({ kind: "screen", sessionId } satisfies ScreenKeyData, { password: secret, ttl: SCREEN_TTL_S });
export const openScreenKey = (sealed: string, secret: string) => open(sealed, secret, "screen", SCREEN_TTL_S);

export const AUTH_COOKIE_MAX_AGE_S = AUTH_TTL_S;
