#!/usr/bin/env python3
"""Issue 16: a national-size S&T task register written into a demo SQLite database — `provinces` host organisations
(one per province, under the demo's host root) with `tasks` tasks each, spread over every stage as a real register
is (most in execution), each stage with its document, advances and settlements, an inspection, the year's estimate,
and a monthly update for most months owed (some late, some missing). Deterministic (seeded). Run by bench/st.sh.

Usage: python3 bench/st_gen.py DB [provinces=34] [tasks=200]
"""
import random
import sqlite3
import sys
from datetime import date, timedelta

db, provinces, per = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 34, int(sys.argv[3]) if len(sys.argv) > 3 else 200
rnd = random.Random(16)
c = sqlite3.connect(db)
root_id, root_path = c.execute("SELECT id, path FROM units WHERE kind = 'host_root'").fetchone()
managing = c.execute("SELECT id FROM units WHERE code = 'SKHCN'").fetchone()[0]
AT = '2026-11-24T03:00:00Z'
ORDER = ['de_xuat', 'xac_dinh', 'giao_truc_tiep', 'xet_chon', 'phe_duyet', 'hop_dong', 'thuc_hien', 'nop_nghiem_thu',
         'danh_gia', 'cong_nhan', 'dang_ky_kq', 'quyet_toan']
# Where the tasks stand: most in execution, as a register of live tasks is.
WEIGHTS = {'de_xuat': 4, 'xac_dinh': 3, 'xet_chon': 3, 'phe_duyet': 4, 'hop_dong': 4, 'thuc_hien': 50, 'nop_nghiem_thu': 6,
           'danh_gia': 4, 'cong_nhan': 6, 'dang_ky_kq': 4, 'quyet_toan': 6, 'huy': 2, 'cham_dut': 2}
SECTORS = ['Nông nghiệp', 'Y tế', 'Giao thông', 'Môi trường', 'Công nghiệp', 'Chuyển đổi số', 'Giáo dục', 'Biển, đảo']
TODAY = date(2026, 11, 24)


def iso(d):
    return d.isoformat()


def next_id(table):
    return (c.execute(f'SELECT COALESCE(MAX(id), 0) FROM {table}').fetchone()[0]) + 1


uid = next_id('units')
tid = next_id('st_tasks')
stages = list(WEIGHTS)
weights = list(WEIGHTS.values())
units, tasks, events, updates, estimates, years = [], [], [], [], [], []
for p in range(1, provinces + 1):
    unit_id = uid
    uid += 1
    code = f'HOST-P{p:02d}'
    units.append((unit_id, root_id, code, f'Viện Khoa học và Công nghệ tỉnh {p:02d}', f'Viện KH&CN {p:02d}', 'host_org',
                  'other', f'{root_path}{unit_id}/', f'vien khoa hoc va cong nghe tinh {p:02d} {code.lower()}'))
    for i in range(per):
        task_id = tid
        tid += 1
        target = rnd.choices(stages, weights)[0]
        start = date(2024, 1, 1) + timedelta(days=rnd.randrange(0, 900))
        if start > TODAY - timedelta(days=120):
            start = TODAY - timedelta(days=120 + rnd.randrange(0, 200))
        budget = rnd.randrange(3, 40) * 100_000_000
        path = ORDER[:ORDER.index(target) + 1] if target in ORDER else ORDER[:rnd.randrange(2, 7)] + [target]
        d = start - timedelta(days=240)
        contract_on = end = None
        for s in path:
            d += timedelta(days=rnd.randrange(5, 40)) if s != 'thuc_hien' else timedelta(days=3)
            if s == 'hop_dong':
                contract_on = d
            rec = d + timedelta(days=rnd.choice([0, 1, 2, 3, 9]))  # one in five recorded late
            events.append((task_id, 'stage', s, iso(d), 0, None, AT, iso(min(rec, TODAY))))
            if s == 'danh_gia':
                events[-1] = events[-1][:5] + (rnd.choice(['xuat_sac', 'dat', 'dat', 'dat']),) + events[-1][6:]
        if contract_on:
            end = contract_on + timedelta(days=rnd.randrange(360, 900))
            events.append((task_id, 'tam_ung', None, iso(contract_on + timedelta(days=10)), budget * 4 // 10, None, AT,
                           iso(contract_on + timedelta(days=11))))
            if rnd.random() < 0.6:
                events.append((task_id, 'thanh_toan', None, iso(contract_on + timedelta(days=100)), budget * 3 // 10, None,
                               AT, iso(contract_on + timedelta(days=101))))
            if rnd.random() < 0.7:
                events.append((task_id, 'kiem_tra', None, iso(contract_on + timedelta(days=200)), 0, None, AT,
                               iso(contract_on + timedelta(days=201))))
            if target == 'thuc_hien':
                m = date(contract_on.year, contract_on.month, 1)
                progress = 0
                while m < date(2026, 11, 1):
                    nm = date(m.year + (m.month == 12), m.month % 12 + 1, 1)
                    progress = min(100, progress + rnd.randrange(2, 9))
                    if rnd.random() < 0.93:
                        late = rnd.random() < 0.08
                        rec = nm + timedelta(days=rnd.randrange(0, 5) + (7 if late else 0))
                        updates.append((task_id, m.year, m.month, progress, 'Sản phẩm trung gian', budget * progress // 200,
                                        '', '', AT, iso(min(rec, TODAY))))
                    m = nm
        tasks.append((task_id, f'NV.{p:02d}.{i + 1:03d}/2026', f'KHCN.{p:02d}.{i:04d}' if rnd.random() < 0.85 else None,
                      iso(start - timedelta(days=200)), f'Nghiên cứu ứng dụng số {i + 1} của tỉnh {p:02d}', 'tinh', 'de_tai',
                      rnd.choice(['dat_hang', 'tuyen_chon', 'giao_truc_tiep']), f'Bài toán {rnd.randrange(1, 6)}',
                      rnd.choice(SECTORS), unit_id, 'TS. Nguyễn Văn A', managing, budget, 0,
                      iso(contract_on) if contract_on else None, iso(end) if end else None, target, AT))
        years.append((task_id, 2026, budget // 2))
        estimates.append((task_id, 2026, budget // 2, AT, '2026-01-15'))
c.executemany('INSERT INTO units (id, parent_id, code, name, short_name, kind, peer_group, path, search_text) '
              'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', units)
c.executemany('INSERT INTO st_tasks (id, code, national_code, national_code_on, title, level, kind, mode, problem, sector, '
              'host_unit_id, principal_investigator, managing_unit_id, budget_nsnn, budget_other, start_date, end_date, '
              'stage, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', tasks)
c.executemany('INSERT INTO st_task_events (task_id, kind, to_stage, doc_date, amount, rating, doc_number, signer_name, '
              "signer_position, recorded_at, recorded_on) VALUES (?, ?, ?, ?, ?, ?, 'BENCH/QĐ', 'Nguyễn Văn Hùng', "
              "'Giám đốc Sở', ?, ?)", events)
c.executemany('INSERT INTO st_task_updates (task_id, year, month, progress_percent, products_delivered, spent_to_date, '
              'problems, evidence, recorded_at, recorded_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', updates)
c.executemany('INSERT INTO st_task_years (task_id, year, budget_nsnn) VALUES (?, ?, ?)', years)
c.executemany('INSERT INTO st_task_estimates (task_id, year, amount, entered_at, entered_on) VALUES (?, ?, ?, ?, ?)', estimates)
c.commit()
print(f'{len(units)} host organisations, {len(tasks)} tasks, {len(events)} events, {len(updates)} monthly updates')
