import { notFound, redirect } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { ScreenView } from "@/components/screen/ScreenView";
import { loadMessages } from "@/lib/i18n/messages";
import { getCurrentUser } from "@/lib/server/accounts/current-user";
import { joinLinkFor } from "@/lib/server/join-link";
import { getServices } from "@/lib/server/services";
import { openScreenKey } from "@/lib/server/accounts/tokens";

export const dynamic = "force-dynamic";

/** The projector: speaks the session's language, whatever the laptop's own setting. */
export default async function ScreenPage({
  params,
  searchParams,
}: {
  params: Promise<{ sessionId: string }>;
  searchParams: Promise<{ key?: string }>;
}) {
  const { sessionId } = await params;
  const { key } = await searchParams;
  const { store, secret } = getServices();
  const record = await store.getSession(sessionId);
  if (!record) notFound();
  const user = await getCurrentUser();
  const isStaff = !!user && (user.role === "organiser" || user.id === record.trainerId);
  const keyOk = !!key && (await openScreenKey(key, secret))?.sessionId === sessionId;
  if (!isStaff && !keyOk) redirect(`/login?next=${encodeURIComponent(`/screen/${sessionId}`)}`);
  const link = await joinLinkFor(record.code);
  const messages = await loadMessages(record.language);
  return (
    <NextIntlClientProvider locale={record.language} messages={messages}>
      <div lang={record.language}>
        <ScreenView sessionId={sessionId} screenKey={keyOk ? key : undefined} joinUrl={link.joinUrl} qr={link.qr} />
      </div>
    </NextIntlClientProvider>
  );
}
