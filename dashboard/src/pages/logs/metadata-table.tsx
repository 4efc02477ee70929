interface MetadataTableProps {
  metadata: Record<string, unknown> | null;
  onFilter?: (key: string, value: string) => void;
}

/** A log's custom metadata; each pair can become a filter on the table. */
export function MetadataTable({ metadata, onFilter }: MetadataTableProps) {
  const entries = Object.entries(metadata ?? {});
  if (entries.length === 0) return <p className="muted">No metadata.</p>;
  return (
    <table className="compact-table">
      <tbody>
        {entries.map(([key, value]) => {
          const text = typeof value === 'string' ? value : JSON.stringify(value);
          return (
            <tr key={key}>
              <th scope="row">{key}</th>
              <td>{text}</td>
              {onFilter !== undefined && (
                <td>
                  <button type="button" className="quiet" onClick={() => onFilter(key, text)} aria-label={`Filter logs by ${key} = ${text}`}>
                    Filter
                  </button>
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
