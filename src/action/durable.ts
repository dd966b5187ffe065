/**
 * Whether what an Action step restores must survive a crash of the machine. A GitHub-hosted runner
 * (RUNNER_ENVIRONMENT=github-hosted) is a machine discarded with the job: nothing restored there
 * can outlive the job, so flushing it to the device would only make the step wait (at 256 MiB,
 * about as long as the download). A self-hosted runner keeps its workspace from job to job, so
 * there, and wherever the variable is missing, a restore stays durable.
 */
export function restoresMustBeDurable(env: NodeJS.ProcessEnv = process.env): boolean {
  return env['RUNNER_ENVIRONMENT'] !== 'github-hosted';
}
