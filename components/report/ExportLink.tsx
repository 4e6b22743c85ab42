"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

/**
 * A download that says what it is doing: "preparing" while the server builds
 * the file, then the share received, then done. Falls back to a plain link.
 */
export function ExportLink({ href, label, testId }: { href: string; label: string; testId: string }) {
  const t = useTranslations("reports");
  const [state, setState] = useState<{ phase: "idle" | "preparing" | "receiving" | "error"; pct: number }>({ phase: "idle", pct: 0 });

  async function download(e: React.MouseEvent<HTMLAnchorElement>) {
    if (!("ReadableStream" in window)) return;
    e.preventDefault();
    setState({ phase: "preparing", pct: 0 });
    try {
      const res = await fetch(href);
      if (!res.ok || !res.body) throw new Error(String(res.status));
      const total = Number(res.headers.get("content-length")) || 0;
      const reader = res.body.getReader();
      const parts: Uint8Array<ArrayBuffer>[] = [];
      let got = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value as Uint8Array<ArrayBuffer>);
        got += value.length;
        setState({ phase: "receiving", pct: total ? Math.round((got / total) * 100) : 0 });
      }
      const url = URL.createObjectURL(new Blob(parts, { type: res.headers.get("content-type") ?? "application/octet-stream" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = res.headers.get("content-disposition")?.match(/filename="([^"]+)"/)?.[1] ?? "export";
      a.click();
      URL.revokeObjectURL(url);
      setState({ phase: "idle", pct: 0 });
    } catch {
      setState({ phase: "error", pct: 0 });
    }
  }

  return (
    <span className="inline-flex items-center gap-2">
      <a className="text-brand-dark underline" href={href} onClick={download} data-testid={testId} aria-busy={state.phase === "preparing" || state.phase === "receiving"}>
        {label}
      </a>
      {state.phase !== "idle" && (
        <span role="status" className="text-xs font-normal text-slate-600">
          {state.phase === "preparing" ? t("preparing") : state.phase === "receiving" ? `${state.pct}%` : t("exportFailed")}
        </span>
      )}
    </span>
  );
}
