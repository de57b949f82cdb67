// The Vietnamese names of the codes the admin forms choose from.
export const ROLES = ['admin', 'standing_agency', 'leader', 'directing_leader', 'unit_head', 'focal_point', 'viewer'];
export const ROLE_VI: Record<string, string> = {
  admin: 'Quản trị hệ thống', standing_agency: 'Cơ quan thường trực', leader: 'Lãnh đạo', directing_leader: 'Lãnh đạo chủ trì',
  unit_head: 'Lãnh đạo đơn vị', focal_point: 'Đầu mối báo cáo', viewer: 'Chỉ xem',
};
export const PERIOD_TYPE: Record<string, string> = { monthly: 'Hằng tháng', quarterly: 'Hằng quý', half_year: '6 tháng', annual: 'Hằng năm' };
// R11: the ranking's components.
export const WEIGHT_VI: Record<string, string> = {
  timeliness: 'đúng hạn báo cáo', updates: 'cập nhật', completion: 'hoàn thành đúng hạn', indicators: 'đạt chỉ tiêu',
};
export const DIRECTIVE_KIND: Record<string, string> = {
  decision: 'Quyết định', plan: 'Kế hoạch', program: 'Chương trình', letter: 'Công văn', notice: 'Thông báo',
  resolution: 'Nghị quyết', conclusion: 'Kết luận', other: 'Khác',
};
export const UNIT_KIND: Record<string, string> = {
  city: 'Thành phố', department: 'Sở, ban, ngành', commune: 'Xã', ward: 'Phường', special_zone: 'Đặc khu', office: 'Cơ quan, văn phòng',
  police: 'Công an', party: 'Cơ quan Đảng', other: 'Khác',
};
export const PEER_GROUP: Record<string, string> = { department: 'Sở, ban, ngành', commune: 'Xã, phường, đặc khu', other: 'Khác' };
