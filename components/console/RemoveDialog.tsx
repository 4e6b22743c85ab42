"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/Button";

/** How many of the chosen names the dialog spells out before "and N more". */
const NAMES_SHOWN = 8;

/**
 * Asks before removing people: in the page (a modal <dialog>), not a
 * browser prompt, with the one question that matters: keep their notes?
 */
export function RemoveDialog({
  names,
  busy,
  onConfirm,
  onCancel,
}: {
  names: string[];
  busy: boolean;
  onConfirm: (keepNotes: boolean) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("room");
  const ref = useRef<HTMLDialogElement>(null);
  const ids = useId();
  const [keepNotes, setKeepNotes] = useState(true);

  useEffect(() => {
    const d = ref.current;
    if (!d || d.open) return;
    // jsdom and very old browsers have no showModal: an open dialog still works.
    if (typeof d.showModal === "function") d.showModal();
    else d.setAttribute("open", "");
  }, []);

  const shown = names.slice(0, NAMES_SHOWN);
  return (
    <dialog
      ref={ref}
      aria-labelledby={`${ids}-title`}
      aria-describedby={`${ids}-body`}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      className="m-auto w-[min(30rem,calc(100vw-2rem))] rounded-2xl bg-white p-0 text-ink shadow-xl backdrop:bg-slate-900/50"
      data-testid="remove-dialog"
    >
      <form
        method="dialog"
        className="flex flex-col gap-4 p-6"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(keepNotes);
        }}
      >
        <h2 id={`${ids}-title`} className="text-xl font-bold">
          {t("confirmRemoveTitle", { count: names.length })}
        </h2>
        <p className="text-slate-700">
          {shown.join(", ")}
          {names.length > shown.length && ` ${t("andMore", { count: names.length - shown.length })}`}
        </p>
        <p id={`${ids}-body`} className="text-slate-700">
          {t("confirmRemoveBody")}
        </p>
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 font-semibold">{t("notesQuestion")}</legend>
          <label className="flex min-h-11 cursor-pointer items-center gap-3">
            <input type="radio" name="notes" className="size-5 accent-brand" checked={keepNotes} onChange={() => setKeepNotes(true)} />
            {t("keepNotes")}
          </label>
          <label className="flex min-h-11 cursor-pointer items-center gap-3">
            <input type="radio" name="notes" className="size-5 accent-rose-700" checked={!keepNotes} onChange={() => setKeepNotes(false)} />
            {t("removeNotes")}
          </label>
        </fieldset>
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onCancel} autoFocus>
            {t("cancel")}
          </Button>
          <Button type="submit" variant="danger" disabled={busy}>
            {t("remove")}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
