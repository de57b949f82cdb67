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

export function go(path: string) {
  location.hash = '#/' + path.replace(/^\//, '');
}
