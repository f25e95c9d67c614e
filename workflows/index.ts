export { applicationWorkflow } from './application';
export { sanctionWorkflow } from './sanction';
