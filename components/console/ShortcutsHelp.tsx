"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef } from "react";
import { SHORTCUT_KEYS } from "./step-controls";

/**
 * The "Shortcuts" button and the small panel it opens: every console key,
 * in the console's language. Escape, the close button or a click elsewhere
 * closes it; focus goes back to the button.
 */
export function ShortcutsHelp({ open, onOpen, hasVideo }: { open: boolean; onOpen: (open: boolean) => void; hasVideo: boolean }) {
  const t = useTranslations("controls");
  const ids = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const wasOpen = useRef(open);

  useEffect(() => {
    if (open) panel.current?.focus();
    else if (wasOpen.current) button.current?.focus();
    wasOpen.current = open;
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onOpen(false);
    };
    const onDown = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) onOpen(false);
    };
    window.addEventListener("keydown", onKey);
    window.addEventListener("pointerdown", onDown);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("pointerdown", onDown);
    };
  }, [open, onOpen]);

  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        onClick={() => onOpen(!open)}
        aria-expanded={open}
        aria-haspopup="dialog"
        aria-controls={`${ids}-panel`}
        className="hidden min-h-11 items-center gap-1.5 rounded-lg border border-slate-300 bg-white px-3 text-sm font-semibold hover:bg-slate-100 md:inline-flex"
        data-testid="shortcuts-button"
      >
        <kbd aria-hidden className="rounded border border-slate-400 px-1 font-mono text-xs">
          ?
        </kbd>
        {t("shortcuts")}
      </button>
      {open && (
        <div
          ref={panel}
          id={`${ids}-panel`}
          role="dialog"
          aria-labelledby={`${ids}-title`}
          tabIndex={-1}
          className="absolute top-full right-0 z-50 mt-2 w-[min(22rem,calc(100vw-1.5rem))] rounded-xl border border-slate-300 bg-white p-4 text-sm shadow-xl"
          data-testid="shortcuts-help"
        >
          <div className="mb-2 flex items-center justify-between gap-2">
            <h2 id={`${ids}-title`} className="font-bold">
              {t("shortcutsTitle")}
            </h2>
            <button type="button" onClick={() => onOpen(false)} className="min-h-11 rounded-md px-2 font-semibold text-brand-dark hover:bg-slate-100">
              {t("close")}
            </button>
          </div>
          <dl className="grid grid-cols-[auto_1fr] items-baseline gap-x-3 gap-y-2">
            {SHORTCUT_KEYS.map(({ shortcut, keys }) => (
              <div key={shortcut} className={`contents ${shortcut === "video" && !hasVideo ? "text-slate-500" : ""}`} data-testid="shortcut">
                <dt className="flex flex-wrap gap-1 whitespace-nowrap">
                  {keys.map((k) => (
                    <kbd key={k} className="rounded border border-slate-400 bg-slate-50 px-1.5 font-mono text-xs">
                      {k === "Space" ? t("keySpace") : k === "Page Down" ? t("keyPageDown") : k === "Page Up" ? t("keyPageUp") : k}
                    </kbd>
                  ))}
                </dt>
                <dd>{t(`shortcut.${shortcut}`)}</dd>
              </div>
            ))}
          </dl>
          <p className="mt-3 text-xs text-slate-600">{t("shortcutsNote")}</p>
        </div>
      )}
    </div>
  );
}
