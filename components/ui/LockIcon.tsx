/** A padlock, closed or open; decorative (the text beside it says what it means). */
export function LockIcon({ open = false, className = "" }: { open?: boolean; className?: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden focusable="false" className={className} fill="none" stroke="currentColor" strokeWidth={2.2} strokeLinecap="round" strokeLinejoin="round">
      <rect x="4.5" y="10.5" width="15" height="10" rx="2" />
      <path d={open ? "M8 10.5V7a4 4 0 0 1 7.5-2" : "M8 10.5V7a4 4 0 0 1 8 0v3.5"} />
    </svg>
  );
}
