// S&T tasks late at a stage (issue 16, RULES R18: approved but no contract, past the end with no acceptance dossier,
// no inspection in 12 months, recognised but not registered or settled) on the leaders' dashboard, as of the
// dashboard's day, each opening the task's page. The entries are the register figures' own (GET /st-task-figures).
import { useEffect, useState } from 'react';
import { Card, List, Tag } from 'antd';
import { get, Schemas } from '../../api';
import { useT, useCount, vnDate } from '../../i18n';
import { go } from '../../router';

export const OVERDUE_VI: Record<string, string> = {
  no_contract: 'Quá hạn ký hợp đồng', no_dossier: 'Quá hạn nộp hồ sơ nghiệm thu', dossier_failing: 'Chậm nộp hồ sơ quá 6 tháng',
  no_inspection: 'Quá 12 tháng chưa kiểm tra', not_registered: 'Chưa đăng ký kết quả', not_settled: 'Chưa quyết toán',
};

export function StOverdueSection({ asOf }: { asOf: string }) {
  const t = useT();
  const counted = useCount();
  const [data, setData] = useState<Schemas['StFigures'] | null>(null);
  useEffect(() => {
    setData(null);
    get<Schemas['StFigures']>(`/st-task-figures${asOf ? `?as_of=${asOf}` : ''}`).then(setData).catch(() => undefined);
  }, [asOf]);
  if (!data) return null;
  const items = [...data.overdue].sort((a, b) => b.days_late - a.days_late);
  return (
    <Card size="small" data-testid="st-overdue" title={`${t('Nhiệm vụ KH&CN quá hạn theo bước')} (${items.length}) — ${t('Số liệu đến hết ngày')} ${vnDate(data.as_of)}`}>
      <List size="small" dataSource={items} locale={{ emptyText: t('Không có nhiệm vụ quá hạn.') }} pagination={items.length > 10 ? { pageSize: 10, size: 'small' } : false}
        renderItem={(o) => (
          <List.Item style={{ cursor: 'pointer', display: 'block' }} onClick={() => go(`nhiem-vu-khcn/${o.task_id}`)}>
            <div>{o.code}. {o.title}</div>
            {/* A tag does not wrap by itself: on a phone the reason would run off the screen. */}
            <Tag color="red" style={{ whiteSpace: 'normal', maxWidth: '100%' }}>{t(OVERDUE_VI[o.kind])}: {t('hạn')} {vnDate(o.due)}, {t('chậm')} {counted(o.days_late, 'ngày')}</Tag>
          </List.Item>)} />
    </Card>
  );
}
