// Versioned schema changes, applied in name order on open. Never edit a released migration:
// add the next one, in a file of its own here, and name it below.
import type { MigrationProvider } from 'kysely';
import type { FlavorName } from './flavor-types.js';
import { initial } from './0001-initial.js';
import { sendQuota } from './0002-send-quota.js';
import { smsProviderIndex } from './0003-sms-provider-index.js';
import { noSmsProviderIndex } from './0004-no-sms-provider-index.js';
import { affectedUserLinkRef } from './0005-affected-user-link-ref.js';
import { filingRecipients } from './0006-filing-recipients.js';
import { announcementPages } from './0007-announcement-pages.js';
import { announcementLookup } from './0008-announcement-lookup.js';
import { auditChain } from './0009-audit-chain.js';
import { deliveryCounts } from './0010-delivery-counts.js';
import { postalAddress } from './0011-postal-address.js';
import { deliverySchedule } from './0012-delivery-schedule.js';

export type { FlavorName } from './flavor-types.js';

export function migrationProvider(flavor: FlavorName): MigrationProvider {
  return {
    async getMigrations() {
      return {
        '0001_initial': initial(flavor),
        '0002_send_quota': sendQuota(flavor),
        '0003_sms_provider_index': smsProviderIndex,
        '0004_no_sms_provider_index': noSmsProviderIndex,
        '0005_affected_user_link_ref': affectedUserLinkRef,
        '0006_filing_recipients': filingRecipients(flavor),
        '0007_announcement_pages': announcementPages(flavor),
        '0008_announcement_lookup': announcementLookup(flavor),
        '0009_audit_chain': auditChain(flavor),
        '0010_delivery_counts': deliveryCounts(flavor),
        '0011_postal_address': postalAddress(flavor),
        '0012_delivery_schedule': deliverySchedule(flavor),
      };
    },
  };
}
