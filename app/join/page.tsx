import { PhoneApp } from "@/components/phone/PhoneApp";
import { ConsentProvider } from "@/components/safeguarding/ConsentNotice";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export default async function JoinPage({ searchParams }: { searchParams: Promise<{ code?: string }> }) {
  const { code } = await searchParams;
  // The organisation's help contacts, so the join page has them one tap away too.
  const { help, safeguarding } = getServices();
  // The organisation's notice (and whether "I agree" is required) is read at every request: an edit reaches the next phone.
  const { required, notice } = await safeguarding.consent();
  return (
    <ConsentProvider value={{ required, notice }}>
      <PhoneApp initialCode={typeof code === "string" ? code.slice(0, 12) : ""} help={await help.forSession()} />
    </ConsentProvider>
  );
}
