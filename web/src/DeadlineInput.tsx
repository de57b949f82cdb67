// Deadline words typed as the documents write them ("Quý II/2026"), read by the server while they are typed:
// the day it will count as the last on-time one is echoed under the field ("→ 30/06/2026"), or why the words are
// no deadline, before anything is saved. The server's reading is the only one (domain/deadline), never the page's.
import { useEffect, useState } from 'react';
import { Input, Typography } from 'antd';
import type { InputProps } from 'antd';
import { ApiError, get, Schemas } from './api';
import { useT, vnDate } from './i18n';

export function DeadlineInput(props: InputProps) {
  const t = useT();
  const text = typeof props.value === 'string' ? props.value.trim() : '';
  const [echo, setEcho] = useState<{ ok: boolean; words: string } | null>(null);
  useEffect(() => {
    if (!text) { setEcho(null); return; }
    let gone = false;
    const timer = setTimeout(() => {
      get<Schemas['DeadlineReading']>(`/deadlines/read?deadline_text=${encodeURIComponent(text)}`)
        .then((r) => !gone && setEcho({ ok: true, words: r.due ? `→ ${vnDate(r.due)} (${t(r.deadline_kind_label)})` : `→ ${t(r.deadline_kind_label)}` }))
        .catch((e) => !gone && setEcho(e instanceof ApiError && e.status === 400 ? { ok: false, words: e.message } : null));
    }, 300);
    return () => { gone = true; clearTimeout(timer); };
  }, [text]);
  return (
    <>
      <Input {...props} />
      {echo && <Typography.Text type={echo.ok ? 'secondary' : 'danger'} className="deadline-echo" style={{ display: 'block', marginTop: 4 }}>{echo.words}</Typography.Text>}
    </>
  );
}
