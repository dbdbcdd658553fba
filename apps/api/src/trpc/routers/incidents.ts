import {
  incidentDeclareInput,
  incidentIdInput,
  incidentListInput,
  incidentUpdateInput,
  opelHistoryInput,
  opelSetInput,
  paperEndInput,
  paperListInput,
  paperStartInput,
  suspectedOutagesInput,
  tallyEnterInput,
  tallyListInput,
} from '@switchboard/contracts';
import type { TRPCRouterRecord } from '@trpc/server';
import { declareIncident } from '../../services/incidents/declare.ts';
import { getIncidentImpact } from '../../services/incidents/impact.ts';
import { currentOpel, opelHistory, setOpel } from '../../services/incidents/opel.ts';
import { endPaperMode, listPaperPeriods, startPaperMode } from '../../services/incidents/paper.ts';
import { getIncident, listIncidents } from '../../services/incidents/read.ts';
import { getSuspectedOutages } from '../../services/incidents/suspected.ts';
import { enterTally, listTallies } from '../../services/incidents/tallies.ts';
import { updateIncident } from '../../services/incidents/update.ts';
import { scopedActor } from '../actor.ts';
import { procedure } from '../init.ts';

export const incidentsRouter = {
  // ACCESS: operate
  declare: procedure
    .input(incidentDeclareInput)
    .mutation(({ ctx, input }) => declareIncident(ctx.db, scopedActor(ctx), input, ctx.live)),
  // ACCESS: operate
  update: procedure
    .input(incidentUpdateInput)
    .mutation(({ ctx, input }) => updateIncident(ctx.db, scopedActor(ctx), input, ctx.live)),
  // ACCESS: read
  list: procedure
    .input(incidentListInput)
    .query(({ ctx, input }) => listIncidents(ctx.db, scopedActor(ctx), input)),
  // ACCESS: read
  get: procedure
    .input(incidentIdInput)
    .query(({ ctx, input }) => getIncident(ctx.db, scopedActor(ctx), input.id)),
  // ACCESS: read
  impact: procedure
    .input(incidentIdInput)
    .query(({ ctx, input }) => getIncidentImpact(ctx.db, scopedActor(ctx), input)),
  // ACCESS: read
  suspected: procedure
    .input(suspectedOutagesInput)
    .query(({ ctx, input }) => getSuspectedOutages(ctx.db, scopedActor(ctx), input, ctx.settings)),
  paper: {
    // ACCESS: operate
    start: procedure
      .input(paperStartInput)
      .mutation(({ ctx, input }) => startPaperMode(ctx.db, scopedActor(ctx), input, ctx.live)),
    // ACCESS: operate
    end: procedure
      .input(paperEndInput)
      .mutation(({ ctx, input }) => endPaperMode(ctx.db, scopedActor(ctx), input, ctx.live)),
    // ACCESS: read
    list: procedure
      .input(paperListInput)
      .query(({ ctx, input }) => listPaperPeriods(ctx.db, scopedActor(ctx), input)),
  },
  tallies: {
    // ACCESS: operate
    enter: procedure
      .input(tallyEnterInput)
      .mutation(({ ctx, input }) => enterTally(ctx.db, scopedActor(ctx), input, ctx.live)),
    // ACCESS: read
    list: procedure
      .input(tallyListInput)
      .query(({ ctx, input }) => listTallies(ctx.db, scopedActor(ctx), input)),
  },
  opel: {
    // ACCESS: operate
    set: procedure
      .input(opelSetInput)
      .mutation(({ ctx, input }) => setOpel(ctx.db, scopedActor(ctx), input, ctx.live)),
    // ACCESS: read
    current: procedure.query(({ ctx }) => currentOpel(ctx.db, scopedActor(ctx))),
    // ACCESS: read
    history: procedure
      .input(opelHistoryInput)
      .query(({ ctx, input }) => opelHistory(ctx.db, scopedActor(ctx), input)),
  },
} satisfies TRPCRouterRecord;
