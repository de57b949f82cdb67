// The public page of recognised S&T results (seed 004), without a login: title, host, budget, products,
// rating and the uptake plan — no documents, signers, money flows or problems (the server sends none).
import { useEffect, useState } from 'react';
import { Alert, Card, List, Space, Tag, Typography } from 'antd';
import { get, Schemas } from '../../api';
import { useT, vnDate } from '../../i18n';
import { AntdProvider } from '../../theme';

type Result = Schemas['StPublicResult'];
const RATING: Record<string, [string, string]> = { xuat_sac: ['Xuất sắc', 'green'], dat: ['Đạt', 'blue'], khong_dat: ['Không đạt', 'red'] };
const million = (v: number, t: (s: string) => string) => `${(v / 1e6).toLocaleString('vi-VN', { maximumFractionDigits: 0 })} ${t('tr.đ')}`;

function Results() {
  const t = useT();
  const [items, setItems] = useState<Result[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { get<Schemas['StPublicResultList']>('/public/st-results').then((r) => setItems(r.items)).catch((e) => setError(String(e))); }, []);
  return (
    <div style={{ maxWidth: 960, margin: '0 auto', padding: 16 }}>
      <Typography.Title level={3}>{t('Kết quả nhiệm vụ khoa học và công nghệ của thành phố Hải Phòng')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('Các nhiệm vụ sử dụng ngân sách nhà nước đã được công nhận kết quả.')}</Typography.Paragraph>
      {error && <Alert type="error" message={error} />}
      <List loading={!items} dataSource={items ?? []} renderItem={(r) => (
        <Card size="small" style={{ marginBottom: 12 }} title={<span style={{ whiteSpace: 'normal' }}>{r.title}</span>}
          extra={r.rating && <Tag color={RATING[r.rating][1]}>{t(RATING[r.rating][0])}</Tag>}>
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            <span>{t('Tổ chức chủ trì')}: <b>{r.host_unit_name}</b> · {r.sector}</span>
            <span>{t('Kinh phí NSNN')}: {million(r.budget_nsnn, t)}{r.budget_other > 0 && ` · ${t('nguồn khác')} ${million(r.budget_other, t)}`} · {vnDate(r.start_date)} – {vnDate(r.end_date)}</span>
            <span>{t('Công nhận kết quả ngày')} {vnDate(r.recognised_on)}</span>
            <span>{t('Sản phẩm')}: {r.products.map((p) => `${p.name} (${p.quantity})`).join('; ')}</span>
            {r.uptake_plan && <span>{t('Ứng dụng kết quả')}: {r.uptake_plan}</span>}
          </Space>
        </Card>)} />
    </div>
  );
}

export function PublicResults() {
  return <AntdProvider><Results /></AntdProvider>;
}
