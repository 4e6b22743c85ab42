import { z } from "zod";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_PATH: z.string().default("./data/ortaq.db"),
  /**
   * PostgreSQL instead of the SQLite file at DATABASE_PATH, for several
   * servers sharing one database (accounts, plans, settings, sessions).
   */
  DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\//.test(v), "must be a PostgreSQL URL starting with postgres:// or postgresql://")
    .optional(),
  /** The PostgreSQL schema to keep Ortaq's tables in (created if missing); the server's default (public) when unset. */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, "must be a lower-case name of letters, digits and _ (not starting with a digit)")
    .optional(),
  /**
   * With DATABASE_URL only: carry broadcasts between instances over Redis
   * Streams (socket.io's official adapter) instead of PostgreSQL's
   * LISTEN/NOTIFY. See the README's deployment notes.
   */
  REDIS_URL: z
    .string()
    .refine((v) => /^rediss?:\/\//.test(v), "must be a Redis URL starting with redis:// or rediss://")
    .optional(),
  /**
   * "light" (the default in production): phones get /join and /s/<code> from
   * the phone's own bundle on Preact (about 61 kB of JavaScript instead of
   * Next's 185 kB; see lib/server/pages/phone-page.ts). "next" (the default in
   * development, for hot reload): Next's pages, from the same components.
   */
  PHONE_PAGE: z.enum(["next", "light"]).optional(),
  /** Folder of plan files (YAML), read-only templates. */
  PLANS_DIR: z.string().default("./content/plans"),
  /** Where uploaded media is kept; shipped media lives in content/media. */
  MEDIA_DIR: z.string().default("./data/media"),
  /** Largest video an organiser may upload, in megabytes. */
  MEDIA_MAX_MB: z.coerce.number().int().min(1).max(10_000).default(500),
  /** Folder of word lists for the note filter. */
  FILTERS_DIR: z.string().default("./content/filters"),
  /** Signs cookies and participant tokens. Generated and kept in the database when unset. */
  SESSION_SECRET: z.string().min(32).optional(),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  /** The address phones should use, when the LAN address the server guesses is wrong (e.g. behind a proxy). */
  PUBLIC_URL: z.url().optional(),
  /** Extra origins allowed on the socket handshake and on state-changing HTTP requests, comma-separated. */
  ALLOWED_ORIGINS: z.string().optional(),
  /**
   * Set (to 1/true) only when Ortaq runs behind a reverse proxy: then the
   * client address for sign-in limits is the last X-Forwarded-For entry, and
   * X-Forwarded-Proto/-Host name the request's own origin.
   */
  TRUST_PROXY: z
    .enum(["0", "1", "true", "false"])
    .optional()
    .transform((v) => v === "1" || v === "true"),
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The configuration, read once from process.env. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
