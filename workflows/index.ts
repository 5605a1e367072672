export { incidentWorkflow } from './incident.js';
export { noticeFanoutWorkflow } from './fanout.js';
export { noticeLaneWorkflow } from './fanout-lane.js';
export { filingWorkflow } from './filing.js';
