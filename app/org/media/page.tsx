import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ConsoleHeader } from "@/components/console/ConsoleHeader";
import { CaptionsUploader, MediaUploader } from "@/components/org/MediaUploader";
import { requireUser } from "@/lib/server/accounts/current-user";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

/** Organisers upload the videos their plans show, with captions per language. */
export default async function MediaPage() {
  const user = await requireUser("/org/media");
  if (user.role !== "organiser") notFound();
  const t = await getTranslations("media");
  const items = await getServices().media.list();
  return (
    <>
      <ConsoleHeader userName={user.name} isOrganiser />
      <main className="mx-auto flex max-w-5xl flex-col gap-4 p-6">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-slate-700">{t("intro")}</p>
        <MediaUploader />
        {items.length === 0 ? (
          <p className="text-slate-500">{t("none")}</p>
        ) : (
          <ul className="flex flex-col gap-3" data-testid="media-list">
            {items.map((m) => (
              <li key={m.id} className="flex flex-col gap-2 rounded-2xl bg-white p-4 shadow-sm" data-testid="media-item" data-media-id={m.id}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <div>
                    <p className="font-semibold">{m.title}</p>
                    <p className="font-mono text-xs text-slate-600">
                      {m.id} · {m.type} · {t("size", { mb: (m.size / 1e6).toFixed(1) })}
                    </p>
                  </div>
                  <video src={`/media/${m.file}`} preload="metadata" controls muted className="h-24 rounded bg-black" />
                </div>
                <div className="flex flex-wrap gap-3">
                  {(["en", "ru", "kk"] as const).map((l) => (
                    <CaptionsUploader key={l} mediaId={m.id} lang={l} has={m.captions.includes(l)} />
                  ))}
                </div>
              </li>
            ))}
          </ul>
        )}
      </main>
    </>
  );
}
