import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditEntry, AuditLogRepository } from './audit-log.ts';
import { removeSecrets } from './remove-secrets.ts';

export interface RecordManagementChangesOptions {
  /** The whole app: the state before a change is read with an internal GET of the same URL. */
  root: FastifyInstance;
  auditLogs: Pick<AuditLogRepository, 'append'>;
  warn: (message: string) => void;
}

const changingMethods = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
/** Renames where the generic verb would mislead an auditor. */
const actionNames: Record<string, string> = { 'api_keys.delete': 'api_keys.revoke', 'users.delete': 'users.erase' };
/** Fields that name a created object, in the order they are looked for. */
const identifierFields = ['id', 'prompt_id', 'unique_id', 'name', 'group_id', 'model_name', 'customer_identifier', 'version'];

interface PendingChange {
  action: string;
  target: string;
  before: unknown;
  isCreation: boolean;
}

/**
 * Adds hooks to one management scope so every change made through it (contract §14) is written
 * to the audit log: who (`request.auth.keyName`), what, on which target, and the target's state
 * before (read with an internal GET of the same URL, as the caller would see it) and after (the
 * route's answer), both with secrets removed. Only successful changes are recorded; the entry is
 * written before the answer leaves, so a client that saw success can find the entry.
 * POSTs that only query (`.../list/`, `.../summary/`) and log ingestion are not changes.
 */
export function recordManagementChanges(management: FastifyInstance, options: RecordManagementChangesOptions): void {
  const pending = new WeakMap<FastifyRequest, PendingChange>();

  management.addHook('preHandler', async (request) => {
    if (!changingMethods.has(request.method)) return;
    const path = request.url.split('?')[0];
    if (!isChange(request.method, path)) return;
    const relative = path.replace(/^\/api\//, '').replace(/\/+$/, '');
    const { action, isCreation } = describeAction(request.method, relative);
    const before = request.method === 'POST' ? null : await readCurrent(options.root, path, request.headers.authorization);
    pending.set(request, { action, target: relative, before, isCreation });
  });

  management.addHook('onSend', async (request, reply, payload) => {
    const change = pending.get(request);
    if (change === undefined || reply.statusCode >= 400) return payload;
    const after = request.method === 'DELETE' && (payload === '' || payload === undefined) ? null : parseJson(payload);
    const entry: AuditEntry = {
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      actor: request.auth?.keyName ?? 'unknown',
      action: change.action,
      target: change.isCreation ? withCreatedIdentifier(change.target, after) : change.target,
      before: removeSecrets(change.before),
      after: removeSecrets(after),
    };
    try {
      await options.auditLogs.append(entry);
    } catch (error) {
      // The change already happened; refusing the answer would only hide it from the caller.
      options.warn(`could not write the audit log entry for ${entry.action} ${entry.target}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return payload;
  });
}

function isChange(method: string, path: string): boolean {
  if (method !== 'POST') return true;
  if (/\/(list|summary)\/?$/.test(path)) return false;
  return !/^\/api\/request-logs\/?$/.test(path);
}

/** `prompts/ID/versions/3` → `prompts.versions.update`: collection names sit at even positions. */
function describeAction(method: string, relative: string): { action: string; isCreation: boolean } {
  const segments = relative.split('/').filter((segment) => segment !== '');
  const resource = segments.filter((_segment, index) => index % 2 === 0).join('.').replaceAll('-', '_');
  const verb = method === 'POST' ? 'create' : method === 'DELETE' ? 'delete' : 'update';
  const action = `${resource}.${verb}`;
  // A POST on a collection (odd number of segments) creates a member; a POST elsewhere is an operation.
  return { action: actionNames[action] ?? action, isCreation: method === 'POST' && segments.length % 2 === 1 };
}

async function readCurrent(root: FastifyInstance, path: string, authorization: string | undefined): Promise<unknown> {
  const response = await root.inject({ method: 'GET', url: path, headers: authorization === undefined ? {} : { authorization } });
  return response.statusCode === 200 ? parseJson(response.body) : null;
}

function parseJson(payload: unknown): unknown {
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return null;
  try {
    return JSON.parse(payload.toString());
  } catch {
    return null;
  }
}

function withCreatedIdentifier(target: string, after: unknown): string {
  if (after === null || typeof after !== 'object') return target;
  const record = after as Record<string, unknown>;
  const field = identifierFields.find((name) => typeof record[name] === 'string' || typeof record[name] === 'number');
  return field === undefined ? target : `${target}/${String(record[field])}`;
}
