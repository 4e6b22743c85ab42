"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorText } from "@/components/ui/ErrorText";
import type { SessionState } from "@/lib/domain/session-state";

/** The participant's group on its phone: name, members, "we're done"; or the choice of groups in self-select. */
export function PhoneGroup({
  session,
  me,
  onChoose,
  onMark,
  compact = false,
}: {
  session: SessionState;
  me: string;
  onChoose: (groupId: string) => Promise<string | null>;
  onMark: (groupId: string, done: boolean) => Promise<string | null>;
  /** One line, to leave room (a drawing step). */
  compact?: boolean;
}) {
  const t = useTranslations("groups");
  const [error, setError] = useState<string | null>(null);
  if (session.groupOrder.length === 0) return null;
  const mine = session.membership[me];
  const group = mine ? session.groups[mine] : null;

  if (!group) {
    if (!session.selfSelect) return null;
    return (
      <section className="flex flex-col gap-2 rounded-xl bg-slate-50 p-3" data-testid="choose-group">
        <h2 className="font-bold">{t("choose")}</h2>
        <ul className="flex flex-col gap-2">
          {session.groupOrder.map((gid) => {
            const g = session.groups[gid];
            const size = session.groupSizes[gid] ?? 0;
            const full = session.groupCap !== null && size >= session.groupCap;
            return (
              <li key={gid}>
                <Button
                  variant="secondary"
                  className="w-full justify-between border-l-8"
                  style={{ borderLeftColor: g.colour }}
                  disabled={full}
                  onClick={async () => setError(await onChoose(gid))}
                  aria-label={t("join", { name: g.name })}
                >
                  <span>{g.name}</span>
                  <span className="text-sm font-normal">{full ? t("full") : session.groupCap ? t("ofCap", { count: size, cap: session.groupCap }) : t("members", { count: size })}</span>
                </Button>
              </li>
            );
          })}
        </ul>
        <ErrorText code={error} />
      </section>
    );
  }

  const mates = Object.values(session.participants).filter((p) => session.membership[p.id] === mine);
  if (compact) {
    return (
      <p className="flex items-center gap-2 rounded-lg border-l-8 bg-slate-50 px-3 py-1.5 text-sm" style={{ borderLeftColor: group.colour }} data-testid="phone-group">
        {t("youAreIn")}
        <strong data-testid="my-group" data-group-id={mine}>
          {group.name}
        </strong>
      </p>
    );
  }
  const done = !!session.groupDone[mine!];
  return (
    <section className="flex flex-col gap-2 rounded-xl border-l-8 bg-slate-50 p-3" style={{ borderLeftColor: group.colour }} data-testid="phone-group">
      <p className="text-sm text-slate-600">{t("youAreIn")}</p>
      <p className="text-2xl font-bold" data-testid="my-group" data-group-id={mine}>
        {group.name}
      </p>
      <ul className="flex flex-wrap gap-1" aria-label={t("yourGroup")} data-testid="my-group-members">
        {mates.map((p) => (
          <li key={p.id} className={`rounded-full px-2 py-0.5 text-sm ${p.id === me ? "bg-cyan-100 font-semibold" : "bg-white"}`}>
            {p.nickname}
          </li>
        ))}
      </ul>
      {session.selfSelect && (
        <details className="text-sm">
          <summary className="cursor-pointer underline">{t("choose")}</summary>
          <div className="mt-2 flex flex-wrap gap-2">
            {session.groupOrder
              .filter((gid) => gid !== mine)
              .map((gid) => (
                <Button key={gid} variant="secondary" onClick={async () => setError(await onChoose(gid))}>
                  {t("join", { name: session.groups[gid].name })}
                </Button>
              ))}
          </div>
        </details>
      )}
      <Button variant={done ? "secondary" : "primary"} onClick={async () => setError(await onMark(mine!, !done))} data-testid="group-done">
        {done ? t("notDone") : t("weAreDone")}
      </Button>
      <ErrorText code={error} />
    </section>
  );
}

/** Trainer announcements this phone may see, newest first. */
export function Broadcasts({ session }: { session: SessionState }) {
  const t = useTranslations("groups");
  const recent = session.broadcasts.slice(-3).reverse();
  if (recent.length === 0) return null;
  return (
    <section aria-live="polite" className="flex flex-col gap-2">
      {recent.map((b) => (
        <p key={b.id} data-testid="broadcast" className="rounded-xl border-2 border-brand bg-cyan-50 p-3">
          <span className="block text-xs font-bold text-brand-dark uppercase">{t("fromTrainer")}</span>
          <span className="whitespace-pre-line">{b.text}</span>
        </p>
      ))}
    </section>
  );
}
