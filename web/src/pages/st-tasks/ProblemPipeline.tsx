// The problem pipeline ("bài toán", issue 16, RULES R18): per sector, the problems proposed and the tasks the city
// ordered for each, against the target of at least three problems with ordered tasks, as of a chosen day (a past
// day keeps its answer), every number opening onto the tasks behind it. Lists rather than tables: a phone-width
// page reads them without scrolling sideways.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Collapse, List, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { get, Schemas } from '../../api';
import { DateInput } from '../../DateInput';
import { useT, useCount, vnDate } from '../../i18n';
import { go } from '../../router';

type Pipeline = Schemas['StProblemPipeline'];

export function ProblemPipeline() {
  const t = useT();
  const counted = useCount();
  const [asOf, setAsOf] = useState<string | null>(null);
  const [data, setData] = useState<Pipeline | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setError(null);
    get<Pipeline>(`/st-problem-pipeline${asOf ? `?as_of=${asOf}` : ''}`).then(setData).catch((e) => setError(String(e)));
  }, [asOf]);
  return (
    <Card size="small" data-testid="problem-pipeline"
      title={`${t('Bài toán và nhiệm vụ đặt hàng')}${data ? ` — ${t('Số liệu đến hết ngày')} ${vnDate(data.as_of)}` : ''}`}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <DateInput aria-label={t('Xem tại ngày')} value={asOf ? dayjs(asOf) : null} onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : null)} />
        {error && <Alert type="error" message={error} />}
        {data && (
          <>
            <Space wrap>
              <span data-testid="pipeline-ordered"><b>{data.problems_ordered}</b> / {data.problems_proposed} {t('bài toán đã có nhiệm vụ đặt hàng')}</span>
              <span>{data.ordered_tasks} {t('nhiệm vụ đặt hàng')}</span>
              <Tag color={data.met ? 'green' : 'red'}>
                {data.met ? t('Đạt mục tiêu') : t('Chưa đạt mục tiêu')}: {t('ít nhất')} {data.target} {t('bài toán')}
              </Tag>
            </Space>
            {data.sectors.length === 0 && <span>{t('Chưa có bài toán nào được đề xuất.')}</span>}
            <Collapse size="small" items={data.sectors.map((s) => ({
              key: s.sector,
              label: `${s.sector || t('Chưa ghi lĩnh vực')}: ${s.problems_proposed} ${t('bài toán đề xuất')}, ${s.problems_ordered} ${t('có nhiệm vụ đặt hàng')} (${counted(s.ordered_tasks, 'nhiệm vụ')})`,
              children: (
                <List size="small" dataSource={s.problem_rows} renderItem={(p) => (
                  <List.Item style={{ display: 'block' }}>
                    <div><b>{p.problem}</b> — {t('đề xuất ngày')} {vnDate(p.proposed_on)}, {p.ordered_tasks} {t('nhiệm vụ đặt hàng')}</div>
                    {p.tasks.map((x) => (
                      <div key={x.task_id}>
                        <Button type="link" size="small" style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left', height: 'auto' }}
                          onClick={() => go(`nhiem-vu-khcn/${x.task_id}`)}>{x.code} — {x.title}</Button>
                        {' '}<small>{x.stage_label}{x.ordered_on ? `, ${t('đặt hàng ngày')} ${vnDate(x.ordered_on)}` : `, ${t('chưa đặt hàng')}`}</small>
                      </div>))}
                  </List.Item>)} />),
            }))} />
          </>)}
      </Space>
    </Card>
  );
}
