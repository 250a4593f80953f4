import { Route, Routes } from 'react-router';
import { useCan } from '../../api/session.tsx';
import { NoAccess } from '../../components/NoAccess.tsx';
import { ReportBuilder } from './ReportBuilder.tsx';
import { ReportsHome } from './ReportsHome.tsx';
import { ReportView } from './ReportView.tsx';

/** The reports area (`/reports/*`): KPI dashboard and saved reports, the builder, one report. */
export function ReportsArea() {
  const can = useCan();
  const builder = can('reports.write') ? <ReportBuilder /> : <NoAccess reason="forbidden" />;
  return (
    <Routes>
      <Route index element={<ReportsHome />} />
      <Route path="new" element={builder} />
      <Route path=":reportId/edit" element={builder} />
      <Route path=":reportId" element={<ReportView />} />
    </Routes>
  );
}
