import { useId, type InputHTMLAttributes, type ReactNode } from "react";

/** A labelled input with an optional hint; the label is what tests and screen readers find. */
export function Field({ label, hint, className = "", ...props }: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: ReactNode }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      <input
        id={id}
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...props}
        className={`min-h-11 rounded-lg border border-slate-300 bg-white px-3 py-2 text-lg ${className}`}
      />
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      )}
    </div>
  );
}
