interface PaginationProps {
  page: number;
  pageSize: number;
  count: number;
  onPageChange: (page: number) => void;
  onPageSizeChange?: (pageSize: number) => void;
  label: string;
}

const pageSizes = [25, 50, 100, 250];

export function Pagination({ page, pageSize, count, onPageChange, onPageSizeChange, label }: PaginationProps) {
  const lastPage = Math.max(1, Math.ceil(count / pageSize));
  const first = count === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(count, page * pageSize);
  return (
    <nav className="pagination" aria-label={label}>
      <span>
        {first}–{last} of {count.toLocaleString()}
      </span>
      <button type="button" onClick={() => onPageChange(page - 1)} disabled={page <= 1}>
        Previous
      </button>
      <span aria-current="page">
        Page {page} of {lastPage}
      </span>
      <button type="button" onClick={() => onPageChange(page + 1)} disabled={page >= lastPage}>
        Next
      </button>
      {onPageSizeChange !== undefined && (
        <label className="inline-label">
          Per page
          <select value={pageSize} onChange={(event) => onPageSizeChange(Number(event.target.value))}>
            {pageSizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
      )}
    </nav>
  );
}
