/** What `bin/start.ts` gets back from any service it starts. */
export interface RunningSystem {
  url: string;
  /** Lines printed once at start. */
  banner: string[];
  /** Stops serving and releases every connection (SIGTERM). */
  close(): Promise<void>;
}
