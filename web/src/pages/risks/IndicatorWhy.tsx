// "Why" of one indicator (issue 14, item 8), opened from the dashboard's indicator table: its year on a chart, the
// status rule applied to its figures in plain words (the status stays this rule; the forecasts of issue 17 are only
// the estimate beside it) and the units pulling it below its target, each opening its own dashboard.
import { lazy, Suspense, useContext, useEffect, useMemo, useState } from 'react';
import { Alert, Drawer, Space, Spin, Tag, Typography } from 'antd';
import { get, Schemas } from '../../api';
import { figureText, INDICATOR_VI, LangContext, periodLabel, useT, vnNumber, vnPercent } from '../../i18n';
import { PullingDown } from './RiskSection';
import type { Trajectory } from './IndicatorTrajectory';

type Row = Schemas['Dashboard']['indicators']['items'][number];
type Outlook = Schemas['IndicatorOutlook'];
type Detail = Schemas['IndicatorDetail'];

const Chart = lazy(() => import('./IndicatorTrajectory').then((m) => ({ default: m.IndicatorTrajectory })));

// A period key's place in its year: "2026-11" is month 11 of 12, "2026-Q3" quarter 3 of 4, "2026-H2" half 2 of 2.
function place(key: string): { number: number; perYear: number; vi: string; en: string } {
  let m = /^\d{4}-(\d{2})$/.exec(key);
  if (m) return { number: Number(m[1]), perYear: 12, vi: 'Tháng', en: 'Month' };
  m = /^\d{4}-Q(\d)$/.exec(key);
  if (m) return { number: Number(m[1]), perYear: 4, vi: 'Quý', en: 'Quarter' };
  m = /^\d{4}-H(\d)$/.exec(key);
  if (m) return { number: Number(m[1]), perYear: 2, vi: 'Kỳ 6 tháng', en: 'Half-year' };
  return { number: 1, perYear: 1, vi: 'Năm', en: 'Year' };
}

// The status rule (domain::indicator_status) told with this indicator's figures: met once the target is reached;
// otherwise on track while the figure is no further from the straight path baseline → target, at this point of the
// year, than the plan's tolerance (a share of the baseline-to-target distance); at risk beyond it.
export function ruleText(row: Row, d: Detail, tolerance: number | null, lang: string): string {
  const e = row.evaluation;
  const u = d.unit_of_measure;
  const f = (v: number) => figureText(v, u);
  const p = place(e.period);
  const periodVi = periodLabel(e.period);
  const actual = e.actual.value;
  if (e.status === 'no_data' || actual === null) {
    return lang === 'en' ? `No data (${e.rule}): no unit has submitted a figure for period ${e.period}.`
      : `Chưa có số liệu (${e.rule}): chưa đơn vị nào gửi số liệu cho kỳ ${periodVi}.`;
  }
  if (e.status === 'met') {
    return lang === 'en' ? `Met (${e.rule}): the figure for ${e.period} is ${f(actual)}, which reaches the target ${d.target_text}.`
      : `Đạt (${e.rule}): số liệu kỳ ${periodVi} là ${f(actual)}, đã đạt chỉ tiêu ${d.target_text}.`;
  }
  const expected = d.baseline + (d.target_value - d.baseline) * e.elapsed_share;
  const lowerBetter = d.comparator === 'at_most' || d.target_value < d.baseline;
  const slack = tolerance === null ? null : Math.abs(d.target_value - d.baseline) * tolerance;
  const gap = Math.abs(actual - expected);
  // A difference between two rates is in percentage points, as the units' gaps below are.
  const diff = (v: number) => (u === '%' ? `${vnNumber(v)} ${lang === 'en' ? 'points' : 'điểm %'}` : f(v));
  if (lang === 'en') {
    const allowed = slack === null ? '' : ` (${vnPercent(tolerance! * 100)} of the distance from baseline to target, ${diff(slack)}, is allowed)`;
    const head = `${p.en} ${p.number} of ${p.perYear}: on the straight path from the baseline ${f(d.baseline)} to the target ${f(d.target_value)}, the figure should be ${lowerBetter ? 'at most' : 'at least'} ${f(expected)} by now${allowed}`;
    return e.status === 'at_risk'
      ? `At risk (${e.rule}): ${head}, but it is ${f(actual)}, ${diff(gap)} ${lowerBetter ? 'above' : 'below'} the path.`
      : `On track (${e.rule}): ${head}; it is ${f(actual)}.`;
  }
  const allowed = slack === null ? '' : ` (cho phép ${lowerBetter ? 'cao hơn' : 'thấp hơn'} ${diff(slack)}, tức ${vnPercent(tolerance! * 100)} khoảng cách từ mức gốc đến chỉ tiêu)`;
  const head = `kỳ ${periodVi} là ${p.vi.toLowerCase()} thứ ${p.number}/${p.perYear} của năm; theo lộ trình đường thẳng từ mức gốc ${f(d.baseline)} đến chỉ tiêu ${f(d.target_value)}, đến kỳ này cần ${lowerBetter ? 'không quá' : 'đạt'} ${f(expected)}${allowed}`;
  return e.status === 'at_risk'
    ? `Có nguy cơ không đạt (${e.rule}): ${head}, nhưng số liệu là ${f(actual)}, ${lowerBetter ? 'cao hơn' : 'thấp hơn'} lộ trình ${diff(gap)}.`
    : `Đúng tiến độ (${e.rule}): ${head}; số liệu là ${f(actual)}.`;
}

