export { applicationWorkflow } from './application';
export { sanctionWorkflow } from './sanction';
export {
  agencyCleanupWorkflow,
  cleanupBatchWorkflow,
  trainingPaceWarningWorkflow,
  yearlyCleanupWorkflow,
} from './cleanup';
export { complaintWorkflow } from './complaint';
export { calendarYearWorkflow } from './calendar';
export { examSessionWorkflow } from './exam-session';
// 第二十七条第二款: supervision's correction orders.
export { correctionOrderWorkflow } from './correction-order';
