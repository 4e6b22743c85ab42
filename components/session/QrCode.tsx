import type { QrShape } from "@/lib/server/qr";

/** Draws a QR code from its module path, black on white with the standard quiet zone. */
export function QrCode({ shape, label, className = "" }: { shape: QrShape; label: string; className?: string }) {
  const q = 4;
  const view = shape.size + q * 2;
  return (
    <svg
      role="img"
      aria-label={label}
      data-testid="join-qr"
      viewBox={`${-q} ${-q} ${view} ${view}`}
      className={`bg-white ${className}`}
      shapeRendering="crispEdges"
    >
      <rect x={-q} y={-q} width={view} height={view} fill="#fff" />
      <path d={shape.path} fill="#000" />
    </svg>
  );
}
