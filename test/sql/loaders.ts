/** The presets for the tables Fivetran and Airbyte write, each with its fixture in test/e2e/fixtures/presets. */
export const LOADER_PRESETS = [
  'fivetran-hubspot-engagements',
  'fivetran-hubspot-calls',
  'fivetran-hubspot-meetings',
  'fivetran-hubspot-deals',
  'fivetran-hubspot-deal-stages',
  'fivetran-salesforce-task',
  'fivetran-salesforce-event',
  'fivetran-salesforce-opportunity',
  'fivetran-salesforce-opportunity-history',
  'airbyte-hubspot-calls',
  'airbyte-hubspot-meetings',
  'airbyte-hubspot-deals',
];
