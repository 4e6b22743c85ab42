/** Bumped when a client and server of different versions can no longer talk. */
export const PROTOCOL_VERSION = 2;
