// Vietnamese first, English second: every visible word goes through t().
import { createContext, useContext } from 'react';

export type Lang = 'vi' | 'en';

const en: Record<string, string> = {
  'Việc của tôi': 'My work',
  'Bảng điều hành': 'Dashboard',
  'Tiếp nhận báo cáo': 'Review queue',
  'Nhiệm vụ': 'Assignments',
  'Quản trị': 'Administration',
  'Văn bản': 'Documents',
  'Báo cáo tổng hợp': 'Synthesis report',
  'Nhập kế hoạch': 'Import a plan',
  'Tải báo cáo .docx': 'Download .docx',
  'Phụ lục .xlsx': 'Appendices .xlsx',
  'Lưu phần viết': 'Save the narrative',
  'Xác nhận nhập': 'Confirm import',
  'Tải mẫu Excel': 'Excel template',
  'Đăng nhập': 'Log in',
  'Đăng xuất': 'Log out',
  'Tên đăng nhập': 'Username',
  'Mật khẩu': 'Password',
  'Đổi mật khẩu': 'Change password',
  'Mật khẩu hiện tại': 'Current password',
  'Mật khẩu mới': 'New password',
  'Nhập lại mật khẩu mới': 'Repeat the new password',
  'Quên mật khẩu': 'Forgot password',
  'Quên mật khẩu?': 'Forgot password?',
  'Tên đăng nhập hoặc e-mail': 'Username or e-mail',
  'Gửi liên kết': 'Send the link',
  'Quay lại đăng nhập': 'Back to log in',
  'Đặt lại mật khẩu': 'Reset password',
  'Đặt mật khẩu mới': 'Set the new password',
  'Khóa tài khoản': 'Deactivate',
  'Mở khóa tài khoản': 'Activate',
  'Kết thúc phiên': 'End sessions',
  'Bỏ chờ đăng nhập': 'Lift login delay',
  'Thao tác': 'Actions',
  'Báo cáo kỳ': 'Report for',
  'Hạn nộp': 'Due',
  'Lập báo cáo': 'Start the report',
  'Mở báo cáo': 'Open the report',
  'Quá hạn': 'Overdue',
  'Sắp đến hạn': 'Due soon',
  'Chưa cập nhật': 'Not updated',
  'Bị trả lại': 'Returned',
  'Lý do': 'Reason',
  'Tiến độ': 'Progress',
  'Kết quả thực hiện': 'What was done',
  'Văn bản đầu ra (số, ngày)': 'Output document (number, date)',
  'Khó khăn, vướng mắc': 'Difficulties',
  'Kiến nghị, đề xuất': 'Proposals',
  'Vượt thẩm quyền': 'Beyond authority',
  'Minh chứng': 'Evidence',
  'Chỉ tiêu': 'Indicators',
  'Tử số': 'Numerator',
  'Mẫu số': 'Denominator',
  'Tỷ lệ': 'Rate',
  'Gửi báo cáo': 'Submit',
  'Phê duyệt': 'Approve',
  'Tiếp nhận': 'Accept',
  'Trả lại': 'Return',
  'Đã lưu nháp': 'Draft saved',
  'Đang lưu…': 'Saving…',
  'Trạng thái': 'Status',
  'Đơn vị': 'Unit',
  'Kỳ': 'Period',
  'Gửi lúc': 'Submitted',
  'Thay đổi so với kỳ trước': 'Change since last period',
  'Chưa báo cáo': 'Not reported',
  'Đúng hạn': 'On time',
  'Muộn': 'Late',
  'Tỷ lệ cập nhật': 'Update compliance',
  'mục tiêu': 'target',
  'Danh sách cảnh báo': 'Warning list',
  'Xếp hạng': 'Ranking',
  'Xu hướng': 'Trend',
  'Sở, ban, ngành': 'Departments',
  'Xã, phường, đặc khu': 'Communes',
  'Điểm': 'Score',
  'Hạng': 'Rank',
  'Lịch sử báo cáo': 'Report history',
  'Xác nhận hoàn thành': 'Confirm completion',
  'Thời hạn': 'Deadline',
  'Kế hoạch': 'Plan',
  'Tất cả': 'All',
  'Lưu': 'Save',
  'Thêm người dùng': 'Add user',
  'Quy định báo cáo': 'Reporting rule',
  'Ngày nghỉ lễ': 'Holidays',
  'Người dùng': 'Users',
  'Họ tên': 'Full name',
  'Vai trò': 'Role',
  'Không có việc cần làm.': 'Nothing to do.',
  'Báo cáo của đơn vị': 'Unit reports',
  'Hạn hoàn thành': 'Due',
  'Số ngày quá hạn': 'Days overdue',
  'Tình hình nhận báo cáo': 'Reports received',
  'Đơn vị chưa báo cáo': 'Units not reported',
  'Thông báo': 'Notifications',
  'Nhận qua thư điện tử': 'Also by e-mail',
  'Đề nghị gia hạn': 'Request an extension',
  'Rà soát quá hạn': 'Overdue review',
  'Yêu cầu giải trình': 'Explanation requests',
  'Giải trình': 'Explain',
  'Kiến nghị vượt thẩm quyền': 'Beyond authority',
  'Chấp thuận': 'Approve',
  'Không chấp thuận': 'Refuse',
  'Trả lời': 'Answer',
};

