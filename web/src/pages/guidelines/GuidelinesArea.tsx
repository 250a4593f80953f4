import { Route, Routes } from 'react-router';
import { GuidelinesPage } from './GuidelinesPage.tsx';

/** The guidelines area (mounted at `/guidelines/*`). */
export function GuidelinesArea() {
  return (
    <Routes>
      <Route index element={<GuidelinesPage />} />
      <Route path="*" element={<GuidelinesPage />} />
    </Routes>
  );
}
