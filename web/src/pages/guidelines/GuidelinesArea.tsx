import { Route, Routes } from 'react-router';
import { useCan } from '../../api/session.tsx';
import { NoAccess } from '../../components/NoAccess.tsx';
import { GuidelinesPage } from './GuidelinesPage.tsx';
import { ManagePage } from './ManagePage.tsx';

/** The guidelines area (mounted at `/guidelines/*`). */
export function GuidelinesArea() {
  const can = useCan();
  return (
    <Routes>
      <Route index element={<GuidelinesPage />} />
      <Route path="manage" element={can('guidelines.write') ? <ManagePage /> : <NoAccess reason="forbidden" />} />
      <Route path="*" element={<GuidelinesPage />} />
    </Routes>
  );
}
