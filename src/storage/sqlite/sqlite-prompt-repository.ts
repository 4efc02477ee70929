import type { PromptRepository, PromptRow, PromptVersionContent, PromptVersionRow } from '../database.ts';
import { toJsonText } from '../log-row-codec.ts';
import { canonicalTimestamp, decodePromptRow, decodePromptVersionRow } from '../prompt-row-codec.ts';
import type { SqliteStatements } from './sqlite-statements.ts';

const versionColumns = 'prompt_id, version, model, messages, variables, parameters, description, created_at, updated_at';

export class SqlitePromptRepository implements PromptRepository {
  readonly #statements: SqliteStatements;

  constructor(statements: SqliteStatements) {
    this.#statements = statements;
  }

  async list(): Promise<PromptRow[]> {
    return this.#statements.all('SELECT * FROM prompts ORDER BY created_at, prompt_id').map(decodePromptRow);
  }

  async get(promptId: string): Promise<PromptRow | undefined> {
    const rows = this.#statements.all('SELECT * FROM prompts WHERE prompt_id = ?1', [promptId]);
    return rows.length === 0 ? undefined : decodePromptRow(rows[0]);
  }

  async insert(row: PromptRow): Promise<void> {
    this.#statements.run(
      `INSERT INTO prompts (prompt_id, name, description, deployed_version, version_count, created_at, updated_at)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`,
      [row.prompt_id, row.name, row.description, row.deployed_version, row.version_count, canonicalTimestamp(row.created_at), canonicalTimestamp(row.updated_at)],
    );
  }

  async update(promptId: string, patch: Partial<Pick<PromptRow, 'name' | 'description'>>): Promise<PromptRow | undefined> {
    const values: unknown[] = [promptId, new Date().toISOString()];
    const assignments = ['updated_at = ?2'];
    if (patch.name !== undefined) assignments.push(`name = ?${values.push(patch.name)}`);
    if (patch.description !== undefined) assignments.push(`description = ?${values.push(patch.description)}`);
    this.#statements.run(`UPDATE prompts SET ${assignments.join(', ')} WHERE prompt_id = ?1`, values);
    return this.get(promptId);
  }

  async delete(promptId: string): Promise<boolean> {
    // No foreign keys on SQLite (they are off by default): the versions go in the same transaction.
    return this.#statements.transaction(() => {
      this.#statements.run('DELETE FROM prompt_versions WHERE prompt_id = ?1', [promptId]);
      return this.#statements.run('DELETE FROM prompts WHERE prompt_id = ?1', [promptId]) > 0;
    });
  }

  async listVersions(promptId: string): Promise<PromptVersionRow[]> {
    return this.#statements.all(`SELECT ${versionColumns} FROM prompt_versions WHERE prompt_id = ?1 ORDER BY version`, [promptId]).map(decodePromptVersionRow);
  }

  async getVersion(promptId: string, version: number): Promise<PromptVersionRow | undefined> {
    const rows = this.#statements.all(`SELECT ${versionColumns} FROM prompt_versions WHERE prompt_id = ?1 AND version = ?2`, [promptId, version]);
    return rows.length === 0 ? undefined : decodePromptVersionRow(rows[0]);
  }

  async getLatestVersion(promptId: string): Promise<PromptVersionRow | undefined> {
    const rows = this.#statements.all(`SELECT ${versionColumns} FROM prompt_versions WHERE prompt_id = ?1 ORDER BY version DESC LIMIT 1`, [promptId]);
    return rows.length === 0 ? undefined : decodePromptVersionRow(rows[0]);
  }

  async insertVersion(promptId: string, content: PromptVersionContent, at: string): Promise<PromptVersionRow | undefined> {
    const when = canonicalTimestamp(at);
    // The counter and the row change together, so two creations never get the same number.
    const version = this.#statements.transaction(() => {
      const changed = this.#statements.run('UPDATE prompts SET version_count = version_count + 1, updated_at = ?2 WHERE prompt_id = ?1', [promptId, when]);
      if (changed === 0) return undefined;
      const number = Number(this.#statements.all('SELECT version_count FROM prompts WHERE prompt_id = ?1', [promptId])[0].version_count);
      this.#statements.run(
        `INSERT INTO prompt_versions (${versionColumns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)`,
        [promptId, number, content.model, toJsonText(content.messages), toJsonText(content.variables), toJsonText(content.parameters), content.description, when],
      );
      return number;
    });
    return version === undefined ? undefined : this.getVersion(promptId, version);
  }

  async updateVersion(promptId: string, version: number, patch: Partial<PromptVersionContent>, at: string): Promise<PromptVersionRow | undefined> {
    const values: unknown[] = [promptId, version, canonicalTimestamp(at)];
    const assignments = ['updated_at = ?3'];
    if (patch.model !== undefined) assignments.push(`model = ?${values.push(patch.model)}`);
    if (patch.messages !== undefined) assignments.push(`messages = ?${values.push(toJsonText(patch.messages))}`);
    if (patch.variables !== undefined) assignments.push(`variables = ?${values.push(toJsonText(patch.variables))}`);
    if (patch.parameters !== undefined) assignments.push(`parameters = ?${values.push(toJsonText(patch.parameters))}`);
    if (patch.description !== undefined) assignments.push(`description = ?${values.push(patch.description)}`);
    this.#statements.run(`UPDATE prompt_versions SET ${assignments.join(', ')} WHERE prompt_id = ?1 AND version = ?2`, values);
    return this.getVersion(promptId, version);
  }

  async deleteVersion(promptId: string, version: number): Promise<boolean> {
    return this.#statements.transaction(() => {
      this.#statements.run('UPDATE prompts SET deployed_version = NULL WHERE prompt_id = ?1 AND deployed_version = ?2', [promptId, version]);
      return this.#statements.run('DELETE FROM prompt_versions WHERE prompt_id = ?1 AND version = ?2', [promptId, version]) > 0;
    });
  }

  async setDeployedVersion(promptId: string, version: number | null, at: string): Promise<PromptRow | undefined> {
    this.#statements.run('UPDATE prompts SET deployed_version = ?2, updated_at = ?3 WHERE prompt_id = ?1', [promptId, version, canonicalTimestamp(at)]);
    return this.get(promptId);
  }
}
