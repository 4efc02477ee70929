import type { LogAttempt } from '../../api/types.ts';
import { formatSeconds } from '../../components/format.ts';
import { StatusBadge } from '../../components/status-badge.tsx';

interface Candidate {
  model: string;
  provider: string;
  attempts: LogAttempt[];
}

/**
 * The upstream calls of one request as a tree: each candidate model (the requested one, then its
 * fallbacks) with its tries under it (the first, then retries), errors included.
 */
export function AttemptsTree({ attempts }: { attempts: LogAttempt[] }) {
  if (attempts.length === 0) return <p className="muted">No upstream call was made (a cache hit or a refused request).</p>;
  const candidates = groupByCandidate(attempts);
  return (
    <ol className="attempts-tree" aria-label="Attempts">
      {candidates.map((candidate, index) => (
        <li key={index}>
          <p className="candidate">
            <span className="candidate-kind">{index === 0 ? 'Requested' : `Fallback ${index}`}</span> <code>{candidate.model}</code> on {candidate.provider}
          </p>
          <ol>
            {candidate.attempts.map((attempt, tryIndex) => (
              <li key={tryIndex} className="attempt">
                <span className="attempt-label">{tryIndex === 0 ? 'Try' : `Retry ${tryIndex}`}</span>
                <StatusBadge status={attempt.status} code={attempt.status_code} />
                <span>{formatSeconds(attempt.latency)}</span>
                {attempt.deployment_name !== null && <span className="muted">deployment {attempt.deployment_name}</span>}
                {attempt.error_message !== null && <p className="attempt-error-message">{attempt.error_message}</p>}
              </li>
            ))}
          </ol>
        </li>
      ))}
    </ol>
  );
}

function groupByCandidate(attempts: LogAttempt[]): Candidate[] {
  const candidates: Candidate[] = [];
  for (const attempt of attempts) {
    const last = candidates.at(-1);
    if (last !== undefined && last.model === attempt.model && last.provider === attempt.provider_id) last.attempts.push(attempt);
    else candidates.push({ model: attempt.model, provider: attempt.provider_id, attempts: [attempt] });
  }
  return candidates;
}
