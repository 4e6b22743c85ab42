import { getCurrentUser } from "./current-user";
import { jsonError } from "../http-json";
import type { Role, User } from "./user-store";

/** For route handlers: the signed-in user with one of the roles, or a ready 401/403 reply. */
export async function userWithRole(roles: Role[]): Promise<{ user: User } | { response: Response }> {
  const user = await getCurrentUser();
  if (!user) return { response: jsonError("UNAUTHENTICATED", "Sign in first") };
  if (!roles.includes(user.role)) return { response: jsonError("FORBIDDEN", "Not allowed for your role") };
  return { user };
}
