import { z } from "zod";
import { verifiedHelpContactSchema } from "@/lib/domain/help-contacts-schema";
import { readJson } from "@/lib/server/http-json";
import { userWithRole } from "@/lib/server/accounts/require-role";
import { getServices } from "@/lib/server/services";

const bodySchema = z.object({
  /** Each real contact says when and where the organiser checked it; a check date in the future is a typo (a day's grace for time zones). */
  contacts: z
    .array(verifiedHelpContactSchema.refine((c) => c.verifiedOn <= new Date(Date.now() + 86_400_000).toISOString().slice(0, 10), { message: "The check date is in the future", path: ["verifiedOn"] }))
    .max(12),
  /** The organiser confirms the numbers were checked; nothing unverified is shown to participants. */
  verified: z.literal(true, { error: "Confirm that you have checked the contacts" }),
});

export async function GET() {
  const auth = await userWithRole(["organiser", "trainer"]);
  if ("response" in auth) return auth.response;
  return Response.json({ ok: true, contacts: await getServices().help.get() });
}

export async function PUT(req: Request) {
  const auth = await userWithRole(["organiser"]);
  if ("response" in auth) return auth.response;
  const body = await readJson(req, bodySchema);
  if ("response" in body) return body.response;
  await getServices().help.set(body.data.contacts);
  return Response.json({ ok: true, contacts: await getServices().help.get() });
}
