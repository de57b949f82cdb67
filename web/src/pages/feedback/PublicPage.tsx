// The public feedback page as the entry shows it without a login: in antd's theme, its own chunk.
import { AntdProvider } from '../../theme';
import { PublicFeedback } from './PublicFeedback';

export function PublicPage({ query }: { query: URLSearchParams }) {
  return <AntdProvider><PublicFeedback query={query} /></AntdProvider>;
}
