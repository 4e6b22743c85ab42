/** Bumped when a client and server of different versions can no longer talk. */
// 3: stroke:progress carries its points packed (stroke-packing.ts), no longer as a list of numbers.
export const PROTOCOL_VERSION = 3;
