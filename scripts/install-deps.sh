#!/usr/bin/env bash
# Installs what Tiến Độ needs from Debian 12 packages, only when something is missing.
set -euo pipefail
packages=(
  build-essential cmake pkg-config ninja-build
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 libpq-dev libsodium-dev libssl-dev openssl libspdlog-dev libfmt-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql postgresql-client wrk
  chromium fonts-noto-core python3-aiosmtpd
  libxlsxwriter-dev libzip-dev libpugixml-dev zlib1g-dev
  libreoffice-writer-nogui fonts-liberation2 poppler-utils
  nginx-light clang libclang-rt-14-dev ccache
  john-data unzip
)
# Node may come from another packaging that bundles npm; ask for Debian's only when absent.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Cài đặt gói còn thiếu / installing: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  # An install stopped half-way (power cut, Ctrl-C, a killed container) leaves dpkg refusing every later one until
  # its packages are configured: finish that first. With nothing pending it does nothing.
  DEBIAN_FRONTEND=noninteractive $sudo_cmd dpkg --configure -a
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
