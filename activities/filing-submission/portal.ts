// The portal adapter, for regulators that accept only their web form: nothing goes over the network. The
// filing is prepared as the form's fields in the form's order, ready to paste, in the regulator's language;
// a responder submits it and records the portal's confirmation number through the API.
import { fieldLabel, reportLabelsFor } from '../../domain/filing/report-labels.js';
import { en } from '../../domain/filing/report-labels-en.js';
import { readableReport } from '../../domain/filing/report-readable.js';
import { regimeName } from '../../domain/filing/report-schema.js';
import type { FilingSubmission, SubmissionOutcome } from './submission.js';
import { rejected } from './failures.js';

export function portalFormFields(s: FilingSubmission): Array<{ label: string; value: string }> {
  const labels = reportLabelsFor(s.report.language) ?? en;
  const language = labels === en ? 'en' : s.report.language;
  const readable = readableReport(s.report, labels, language, regimeName(s.report.regime));
  // The report's sections are in the order the regime's form asks for them.
  return [
    ...readable.sections.map((section) => ({
      label: fieldLabel(labels, section.field),
      value: section.lines.join('\n'),
    })),
    { label: labels.words.filing, value: s.filingId },
    { label: labels.words.hash, value: s.reportHash },
  ];
}

export function portalSubmission(s: FilingSubmission): SubmissionOutcome {
  const portalUrl = s.recipient.portalUrl;
  if (!portalUrl) throw rejected(`recipient ${s.recipient.id} has no portalUrl`);
  return { kind: 'prepared_for_portal', portalUrl, formFields: portalFormFields(s) };
}
