"use client";

import { useTranslations } from "next-intl";
import { Countdown } from "@/components/agenda/Countdown";
import type { SessionState } from "@/lib/domain/session-state";

/** Groups on the projector: big names in their colours, sizes, and who is done. */
export function GroupCards({ session, online, clockOffset }: { session: SessionState; online: Set<string>; clockOffset: number }) {
  const t = useTranslations("groups");
  if (session.groupOrder.length === 0) return null;
  return (
    <ul className="flex flex-wrap justify-center gap-[1vw]" data-testid="screen-groups">
      {session.groupOrder.map((gid) => {
        const g = session.groups[gid];
        const size = session.groupSizes[gid] ?? 0;
        const here = session.participantOrder.filter((id) => session.membership[id] === gid && online.has(id)).length;
        const done = session.groupDone[gid];
        return (
          <li
            key={gid}
            data-testid="group"
            data-group-id={gid}
            data-size={size}
            className="flex min-w-[11vw] flex-col rounded-xl border-t-[0.6vw] bg-slate-900 px-[1.2vw] py-[0.8vw]"
            style={{ borderTopColor: g.colour }}
          >
            <span className="text-[2vw] font-bold">{g.name}</span>
            <span className="text-[1.3vw] text-slate-300">
              {session.groupCap ? t("ofCap", { count: size, cap: session.groupCap }) : t("members", { count: size })}
            </span>
            <span className="text-[1.1vw] text-slate-400">{t("online", { count: here })}</span>
            {session.groupTimers[gid] && (
              <span className="text-[1.4vw]">
                <Countdown timer={session.groupTimers[gid]} clockOffset={clockOffset} size="phone" testId="group-timer" />
              </span>
            )}
            {done && <span className="mt-[0.3vw] text-[1.4vw] font-bold text-emerald-400">✓ {t("groupDone")}</span>}
          </li>
        );
      })}
    </ul>
  );
}
