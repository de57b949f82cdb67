// Where each page's code is: one chunk per page, fetched when the page is first shown. The signed-in frame
// (Shell.tsx) renders them; the entry (App.tsx) starts fetching the first page as soon as it knows the user,
// beside the frame rather than after it.
export const pages = {
  inbox: () => import('./pages/Inbox').then((m) => ({ default: m.Inbox })),
  report: () => import('./pages/ReportForm').then((m) => ({ default: m.ReportForm })),
  review: () => import('./pages/Review').then((m) => ({ default: m.Review })),
  dashboard: () => import('./pages/Dashboard').then((m) => ({ default: m.Dashboard })),
  assignments: () => import('./pages/Assignments').then((m) => ({ default: m.Assignments })),
  assignment: () => import('./pages/AssignmentDetail').then((m) => ({ default: m.AssignmentDetail })),
  admin: () => import('./pages/admin').then((m) => ({ default: m.Admin })),
  notifications: () => import('./pages/Notifications').then((m) => ({ default: m.Notifications })),
  documents: () => import('./pages/Documents').then((m) => ({ default: m.Documents })),
  'doi-mat-khau': () => import('./pages/Account').then((m) => ({ default: m.ChangePassword })),
  'phan-anh': () => import('./pages/feedback/FeedbackInbox').then((m) => ({ default: m.FeedbackInbox })),
  'nhiem-vu-khcn': () => import('./pages/st-tasks/StTasks').then((m) => ({ default: m.StTasks })),
  'trao-doi': () => import('./pages/exchange/Exchange').then((m) => ({ default: m.Exchange })),
  'xep-hang': () => import('./pages/ranking/Ranking').then((m) => ({ default: m.Ranking })),
};

export const WHOLE_CITY = ['admin', 'standing_agency', 'leader', 'directing_leader'];

// The page a user lands on: the leaders' dashboard, the standing agency's review queue, a host organisation's
// S&T tasks (the only pages it may open), everyone else's work.
export const homeOf = (role: string) => (role === 'host' ? 'nhiem-vu-khcn'
  : WHOLE_CITY.includes(role) ? (role === 'standing_agency' ? 'review' : 'dashboard') : 'inbox');
// What a host organisation's officer may open besides its tasks: its notifications and its password.
export const HOST_PAGES = ['nhiem-vu-khcn', 'notifications', 'doi-mat-khau'];

export function preloadPage(name: string) {
  if (name in pages) pages[name as keyof typeof pages]().catch(() => undefined);  // shown (or its error) when rendered
}
