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
  'Đang soạn': 'Draft',
  'Đã gửi': 'Submitted',
  'Lãnh đạo đơn vị đã duyệt': 'Approved by the unit head',
  'Đã tiếp nhận': 'Accepted',
  'nhiệm vụ': 'assignment',
  'chỉ tiêu': 'indicator',
  'Giá trị': 'Value',
  'Không tìm thấy báo cáo.': 'Report not found.',
  'Còn thay đổi chưa lưu lên máy chủ (đã giữ trên thiết bị này). Vẫn rời trang?': 'Some changes are not saved on the server yet (they are kept on this device). Leave anyway?',
  'Còn trường chưa hợp lệ hoặc chưa lưu được; hãy sửa các ô được đánh dấu đỏ trước khi gửi.': 'Some fields are invalid or not saved yet; fix the fields marked in red before submitting.',
  'tệp lớn hơn': 'the file is larger than',
  'Thử lại': 'Retry',
  'Đã lưu': 'Saved',
  'Chưa lưu — đang giữ trên thiết bị': 'Not saved yet — kept on this device',
  'Mất kết nối — đã giữ trên thiết bị, sẽ gửi lại khi có mạng': 'Offline — kept on this device, will be sent when the connection is back',
  'Phiên đăng nhập đã hết — đăng nhập lại để lưu': 'Session expired — log in again to save',
  'Đã lưu các trường hợp lệ; còn': 'Valid fields saved;',
  'trường cần sửa': 'field(s) to fix',
  'Mở lại': 'Reopened',
  'lần': 'time(s)',
  'Đã khôi phục bản nháp giữ trên thiết bị này lúc': 'Restored the draft kept on this device at',
  'Báo cáo vừa được người khác cập nhật. Trang đã tải lại bản của họ; nội dung của bạn chưa ghi đè lên.': 'Someone else just updated this report. The page reloaded their version; yours has not overwritten it.',
  'Không có thay đổi về số liệu.': 'No figures changed.',
  'Dùng lại nội dung của tôi': 'Put my changes back',
  'Giữ bản đã tải lại': 'Keep the reloaded version',
  'Báo cáo chưa có nhiệm vụ nào.': 'This report has no assignments.',
  'Kỳ trước': 'Last period',
  'chưa có': 'none',
  'kiến nghị cấp trên xử lý': 'asks a higher level to act',
  'Chưa có tệp minh chứng.': 'No evidence file yet.',
  'Đang tải lên…': 'Uploading…',
  'tối đa': 'at most',
  'chung': 'whole report',
  'Rút lại để sửa': 'Withdraw to edit',
  'Kiểm tra trước khi gửi': 'Check before submitting',
  'Quay lại sửa': 'Back to editing',
  'Đã đủ kết quả, minh chứng và số liệu chỉ tiêu.': 'Every result, evidence file and indicator value is there.',
  'Báo cáo còn thiếu (vẫn có thể gửi):': 'Still missing (you may submit anyway):',
  'nhiệm vụ chưa có kết quả': 'assignment(s) without a result',
  'nhiệm vụ chưa có minh chứng': 'assignment(s) without evidence',
  'chỉ tiêu chưa có số liệu': 'indicator(s) without a value',
  'Sau khi gửi, bạn vẫn rút lại được để sửa cho đến khi lãnh đạo đơn vị phê duyệt; thời điểm gửi lần đầu vẫn được dùng để tính đúng hạn.': 'After submitting you can still withdraw it to edit until the unit head approves it; the first submission still decides whether it was on time.',
  'Rút lại': 'Withdraw',
  'Hủy': 'Cancel',
  'Báo cáo sẽ trở về trạng thái đang soạn để bạn sửa rồi gửi lại. Thời điểm gửi lần đầu vẫn được dùng để tính đúng hạn.': 'The report goes back to draft so you can edit and submit it again. The first submission still decides whether it was on time.',
  'Phiên đăng nhập đã hết': 'Session expired',
  'Đăng nhập và lưu': 'Log in and save',
  'Nội dung bạn đã nhập vẫn được giữ trên thiết bị này. Nhập lại mật khẩu để lưu tiếp.': 'What you typed is kept on this device. Enter your password again to go on saving.',
  'Kỳ trước chưa có báo cáo.': 'There is no report for last period.',
  'Đã chép nội dung kỳ trước vào các ô còn trống; hãy sửa cho đúng kỳ này.': "Last period's content was copied into the empty fields; change it to fit this period.",
  'Báo cáo mới: có thể bắt đầu từ nội dung kỳ trước.': "A new report: you can start from last period's content.",
  'Lấy nội dung kỳ trước': "Start from last period",
  'Thêm tệp minh chứng': 'Add an evidence file',
  'Mất kết nối — chưa tải lên được, hãy thử lại.': 'Connection lost — not uploaded, try again.',
  'PDF, ảnh, Word, Excel': 'PDF, image, Word, Excel',
  'Sửa báo cáo đã tiếp nhận': 'Edit the accepted report',
  'Sửa và mở lại': 'Edit and reopen',
  'Báo cáo đã được cơ quan thường trực tiếp nhận. Khi bạn lưu thay đổi, báo cáo sẽ được mở lại (trở về đang soạn) và phải gửi, duyệt lại.': 'The standing agency has accepted this report. Saving a change reopens it (back to draft); it must be submitted and approved again.',
  'có': 'yes',
  'không': 'no',
  'Hoạt động từ': 'Active from',
  'Hoạt động đến': 'Active until',
  'Đã chuyển': 'Passed on',
  'nhiệm vụ cho đơn vị kế thừa': 'assignments to the successors',
  'Đã sáp nhập, chia tách từ ngày': 'Merged or split from',
  'vào': 'into',
  'Kế thừa': 'Succeeded',
  'từ ngày': 'from',
  'Chưa có sáp nhập, chia tách.': 'No merge or split.',
  'Sáp nhập, chia tách…': 'Merge or split…',
  'Sáp nhập, chia tách': 'Merge or split',
  'Thôi': 'Cancel',
  'Từ ngày sáp nhập, nhiệm vụ đang thực hiện và việc đôn đốc chuyển cho đơn vị kế thừa; số liệu các ngày trước vẫn giữ nguyên (R16).':
    'From the closing day the open work and its follow-ups pass to the successors; the figures of earlier days stay as they were (R16).',
  'Ngày sáp nhập, chia tách': 'Closing day',
  'Ngày đầu tiên đơn vị kế thừa đảm nhận; đơn vị này hoạt động đến hết ngày trước đó.':
    'The first day the successors carry the work; this unit is active until the end of the day before.',
  'Căn cứ, lý do': 'Basis, reason',
  'Đơn vị kế thừa': 'Successors',
  'Đơn vị đầu tiên nhận các nhiệm vụ không giao cho đơn vị khác.': 'The first takes the work not named for another.',
  'Nhiệm vụ do': 'Assignments',
  'nhận (chia tách)': 'takes (split)',
  'Ngôn ngữ': 'Language',
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
