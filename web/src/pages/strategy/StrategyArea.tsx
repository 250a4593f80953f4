import { Route, Routes } from 'react-router';
import { useCan } from '../../api/session.tsx';
import { NoAccess } from '../../components/NoAccess.tsx';
import { GoalForm } from './GoalForm.tsx';
import { StrategyOverview } from './StrategyOverview.tsx';

/** The strategy area (mounted at `/strategy/*`): overview, its sections, and the SMART goal form. */
export function StrategyArea() {
  const can = useCan();
  return (
    <Routes>
      <Route index element={<StrategyOverview />} />
      <Route path="goals/new" element={can('strategy.write') ? <GoalForm /> : <NoAccess reason="forbidden" />} />
      <Route path=":section" element={<StrategyOverview />} />
    </Routes>
  );
}
