import type { Sql } from 'postgres';
import type { PromptRepository, PromptRow, PromptVersionContent, PromptVersionRow } from '../database.ts';
import { toJsonText } from '../log-row-codec.ts';
import { canonicalTimestamp, decodePromptRow, decodePromptVersionRow } from '../prompt-row-codec.ts';
import { runStatement } from './postgres-query.ts';

const promptSelect = 'prompt_id, name, description, deployed_version, version_count, created_at, updated_at';
const versionSelect = `prompt_id, version, model, messages::text AS messages, variables::text AS variables,
  parameters::text AS parameters, description, created_at, updated_at`;

export class PostgresPromptRepository implements PromptRepository {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async list(): Promise<PromptRow[]> {
    const rows = await runStatement(this.#sql, { text: `SELECT ${promptSelect} FROM prompts ORDER BY created_at, prompt_id`, values: [] });
    return rows.map(decodePromptRow);
  }

  async get(promptId: string): Promise<PromptRow | undefined> {
    const rows = await runStatement(this.#sql, { text: `SELECT ${promptSelect} FROM prompts WHERE prompt_id = $1::text`, values: [promptId] }, { prepare: true });
    return rows.length === 0 ? undefined : decodePromptRow(rows[0]);
  }

  async insert(row: PromptRow): Promise<void> {
    await runStatement(this.#sql, {
      text: `INSERT INTO prompts (${promptSelect})
        VALUES ($1::text, $2::text, $3::text, $4::integer, $5::integer, $6::timestamptz, $7::timestamptz)`,
      values: [row.prompt_id, row.name, row.description, row.deployed_version, row.version_count, canonicalTimestamp(row.created_at), canonicalTimestamp(row.updated_at)],
    }, { prepare: true });
  }

  async update(promptId: string, patch: Partial<Pick<PromptRow, 'name' | 'description'>>): Promise<PromptRow | undefined> {
    const values: unknown[] = [promptId];
    const assignments = ['updated_at = now()'];
    if (patch.name !== undefined) assignments.push(`name = $${values.push(patch.name)}::text`);
    if (patch.description !== undefined) assignments.push(`description = $${values.push(patch.description)}::text`);
    const rows = await runStatement(this.#sql, { text: `UPDATE prompts SET ${assignments.join(', ')} WHERE prompt_id = $1 RETURNING ${promptSelect}`, values });
    return rows.length === 0 ? undefined : decodePromptRow(rows[0]);
  }

  async delete(promptId: string): Promise<boolean> {
    // prompt_versions references prompts ON DELETE CASCADE.
    const rows = await runStatement(this.#sql, { text: 'DELETE FROM prompts WHERE prompt_id = $1::text RETURNING prompt_id', values: [promptId] }, { prepare: true });
    return rows.length > 0;
  }

  async listVersions(promptId: string): Promise<PromptVersionRow[]> {
    const rows = await runStatement(this.#sql, {
      text: `SELECT ${versionSelect} FROM prompt_versions WHERE prompt_id = $1::text ORDER BY version`, values: [promptId],
    }, { prepare: true });
    return rows.map(decodePromptVersionRow);
  }

  async getVersion(promptId: string, version: number): Promise<PromptVersionRow | undefined> {
    const rows = await runStatement(this.#sql, {
      text: `SELECT ${versionSelect} FROM prompt_versions WHERE prompt_id = $1::text AND version = $2::integer`, values: [promptId, version],
    }, { prepare: true });
    return rows.length === 0 ? undefined : decodePromptVersionRow(rows[0]);
  }

  async getLatestVersion(promptId: string): Promise<PromptVersionRow | undefined> {
    const rows = await runStatement(this.#sql, {
      text: `SELECT ${versionSelect} FROM prompt_versions WHERE prompt_id = $1::text ORDER BY version DESC LIMIT 1`, values: [promptId],
    }, { prepare: true });
    return rows.length === 0 ? undefined : decodePromptVersionRow(rows[0]);
  }

  async insertVersion(promptId: string, content: PromptVersionContent, at: string): Promise<PromptVersionRow | undefined> {
    const when = canonicalTimestamp(at);
    // UPDATE ... RETURNING locks the prompt row, so concurrent creations on other replicas are numbered one after the other.
    return this.#sql.begin(async (transaction) => {
      const counted = await runStatement(transaction, {
        text: 'UPDATE prompts SET version_count = version_count + 1, updated_at = $2::timestamptz WHERE prompt_id = $1::text RETURNING version_count',
        values: [promptId, when],
      });
      if (counted.length === 0) return undefined;
      const rows = await runStatement(transaction, {
        text: `INSERT INTO prompt_versions (prompt_id, version, model, messages, variables, parameters, description, created_at, updated_at)
          VALUES ($1::text, $2::integer, $3::text, $4::text::jsonb, $5::text::jsonb, $6::text::jsonb, $7::text, $8::timestamptz, $8::timestamptz)
          RETURNING ${versionSelect}`,
        values: [promptId, Number(counted[0].version_count), content.model, toJsonText(content.messages), toJsonText(content.variables), toJsonText(content.parameters), content.description, when],
      });
      return decodePromptVersionRow(rows[0]);
    });
  }

  async updateVersion(promptId: string, version: number, patch: Partial<PromptVersionContent>, at: string): Promise<PromptVersionRow | undefined> {
    const values: unknown[] = [promptId, version, canonicalTimestamp(at)];
    const assignments = ['updated_at = $3::timestamptz'];
    if (patch.model !== undefined) assignments.push(`model = $${values.push(patch.model)}::text`);
    if (patch.messages !== undefined) assignments.push(`messages = $${values.push(toJsonText(patch.messages))}::text::jsonb`);
    if (patch.variables !== undefined) assignments.push(`variables = $${values.push(toJsonText(patch.variables))}::text::jsonb`);
    if (patch.parameters !== undefined) assignments.push(`parameters = $${values.push(toJsonText(patch.parameters))}::text::jsonb`);
    if (patch.description !== undefined) assignments.push(`description = $${values.push(patch.description)}::text`);
    const rows = await runStatement(this.#sql, {
      text: `UPDATE prompt_versions SET ${assignments.join(', ')} WHERE prompt_id = $1::text AND version = $2::integer RETURNING ${versionSelect}`,
      values,
    });
    return rows.length === 0 ? undefined : decodePromptVersionRow(rows[0]);
  }

  async deleteVersion(promptId: string, version: number): Promise<boolean> {
    return this.#sql.begin(async (transaction) => {
      await runStatement(transaction, {
        text: 'UPDATE prompts SET deployed_version = NULL WHERE prompt_id = $1::text AND deployed_version = $2::integer', values: [promptId, version],
      });
      const rows = await runStatement(transaction, {
        text: 'DELETE FROM prompt_versions WHERE prompt_id = $1::text AND version = $2::integer RETURNING version', values: [promptId, version],
      });
      return rows.length > 0;
    });
  }

  async setDeployedVersion(promptId: string, version: number | null, at: string): Promise<PromptRow | undefined> {
    const rows = await runStatement(this.#sql, {
      text: `UPDATE prompts SET deployed_version = $2::integer, updated_at = $3::timestamptz WHERE prompt_id = $1::text RETURNING ${promptSelect}`,
      values: [promptId, version, canonicalTimestamp(at)],
    });
    return rows.length === 0 ? undefined : decodePromptRow(rows[0]);
  }
}
