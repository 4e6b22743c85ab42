import { z } from "zod";
import { HELP_RETENTION } from "@/lib/domain/consent";
import { consentNoticeSchema } from "@/lib/domain/consent-schema";
import { readJson } from "@/lib/server/http-json";
import { userWithRole } from "@/lib/server/accounts/require-role";
import { getServices } from "@/lib/server/services";

const bodySchema = z.strictObject({
  /** The notice phones see before joining, in three languages (null: back to the default text), and whether "I agree" is required. */
  consent: z.strictObject({ required: z.boolean(), notice: consentNoticeSchema.nullable() }).optional(),
  /** What happens to requests to talk once a session ends. */
  helpRetention: z.enum(HELP_RETENTION).optional(),
});

/** PUT /api/settings/safeguarding: the organisation's consent notice and help-request policy (organisers only). */
export async function PUT(req: Request) {
  const auth = await userWithRole(["organiser"]);
  if ("response" in auth) return auth.response;
  const body = await readJson(req, bodySchema);
  if ("response" in body) return body.response;
  const { safeguarding } = getServices();
  if (body.data.consent) await safeguarding.setConsent(body.data.consent);
  if (body.data.helpRetention) await safeguarding.setHelpRetention(body.data.helpRetention);
  return Response.json({ ok: true, consent: await safeguarding.consent(), helpRetention: await safeguarding.helpRetention() });
}
