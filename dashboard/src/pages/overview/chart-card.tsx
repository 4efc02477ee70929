import type { ReactNode } from 'react';

/** A chart with its title as a caption; `summary` states the figure in words for screen readers. */
export function ChartCard({ title, summary, children }: { title: string; summary: string; children: ReactNode }) {
  return (
    <figure className="chart-card">
      <figcaption>
        <h2>{title}</h2>
        <span className="visually-hidden">{summary}</span>
      </figcaption>
      <div className="chart-area" aria-hidden="true">
        {children}
      </div>
    </figure>
  );
}
