"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorText } from "@/components/ui/ErrorText";
import { Field } from "@/components/ui/Field";
import { JOIN_CODE_LENGTH } from "@/lib/domain/join-code";
import { NICKNAME_MAX } from "@/lib/domain/nickname";

/** Code and nickname: all a participant ever gives. */
export function JoinForm({ initialCode, onJoin }: { initialCode: string; onJoin: (code: string, nickname: string) => Promise<string | null> }) {
  const t = useTranslations("join");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const code = await onJoin(String(data.get("code") ?? ""), String(data.get("nickname") ?? ""));
    setError(code);
    setBusy(false);
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4">
      <Field
        label={t("code")}
        name="code"
        defaultValue={initialCode}
        required
        autoCapitalize="characters"
        autoComplete="off"
        spellCheck={false}
        maxLength={JOIN_CODE_LENGTH + 4}
        inputMode="text"
        className="font-mono tracking-widest uppercase"
      />
      <Field label={t("nickname")} name="nickname" required maxLength={NICKNAME_MAX} autoComplete="nickname" hint={t("nicknameHint")} />
      <ErrorText code={error} />
      <Button type="submit" disabled={busy} className="text-lg">
        {busy ? t("joining") : t("submit")}
      </Button>
      <p className="text-sm text-slate-600">{t("privacy")}</p>
    </form>
  );
}
