import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { ChannelsPage } from './ChannelsPage.tsx';
import { ComposerPage } from './ComposerPage.tsx';
import { PlanPage } from './PlanPage.tsx';
import { PostPage } from './PostPage.tsx';
import './calendar.css';

/** The editorial plan area (`/calendar/*`): plan, composer, post page, channels. */
export function CalendarArea() {
  return (
    <Routes>
      <Route index element={<PlanPage />} />
      <Route path="new" element={<ComposerPage />} />
      <Route path="posts/:id" element={<PostPage />} />
      <Route path="channels" element={<ChannelsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
