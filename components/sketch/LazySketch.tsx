"use client";

import { lazy, Suspense, type ComponentProps } from "react";

/*
 * The drawing pad and the sketch view, loaded when a sketch is on screen: a
 * phone that never reaches a sketch step never downloads the drawing code
 * (perfect-freehand, the pad's pointer handling and stroke batching).
 * React.lazy rather than next/dynamic, which would add its own loader to the
 * phone's first load; neither renders on the server (a phone's session comes
 * over the socket).
 */

const SketchPad = lazy(() => import("./SketchPad").then((m) => ({ default: m.SketchPad })));
const SketchView = lazy(() => import("./SketchView").then((m) => ({ default: m.SketchView })));

export function LazySketchPad(props: ComponentProps<typeof SketchPad>) {
  return (
    <Suspense fallback={<div className="flex min-h-60 flex-1 rounded-xl bg-white" aria-busy="true" />}>
      <SketchPad {...props} />
    </Suspense>
  );
}

export function LazySketchView(props: ComponentProps<typeof SketchView>) {
  return (
    <Suspense fallback={<div className="aspect-[3/4] w-full rounded-lg border border-slate-300 bg-white" aria-busy="true" />}>
      <SketchView {...props} />
    </Suspense>
  );
}
