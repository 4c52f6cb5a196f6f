import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import * as z from 'zod';
import { DIAGNOSES } from '../engine/coaching/diagnosis.js';
import { templateProblems, type PromptTemplate } from '../engine/prompts.js';
import { FunnelError } from '../errors.js';
import { closest } from '../text.js';

// Read next to the package (src/prompts is shipped), from dist/config or src/config alike.
const BUILT_IN = new URL('../../src/prompts/prompts.yaml', import.meta.url);

/** One prompt as written in a library file or under `prompts.add`. */
export const promptTemplateSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected an id: lower-case letters, digits, - and _'),
    when: z.enum(DIAGNOSES),
    stage: z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a stage id').optional(),
    text: z.string().trim().min(1, 'expected the prompt text'),
    repText: z.string().trim().min(1, 'expected the text for the rep, or leave repText out').optional(),
  })
  .superRefine((t, ctx) => {
    for (const message of templateProblems(t.when, t.text)) ctx.addIssue({ code: 'custom', message, path: ['text'] });
    if (t.repText === undefined) return;
    for (const message of templateProblems(t.when, t.repText)) ctx.addIssue({ code: 'custom', message, path: ['repText'] });
    if (/\[[^\]]*\]/.test(t.repText)) ctx.addIssue({ code: 'custom', message: 'repText is read by the rep: leave [stage directions] to text', path: ['repText'] });
  });

const librarySchema = z.strictObject({ prompts: z.array(promptTemplateSchema) });

/** The `prompts` key of the config, as code reads it. */
export interface PromptSettings {
  library?: string;
  disable: string[];
  add: PromptTemplate[];
}

function keyPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/** Reads and validates a prompt library file; every problem is reported at once. */
export function readPromptLibrary(path: string, display: string): PromptTemplate[] {
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new FunnelError(code === 'ENOENT' ? 'CONFIG_NOT_FOUND' : 'CONFIG_PARSE', code ? `cannot read the prompt library (${code})` : `invalid YAML: ${(err as Error).message.split('\n')[0]}`, {
      where: { file: display },
      hint: 'check prompts.library in the config (relative to the config file)',
    });
  }
  const result = librarySchema.safeParse(raw);
  if (!result.success) {
    const details = result.error.issues.map((i) => `${keyPath(i.path) || '(top level)'}: ${i.message}`);
    throw new FunnelError('CONFIG_INVALID', `${details.length} problem${details.length === 1 ? '' : 's'} in the prompt library`, {
      where: { file: display },
      details,
      hint: 'see the prompt file format in docs/coaching.md',
    });
  }
  const seen = new Set<string>();
  for (const [i, t] of result.data.prompts.entries()) {
    if (seen.has(t.id)) {
      throw new FunnelError('CONFIG_INVALID', `prompts[${i}]: the id "${t.id}" is used twice`, { where: { file: display } });
    }
    seen.add(t.id);
  }
  return result.data.prompts;
}

/**
 * The prompts in use: the built-in library (or `prompts.library`), with `prompts.add` entries
 * replacing same-id prompts in place and appending new ones, then `prompts.disable` removed.
 */
export function loadPrompts(settings: PromptSettings, configDir: string, configDisplay: string | null): PromptTemplate[] {
  const base = settings.library
    ? readPromptLibrary(resolve(configDir, settings.library), settings.library)
    : readPromptLibrary(fileURLToPath(BUILT_IN), 'src/prompts/prompts.yaml');
  const merged = [...base];
  for (const t of settings.add) {
    const at = merged.findIndex((m) => m.id === t.id);
    if (at >= 0) merged[at] = t;
    else merged.push(t);
  }
  const ids = merged.map((t) => t.id);
  settings.disable.forEach((id, i) => {
    if (ids.includes(id)) return;
    const suggestion = closest(id, ids);
    throw new FunnelError('CONFIG_INVALID', `no prompt has the id "${id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`, {
      where: { ...(configDisplay ? { file: configDisplay } : {}), key: `prompts.disable[${i}]` },
      hint: 'the built-in ids are listed in src/prompts/prompts.yaml of the package',
    });
  });
  const disabled = new Set(settings.disable);
  return merged.filter((t) => !disabled.has(t.id));
}
