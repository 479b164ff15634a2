export interface ScratchDatabase {
  /** Its connection string. */
  url: string;
  drop(): Promise<void>;
}
export function createScratchDatabase(base: string, name: string): Promise<ScratchDatabase>;
