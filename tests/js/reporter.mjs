// A node:test reporter for pytest (tests/js/conftest.py): one JSON line per finished test.
//
//   {"file": ".../views.test.mjs", "name": "suite > test", "status": "pass"|"fail"|"skip"|"todo",
//    "duration_ms": 1.2, "message": "AssertionError ..."}
//
// Tests inside describe() blocks get the suite names as a prefix. A suite that fails by itself
// (a hook, or a file that does not load) is reported as a failed test of its own name.

function message(error) {
  if (!error) return "";
  const cause = error.cause && typeof error.cause === "object" ? error.cause : error;
  return String(cause.stack || cause.message || cause);
}

export default async function* pytestReporter(source) {
  let pending = []; // finished tests whose enclosing suites have not finished yet
  const stderr = new Map(); // file -> what its process wrote to stderr (shown when it fails to load)
  for await (const event of source) {
    if (event.type === "test:stderr" || event.type === "test:stdout") {
      const file = event.data.file || "";
      stderr.set(file, (stderr.get(file) || "") + event.data.message);
      continue;
    }
    if (event.type !== "test:pass" && event.type !== "test:fail") continue;
    const data = event.data;
    const level = data.nesting;
    const isSuite = data.details && data.details.type === "suite";
    const mine = pending.filter((t) => t.level === level + 1);
    pending = pending.filter((t) => t.level !== level + 1);
    for (const t of mine) {
      t.name = `${data.name} > ${t.name}`;
      t.level = level;
      pending.push(t);
    }
    const failedItself = event.type === "test:fail" && (!isSuite || mine.every((t) => t.status !== "fail"));
    if (!isSuite || failedItself) {
      pending.push({
        level,
        file: data.file || "",
        name: data.name,
        status: event.type === "test:fail" ? "fail" : data.skip !== undefined ? "skip" : data.todo !== undefined ? "todo" : "pass",
        duration_ms: data.details ? data.details.duration_ms : 0,
        message: event.type === "test:fail"
          ? [message(data.details && data.details.error), data.name === data.file ? stderr.get(data.file) : ""].filter(Boolean).join("\n")
          : String(data.skip || data.todo || ""),
      });
    }
    if (level === 0) {
      for (const t of pending) {
        const { level: _, ...row } = t;
        yield `${JSON.stringify(row)}\n`;
      }
      pending = [];
    }
  }
}
