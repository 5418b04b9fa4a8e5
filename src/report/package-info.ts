// The package's own metadata (version, repository), read once from package.json at the package
// root, which sits beside checks/ (src/engine/docs.ts finds it for the doc pages).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../engine/docs.js';

export interface PackageInfo {
  version: string;
  /** Project home page (package.json `homepage`), if any. */
  homepage?: string;
  /** Base URL of the check doc pages on the forge (`…/blob/v<version>/checks/`), if package.json names a GitHub repository. */
  docsBaseUrl?: string;
}

let cached: PackageInfo | undefined;

function repositoryUrl(repository: unknown): string | undefined {
  const url = typeof repository === 'string' ? repository : (repository as { url?: unknown } | undefined)?.url;
  return typeof url === 'string' ? url : undefined;
}

export function packageInfo(): PackageInfo {
  if (cached) return cached;
  const root = packageRoot();
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  const version = typeof manifest.version === 'string' ? manifest.version : '0.0.0';
  const info: PackageInfo = { version };
  if (typeof manifest.homepage === 'string') info.homepage = manifest.homepage;
  const github = /github\.com[/:]([\w.-]+)\/([\w.-]+?)(?:\.git)?$/.exec(repositoryUrl(manifest.repository) ?? '');
  if (github) {
    info.docsBaseUrl = `https://github.com/${github[1]}/${github[2]}/blob/v${version}/checks/`;
    info.homepage ??= `https://github.com/${github[1]}/${github[2]}`;
  }
  cached = info;
  return info;
}
