// Answers owed to citizens and businesses, overdue, on the leaders' dashboard (issue 15, item 3) as of the
// dashboard's day: the count behind R1 with R1 and R2 (RULES R17), and the lead units with the most overdue
// first, each opening the inbox's warning list. The figures are the inbox's own (GET /feedback-figures).
import { useEffect, useState } from 'react';
import { Card, List, Space, Tag, Typography } from 'antd';
import { get, Schemas } from '../../api';
import { useT, useCount, vnDate, vnPercent } from '../../i18n';
import { go } from '../../router';

type Figures = Schemas['FeedbackFiguresAnswer'];

export function FeedbackWarnings({ asOf }: { asOf: string }) {
  const t = useT();
  const counted = useCount();
  const [data, setData] = useState<Figures | null>(null);
  useEffect(() => {
    setData(null);
    get<Figures>(`/feedback-figures${asOf ? `?as_of=${asOf}` : ''}`).then(setData).catch(() => undefined);
  }, [asOf]);
  if (!data || data.total.received === 0) return null;
  const late = data.units.filter((u) => u.overdue > 0).sort((a, b) => b.overdue - a.overdue);
  const total = data.total;
  return (
    <Card size="small" data-testid="feedback-warnings"
      title={`${t('Phản ánh, kiến nghị quá hạn trả lời')} (${total.overdue}) — ${t('Số liệu đến hết ngày')} ${vnDate(data.as_of)}`}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text>{t('Đúng hạn (R1)')}: {vnPercent(total.r1_percent)} ({total.answered_on_time}/{total.answered + total.overdue})</Typography.Text>
        <Typography.Text>{t('Hài lòng (R2, QĐ 766)')}: {vnPercent(total.r2_percent)} ({total.within_competence - total.complaints}/{total.within_competence})</Typography.Text>
        <a href="#/phan-anh?urgency=overdue">{t('Danh sách quá hạn hôm nay')}</a>
      </Space>
      <List size="small" dataSource={late} locale={{ emptyText: t('Không có phản ánh nào quá hạn trả lời.') }}
        pagination={late.length > 10 ? { pageSize: 10, size: 'small' } : false}
        renderItem={(u) => (
          <List.Item style={{ cursor: 'pointer' }} onClick={() => go('phan-anh?urgency=overdue')}>
            <span>{u.unit_name ?? t('Chưa giao đơn vị chủ trì')}</span>
            <Tag color="red">{counted(u.overdue, 'phản ánh')}</Tag>
          </List.Item>)} />
    </Card>
  );
}
