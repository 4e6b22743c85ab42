"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { LOCALE_NAMES, LOCALES, type Locale } from "@/lib/domain/locales";
import { localize, type PlanStep } from "@/lib/domain/plan";
import { videoPosition, type VideoState } from "@/lib/domain/session-state";

/** How far the projector may drift from the trainer's position before it jumps. */
const DRIFT_S = 0.3;

/** A media id or file name as its URL; the server finds the container for a bare id. */
export function mediaUrl(media: string): string {
  return `/media/${encodeURIComponent(media)}`;
}

/**
 * The projector's video: follows the trainer's play, pause and seek (events
 * with server time), corrects drift every half second, shows the chosen
 * captions large, and the prompt of a pause point when the video stops there.
 */
export function VideoStage({ step, video, clockOffset, language }: { step: PlanStep; video: VideoState; clockOffset: number; language: Locale }) {
  const t = useTranslations("video");
  const ref = useRef<HTMLVideoElement>(null);
  const [needsGesture, setNeedsGesture] = useState(false);
  const base = step.media!.replace(/\.(webm|mp4)$/, "");

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const follow = () => {
      const target = videoPosition(video, Date.now() + clockOffset);
      if (Math.abs(el.currentTime - target) > DRIFT_S && el.readyState >= 1) el.currentTime = Math.min(target, el.duration || target);
      el.volume = video.volume;
      if (video.playing && el.paused) {
        el.play().catch(() => {
          // Autoplay with sound needs a click on this screen; play muted meanwhile.
          el.muted = true;
          setNeedsGesture(true);
          void el.play().catch(() => undefined);
        });
      } else if (!video.playing && !el.paused) el.pause();
    };
    follow();
    const id = setInterval(follow, 500);
    el.addEventListener("loadedmetadata", follow);
    return () => {
      clearInterval(id);
      el.removeEventListener("loadedmetadata", follow);
    };
  }, [video, clockOffset]);

  useEffect(() => {
    const tracks = ref.current?.textTracks;
    if (!tracks) return;
    for (const track of Array.from(tracks)) track.mode = track.language === video.captions ? "showing" : "disabled";
  }, [video.captions]);

  const point = video.pausePoint !== null ? step.pausePoints?.find((p) => p.at === video.pausePoint) : undefined;
  return (
    <div className="relative flex h-full items-center justify-center bg-black" data-testid="video-stage">
      <video
        ref={ref}
        src={mediaUrl(step.media!)}
        preload="auto"
        playsInline
        className="h-full w-full object-contain"
        data-testid="screen-video"
        data-playing={video.playing}
        crossOrigin="anonymous"
      >
        {LOCALES.map((l) => (
          <track key={l} kind="captions" srcLang={l} label={LOCALE_NAMES[l]} src={`/media/${base}.${l}.vtt`} default={l === video.captions} />
        ))}
      </video>
      {point && (
        <div className="absolute inset-x-[8%] bottom-[10%] rounded-2xl bg-amber-100 p-[2vw] text-center text-slate-900" data-testid="pause-point" role="status">
          <p className="text-[1.5vw] font-bold uppercase">{t("pausePoint")}</p>
          <p className="text-[2.6vw] font-semibold">{localize(point.prompt, language)}</p>
        </div>
      )}
      {needsGesture && (
        <button
          type="button"
          className="absolute top-4 right-4 rounded-lg bg-white/90 px-3 py-2 text-sm font-semibold text-slate-900"
          onClick={() => {
            if (ref.current) ref.current.muted = false;
            setNeedsGesture(false);
          }}
        >
          {t("enableSound")}
        </button>
      )}
    </div>
  );
}
