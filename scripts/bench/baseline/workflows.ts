// The baseline worker's workflows: today's shape and the leanest one.
export { baselineWorkflow } from './workflow';
export { baselineMinWorkflow } from './min-workflow';
