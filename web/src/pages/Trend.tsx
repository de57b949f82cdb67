// The dashboard's trend: overdue, done on time and the update rate by month, drawn with echarts (only the parts
// used, so the chunk stays small) — its own chunk, fetched after the figures are on screen.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { Schemas } from '../api';
import { usePeriodLabel, useT } from '../i18n';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export function Trend({ points }: { points: Schemas['Dashboard']['trend'] }) {
  const t = useT();
  const periodLabel = usePeriodLabel();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption({
      tooltip: { trigger: 'axis' }, legend: { bottom: 0 }, grid: { left: 40, right: 40, top: 20, bottom: 50 },
      xAxis: { type: 'category', data: points.map((p) => periodLabel(p.period)) },
      yAxis: [{ type: 'value', name: '' }, { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } }],
      series: [
        { name: t('Quá hạn'), type: 'line', data: points.map((p) => p.overdue), color: '#cf1322' },
        { name: t('Hoàn thành đúng hạn'), type: 'line', data: points.map((p) => p.done_on_time), color: '#389e0d' },
        { name: t('Tỷ lệ cập nhật (%)'), type: 'line', yAxisIndex: 1, data: points.map((p) => p.update_compliance?.toFixed(1)), color: '#1677ff' },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => { window.removeEventListener('resize', onResize); chart.dispose(); };
  }, [points, t]);
  return <div ref={ref} style={{ height: 260, width: '100%' }} />;
}
