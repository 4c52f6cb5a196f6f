import { opportunityMapping } from './salesforce-report-opportunities.js';
import type { Preset } from './types.js';

export const salesforceDataloaderOpportunity: Preset = {
  name: 'salesforce-dataloader-opportunity',
  title: 'Salesforce Opportunity export with API names (Data Loader, Workbench, sf data export)',
  origin: 'Data Loader → Export → Opportunity (or Workbench / `sf data export`); API names as headers, often upper-case',
  fileNames: [/opportunit/i, /^extract/i],
  columns: {
    id: { aliases: ['Id'], doc: 'the 18-character record id; counts an opportunity once' },
    rep: {
      aliases: ['Owner.Name', 'OwnerName', 'OwnerId'],
      isRequired: true,
      doc: 'Owner.Name when exported, else the OwnerId (map ids to names with reps.<name>.aliases)',
    },
    stage: { aliases: ['StageName'], isRequired: true, doc: 'current stage' },
    closeDate: { aliases: ['CloseDate'], isRequired: true, doc: 'when it closed (or is expected to)' },
    created: { aliases: ['CreatedDate'], doc: 'when the opportunity was created' },
    stageChanged: { aliases: ['LastStageChangeDate'], doc: 'when it entered its current stage' },
    won: { aliases: ['IsWon'], doc: 'true for won opportunities' },
  },
  values: { proposal: ['Proposal/Price Quote', 'Negotiation/Review', '… Quote …', 'IsWon = true'], close: ['IsWon = true', 'else StageName = Closed Won'] },
  stages: ['proposal', 'close'],
  map: opportunityMapping,
};
