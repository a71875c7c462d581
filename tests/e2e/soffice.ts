/**
 * LibreOffice for the end-to-end tests: find `soffice` (Calc opens the CSV: spreadsheet.test.ts;
 * Writer opens the report's .docx: report.test.ts), and run a conversion in its own process group
 * with its own profile, killed as a group after a timeout. Fails, saying what to install, when a
 * program is missing (never skips: CI installs them with scripts/ci-system-deps.sh).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import path from "node:path";

/**
 * Run a program in its own process group, killed as a group after `timeoutMs` (soffice is a
 * wrapper script that starts soffice.bin; killing only the wrapper would leave that running).
 */
export function runGroup(file: string, args: string[], timeoutMs: number, home: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, HOME: home } });
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    const kill = () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
    };
    const timer = setTimeout(() => {
      kill();
      reject(new Error(`${path.basename(file)} timed out after ${timeoutMs} ms: ${output.slice(-2000)}`));
    }, timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      kill(); // nothing of it may outlive the conversion
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(file)} exited with ${code}: ${output.slice(-2000)}`));
    });
  });
}

/** LibreOffice's soffice; DAN_VAN_SOFFICE points elsewhere (tests/e2e/programs.test.ts points it at nothing). */
export function findSoffice(): string | null {
  if (process.env.DAN_VAN_SOFFICE) return existsSync(process.env.DAN_VAN_SOFFICE) ? process.env.DAN_VAN_SOFFICE : null;
  for (const p of [
    "/usr/bin/soffice",
    "/usr/local/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
  ]) {
    if (existsSync(p)) return p;
  }
  return null;
}

/** soffice's path; throws when it is missing, so the suite fails rather than skips (CI installs it). */
export function requireSoffice(): string {
  const soffice = findSoffice();
  if (soffice) return soffice;
  throw new Error(
    "LibreOffice (soffice) not found: the spreadsheet and report tests need it. Install it with scripts/ci-system-deps.sh (apt-get install libreoffice-calc-nogui).",
  );
}

/** Writer's library beside Debian's LibreOffice (package libreoffice-writer-nogui): it opens .docx. */
export const WRITER_LIB = "/usr/lib/libreoffice/program/libswlo.so";

/** soffice with Writer; throws, saying what to install, when either is missing. */
export function requireWriter(): string {
  const soffice = requireSoffice();
  if (existsSync(WRITER_LIB) || process.env.DAN_VAN_SOFFICE) return soffice;
  throw new Error(
    `LibreOffice Writer not found (${WRITER_LIB}): the report tests open .docx files with it. Install it with scripts/ci-system-deps.sh (apt-get install libreoffice-writer-nogui).`,
  );
}

/**
 * Convert files with LibreOffice (`--convert-to <target>`) into a new directory under `dir`, in a
 * profile of its own (so a user's running LibreOffice is not involved). Returns the output directory.
 */
export async function convertWith(soffice: string, dir: string, target: string, files: string[], infilter?: string): Promise<string> {
  const outdir = mkdtempSync(path.join(dir, "out-"));
  const profile = `file://${mkdtempSync(path.join(dir, "profile-"))}`;
  const args = [
    `-env:UserInstallation=${profile}`,
    "--headless",
    "--norestore",
    "--nolockcheck",
    ...(infilter ? [`--infilter=${infilter}`] : []),
    "--convert-to",
    target,
    "--outdir",
    outdir,
    ...files,
  ];
  await runGroup(soffice, args, 180_000, dir);
  return outdir;
}
