import type { LogRecord } from '../logging/log-record.ts';
import { normalizeTimestamp } from './log-row-codec.ts';

/** What a batch of logs says about one customer: the customers upsert that goes with the batch. */
export interface CustomerSighting {
  customer_identifier: string;
  name: string | null;
  email: string | null;
  first_seen: string;
  last_seen: string;
}

/**
 * One sighting per distinct customer, sorted by identifier so concurrent batches lock customer
 * rows in the same order (no deadlocks between replicas). The newest log that names a name or
 * e-mail wins, as a later request's `customer_params` updates the customer.
 */
export function collectCustomerSightings(records: readonly LogRecord[]): CustomerSighting[] {
  const sightings = new Map<string, CustomerSighting & { nameAt: string; emailAt: string }>();
  for (const record of records) {
    const identifier = record.customer_identifier;
    if (identifier === null || identifier === undefined || identifier === '') continue;
    const timestamp = normalizeTimestamp(record.timestamp) ?? new Date().toISOString();
    let sighting = sightings.get(identifier);
    if (sighting === undefined) {
      sighting = { customer_identifier: identifier, name: null, email: null, first_seen: timestamp, last_seen: timestamp, nameAt: '', emailAt: '' };
      sightings.set(identifier, sighting);
    }
    if (timestamp < sighting.first_seen) sighting.first_seen = timestamp;
    if (timestamp > sighting.last_seen) sighting.last_seen = timestamp;
    if (record.customer_name != null && timestamp >= sighting.nameAt) {
      sighting.name = record.customer_name;
      sighting.nameAt = timestamp;
    }
    if (record.customer_email != null && timestamp >= sighting.emailAt) {
      sighting.email = record.customer_email;
      sighting.emailAt = timestamp;
    }
  }
  return [...sightings.values()]
    .map(({ nameAt: _nameAt, emailAt: _emailAt, ...sighting }) => sighting)
    .sort((left, right) => (left.customer_identifier < right.customer_identifier ? -1 : left.customer_identifier > right.customer_identifier ? 1 : 0));
}
