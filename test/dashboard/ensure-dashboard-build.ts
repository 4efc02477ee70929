import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const dashboardDirectory = join(repositoryRoot, 'dashboard');
const builtIndex = join(dashboardDirectory, 'dist', 'index.html');

/**
 * Builds the dashboard when `dashboard/dist` is missing or older than its sources, so the tests
 * drive what the gateway would serve after `npm install`.
 */
export function ensureDashboardBuild(): void {
  if (existsSync(builtIndex) && newestSourceTime() <= statSync(builtIndex).mtimeMs) return;
  execFileSync('npm', ['run', 'build:dashboard'], { cwd: repositoryRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  if (!existsSync(builtIndex)) throw new Error('npm run build:dashboard did not produce dashboard/dist/index.html');
}

function newestSourceTime(): number {
  const sources = [join(dashboardDirectory, 'index.html'), join(dashboardDirectory, 'vite.config.ts'), ...listFiles(join(dashboardDirectory, 'src')), ...listFiles(join(dashboardDirectory, 'public'))];
  return Math.max(...sources.filter((path) => existsSync(path)).map((path) => statSync(path).mtimeMs));
}

function listFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}
