"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { ConsentNotice, useConsent } from "@/components/safeguarding/ConsentNotice";
import { takeForgotten } from "@/lib/client/forget-local";
import { Button } from "@/components/ui/Button";
import { ErrorText } from "@/components/ui/ErrorText";
import { Field } from "@/components/ui/Field";
import { JOIN_CODE_LENGTH } from "@/lib/domain/join-code";
import { NICKNAME_MAX } from "@/lib/domain/nickname";

/**
 * Code and nickname: all a participant ever gives. Above "Join", the
 * organisation's notice (what is collected, who sees it, for how long) and,
 * when the organisation asks, "I agree", without which the form does not
 * join (and the server refuses too).
 */
export function JoinForm({ initialCode, onJoin }: { initialCode: string; onJoin: (code: string, nickname: string, consent?: boolean) => Promise<string | null> }) {
  const t = useTranslations("join");
  const ts = useTranslations("safeguarding");
  const consent = useConsent();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [agreed, setAgreed] = useState(false);
  const [forgotten, setForgotten] = useState(false);
  const agreeBox = useRef<HTMLInputElement>(null);

  useEffect(() => setForgotten(takeForgotten()), []);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (consent?.required && !agreed) {
      setError("CONSENT_REQUIRED");
      agreeBox.current?.focus();
      return;
    }
    const data = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const [code_, nickname] = [String(data.get("code") ?? ""), String(data.get("nickname") ?? "")];
    const code = consent?.required ? await onJoin(code_, nickname, agreed) : await onJoin(code_, nickname);
    setError(code);
    setBusy(false);
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4">
      {forgotten && (
        <p role="status" className="rounded-lg bg-emerald-50 p-3 font-medium text-emerald-900" data-testid="forgotten">
          {ts("forgotten")}
        </p>
      )}
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
      {consent && <ConsentNotice consent={consent} agreed={agreed} onAgree={setAgreed} invalid={error === "CONSENT_REQUIRED"} checkbox={agreeBox} />}
      <ErrorText code={error} />
      <Button type="submit" disabled={busy} className="text-lg">
        {busy ? t("joining") : t("submit")}
      </Button>
      <p className="text-sm text-slate-600">{t("privacy")}</p>
    </form>
  );
}
