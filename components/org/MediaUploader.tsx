"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorText } from "@/components/ui/ErrorText";

/** Sends a file as the raw request body with upload progress (XHR: fetch has no upload progress). */
export function uploadWithProgress(url: string, method: string, file: File, onProgress: (pct: number) => void): Promise<{ ok: boolean; code?: string }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.setRequestHeader("content-type", file.type || "application/octet-stream");
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      let code: string | undefined;
      try {
        code = JSON.parse(xhr.responseText)?.error?.code;
      } catch {
        /* not JSON */
      }
      resolve({ ok: xhr.status >= 200 && xhr.status < 300, code: code ?? (xhr.status >= 300 ? "INTERNAL" : undefined) });
    };
    xhr.onerror = () => resolve({ ok: false, code: "INTERNAL" });
    xhr.send(file);
  });
}

export function MediaUploader() {
  const t = useTranslations("media");
  const router = useRouter();
  const [pct, setPct] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  return (
    <form
      className="flex flex-wrap items-end gap-3 rounded-2xl bg-white p-4 shadow-sm"
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const file = f.get("file") as File | null;
        const title = String(f.get("title") ?? "").trim();
        if (!file || !file.size || !title) return;
        setError(null);
        setDone(false);
        setPct(0);
        const r = await uploadWithProgress(`/api/media?title=${encodeURIComponent(title)}`, "POST", file, setPct);
        setPct(null);
        if (!r.ok) return setError(r.code ?? "INTERNAL");
        setDone(true);
        router.refresh();
      }}
    >
      <label className="flex flex-col text-sm">
        {t("videoTitle")}
        <input name="title" required maxLength={120} className="rounded-lg border border-slate-300 px-2 py-1.5" />
      </label>
      <label className="flex flex-col text-sm">
        {t("file")}
        <input name="file" type="file" accept="video/webm,video/mp4" required className="text-sm" />
      </label>
      <Button type="submit" disabled={pct !== null}>
        {t("upload")}
      </Button>
      {pct !== null && (
        <div className="flex min-w-48 flex-col gap-1" role="status" data-testid="upload-progress">
          <span className="text-sm">{t("uploading", { pct })}</span>
          <progress max={100} value={pct} className="w-full" />
        </div>
      )}
      {done && <span role="status" className="text-sm font-semibold text-emerald-700">{t("uploaded")}</span>}
      <ErrorText code={error} />
    </form>
  );
}

export function CaptionsUploader({ mediaId, lang, has }: { mediaId: string; lang: "en" | "ru" | "kk"; has: boolean }) {
  const t = useTranslations("media");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <label className="flex items-center gap-1 text-xs">
      <span className={has ? "font-semibold text-emerald-700" : ""}>
        {has ? "✓ " : ""}
        {t("captionsFor", { lang })}
      </span>
      <input
        type="file"
        accept=".vtt,text/vtt"
        className="w-40 text-xs"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          const r = await uploadWithProgress(`/api/media/${mediaId}/captions/${lang}`, "PUT", file, () => undefined);
          setError(r.ok ? null : (r.code ?? "INTERNAL"));
          router.refresh();
        }}
      />
      <ErrorText code={error} />
    </label>
  );
}
