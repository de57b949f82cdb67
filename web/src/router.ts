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

// A page with unsaved work may hold a move back (it asks first), by a link or menu (`go`) or by the
// browser's back button (the hash is put back); null lets every move through.
let leaveGuard: (() => boolean) | null = null;
export function setLeaveGuard(g: (() => boolean) | null) {
  leaveGuard = g;
}

const listeners = new Set<() => void>();
let shown = location.hash;
let approved = false;
window.addEventListener('hashchange', () => {
  if (location.hash !== shown && !approved && leaveGuard && !leaveGuard()) {
    location.hash = shown; // the next hashchange finds the hash it shows, and changes nothing
    return;
  }
  approved = false;
  shown = location.hash;
  listeners.forEach((f) => f());
});

export function useRoute(): Route {
  const [route, setRoute] = useState(parse());
  useEffect(() => {
    const on = () => setRoute(parse());
    listeners.add(on);
    return () => { listeners.delete(on); };
  }, []);
  return route;
}

export function go(path: string) {
  if (leaveGuard && !leaveGuard()) return;
  const next = '#/' + path.replace(/^\//, '');
  approved = next !== location.hash;
  location.hash = next;
}
