export { applicationWorkflow } from './application';
export { sanctionWorkflow } from './sanction';
export { complaintWorkflow } from './complaint';
