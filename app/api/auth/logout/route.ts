import { signOut } from "@/lib/server/accounts/current-user";

export async function POST() {
  await signOut();
  return Response.json({ ok: true });
}
