import { COMMON_VARIABLES, DIAGNOSIS_VARIABLES, type Diagnosis, type DiagnosisId } from './coaching/diagnosis.js';
import type { Prompt } from './model.js';

/** One entry of the prompt library: asked when its diagnosis holds, `{name}`-style placeholders filled. */
export interface PromptTemplate {
  id: string;
  when: DiagnosisId;
  /** Only when the diagnosis is about this stage (for a conversion gap: the step's `to`). */
  stage?: string;
  /** The question as the manager asks it; may hold stage directions in brackets ("[wait for the answer]"). */
  text: string;
  /** The question written to the rep, for messages the rep reads; without it, `text` minus its stage directions. */
  repText?: string;
}

/** At most this many prompts per rep: a 1:1 has room for a few questions, not a checklist. */
export const MAX_PROMPTS = 3;

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** The placeholders a template for `when` may use. */
export function variablesFor(when: DiagnosisId): string[] {
  return [...COMMON_VARIABLES, ...DIAGNOSIS_VARIABLES[when]];
}

/** Problems with a template's placeholders, as messages; empty when it is fine. */
export function templateProblems(when: DiagnosisId, text: string): string[] {
  const allowed = new Set(variablesFor(when));
  const problems: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (!allowed.has(m[1])) problems.push(`unknown placeholder {${m[1]}} for "${when}"; it may use ${[...allowed].map((v) => `{${v}}`).join(', ')}`);
  }
  return problems;
}

/** Text for the rep's eyes: stage directions in square brackets ("[wait for the answer]") removed. */
export function withoutStageDirections(text: string): string {
  return text.replace(/\s*\[[^\]]*\]/g, '').replace(/\s{2,}/g, ' ').trim();
}

/** Fills `{name}` placeholders from `vars`; unknown ones are left as written. */
export function fillTemplate(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, key: string) => vars[key] ?? whole);
}

/** A diagnosis's candidate prompts: those for its stage first, then the general ones, each in library order. */
function candidates(d: Diagnosis, library: readonly PromptTemplate[]): PromptTemplate[] {
  const own = library.filter((t) => t.when === d.id);
  return [...own.filter((t) => t.stage !== undefined && t.stage === d.stage), ...own.filter((t) => t.stage === undefined)];
}

/**
 * Up to `max` prompts, most important first: the first prompt of each diagnosis in diagnosis
 * order, then the second of each, and so on. Deterministic.
 */
export function selectPrompts(diagnoses: readonly Diagnosis[], library: readonly PromptTemplate[], max = MAX_PROMPTS): Prompt[] {
  const queues = diagnoses.map((d) => ({ d, templates: candidates(d, library) }));
  const chosen: Prompt[] = [];
  for (let round = 0; chosen.length < max; round++) {
    const inRound = queues.filter((q) => round < q.templates.length);
    if (inRound.length === 0) break;
    for (const q of inRound) {
      if (chosen.length >= max) break;
      const t = q.templates[round];
      const text = fillTemplate(t.text, q.d.vars);
      const repText = t.repText === undefined ? withoutStageDirections(text) : fillTemplate(t.repText, q.d.vars);
      chosen.push({ id: t.id, when: t.when, text, repText });
    }
  }
  return chosen;
}
