import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { Layout, RequireRole } from './layout';
import { CITY_BUREAU_OPERATORS, REVIEWERS, SessionProvider, useSession } from './session';
import { AdminOrganisation, AdminOrganisations } from './pages/admin-organisations';
import { AdminUser, AdminUsers } from './pages/admin-users';
import { ApplicationDetail, ApplicationNew, Applications } from './pages/applications';
import { CleanupTaskDetail, CleanupTasks } from './pages/cleanup';
import { ComplaintDetail } from './pages/complaint-detail';
import { ComplaintInbox } from './pages/complaint-inbox';
import { ComplaintNew } from './pages/complaint-new';
import { ComplaintStatus } from './pages/complaint-status';
import { Consultations } from './pages/consultations';
import { Dashboard } from './pages/dashboard';
import { AdminCalendar } from './pages/admin-calendar';
import { Imports } from './pages/imports';
import { Inbox } from './pages/inbox';
import { Notifications } from './pages/notifications';
import { NotFound } from './pages/not-found';
import { SanctionProposalDetail, SanctionReferralDetail } from './pages/sanction-cases';
import { TrainingShortfall } from './pages/training';
import { Operations } from './pages/operations';
import { OfficerRecord, Officers } from './pages/officers';
import { SanctionDetail, SanctionNew, Sanctions } from './pages/sanctions';
import { AuthCallback, SignIn } from './pages/sign-in';
import { TaskDetail } from './pages/task';
import { Verify } from './pages/verify';
import { ExamRegistrations, ExamSessions } from './pages/exams';
// 第二十七条第二款: supervision.
import { CorrectionOrderDetail, CorrectionOrders, SpotCheckPlanDetail, SpotCheckPlans } from './pages/supervision';
import './styles.css';

/** Where a user lands after signing in: the first page their role works on. */
function Home() {
  const { me, has } = useSession();
  if (!me) return <Navigate to="/sign-in" replace />;
  if (has('SYSTEM_ADMIN')) return <Navigate to="/admin/organisations" replace />;
  if (has(...REVIEWERS)) return <Navigate to="/inbox" replace />;
  if (has('AGENCY_ADMIN')) return <Navigate to="/applications" replace />;
  if (has('SANCTION_OFFICER')) return <Navigate to="/sanctions" replace />;
  if (has('COMPLAINT_HANDLER', 'SUPERVISOR')) return <Navigate to="/complaint-tasks" replace />;
  if (has('STAFFING_OFFICE')) return <Navigate to="/consultations" replace />;
  if (has('OFFICER') && me.officerId) return <Navigate to={`/officers/${me.officerId}`} replace />;
  return <Navigate to="/notifications" replace />;
}

