// Hash routes: "#/report/12", "#/assignments?status=overdue". Shareable, and no server routes needed.
import { useEffect, useState } from 'react';

export interface Route {
  name: string;
  id?: string;
  query: URLSearchParams;
}

function parse(): Route {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, qs] = hash.split('?');
  const [name, id] = path.split('/');
  return { name: name || '', id, query: new URLSearchParams(qs ?? '') };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(parse());
  useEffect(() => {
    const on = () => setRoute(parse());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

// A page with unsaved work may hold an in-app navigation back (it asks first); null lets every move through.
let leaveGuard: (() => boolean) | null = null;
export function setLeaveGuard(g: (() => boolean) | null) {
  leaveGuard = g;
}

export function go(path: string) {
  if (leaveGuard && !leaveGuard()) return;
  location.hash = '#/' + path.replace(/^\//, '');
}
