import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isPrivateAddress } from './private-address.ts';

export class PrivateAddressError extends Error {
  constructor(hostname: string) {
    super(`${hostname} resolves to a private, loopback or link-local address`);
    this.name = 'PrivateAddressError';
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `dns.lookup` for socket connections that refuses private addresses. Checking inside the
 * connection's own lookup (not before it) closes the DNS-rebinding gap: the address checked is
 * the address connected to.
 */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error !== null) return callback(error, []);
    if (addresses.length === 0 || addresses.some((entry) => isPrivateAddress(entry.address))) {
      return callback(Object.assign(new PrivateAddressError(hostname), { code: 'EPRIVATEADDRESS' }), []);
    }
    if (options.all === true) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}
