// The Vietnamese names of feedback codes (kinds, senders, statuses, ratings), shared by the public page and
// the staff inbox, from the one vocabulary (domain/vocabulary); English comes through t() like every other word.
import { vocabularyVi } from '../../i18n';

export const KIND_VI = vocabularyVi('feedback_kind');
export const SENDER_VI = vocabularyVi('feedback_sender');
const PUBLIC_COLOR: Record<string, string> = {
  received: 'default', in_progress: 'blue', answered: 'green', forwarded: 'purple', not_accepted: 'red', merged: 'default',
};
export const PUBLIC_STATUS_VI: Record<string, [string, string]> = Object.fromEntries(
  Object.entries(vocabularyVi('feedback_public_status')).map(([code, vi]) => [code, [vi, PUBLIC_COLOR[code] ?? 'default']]));
export const STATE_VI = vocabularyVi('feedback_state');
export const RATING_VI = vocabularyVi('feedback_rating');
export const ADOPTION_VI = vocabularyVi('feedback_adoption');
export const FIELDS = ['Khoa học, công nghệ', 'Đổi mới sáng tạo', 'Chuyển đổi số', 'Dịch vụ công trực tuyến', 'Đề án 06', 'Khác'];
// The channels staff enter by hand (the public page's own channel is not one of them).
export const CHANNEL_VI = Object.fromEntries(Object.entries(vocabularyVi('feedback_channel')).filter(([code]) => code !== 'web'));
