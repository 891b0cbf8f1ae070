import {
  QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryKey,
  type UseMutationOptions,
  type UseQueryOptions,
} from '@tanstack/react-query';
import { api, ApiError } from './api';

/**
 * The console's one QueryClient: every read goes through TanStack Query (cache, polling, refetch on
 * focus) and every write through a mutation that invalidates what it changed. Refusals (4xx) are
 * never retried: the API said no, asking again changes nothing.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      staleTime: 2_000,
      refetchOnWindowFocus: true,
    },
    mutations: { retry: false },
  },
});

/** Query keys, one place: a mutation invalidates by prefix (e.g. every `['cases']` list). */
export const keys = {
  caseTypes: ['case-types'] as const,
  inbox: ['inbox'] as const,
  inboxCounts: ['inbox', 'counts'] as const,
  inboxPage: (params: Record<string, string | number>) => ['inbox', 'page', params] as const,
  cases: (params: Record<string, string | number>) => ['cases', params] as const,
  case: (id: string) => ['case', id] as const,
};

/** A GET against the API as a query; `everyMs` polls while the page is open. */
export function useApiQuery<T>(
  key: QueryKey,
  path: string | null,
  opts: { everyMs?: number } & Omit<UseQueryOptions<T, unknown, T, QueryKey>, 'queryKey' | 'queryFn'> = {},
) {
  const { everyMs, ...rest } = opts;
  return useQuery<T, unknown, T, QueryKey>({
    queryKey: key,
    queryFn: () => api<T>('GET', path!),
    enabled: path !== null && (rest.enabled ?? true),
    refetchInterval: everyMs,
    refetchIntervalInBackground: everyMs !== undefined,
    ...rest,
  });
}

/**
 * A write against the API: `run` sends it, `invalidate` names the queries it makes stale (the case,
 * the inbox, the lists), so every screen shows the new state without a hand-written reload.
 */
export function useApiMutation<V, R = unknown>(
  run: (vars: V) => Promise<R>,
  opts: { invalidate?: QueryKey[] } & Omit<UseMutationOptions<R, unknown, V>, 'mutationFn'> = {},
) {
  const client = useQueryClient();
  const { invalidate, onSuccess, ...rest } = opts;
  return useMutation<R, unknown, V>({
    mutationFn: run,
    onSuccess: async (data, vars, result, ctx) => {
      await Promise.all((invalidate ?? []).map((queryKey) => client.invalidateQueries({ queryKey })));
      await onSuccess?.(data, vars, result, ctx);
    },
    ...rest,
  });
}
