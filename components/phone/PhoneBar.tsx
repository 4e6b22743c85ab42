"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, type ReactNode } from "react";

/** The CSS variable that holds the bar's height, so pages keep that much room free at their bottom. */
export const PHONE_BAR_VAR = "--phone-bar-h";
/** Bottom padding for a page under the bar (its measured height; one row of 44 px buttons until measured). */
export const PHONE_BAR_SPACE = "pb-[var(--phone-bar-h,4.25rem)]";

/**
 * The bar fixed to the bottom of every phone screen: the actions a
 * participant may need at any moment (help contacts, and more), each at
 * least 44x44 px, wrapping onto a second row rather than shrinking. Its
 * height is published as `--phone-bar-h` so nothing hides behind it.
 */
export function PhoneBar({ children }: { children: ReactNode }) {
  const t = useTranslations("phone");
  const bar = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = bar.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const root = document.documentElement.style;
    const observer = new ResizeObserver(() => {
      const height = `${Math.ceil(el.getBoundingClientRect().height)}px`;
      root.setProperty(PHONE_BAR_VAR, height);
      // Focus moves and scrollIntoView stop above the bar, not under it.
      root.scrollPaddingBottom = height;
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      root.removeProperty(PHONE_BAR_VAR);
      root.scrollPaddingBottom = "";
    };
  }, []);
  return (
    <nav
      ref={bar}
      aria-label={t("actions")}
      data-testid="phone-bar"
      className="fixed inset-x-0 bottom-0 z-40 border-t border-slate-200 bg-white/95 pb-[env(safe-area-inset-bottom)] shadow-[0_-2px_8px_rgb(0_0_0/0.06)] backdrop-blur"
    >
      <div className="mx-auto flex max-w-md flex-wrap items-center justify-end gap-2 px-3 py-2">{children}</div>
    </nav>
  );
}