export const LangContext = createContext<Lang>('vi');
export function useT() {
  const lang = useContext(LangContext);
  return (s: string) => (lang === 'en' ? en[s] ?? s : s);
}

export const STATUS_VI: Record<string, string> = {
  not_started: 'Chưa triển khai',
  in_progress: 'Đang thực hiện trong hạn',
  due_soon: 'Sắp đến hạn',
  overdue: 'Quá hạn',
  done_on_time: 'Hoàn thành đúng hạn',
  done_late: 'Hoàn thành quá hạn',
  recurring_updated: 'Thường xuyên — đã cập nhật',
  recurring_not_updated: 'Thường xuyên — chưa cập nhật',
  waiting: 'Chờ hướng dẫn',
  no_deadline: 'Chưa có thời hạn',
  paused: 'Tạm dừng',
  cancelled: 'Hủy bỏ',
};
export const STATUS_EN: Record<string, string> = {
  not_started: 'Not started', in_progress: 'In progress, on time', due_soon: 'Due soon', overdue: 'Overdue',
  done_on_time: 'Done on time', done_late: 'Done late', recurring_updated: 'Recurring — updated',
  recurring_not_updated: 'Recurring — not updated', waiting: 'Waiting for guidance', no_deadline: 'No deadline yet',
  paused: 'Paused', cancelled: 'Cancelled',
};
export const STATUS_COLOR: Record<string, string> = {
  overdue: 'red', due_soon: 'orange', recurring_not_updated: 'orange', done_on_time: 'green', done_late: 'gold',
  in_progress: 'blue', not_started: 'default', recurring_updated: 'cyan', waiting: 'purple', no_deadline: 'default',
  paused: 'default', cancelled: 'default',
};
export const REPORT_STATE_VI: Record<string, string> = {
  draft: 'Đang soạn', submitted: 'Đã gửi', approved: 'Lãnh đạo đơn vị đã duyệt', accepted: 'Đã tiếp nhận',
  returned: 'Bị trả lại',
};
export const INDICATOR_VI: Record<string, [string, string]> = {
  met: ['Đạt', 'green'], on_track: ['Có khả năng đạt', 'blue'], at_risk: ['Nguy cơ không đạt', 'red'],
  no_data: ['Chưa có số liệu', 'default'],
};

export function useStatusLabel() {
  const lang = useContext(LangContext);
  return (s: string) => (lang === 'en' ? STATUS_EN[s] : STATUS_VI[s]) ?? s;
}

// 17.5 -> "17,5 %" (Vietnamese decimal comma, a space before the sign).
export function vnPercent(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  const r = Math.round(v * 10) / 10;
  return `${String(r).replace('.', ',')} %`;
}

// 2026-11-19 -> 19/11/2026; an instant is shown in Hải Phòng's time.
export function vnDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  if (iso.length === 10) return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  const d = new Date(new Date(iso).getTime() + 7 * 3600 * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

export function periodLabel(p: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(p);
  return m ? `tháng ${Number(m[2])}/${m[1]}` : p;
}
