/**
 * The last lines a Cloud Run job task wrote, read from Cloud Logging (entries:list, REST) with the filter
 * Cloud Run's console uses for one task. Reading needs roles/logging.viewer; without it (or without an
 * answer) there is no excerpt, and the caller says so.
 */
import { GoogleAuth } from 'google-auth-library';

/** The project and Cloud Logging filter for a task `projects/P/locations/R/jobs/J/executions/E/tasks/E-taskN`. */
export function taskLogFilter(task: string): { project: string; filter: string } | undefined {
  const m =
    /^projects\/([^/]+)\/locations\/([^/]+)\/jobs\/([^/]+)\/executions\/([^/]+)\/tasks\/.*-task(\d+)$/.exec(
      task,
    );
  if (!m) return undefined;
  const [, project = '', location, job, execution, index] = m;
  return {
    project,
    filter: [
      'resource.type="cloud_run_job"',
      `resource.labels.job_name="${job}"`,
      `resource.labels.location="${location}"`,
      `labels."run.googleapis.com/execution_name"="${execution}"`,
      `labels."run.googleapis.com/task_index"="${index}"`,
    ].join(' AND '),
  };
}

interface LogEntry {
  textPayload?: string;
  jsonPayload?: { message?: string };
}

/** The task's last `lines` log lines, oldest first; throws when Cloud Logging refuses or does not answer. */
export async function readTaskLog(task: string, lines = 20): Promise<string> {
  const where = taskLogFilter(task);
  if (where === undefined) throw new Error(`not a task name: ${task}`);
  const auth = new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] });
  const res = await auth.request<{ entries?: LogEntry[] }>({
    url: 'https://logging.googleapis.com/v2/entries:list',
    method: 'POST',
    data: {
      resourceNames: [`projects/${where.project}`],
      filter: where.filter,
      orderBy: 'timestamp desc',
      pageSize: lines,
    },
    timeout: 15_000,
  });
  return (res.data.entries ?? [])
    .reverse()
    .map((e) => e.textPayload ?? e.jsonPayload?.message ?? '')
    .filter((l) => l !== '')
    .join('\n');
}
