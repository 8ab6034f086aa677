/**
 * tslab's display channel when this process is a tslab kernel executing a cell. Looked up
 * in the module cache (the kernel has loaded it) so that tests and the CLI never load tslab.
 */
export type WriteDisplayData = (msg: { data: Record<string, unknown>; metadata: object; transient: object }, update: boolean) => void;

export function kernelWriter(): WriteDisplayData | null {
  let file: string;
  try {
    file = require.resolve('tslab/dist/jupyter');
  } catch {
    return null;
  }
  const mod = require.cache[file]?.exports as { lastWriteDisplayData?: WriteDisplayData | null } | undefined;
  return mod?.lastWriteDisplayData ?? null;
}
