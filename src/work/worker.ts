import { runTask, type Outcome, type TaskInput, type TaskName } from './tasks.ts';

/** The work pool's thread entry (piscina calls the default export once per task). */
export default function work({
  name,
  input,
}: {
  name: TaskName;
  input: TaskInput<TaskName>;
}): Outcome<unknown> {
  return runTask(name, input as never);
}
