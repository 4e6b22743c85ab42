#!/usr/bin/env bash
# Rebuilds content/media/demo-awareness.webm: six 6-second title cards (VP8 + silent Vorbis,
# 640x360, ~700 KB). Needs ffmpeg and the DejaVu font (Debian: ffmpeg fonts-dejavu-core).
# The committed file is what the app ships; this only documents how it was made.
set -euo pipefail
F=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
OUT="$(dirname "$0")/../content/media/demo-awareness.webm"
cards=("1  The offer" "2  The secret" "3  The passport" "4  The debt" "5  Silence" "6  Look out for each other")
colours=(0x0e7490 0x7c2d12 0x1e3a8a 0x4c1d95 0x111827 0x14532d)
inputs=() filters="" labels=""
for i in "${!cards[@]}"; do
  inputs+=(-f lavfi -i "color=c=${colours[$i]}:s=640x360:d=6:r=15")
  filters+="[$i]drawtext=fontfile=$F:text='${cards[$i]}':fontcolor=white:fontsize=42:x=(w-tw)/2:y=(h-th)/2[c$i];"
  labels+="[c$i]"
done
ffmpeg -hide_banner -loglevel error -y "${inputs[@]}" -f lavfi -i "anullsrc=r=22050:cl=mono" \
  -filter_complex "${filters}${labels}concat=n=6:v=1:a=0,drawtext=fontfile=$F:text='%{pts\\:hms}':fontcolor=white@0.8:fontsize=18:x=w-tw-12:y=h-th-10[v]" \
  -map "[v]" -map 6:a -t 36 -c:v libvpx -b:v 120k -deadline good -cpu-used 4 -g 30 -c:a libvorbis -b:a 32k "$OUT"
