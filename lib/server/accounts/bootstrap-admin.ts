import crypto from "node:crypto";
import { hashPassword } from "./passwords";
import type { UserStore } from "./user-store";

/** Creates the first organiser from ADMIN_EMAIL / ADMIN_PASSWORD when no account exists yet. */
export async function bootstrapAdmin(users: UserStore, email: string | undefined, password: string | undefined): Promise<boolean> {
  if (!email || !password || (await users.count()) > 0) return false;
  const created = await users.createFirst({
    id: crypto.randomUUID(),
    email,
    name: email.split("@")[0],
    passwordHash: await hashPassword(password),
    createdAt: Date.now(),
  });
  return created !== null;
}
