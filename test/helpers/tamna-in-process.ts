/**
 * Runs the tamna CLI's `main` in the test's own process, capturing what it prints: for tests that
 * check many invocations' output and exit codes, where spawning a process each time (see
 * tamna-cli.ts) would cost more than the test.
 */
import { vi } from "vitest";
import { main } from "../../cli/main";

export interface InProcessRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `tamna ...args`, with stdout collected through main's writer and stderr through a spy. */
export async function tamnaInProcess(...args: string[]): Promise<InProcessRun> {
  let stdout = "";
  let stderr = "";
  const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(args, (text) => {
      stdout += text;
    });
    return { code, stdout, stderr };
  } finally {
    spy.mockRestore();
  }
}
