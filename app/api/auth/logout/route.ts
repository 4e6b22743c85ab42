import { signOut } from "@/lib/server/current-user";

export async function POST() {
  await signOut();
  return Response.json({ ok: true });
}
