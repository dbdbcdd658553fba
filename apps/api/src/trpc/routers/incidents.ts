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
import { actorOf } from '../actor.ts';
import { publicProcedure } from '../init.ts';

export const incidentsRouter = {
  // ACCESS: operate
  declare: publicProcedure
    .input(incidentDeclareInput)
    .mutation(({ ctx, input }) => declareIncident(ctx.db, actorOf(ctx), input, ctx.live)),
  // ACCESS: operate
  update: publicProcedure
    .input(incidentUpdateInput)
    .mutation(({ ctx, input }) => updateIncident(ctx.db, actorOf(ctx), input, ctx.live)),
  // ACCESS: read
  list: publicProcedure
    .input(incidentListInput)
    .query(({ ctx, input }) => listIncidents(ctx.db, actorOf(ctx), input)),
  // ACCESS: read
  get: publicProcedure
    .input(incidentIdInput)
    .query(({ ctx, input }) => getIncident(ctx.db, actorOf(ctx), input.id)),
  // ACCESS: read
  impact: publicProcedure
    .input(incidentIdInput)
    .query(({ ctx, input }) => getIncidentImpact(ctx.db, actorOf(ctx), input)),
  // ACCESS: read
  suspected: publicProcedure
    .input(suspectedOutagesInput)
    .query(({ ctx, input }) => getSuspectedOutages(ctx.db, actorOf(ctx), input, ctx.settings)),
  paper: {
    // ACCESS: operate
    start: publicProcedure
      .input(paperStartInput)
      .mutation(({ ctx, input }) => startPaperMode(ctx.db, actorOf(ctx), input, ctx.live)),
    // ACCESS: operate
    end: publicProcedure
      .input(paperEndInput)
      .mutation(({ ctx, input }) => endPaperMode(ctx.db, actorOf(ctx), input, ctx.live)),
    // ACCESS: read
    list: publicProcedure
      .input(paperListInput)
      .query(({ ctx, input }) => listPaperPeriods(ctx.db, actorOf(ctx), input)),
  },
  tallies: {
    // ACCESS: operate
    enter: publicProcedure
      .input(tallyEnterInput)
      .mutation(({ ctx, input }) => enterTally(ctx.db, actorOf(ctx), input, ctx.live)),
    // ACCESS: read
    list: publicProcedure
      .input(tallyListInput)
      .query(({ ctx, input }) => listTallies(ctx.db, actorOf(ctx), input)),
  },
  opel: {
    // ACCESS: operate
    set: publicProcedure
      .input(opelSetInput)
      .mutation(({ ctx, input }) => setOpel(ctx.db, actorOf(ctx), input, ctx.live)),
    // ACCESS: read
    current: publicProcedure.query(({ ctx }) => currentOpel(ctx.db, actorOf(ctx))),
    // ACCESS: read
    history: publicProcedure
      .input(opelHistoryInput)
      .query(({ ctx, input }) => opelHistory(ctx.db, actorOf(ctx), input)),
  },
} satisfies TRPCRouterRecord;
