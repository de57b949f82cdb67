// The Vietnamese names of feedback codes (kinds, senders, statuses, ratings), shared by the public page and
// the staff inbox; English comes through t() like every other word.
export const KIND_VI: Record<string, string> = {
  phan_anh: 'Phản ánh', kien_nghi: 'Kiến nghị', sang_kien: 'Sáng kiến', giai_phap: 'Giải pháp', dat_hang: 'Đặt hàng sản phẩm',
};
export const SENDER_VI: Record<string, string> = {
  nguoi_dan: 'Người dân', doanh_nghiep: 'Doanh nghiệp', vien: 'Viện nghiên cứu', truong: 'Trường đại học, cao đẳng',
  nha_khoa_hoc: 'Nhà khoa học', nha_sang_tao: 'Nhà sáng tạo', co_quan: 'Cơ quan, tổ chức',
};
export const PUBLIC_STATUS_VI: Record<string, [string, string]> = {
  received: ['Đã tiếp nhận', 'default'], in_progress: ['Đang xử lý', 'blue'], answered: ['Đã trả lời', 'green'],
  forwarded: ['Đã chuyển cơ quan có thẩm quyền', 'purple'], not_accepted: ['Không thụ lý', 'red'], merged: ['Đã gộp với phản ánh khác', 'default'],
};
export const STATE_VI: Record<string, string> = {
  received: 'Mới tiếp nhận', accepted: 'Đã thụ lý, chờ giao', not_accepted: 'Không thụ lý', merged: 'Đã gộp',
  forwarded: 'Đã chuyển cơ quan khác', assigned: 'Đang xử lý', drafted: 'Chờ thủ trưởng duyệt', published: 'Đã trả lời',
};
export const RATING_VI: Record<string, string> = { rat_hai_long: 'Rất hài lòng', hai_long: 'Hài lòng', chua_hai_long: 'Chưa hài lòng' };
export const FIELDS = ['Khoa học, công nghệ', 'Đổi mới sáng tạo', 'Chuyển đổi số', 'Dịch vụ công trực tuyến', 'Đề án 06', 'Khác'];
export const CHANNEL_VI: Record<string, string> = {
  letter: 'Thư, văn bản', phone: 'Điện thoại', meeting: 'Cuộc họp, tiếp xúc', one_stop: 'Bộ phận một cửa', pakn: 'pakn.nq57.vn',
};
