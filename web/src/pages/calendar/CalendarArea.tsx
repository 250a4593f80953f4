import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { ChannelsPage } from './ChannelsPage.tsx';
import { ComposerPage } from './ComposerPage.tsx';
import { MediaLibraryPage } from './MediaLibraryPage.tsx';
import { PlanPage } from './PlanPage.tsx';
import { PostPage } from './PostPage.tsx';
import './calendar.css';

/** The editorial plan area (`/calendar/*`): plan, composer, post page, channels, media library. */
export function CalendarArea() {
  return (
    <Routes>
      <Route index element={<PlanPage />} />
      <Route path="new" element={<ComposerPage />} />
      <Route path="posts/:id" element={<PostPage />} />
      <Route path="channels" element={<ChannelsPage />} />
      <Route path="media" element={<MediaLibraryPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
