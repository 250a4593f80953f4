import { Navigate, Route, Routes } from 'react-router';
import { CrisisOverview } from './CrisisOverview.tsx';
import { CrisisRoomPage } from './CrisisRoomPage.tsx';
import { PlaybookPage } from './PlaybookPage.tsx';
import { PlaybooksPage } from './PlaybooksPage.tsx';

/** The crisis area (mounted at `/crisis/*`): overview, playbooks, and one room per crisis or drill. */
export function CrisisArea() {
  return (
    <Routes>
      <Route index element={<CrisisOverview />} />
      <Route path="playbooks" element={<PlaybooksPage />} />
      <Route path="playbooks/:playbookId" element={<PlaybookPage />} />
      <Route path=":crisisId" element={<CrisisRoomPage />} />
      <Route path="*" element={<Navigate to="/crisis" replace />} />
    </Routes>
  );
}
