/**
 * Join codes are read off a projector and typed on phones, so the alphabet
 * leaves out characters that look alike: 0/O, 1/I/L.
 */
export const JOIN_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const JOIN_CODE_LENGTH = 6;

const CODE_PATTERN = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

/** Makes a code from a source of random integers in [0, n) (crypto on the server, seeded in tests). */
export function generateJoinCode(randomInt: (n: number) => number): string {
  let code = "";
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) {
    code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  }
  return code;
}

/** Turns what a person typed into canonical form: upper case, no spaces or dashes. */
export function normalizeJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "");
}

export function isJoinCode(value: string): boolean {
  return CODE_PATTERN.test(value);
}
