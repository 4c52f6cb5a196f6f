import { selectPrompts, type PromptTemplate } from '../prompts.js';
import type { Bottleneck, DateStr, Prompt, RepReport, StageId, TeamReport } from '../model.js';
import { bottleneckOf } from './bottleneck.js';
import { checkCommitments, type CommitmentCheck, type CommitmentPer } from './commitments.js';
import { conversionSteps, type ConversionStep } from './conversion.js';
import { DEFAULT_DIAGNOSIS_OPTIONS, diagnose, type DiagnosisId, type DiagnosisOptions } from './diagnosis.js';
import { goalForecast } from './probability.js';

/** What a rep promised and how they want to be held to account, from config and targets. */
export interface RepPlan {
  commitments: Record<StageId, number>;
  /** Unit of each commitment; a stage missing here is per week. */
  commitmentsPer?: Record<StageId, CommitmentPer>;
  checkIn?: string | null;
}

/** Everything the coaching fields of one rep depend on besides the rep's own report. */
export interface CoachContext {
  stages: readonly { id: StageId; label: string }[];
  team: TeamReport;
  plan: RepPlan | undefined;
  library: readonly PromptTemplate[];
  workdaysPerWeek: number;
  options?: DiagnosisOptions;
  /** As-of, to date a decline in the prompts ("two weeks ago"). */
  asOf?: DateStr;
}

/** The coaching fields added to each rep of the report. */
export interface RepCoaching {
  conversion: ConversionStep[];
  closesInLookback: number;
  /** The rep's ratios rest on fewer than `minCloses` closes: treat them as rough. */
  hasFewCloses: boolean;
  bottleneck: Bottleneck | null;
  probability: number | null;
  closesPerWorkingDay: number | null;
  expectedCloses: number | null;
  commitments: CommitmentCheck[];
  checkIn: string | null;
  diagnoses: DiagnosisId[];
  prompts: Prompt[];
}

/** Conversion with intervals, the weakest step, the chance of reaching the goal, promises kept, and prompts. */
export function coachRep(rep: RepReport, ctx: CoachContext): RepCoaching {
  const options = ctx.options ?? DEFAULT_DIAGNOSIS_OPTIONS;
  const stageIds = ctx.stages.map((s) => s.id);
  const closeStage = stageIds[stageIds.length - 1];
  const closesInLookback = rep.lookbackCounts[closeStage] ?? 0;
  const conversion = conversionSteps(rep.lookbackCounts, ctx.team.lookbackCounts, stageIds);
  const bottleneck = bottleneckOf(conversion);
  const forecast = goalForecast({
    goal: rep.goal,
    closesDone: rep.counts[closeStage] ?? 0,
    closesInLookback,
    historyWorkingDays: rep.historyWorkingDays,
    workingDaysLeft: rep.workingDays.left,
  });
  const commitments = checkCommitments(
    ctx.plan?.commitments ?? {},
    ctx.plan?.commitmentsPer ?? {},
    rep.counts,
    stageIds,
    rep.workingDays,
    ctx.workdaysPerWeek,
  );
  const checkIn = ctx.plan?.checkIn ?? null;
  const labels = Object.fromEntries(ctx.stages.map((s) => [s.id, s.label]));
  const diagnoses = diagnose(
    {
      rep: rep.rep,
      goal: rep.goal,
      closesDone: rep.counts[closeStage] ?? 0,
      closesInLookback,
      status: rep.status,
      activityWorth: rep.activityWorth,
      probability: forecast.probability,
      workingDays: rep.workingDays,
      shortfalls: rep.shortfalls,
      needed: rep.needed,
      ratios: rep.ratios,
      bottleneck,
      commitments,
      checkIn,
      lastActivity: rep.lastActivity,
      idleWorkingDays: rep.idleWorkingDays,
      declining: rep.declining,
      asOf: ctx.asOf,
    },
    labels,
    options,
  );
  return {
    conversion,
    closesInLookback,
    hasFewCloses: closesInLookback < options.minCloses,
    bottleneck,
    probability: forecast.probability,
    closesPerWorkingDay: forecast.closesPerWorkingDay,
    expectedCloses: forecast.expectedCloses,
    commitments,
    checkIn,
    diagnoses: diagnoses.map((d) => d.id),
    prompts: selectPrompts(diagnoses, ctx.library),
  };
}
