import { PhoneApp } from "@/components/phone/PhoneApp";
import { ConsentProvider } from "@/components/safeguarding/ConsentNotice";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

/** Where a joined phone lives; a reload here resumes with the stored pass. */
export default async function ParticipantPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  // Help contacts are there before the session answers (or while a reloaded phone is offline).
  const { help, safeguarding } = getServices();
  // A phone whose pass is gone lands on the join form here too, with the organisation's notice.
  const { required, notice } = await safeguarding.consent();
  return (
    <ConsentProvider value={{ required, notice }}>
      <PhoneApp initialCode={code.slice(0, 12)} help={await help.forSession()} />
    </ConsentProvider>
  );
}
