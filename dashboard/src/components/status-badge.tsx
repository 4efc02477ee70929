export function StatusBadge({ status, code }: { status: 'success' | 'error'; code?: number }) {
  return (
    <span className={`badge badge-${status}`}>
      {status === 'success' ? 'OK' : 'Error'}
      {code !== undefined && <span className="badge-code"> {code}</span>}
    </span>
  );
}
