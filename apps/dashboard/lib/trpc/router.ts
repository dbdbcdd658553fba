import type { AppRouter } from '@switchboard/api/router';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

/** The API's router type (type-only: the dashboard never runs API code). */
export type { AppRouter };
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;
