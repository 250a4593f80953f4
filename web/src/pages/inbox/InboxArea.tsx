import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { InboxPage } from './InboxPage.tsx';
import { RulesPage } from './RulesPage.tsx';
import { SavedRepliesPage } from './SavedRepliesPage.tsx';
import './inbox.css';

/** The inbox area (`/inbox/*`): list + conversation, saved replies, routing rules and settings. */
export function InboxArea() {
  return (
    <Routes>
      <Route index element={<InboxPage />} />
      <Route path="items/:itemId" element={<InboxPage />} />
      <Route path="saved-replies" element={<SavedRepliesPage />} />
      <Route path="rules" element={<RulesPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
