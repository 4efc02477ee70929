import { waitForUpdate } from '@pydantic/genai-prices';
import type { Provider as PricingProvider } from '@pydantic/genai-prices';

/**
 * Every provider in the genai-prices data. The library only looks providers up one at a time
 * (`findProvider`); `waitForUpdate` is its one export that returns the whole data set, and with no
 * auto-update configured it resolves at once to the bundled data, so awaiting it here costs nothing.
 */
export const bundledPricingProviders: readonly PricingProvider[] = (await waitForUpdate()) ?? [];
