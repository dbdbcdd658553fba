/** The simulator's environment, read and checked here and nowhere else. */
export interface SimEnv {
  /** SIM_API_URL: the API's base URL, e.g. http://127.0.0.1:4000. */
  apiUrl: string | undefined;
  /** SIM_KEY: an ingestion API key. */
  key: string | undefined;
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): SimEnv {
  const apiUrl = env.SIM_API_URL?.trim() || undefined;
  if (apiUrl !== undefined && !/^https?:\/\/\S+$/.test(apiUrl)) {
    throw new Error(`SIM_API_URL must be an http(s) URL, got "${apiUrl}"`);
  }
  const key = env.SIM_KEY?.trim() || undefined;
  return { apiUrl, key };
}
