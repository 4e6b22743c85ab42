import { notFound } from "next/navigation";
import { ConsoleHeader } from "@/components/console/ConsoleHeader";
import { ConsoleView } from "@/components/console/ConsoleView";
import { requireUser } from "@/lib/server/accounts/current-user";
import { joinLinkFor } from "@/lib/server/join-link";
import { getServices } from "@/lib/server/services";
import { sealScreenKey } from "@/lib/server/accounts/tokens";

export const dynamic = "force-dynamic";

export default async function ConsoleSessionPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  const user = await requireUser(`/console/${sessionId}`);
  const { store, secret } = getServices();
  const record = await store.getSession(sessionId);
  if (!record || (user.role !== "organiser" && record.trainerId !== user.id)) notFound();
  const link = await joinLinkFor(record.code);
  // A screen key lets the projector run on another machine without a trainer account.
  const screenKey = await sealScreenKey(sessionId, secret);
  // On a laptop the console is exactly one screen high; its columns scroll on their own.
  return (
    <div className="flex min-h-dvh flex-col lg:h-dvh">
      <ConsoleHeader userName={user.name} isOrganiser={user.role === "organiser"} />
      <ConsoleView sessionId={sessionId} joinUrl={link.joinUrl} qr={link.qr} screenHref={`/screen/${sessionId}?key=${encodeURIComponent(screenKey)}`} />
    </div>
  );
}
