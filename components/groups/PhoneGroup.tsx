"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorText } from "@/components/ui/ErrorText";
import type { SessionState } from "@/lib/domain/session-state";

/** The phone's group as a small chip in its colour: the name, always in view while the phone is in a group. */
export function GroupChip({ session, me }: { session: SessionState; me: string }) {
  const tp = useTranslations("phone");
  const mine = session.membership[me];
  const group = mine ? session.groups[mine] : null;
  if (!group) return null;
  return (
    <span className="inline-flex min-w-0 items-center gap-1.5 rounded-full bg-slate-100 py-0.5 pr-3 pl-1" data-testid="phone-group">
      <span aria-hidden className="size-4 shrink-0 rounded-full" style={{ background: group.colour }} />
      <span className="sr-only">{tp("groupLabel")}</span>
      <strong className="truncate" data-testid="my-group" data-group-id={mine}>
        {group.name}
      </strong>
    </span>
  );
}

/**
 * The participant's group on its phone: its members and "we're done" on a
 * group-work step (`groupWork`), a change of group in self-select, and the
 * name itself where no chip shows it (`showName`). Without a group in
 * self-select, the choice of groups.
 */
export function PhoneGroup({
  session,
  me,
  onChoose,
  onMark,
  groupWork = true,
  showName = true,
}: {
  session: SessionState;
  me: string;
  onChoose: (groupId: string) => Promise<string | null>;
  onMark: (groupId: string, done: boolean) => Promise<string | null>;
  /** The current step is group work: show the members and "we're done". */
  groupWork?: boolean;
  /** Show the group's name (the chip shows it on step screens). */
  showName?: boolean;
}) {
  const t = useTranslations("groups");
  const tp = useTranslations("phone");
  const [error, setError] = useState<string | null>(null);
  if (session.groupOrder.length === 0) return null;
  const mine = session.membership[me];
  const group = mine ? session.groups[mine] : null;

  if (!group) {
    if (!session.selfSelect) return null;
    return (
      <section className="flex flex-col gap-2 rounded-xl bg-slate-100 p-3" data-testid="choose-group">
        <h2 className="font-bold">{t("choose")}</h2>
        <GroupChoices session={session} exclude={null} onChoose={async (gid) => setError(await onChoose(gid))} />
        <ErrorText code={error} />
      </section>
    );
  }
  if (!showName && !groupWork && !session.selfSelect) return null;

  const mates = Object.values(session.participants).filter((p) => session.membership[p.id] === mine);
  const done = !!session.groupDone[mine!];
  return (
    <section className="flex flex-col gap-1.5 rounded-xl border-l-8 bg-slate-100 px-3 py-2" style={{ borderLeftColor: group.colour }} data-testid={showName ? "phone-group" : "phone-group-work"}>
      {showName && (
        <p className="flex items-baseline gap-1.5">
          <span className="text-sm text-slate-600">{t("youAreIn")}</span>
          <strong className="text-xl" data-testid="my-group" data-group-id={mine}>
            {group.name}
          </strong>
        </p>
      )}
      {groupWork && (
        <>
          <ul className="flex flex-wrap gap-1" aria-label={t("yourGroup")} data-testid="my-group-members">
            {mates.map((p) => (
              <li key={p.id} className={`rounded-full px-2 py-0.5 text-sm ${p.id === me ? "bg-cyan-100 font-semibold" : "bg-white"}`}>
                {p.nickname}
              </li>
            ))}
          </ul>
          <Button variant={done ? "secondary" : "primary"} className="self-end text-sm" onClick={async () => setError(await onMark(mine!, !done))} data-testid="group-done">
            {done ? t("notDone") : t("weAreDone")}
          </Button>
        </>
      )}
      {session.selfSelect && (
        <details className="text-sm">
          <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-brand-dark underline">{tp("changeGroup")}</summary>
          <div className="pb-2">
            <GroupChoices session={session} exclude={mine!} onChoose={async (gid) => setError(await onChoose(gid))} />
          </div>
        </details>
      )}
      <ErrorText code={error} />
    </section>
  );
}

/** The groups to choose from, two to a row so forty groups stay a short list. */
function GroupChoices({ session, exclude, onChoose }: { session: SessionState; exclude: string | null; onChoose: (groupId: string) => void }) {
  const t = useTranslations("groups");
  return (
    <ul className="grid grid-cols-2 gap-2">
      {session.groupOrder
        .filter((gid) => gid !== exclude)
        .map((gid) => {
          const g = session.groups[gid];
          const size = session.groupSizes[gid] ?? 0;
          const full = session.groupCap !== null && size >= session.groupCap;
          return (
            <li key={gid}>
              <Button
                variant="secondary"
                className="h-full w-full flex-col border-l-8"
                style={{ borderLeftColor: g.colour }}
                disabled={full}
                onClick={() => onChoose(gid)}
                aria-label={t("join", { name: g.name })}
              >
                <span className="break-words">{g.name}</span>
                <span className="text-xs font-normal">{full ? t("full") : session.groupCap ? t("ofCap", { count: size, cap: session.groupCap }) : t("members", { count: size })}</span>
              </Button>
            </li>
          );
        })}
    </ul>
  );
}

/** Trainer announcements this phone may see, newest first (`limit` of them). */
export function Broadcasts({ session, limit = 3 }: { session: SessionState; limit?: number }) {
  const t = useTranslations("groups");
  const recent = session.broadcasts.slice(-limit).reverse();
  if (recent.length === 0) return null;
  return (
    <section aria-live="polite" className="flex flex-col gap-2">
      {recent.map((b) => (
        <p key={b.id} data-testid="broadcast" className="rounded-xl border-2 border-brand bg-cyan-50 px-3 py-2">
          <span className="block text-xs font-bold text-brand-dark uppercase">{t("fromTrainer")}</span>
          <span className="whitespace-pre-line">{b.text}</span>
        </p>
      ))}
    </section>
  );
}
