export { sanctionWorkflow } from './sanction';
