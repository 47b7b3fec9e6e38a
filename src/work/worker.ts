import { setPriority } from 'node:os';
import { runTask, type Outcome, type TaskInput, type TaskName } from './tasks.ts';

// On Linux a thread has its own nice value (10: about a tenth of a busy CPU against a normal thread) and this call sets only the calling thread's: the event loop
// keeps its priority, so a pool busy with expensive schemas takes the CPU the loop leaves, not the
// loop's share (reads like GET /schemas/ids/{id} stay fast while 4 clients send hostile schemas).
try {
  setPriority(10);
} catch {
  // Not permitted or not supported here: the pool still runs, at the process's priority.
}

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
