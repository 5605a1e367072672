export { incidentWorkflow } from './incident.js';
export { noticeFanoutWorkflow } from './fanout.js';
export { filingWorkflow } from './filing.js';
