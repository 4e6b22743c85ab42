"use client";

import { useTranslations } from "next-intl";
import type { StaffAction } from "@/lib/client/live-connection";
import { manualPage } from "@/components/screen/screen-type";
import { currentStep, type SessionState } from "@/lib/domain/session-state";

type PagerAction = StaffAction<"board:configure">;

/**
 * Turns the projector's pages by hand: a long text (the case, the questions)
 * or a wall that does not fit on one screen. The projector alone knows how
 * many pages fit, so the console counts forward and back and the projector
 * shows that page modulo its page count; "Turn pages by itself" hands paging
 * back to the projector's timer.
 */
export function ScreenPager({ session, onAction, busy }: { session: SessionState; onAction: (a: PagerAction) => unknown; busy: boolean }) {
  const t = useTranslations("controls");
  const step = currentStep(session);
  if (!step || step.kind === "video" || step.kind === "sketch" || session.status === "ended") return null;
  const page = manualPage(session.board, step.id);
  const turn = (to: number | null) => onAction({ type: "board:configure", settings: { screenPage: to === null ? null : { stepId: step.id, page: to } } });
  const btn = "inline-flex min-h-8 items-center justify-center rounded-md border border-slate-300 bg-white px-2 text-sm font-semibold hover:bg-slate-100 disabled:text-slate-400";
  return (
    <div role="group" className="flex flex-wrap items-center gap-2 px-1" aria-label={t("pagesLabel")} data-testid="screen-pager" data-paging={page === null ? "auto" : "manual"} title={t("pagesAutoNow")}>
      <span className="text-xs font-bold text-slate-500 uppercase">{t("pagesLabel")}</span>
      <button type="button" className={btn} disabled={busy || page === null || page <= 0} onClick={() => turn(Math.max(0, (page ?? 0) - 1))}>
        {t("pageBack")}
      </button>
      <button type="button" className={btn} disabled={busy} onClick={() => turn(page === null ? 1 : page + 1)}>
        {t("pageForward")}
      </button>
      {page !== null ? (
        <button type="button" className={btn} disabled={busy} onClick={() => turn(null)}>
          {t("pagesAuto")}
        </button>
      ) : null}
    </div>
  );
}
