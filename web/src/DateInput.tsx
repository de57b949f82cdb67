// A date is picked, shown and typed as dd/mm/yyyy, and the empty field says so ("Chọn ngày (dd/mm/yyyy)"),
// not antd's "Chọn thời điểm". Its own module: pages that pick no date never fetch the picker.
import { DatePicker } from 'antd';
import type { DatePickerProps } from 'antd';
import { useT } from './i18n';

export function DateInput({ placeholder, style, ...rest }: DatePickerProps) {
  const t = useT();
  return <DatePicker format="DD/MM/YYYY" {...rest} placeholder={`${placeholder ?? t('Chọn ngày')} (dd/mm/yyyy)`}
    style={{ minWidth: 240, ...style }} />;
}
