import { PageHeader } from '../../components/page-header.tsx';
import { CustomerLimitsSection } from './customer-limits-section.tsx';
import { KeyLimitsSection } from './key-limits-section.tsx';

export function LimitsPage() {
  return (
    <>
      <PageHeader
        title="Limits"
        description="Requests, tokens or cost per window, per API key and per customer. Past “warn at” an alert is sent once per window; past “block at” requests are refused with 429."
      />
      <div className="two-columns">
        <KeyLimitsSection />
        <CustomerLimitsSection />
      </div>
    </>
  );
}