// R19: a computed figure in words with the counts behind it: the server's Vietnamese explanation, or the same in
// English from its numbers.
function computedText(d: Detail, lang: string): string {
  const c = d.evaluation.computed!;
  if (lang !== 'en') return d.evaluation.why;
  const what: Record<string, string> = {
    feedback_r1: 'feedback items answered on time / (answered + overdue unanswered)',
    feedback_r2: '(items within competence − rated "Chưa hài lòng" or reopened for a late answer) / items within competence',
    feedback_rated_share: '(Rất hài lòng + Hài lòng) / ratings',
    st_tracking: 'S&T tasks tracked through their whole life / active tasks',
  };
  return `${c.rule}: ${what[c.source] ?? c.source} = ${c.numerator}/${c.denominator}${c.percent == null ? ' (nothing to count yet)' : ` = ${vnPercent(c.percent)}`}, city-wide, computed by the system; units do not enter it.`;
}

// The chart's data: the figure of each period as the rule reads it (R10: a cumulative one adds up the year).
function trajectory(d: Detail, o: Outlook, lang: string): Trajectory {
  const p = place(o.period);
  let sum = 0;
  const actual = o.series.map((v) => {
    if (v === null) return null;
    if (o.aggregation !== 'cumulative') return v;
    sum += v;
    return sum;
  });
  return { perYear: p.perYear, periodWord: lang === 'en' ? p.en : p.vi, actual, baseline: d.baseline, target: d.target_value,
    projection: o.projection, unit: d.unit_of_measure };
}

export function IndicatorWhy({ row, outlook, asOf, onClose }: { row: Row | null; outlook: Outlook | undefined; asOf: string; onClose: () => void }) {
  const t = useT();
  const lang = useContext(LangContext);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [tolerance, setTolerance] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    setDetail(null); setFailed(false); setTolerance(null);
    if (!row) return;
    get<Detail>(`/indicators/${row.id}${asOf ? `?as_of=${asOf}` : ''}`).then(setDetail, () => setFailed(true));
    get<Schemas['ReportingRule']>(`/directives/${row.directive_id}/reporting-rule`).then((r) => setTolerance(r.at_risk_tolerance), () => setTolerance(null));
  }, [row, asOf]);
  const chart = useMemo(() => (detail && outlook ? trajectory(detail, outlook, lang) : null), [detail, outlook, lang]);
  const status = row ? INDICATOR_VI[row.evaluation.status] : null;
  return (
    <Drawer open={!!row} onClose={onClose} width="min(760px, 100vw)" destroyOnClose data-testid="indicator-why"
      title={row ? <span style={{ whiteSpace: 'normal' }}>{row.code}. {row.name}</span> : ''}>
      {row && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Space wrap>
            {status && <Tag color={status[1]}>{t(status[0])}</Tag>}
            <span>{t('Kết quả')}: <b>{row.evaluation.actual.value_text ?? '—'}</b></span>
            <span>{t('Mục tiêu')}: <b>{row.target_text.replace(/(\d)%/g, '$1 %')}</b></span>
            {outlook?.projection != null && <span>{t('Ước cả năm')}: <b>{figureText(outlook.projection, outlook.unit_of_measure)}</b></span>}
          </Space>
          {failed && <Alert type="error" showIcon message={t('Không tải được chỉ tiêu; vui lòng thử lại.')} />}
          {!failed && !detail && <Spin />}
          {detail && (
            <>
              {detail.data_source !== 'reported' && <Space wrap><Tag color={detail.evaluation.computed ? 'blue' : 'default'} data-testid="indicator-source">{t(detail.data_source_label)}</Tag></Space>}
              <Typography.Paragraph data-testid="indicator-rule" style={{ margin: 0 }}>{ruleText(row, detail, tolerance, lang)}</Typography.Paragraph>
              {detail.evaluation.computed
                ? <Typography.Paragraph data-testid="indicator-computed" style={{ margin: 0 }}>{computedText(detail, lang)}</Typography.Paragraph>
                : <Typography.Text type="secondary" style={{ fontSize: 12 }}>{row.evaluation.actual.coverage_text}</Typography.Text>}
              {chart
                ? <Suspense fallback={<div style={{ height: 280 }} />}><Chart data={chart} /></Suspense>
                : <Typography.Text type="secondary">{t('Chưa có diễn biến theo kỳ của chỉ tiêu này.')}</Typography.Text>}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('Ước cả năm theo đường thẳng từ mức gốc đầu năm qua số liệu mới nhất; chỉ để tham khảo, trạng thái theo quy tắc trên.')}
              </Typography.Text>
            </>
          )}
          {outlook && (outlook.pulling_down.length
            ? <PullingDown outlook={outlook} />
            : <Typography.Text type="secondary">{t('Không có đơn vị nào kéo số liệu xuống dưới chỉ tiêu.')}</Typography.Text>)}
        </Space>
      )}
    </Drawer>
  );
}
