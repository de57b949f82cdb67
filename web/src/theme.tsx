// antd's settings, around everything drawn with antd: its texts in the chosen language and the font.
// Not part of the login page, which is plain HTML (see Login.tsx).
import type { ReactNode } from 'react';
import { useContext } from 'react';
import { ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import enUS from 'antd/locale/en_US';
import { LangContext } from './i18n';

export const FONT = "'Noto Sans', 'Segoe UI', Arial, sans-serif";

export function AntdProvider({ children }: { children: ReactNode }) {
  const lang = useContext(LangContext);
  return <ConfigProvider locale={lang === 'vi' ? viVN : enUS} theme={{ token: { fontFamily: FONT } }}>{children}</ConfigProvider>;
}
