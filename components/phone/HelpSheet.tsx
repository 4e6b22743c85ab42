"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import type { HelpInfo } from "@/lib/domain/help-contacts";
import { HelpContactList } from "./HelpContactList";

/**
 * The phone's "Help" button and the sheet it opens: the session's support
 * contacts, one tap away from every screen. The sheet is a modal dialog
 * (Escape or Close shuts it, focus returns to the button); its contacts are
 * only in the page while it is open.
 */
export function HelpSheet({ help }: { help: HelpInfo }) {
  const t = useTranslations("phone");
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  useEffect(() => {
    if (!open) return;
    close.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);

  function shut() {
    setOpen(false);
    trigger.current?.focus();
  }

  return (
    <>
      <button
        ref={trigger}
        type="button"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        aria-expanded={open}
        data-testid="help-button"
        className="inline-flex min-h-11 min-w-11 items-center justify-center gap-1.5 rounded-full border-2 border-rose-600 bg-white px-4 font-bold text-rose-700"
      >
        <span aria-hidden className="flex size-5 items-center justify-center rounded-full bg-rose-600 text-xs text-white">
          ?
        </span>
        {t("help")}
      </button>
      {open && (
        <div className="fixed inset-0 z-50 flex items-end justify-center bg-slate-900/50" onClick={(e) => e.target === e.currentTarget && shut()}>
          <div
            role="dialog"
            aria-modal="true"
            aria-labelledby={titleId}
            data-testid="help-sheet"
            className="flex max-h-[90dvh] w-full max-w-md flex-col gap-3 overflow-y-auto rounded-t-2xl bg-slate-50 p-4 pb-[max(1rem,env(safe-area-inset-bottom))] shadow-2xl"
          >
            <div className="flex items-center justify-between gap-2">
              <h2 id={titleId} className="text-xl font-bold">
                {t("helpTitle")}
              </h2>
              <button ref={close} type="button" onClick={shut} className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-lg border border-slate-300 bg-white px-3 font-semibold">
                {t("close")}
              </button>
            </div>
            <p className="text-sm text-slate-700">{t("helpIntro")}</p>
            <HelpContactList help={help} />
          </div>
        </div>
      )}
    </>
  );
}
