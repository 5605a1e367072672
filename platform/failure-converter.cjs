// Loaded by path, both by Node's require (client, worker) and into the workflow bundle, so it is
// plain CommonJS and sandbox-safe.
const { DefaultFailureConverter } = require('@temporalio/common');

// Failure messages and stack traces can carry personal data, so they travel encoded (and thus encrypted).
exports.failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
