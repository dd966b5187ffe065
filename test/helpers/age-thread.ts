// A thread module for test/engine/threads.test.ts: replies with its job's answer and how long this
// thread had been running when it got the job.
import { port, threadJob } from '../../src/engine/threads/thread-job.ts';

const job = await threadJob<{ x: number }>();
port().postMessage({ answer: job.x * 2, age: performance.now() });
