import { randomUUID } from 'node:crypto';
import type { PromptRepository, PromptRow, PromptVersionContent, PromptVersionRow } from '../storage/database.ts';
import type { PromptVersionResolver, VersionSelector } from './render-prompt.ts';

/** Distinct (prompt, selector) pairs kept at most; past it the oldest goes. */
const CACHE_CAPACITY = 2_000;

/**
 * Prompt management on top of the repository, and the resolver requests use. Resolved versions are
 * cached in memory because every request with `prompt` needs one; any change made here clears the
 * cache and calls `onChange`, which the application uses to tell other replicas (Redis notice
 * `prompts`), whose handler calls `invalidate()`.
 */
export class PromptService implements PromptVersionResolver {
  readonly #repository: PromptRepository;
  readonly #onChange: () => void;
  readonly #cache = new Map<string, Promise<PromptVersionRow | undefined>>();

  constructor(options: { repository: PromptRepository; onChange?: () => void }) {
    this.#repository = options.repository;
    this.#onChange = options.onChange ?? (() => {});
  }

  /** Forgets every resolved version: the next request reads the store again. */
  invalidate(): void {
    this.#cache.clear();
  }

  resolveVersion(promptId: string, selector: VersionSelector): Promise<PromptVersionRow | undefined> {
    const key = `${selector ?? 'deployed'}\u0000${promptId}`;
    let cached = this.#cache.get(key);
    if (cached === undefined) {
      cached = this.#load(promptId, selector);
      if (this.#cache.size >= CACHE_CAPACITY) this.#cache.delete(this.#cache.keys().next().value as string);
      this.#cache.set(key, cached);
      // A failed read (the store is down) must not be remembered.
      cached.catch(() => {
        if (this.#cache.get(key) === cached) this.#cache.delete(key);
      });
    }
    return cached;
  }

  async #load(promptId: string, selector: VersionSelector): Promise<PromptVersionRow | undefined> {
    if (typeof selector === 'number') return this.#repository.getVersion(promptId, selector);
    if (selector === 'latest') return this.#repository.getLatestVersion(promptId);
    const prompt = await this.#repository.get(promptId);
    if (prompt === undefined) return undefined;
    // With nothing deployed the newest version serves, so a fresh prompt is usable at once.
    if (prompt.deployed_version === null) return this.#repository.getLatestVersion(promptId);
    return this.#repository.getVersion(promptId, prompt.deployed_version);
  }

  #changed(): void {
    this.invalidate();
    this.#onChange();
  }

  list(): Promise<PromptRow[]> {
    return this.#repository.list();
  }

  get(promptId: string): Promise<PromptRow | undefined> {
    return this.#repository.get(promptId);
  }

  async create(input: { name: string; description?: string | null }): Promise<PromptRow> {
    const now = new Date().toISOString();
    // Respan's prompt ids are 32 hex characters.
    const row: PromptRow = {
      prompt_id: randomUUID().replaceAll('-', ''), name: input.name, description: input.description ?? null,
      deployed_version: null, version_count: 0, created_at: now, updated_at: now,
    };
    await this.#repository.insert(row);
    this.#changed();
    return row;
  }

  async update(promptId: string, patch: Partial<Pick<PromptRow, 'name' | 'description'>>): Promise<PromptRow | undefined> {
    const row = await this.#repository.update(promptId, patch);
    this.#changed();
    return row;
  }

  async delete(promptId: string): Promise<boolean> {
    const deleted = await this.#repository.delete(promptId);
    this.#changed();
    return deleted;
  }

  listVersions(promptId: string): Promise<PromptVersionRow[]> {
    return this.#repository.listVersions(promptId);
  }

  getVersion(promptId: string, version: number): Promise<PromptVersionRow | undefined> {
    return this.#repository.getVersion(promptId, version);
  }

  async createVersion(promptId: string, content: PromptVersionContent, deploy: boolean): Promise<PromptVersionRow | undefined> {
    const now = new Date().toISOString();
    const row = await this.#repository.insertVersion(promptId, content, now);
    if (row !== undefined && deploy) await this.#repository.setDeployedVersion(promptId, row.version, now);
    this.#changed();
    return row;
  }

  /** `deploy: true` makes this version the live one; `false` undeploys it if it is. */
  async updateVersion(promptId: string, version: number, patch: Partial<PromptVersionContent>, deploy: boolean | undefined): Promise<PromptVersionRow | undefined> {
    const now = new Date().toISOString();
    const row = await this.#repository.updateVersion(promptId, version, patch, now);
    if (row !== undefined && deploy !== undefined) {
      const prompt = await this.#repository.get(promptId);
      if (deploy) await this.#repository.setDeployedVersion(promptId, version, now);
      else if (prompt?.deployed_version === version) await this.#repository.setDeployedVersion(promptId, null, now);
    }
    this.#changed();
    return row;
  }

  async deleteVersion(promptId: string, version: number): Promise<boolean> {
    const deleted = await this.#repository.deleteVersion(promptId, version);
    this.#changed();
    return deleted;
  }
}
