// Types of build-lib.mjs, for the TypeScript that imports it (tests, scripts/ensure-web.ts).
export const ROOT: string;
export const SRC: string;
export const SERVER_OUT: string;
export const DEMO_OUT: string;
export const WEB: string;
export const WEB_OUT: string;
export function newest(p: string): number;
export function serverStamp(): { builtAt: number; files: number } | null;
export function serverIsFresh(): boolean;
export function webSourcesNewest(): number;
export function webIsFresh(): boolean;
export function buildServer(options?: { out?: string }): Promise<{ files: number; seconds: number }>;
export function buildWeb(): Promise<{ seconds: number }>;
export function demoMeta(): { builtAt: number; builtOn: string } | null;
export function demoIsFresh(): boolean;
export function buildDemo(): Promise<{ seconds: number }>;
export function ensureBuilt(options?: { web?: boolean; server?: boolean }): Promise<void>;
