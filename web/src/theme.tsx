// antd's settings, around everything drawn with antd: its texts in the chosen language and the font.
// Not part of the login page, which is plain HTML (see Login.tsx).
import type { ReactNode } from 'react';
import { useContext } from 'react';
import { ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import enUS from 'antd/locale/en_US';
import { LangContext } from './i18n';

export const FONT = "'Noto Sans', 'Segoe UI', Arial, sans-serif";

// Text contrast ≥ 4.5:1 (issue 14, checked by axe in e2e/a11y.test.mjs): antd's default blue (#1677ff, 4.1:1 on
// white) and its grey secondary text (45 % black, 3.4:1) are darkened.
const THEME = {
  token: { fontFamily: FONT, colorPrimary: '#0958d9', colorLink: '#0958d9', colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)', colorTextTertiary: 'rgba(0, 0, 0, 0.65)', colorError: '#cf1322' },
};

export function AntdProvider({ children }: { children: ReactNode }) {
  const lang = useContext(LangContext);
  return <ConfigProvider locale={lang === 'vi' ? viVN : enUS} theme={THEME}>{children}</ConfigProvider>;
}
