export const ROOT: string;
export function serverBuildState(): 'fresh' | 'missing' | 'stale';
export function buildServer(opts?: { quiet?: boolean }): Promise<string | null>;
export function ensureServerBuild(): Promise<boolean>;
