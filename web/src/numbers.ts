// Numbers as Vietnamese people type them: "12,5" is twelve and a half (the comma is the decimal mark),
// "1.234.567" is a thousands-grouped whole number; a dot alone before one or two digits ("12.5") is read
// as a decimal mark too, as phones' numeric keyboards offer it. Nothing is ever silently capped.
export type Parsed = { value: number | null; error?: string };

export function parseVn(text: string): number | null | undefined {
  const s = text.replace(/\s/g, '');
  if (s === '') return null;
  let n: string;
  if (s.includes(',')) n = s.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d{1,3}(\.\d{3})+$/.test(s)) n = s.replace(/\./g, '');
  else n = s;
  if (!/^-?\d+(\.\d+)?$/.test(n)) return undefined;
  const v = Number(n);
  return Number.isFinite(v) ? v : undefined;
}

// 12.5 -> "12,5"; null -> "".
export function fmtVn(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '';
  return String(v).replace('.', ',');
}

export type Kind = 'progress' | 'amount' | 'measure';
// The ranges of src/domain/ranges.h, checked where the value is typed, with the field's Vietnamese name.
export function checkVn(text: string, kind: Kind, label: string, lang: 'vi' | 'en' = 'vi'): Parsed {
  const v = parseVn(text);
  const vi = lang === 'vi';
  if (v === undefined) return { value: null, error: vi ? `${label}: "${text}" không phải là số (dùng dấu phẩy cho phần thập phân, ví dụ 12,5).` : `${label}: "${text}" is not a number (use a comma for decimals, e.g. 12,5).` };
  if (v === null) return { value: null };
  if (kind === 'progress' && (v < 0 || v > 100 || !Number.isInteger(v)))
    return { value: v, error: vi ? `${label} phải là số nguyên từ 0 đến 100 (%); đã nhập ${fmtVn(v)}.` : `${label} must be a whole number from 0 to 100 (%); ${fmtVn(v)} was typed.` };
  if (kind === 'amount' && v < 0) return { value: v, error: vi ? `${label} không được âm.` : `${label} cannot be negative.` };
  if (Math.abs(v) > 1e15) return { value: v, error: vi ? `${label} quá lớn.` : `${label} is too large.` };
  return { value: v };
}
