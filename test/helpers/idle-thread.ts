// A thread module that never ends on its own (test/engine/threads.test.ts).
setInterval(() => {}, 1000);
