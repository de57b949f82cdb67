// Administration, one file per area; each area's code is fetched when its tab is first opened.
import { lazy, Suspense, useState } from 'react';
import type { ReactNode } from 'react';
import { Tabs, Spin, Grid, Select } from 'antd';
import { User } from '../../api';
import { useT } from '../../i18n';

const Directives = lazy(() => import('./Directives').then((m) => ({ default: m.Directives })));
const Indicators = lazy(() => import('./Indicators').then((m) => ({ default: m.Indicators })));
const IndicatorSource = lazy(() => import('./Indicators').then((m) => ({ default: m.SourceEditor })));
const Tasks = lazy(() => import('./Tasks').then((m) => ({ default: m.Tasks })));
const Units = lazy(() => import('./Units').then((m) => ({ default: m.Units })));
const ReportingRule = lazy(() => import('./ReportingRule').then((m) => ({ default: m.ReportingRule })));
const Holidays = lazy(() => import('./Holidays').then((m) => ({ default: m.Holidays })));
const Users = lazy(() => import('./Users').then((m) => ({ default: m.Users })));

const area = (node: ReactNode) => <Suspense fallback={<Spin />}>{node}</Suspense>;

export function Admin({ me }: { me?: User }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const [tab, setTab] = useState('directives');
  const items = [
    { key: 'directives', label: t('Văn bản'), children: area(<Directives />) },
    { key: 'indicators', label: t('Chỉ tiêu'), children: area(<Indicators />) },
    { key: 'indicator-source', label: t('Nguồn số liệu'), children: area(<IndicatorSource />) },
    { key: 'tasks', label: t('Nhiệm vụ', 'Tasks'), children: area(<Tasks />) },
    { key: 'units', label: t('Đơn vị', 'Units'), children: area(<Units />) },
    { key: 'rule', label: t('Quy định báo cáo'), children: area(<ReportingRule />) },
    { key: 'holidays', label: t('Ngày nghỉ lễ'), children: area(<Holidays />) },
    { key: 'users', label: t('Người dùng'), children: area(<Users me={me} />) },
  ];
  // On a phone seven tabs do not fit a line and the hidden ones sit behind a "…": the areas are chosen from a
  // list the width of the screen instead, every one in sight.
  const phone = screens.md === false;
  return (
    <>
      {phone && <Select aria-label={t('Mục quản trị')} data-testid="admin-areas" style={{ width: '100%', marginBottom: 8 }} value={tab} onChange={setTab}
        options={items.map((i) => ({ value: i.key, label: i.label }))} />}
      <Tabs activeKey={tab} onChange={setTab} items={items} renderTabBar={phone ? () => <></> : undefined} />
    </>
  );
}
