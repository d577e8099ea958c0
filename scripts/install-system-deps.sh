#!/usr/bin/env bash
# Debian packages the report needs: a CJK font (so chart labels in Chinese render) and
# Chromium (the report is tested in a real headless browser). Needs root; otherwise it
# says what to install and exits 0, and the tests that need them skip with a message.
set -u
need=()
fc-list 2>/dev/null | grep -qiE "Noto (Sans|Serif) CJK|WenQuanYi" || need+=(fonts-noto-cjk)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: please install: ${need[*]} (Debian: apt-get install ${need[*]})" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" fontconfig >/dev/null
