import { closest } from '../text.js';
import { airbyteHubspotCalls } from './airbyte-hubspot-calls.js';
import { airbyteHubspotDeals } from './airbyte-hubspot-deals.js';
import { airbyteHubspotMeetings } from './airbyte-hubspot-meetings.js';
import { closeCalls } from './close-calls.js';
import { closeOpportunities } from './close-opportunities.js';
import { dynamicsAppointments } from './dynamics-appointments.js';
import { dynamicsOpportunities } from './dynamics-opportunities.js';
import { dynamicsPhonecalls } from './dynamics-phonecalls.js';
import { fivetranHubspotCalls } from './fivetran-hubspot-calls.js';
import { fivetranHubspotDealStages } from './fivetran-hubspot-deal-stages.js';
import { fivetranHubspotDeals } from './fivetran-hubspot-deals.js';
import { fivetranHubspotEngagements } from './fivetran-hubspot-engagements.js';
import { fivetranHubspotMeetings } from './fivetran-hubspot-meetings.js';
import { fivetranSalesforceEvent } from './fivetran-salesforce-event.js';
import { fivetranSalesforceOpportunityHistory } from './fivetran-salesforce-opportunity-history.js';
import { fivetranSalesforceOpportunity } from './fivetran-salesforce-opportunity.js';
import { fivetranSalesforceTask } from './fivetran-salesforce-task.js';
import { funnelTally } from './funnel-tally.js';
import { hubspotCalls } from './hubspot-calls.js';
import { hubspotDeals } from './hubspot-deals.js';
import { hubspotMeetings } from './hubspot-meetings.js';
import { outreachCalls } from './outreach-calls.js';
import { pipedriveActivities } from './pipedrive-activities.js';
import { pipedriveDeals } from './pipedrive-deals.js';
import { salesforceDataloaderEvent } from './salesforce-dataloader-event.js';
import { salesforceDataloaderOpportunity } from './salesforce-dataloader-opportunity.js';
import { salesforceDataloaderTask } from './salesforce-dataloader-task.js';
import { salesforceReportActivities } from './salesforce-report-activities.js';
import { salesforceReportOpportunities } from './salesforce-report-opportunities.js';
import { salesloftCalls } from './salesloft-calls.js';
import type { Preset } from './types.js';
import { weeklyTally } from './weekly-tally.js';
import { zohoCalls } from './zoho-calls.js';
import { zohoDeals } from './zoho-deals.js';
import { zohoMeetings } from './zoho-meetings.js';

export type { Preset } from './types.js';

/** `preset: auto` on a config source: pick a preset per file from its headers. */
export const AUTO = 'auto';

/** Every built-in preset, grouped by CRM; `funnel presets` lists them in this order. */
export const PRESETS: readonly Preset[] = [
  hubspotCalls,
  hubspotMeetings,
  hubspotDeals,
  salesforceReportActivities,
  salesforceReportOpportunities,
  salesforceDataloaderTask,
  salesforceDataloaderEvent,
  salesforceDataloaderOpportunity,
  pipedriveActivities,
  pipedriveDeals,
  closeCalls,
  closeOpportunities,
  zohoCalls,
  zohoMeetings,
  zohoDeals,
  dynamicsPhonecalls,
  dynamicsAppointments,
  dynamicsOpportunities,
  outreachCalls,
  salesloftCalls,
  fivetranHubspotEngagements,
  fivetranHubspotCalls,
  fivetranHubspotMeetings,
  fivetranHubspotDeals,
  fivetranHubspotDealStages,
  fivetranSalesforceTask,
  fivetranSalesforceEvent,
  fivetranSalesforceOpportunity,
  fivetranSalesforceOpportunityHistory,
  airbyteHubspotCalls,
  airbyteHubspotMeetings,
  airbyteHubspotDeals,
  weeklyTally,
  funnelTally,
];

const BY_NAME = new Map(PRESETS.map((p) => [p.name, p]));

export function getPreset(name: string): Preset | undefined {
  return BY_NAME.get(name);
}

/** Why `name` is not a preset, with a suggestion; null when it is one (or `auto`, where allowed). */
export function unknownPresetMessage(name: string, opts: { isAutoAllowed?: boolean } = {}): string | null {
  if (BY_NAME.has(name) || (opts.isAutoAllowed && name === AUTO)) return null;
  const names = [...BY_NAME.keys(), ...(opts.isAutoAllowed ? [AUTO] : [])];
  const suggestion = closest(name, names);
  return `unknown preset "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; "funnel presets" lists them`;
}
