import { PhoneApp } from "@/components/phone/PhoneApp";

export const dynamic = "force-dynamic";

/** Where a joined phone lives; a reload here resumes with the stored pass. */
export default async function ParticipantPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return <PhoneApp initialCode={code.slice(0, 12)} />;
}