function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Home />} />
        <Route path="sign-in" element={<SignIn />} />
        <Route path="auth/callback" element={<AuthCallback />} />
        <Route path="verify" element={<Verify />} />
        <Route path="verify/:number" element={<Verify />} />
        <Route path="complaints/new" element={<ComplaintNew />} />
        <Route path="complaints/status" element={<ComplaintStatus />} />
        <Route path="complaints/status/:code" element={<ComplaintStatus />} />
        <Route element={<RequireRole roles={['COMPLAINT_HANDLER', 'SUPERVISOR']} />}>
          <Route path="complaint-tasks" element={<ComplaintInbox />} />
          <Route path="complaints/:id" element={<ComplaintDetail />} />
        </Route>
        <Route element={<RequireRole roles={REVIEWERS} />}>
          <Route path="inbox" element={<Inbox />} />
          <Route path="tasks/:id" element={<TaskDetail />} />
        </Route>
        <Route element={<RequireRole roles={['SYSTEM_ADMIN']} />}>
          <Route path="admin/calendar" element={<AdminCalendar />} />
        </Route>
        {/* 第二十七条第二款: the bureau's spot checks; correction orders for the bureau and the agency. */}
        <Route element={<RequireRole roles={REVIEWERS} />}>
          <Route path="supervision" element={<SpotCheckPlans />} />
          <Route path="supervision/plans/:id" element={<SpotCheckPlanDetail />} />
        </Route>
        <Route element={<RequireRole roles={['AGENCY_ADMIN', ...REVIEWERS]} />}>
          <Route path="correction-orders" element={<CorrectionOrders />} />
          <Route path="correction-orders/:id" element={<CorrectionOrderDetail />} />
        </Route>
        <Route element={<RequireRole roles={[...REVIEWERS, 'SUPERVISOR', 'COMPLAINT_HANDLER']} />}>
          <Route path="dashboard" element={<Dashboard />} />
        </Route>
        <Route element={<RequireRole roles={['AGENCY_ADMIN', ...REVIEWERS]} />}>
          <Route path="applications" element={<Applications />} />
          <Route path="cleanup" element={<CleanupTasks />} />
          <Route path="cleanup/:id" element={<CleanupTaskDetail />} />
          <Route path="training" element={<TrainingShortfall />} />
        </Route>
        <Route element={<RequireRole roles={['AGENCY_ADMIN']} />}>
          <Route path="applications/new" element={<ApplicationNew />} />
        </Route>
        <Route element={<RequireRole roles={['AGENCY_ADMIN', 'OFFICER', ...REVIEWERS]} />}>
          <Route path="applications/:id" element={<ApplicationDetail />} />
        </Route>
        <Route element={<RequireRole roles={['AGENCY_ADMIN', 'OFFICER', 'SANCTION_OFFICER', ...REVIEWERS]} />}>
          <Route path="officers" element={<Officers />} />
          <Route path="officers/:id" element={<OfficerRecord />} />
        </Route>
        <Route element={<RequireRole roles={['SANCTION_OFFICER', 'AGENCY_ADMIN', 'OFFICER']} />}>
          <Route path="sanctions" element={<Sanctions />} />
          <Route path="sanctions/:id" element={<SanctionDetail />} />
        </Route>
        <Route element={<RequireRole roles={['SANCTION_OFFICER']} />}>
          <Route path="sanctions/new" element={<SanctionNew />} />
          {/* 第二十九条: what reaches the sanction officers to decide. */}
          <Route path="sanction-proposals/:id" element={<SanctionProposalDetail />} />
          <Route path="sanction-referrals/:id" element={<SanctionReferralDetail />} />
        </Route>
        <Route element={<RequireRole roles={CITY_BUREAU_OPERATORS} />}>
          <Route path="operations" element={<Operations />} />
        </Route>
        <Route element={<RequireRole roles={['SYSTEM_ADMIN']} />}>
          <Route path="admin/organisations" element={<AdminOrganisations />} />
          <Route path="admin/organisations/:id" element={<AdminOrganisation />} />
          <Route path="admin/users/:id" element={<AdminUser />} />
        </Route>
        <Route element={<RequireRole roles={['SYSTEM_ADMIN', 'AGENCY_ADMIN']} />}>
          <Route path="admin/users" element={<AdminUsers />} />
          <Route path="imports" element={<Imports />} />
        </Route>
        <Route element={<RequireRole roles={['STAFFING_OFFICE']} />}>
          <Route path="consultations" element={<Consultations />} />
          <Route path="consultations/:id" element={<Consultations />} />
        </Route>
        {/* 第六条: exam registration — the bureau's 考试安排, the agency's 考试报名. */}
        <Route element={<RequireRole roles={['DISTRICT_REVIEWER', 'CITY_REVIEWER']} />}>
          <Route path="exam-sessions" element={<ExamSessions />} />
        </Route>
        <Route element={<RequireRole roles={['AGENCY_ADMIN']} />}>
          <Route path="exam-registrations" element={<ExamRegistrations />} />
        </Route>
        <Route path="notifications" element={<Notifications />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionProvider>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </SessionProvider>
  </StrictMode>,
);
