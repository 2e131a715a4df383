/** Renders the registry as Markdown tables (placeholder until the full docs renderer lands). */
import type { Registry } from './registry-model.js';

/** Every doc file, path relative to `conventions/docs/` → content. */
export function renderDocs(registry: Registry): Map<string, string> {
  void registry;
  return new Map();
}
