// A rank in words and figures (issue 14, item 8): "báo cáo đúng hạn 9/10 kỳ (90 %); …", the components R11 sums,
// each with what it counts; scores always with two decimals, as R12 rounds them.
import type { Schemas } from '../../api';

type Row = Schemas['Ranking']['items'][number];
type Share = Schemas['RankingShare'];

const pct = (v: number, lang: 'vi' | 'en') => {
  const r = (Math.round(v * 1000) / 10).toFixed(1).replace(/\.0$/, '');
  return `${lang === 'vi' ? r.replace('.', ',') : r} %`;
};

export function scoreText(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : v.toFixed(2).replace('.', ',');
}

function part(s: Share, lang: 'vi' | 'en', vi: [string, string], en: [string, string]): string {
  const [what, none] = lang === 'vi' ? vi : en;
  if (!s.denominator) return none;
  return `${what} ${s.numerator}/${s.denominator}${s.share == null ? '' : ` (${pct(s.share, lang)})`}`;
}

// R11's feedback component, named only where the plan weighs it (`min`: its minimum of judged items); a ranking
// published before it existed has none.
function feedbackPart(f: Row['components']['feedback'], min: number, lang: 'vi' | 'en'): string {
  if (!f || !f.denominator) return lang === 'vi' ? 'chưa có phản ánh chủ trì đã xét' : 'no feedback item led and judged yet';
  const counts = `${f.numerator}/${f.denominator}${f.share == null ? '' : ` (${pct(f.share, lang)})`}`;
  if (f.counted) return lang === 'vi' ? `trả lời phản ánh đúng hạn ${counts}` : `feedback answered on time ${counts}`;
  return lang === 'vi' ? `trả lời phản ánh đúng hạn ${counts}, chưa tính vì dưới ${min} phản ánh đã xét`
    : `feedback answered on time ${counts}, not counted: fewer than ${min} items judged`;
}

export function rankWords(r: Row, lang: 'vi' | 'en', feedbackMin?: number): string {
  const c = r.components;
  const parts = [
    part(c.timeliness, lang, ['báo cáo đúng hạn', 'chưa có kỳ báo cáo đến hạn'], ['reports on time', 'no report due yet']),
    part(c.updates, lang, ['nhiệm vụ cập nhật trong kỳ', 'không có nhiệm vụ phải cập nhật'], ['assignments updated in the period', 'no assignment to update']),
    part(c.completion, lang, ['hoàn thành đúng hạn / đến hạn', 'chưa có nhiệm vụ đến hạn'], ['done on time / due', 'no assignment due yet']),
  ];
  const i = c.indicators;
  if (i.achievement == null || !i.values) parts.push(lang === 'vi' ? 'chưa có giá trị chỉ tiêu trong kỳ' : 'no indicator value in the period');
  else parts.push(lang === 'vi'
    ? `mức đạt chỉ tiêu bình quân ${pct(i.achievement, lang)} (${i.values} chỉ tiêu: ${i.codes.join(', ')})`
    : `indicators achieved ${pct(i.achievement, lang)} on average (${i.values}: ${i.codes.join(', ')})`);
  if (feedbackMin !== undefined) parts.push(feedbackPart(c.feedback, feedbackMin, lang));
  const head = lang === 'vi'
    ? (r.rank > 0 ? `Hạng ${r.rank}, điểm ${scoreText(r.score)}: ` : 'Chưa xếp hạng: ')
    : (r.rank > 0 ? `Rank ${r.rank}, score ${(r.score ?? 0).toFixed(2)}: ` : 'Not ranked: ');
  return head + parts.join('; ') + '.';
}
