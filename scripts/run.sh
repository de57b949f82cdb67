#!/usr/bin/env bash
# `make run`: the demo database on first start, then the server on http://127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${TIENDO_DB:-data/tiendo.db}
port=${PORT:-8080}
if [ ! -f "$db" ]; then
  echo "Tạo cơ sở dữ liệu mẫu Hải Phòng: $db"
  ./build/tiendo --db "$db" demo
fi
cat <<MSG

  Tiến Độ: http://127.0.0.1:$port   (API: /api/v1, tài liệu: /api/v1/openapi.json)

  Tài khoản mẫu (mật khẩu: HaiPhong#Ke-hoach-57 — chỉ dùng cho dữ liệu mẫu):
    admin          quản trị hệ thống
    skhcn          cơ quan thường trực (Sở Khoa học và Công nghệ)
    lanhdao        lãnh đạo Ban Chỉ đạo
    hmcuong        lãnh đạo chủ trì chỉ đạo
    haian          đầu mối phường Hải An
    haian.truong   lãnh đạo UBND phường Hải An (phê duyệt báo cáo)
    haian.vhxh     đầu mối Phòng Văn hóa - Xã hội phường Hải An
    lechan         đầu mối phường Lê Chân
    xem            cán bộ chỉ xem (phường Hải An)
    vmu, dhhp      tổ chức chủ trì nhiệm vụ KH&CN (ĐH Hàng hải, ĐH Hải Phòng; cả hpmu, vtnmtb)

MSG
# Plain HTTP on loopback: the session cookie cannot be Secure here (it is everywhere else by default).
exec ./build/tiendo --db "$db" serve --address 127.0.0.1 --port "$port" --insecure-cookie
