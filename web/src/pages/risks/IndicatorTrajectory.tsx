// An indicator's year on one chart (issue 14, item 8): the figure of each period as submitted, the target, the
// straight path from the baseline to the target that the status rule measures against (R9/R10), and the
// straight-line full-year estimate of GET /risks. The 80 % forecast range is not drawn: it did not beat the
// straight line in the backtest (bench/RESULTS.md). Its own chunk with echarts, fetched when first opened.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { figureText, useT, vnNumber } from '../../i18n';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface Trajectory {
  perYear: number;            // periods in the year (12 for monthly reporting)
  periodWord: string;         // "Tháng", "Quý", … for the axis
  actual: (number | null)[];  // the figure of periods 1 … n (a cumulative indicator's running sum)
  baseline: number;
  target: number;
  projection: number | null;  // the full-year estimate, at period perYear
  unit: string;               // the unit of measure: "%" or a count's word
}

export function IndicatorTrajectory({ data }: { data: Trajectory }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    const { perYear, actual, baseline, target, projection, unit } = data;
    const fmt = (v: number) => figureText(v, unit);
    const points = actual.map((v, i) => [i + 1, v] as [number, number | null]);
    const last = [...points].reverse().find((p) => p[1] !== null);
    const narrow = ref.current.clientWidth < 480;
    chart.setOption({
      animation: false,
      tooltip: {
        trigger: 'axis',
        formatter: (items: { seriesName: string; value: [number, number | null]; marker: string }[]) => {
          const shown = items.filter((x) => x.value[1] !== null && x.value[1] !== undefined);
          if (!shown.length) return '';
          return [`${data.periodWord} ${shown[0].value[0]}`, ...shown.map((x) => `${x.marker}${x.seriesName}: ${fmt(x.value[1] as number)}`)].join('<br/>');
        },
      },
      legend: { bottom: 0, itemWidth: 18, textStyle: { fontSize: narrow ? 11 : 12 } },
      grid: { left: 8, right: 24, top: 28, bottom: narrow ? 64 : 40, containLabel: true },
      xAxis: {
        type: 'value', min: 0, max: perYear, interval: 1, name: data.periodWord, nameLocation: 'middle', nameGap: 22,
        axisLabel: { formatter: (v: number) => (v === 0 ? '' : String(v)) },
      },
      yAxis: {
        type: 'value', scale: true, name: unit === '%' ? '%' : unit, nameTextStyle: { align: 'left' },
        axisLabel: { formatter: (v: number) => vnNumber(v) },
      },
      series: [
        { name: t('Số liệu thực hiện'), type: 'line', data: points, color: '#1677ff', connectNulls: false, symbolSize: 7 },
        { name: t('Mục tiêu'), type: 'line', data: [[0, target], [perYear, target]], color: '#389e0d', symbol: 'none', lineStyle: { width: 2 } },
        { name: t('Lộ trình đường thẳng'), type: 'line', data: [[0, baseline], [perYear, target]], color: '#8c8c8c', symbol: 'none', lineStyle: { type: 'dashed' } },
        ...(projection !== null && last ? [{
          name: t('Ước cả năm'), type: 'line', data: [last, [perYear, projection]], color: '#d46b08', lineStyle: { type: 'dotted', width: 2 },
          symbol: 'diamond', symbolSize: 10, showSymbol: true,
          // Above the point, ending at it: the year's last period is the chart's right edge.
          label: { show: true, position: 'top', align: 'right', offset: [6, 0], formatter: (p: { dataIndex: number }) => (p.dataIndex === 1 ? fmt(projection) : '') },
        }] : []),
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => { window.removeEventListener('resize', onResize); chart.dispose(); };
  }, [data, t]);
  return <div ref={ref} data-testid="indicator-chart" role="img" aria-label={t('Biểu đồ diễn biến chỉ tiêu')} style={{ height: 280, width: '100%' }} />;
}
