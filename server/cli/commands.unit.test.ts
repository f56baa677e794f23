import { describe, expect, it } from 'vitest';
import { commands, loadCommand } from './index.ts';

describe('CLI command list (server/cli/index.ts)', () => {
  it('each lazy entry loads a command of the same name and summary', async () => {
    for (const entry of commands) {
      const cmd = await loadCommand(entry);
      expect({ name: cmd.name, summary: cmd.summary }).toEqual({ name: entry.name, summary: entry.summary });
    }
  });
});
