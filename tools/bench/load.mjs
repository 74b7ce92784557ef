// The load generator: one autocannon run, in a process of its own that the runner pins to the
// core the servers do not use. Reads its job as JSON from argv[2], prints the result as JSON.
//
// job: { url, method, path, authorization, connections, duration, write?: { projects: [{ id, version }] } }
//
// A write job would collide into 409s if two connections updated the same project at once, so
// projects are checked out: a request takes a free project, its response gives it back with the
// version the server answered (a 200's `version`, or a 409's `currentVersion`). With at least as
// many projects as connections no two requests ever hold the same one.
import autocannon from 'autocannon';
import { writeBody } from './endpoints.mjs';

const job = JSON.parse(process.argv[2]);
const headers = { authorization: job.authorization };

function writeRequests(projects) {
  const free = projects.map((p) => ({ ...p }));
  let sequence = 0;
  let shared = 0;
  const requests = [
    {
      method: 'PATCH',
      setupRequest(request, context) {
        let project = free.shift();
        if (!project) {
          // More connections than projects: share one, and expect the 409s it causes.
          shared++;
          project = { ...projects[sequence % projects.length], shared: true };
        }
        context.project = project;
        sequence++;
        return {
          ...request,
          path: `/api/v1/projects/${project.id}`,
          headers: { ...headers, 'content-type': 'application/json' },
          body: writeBody(project.version, `${process.pid}-${sequence}`),
        };
      },
      onResponse(status, body, context) {
        const project = context.project;
        try {
          const answer = JSON.parse(body);
          if (status === 200) project.version = answer.version;
          else if (status === 409 && Number.isInteger(answer.currentVersion)) project.version = answer.currentVersion;
        } catch {
          // not JSON: keep the version we had
        }
        if (!project.shared) free.push(project);
      },
    },
  ];
  return { requests, stats: () => ({ shared }) };
}

const write = job.write ? writeRequests(job.write.projects) : null;
const instance = autocannon({
  // autocannon takes the path from the URL (a request's setupRequest may change it).
  url: job.url + job.path,
  method: job.method,
  headers,
  connections: job.connections,
  duration: job.duration,
  pipelining: 1,
  ...(write ? { requests: write.requests } : {}),
});

instance.on('done', (result) => {
  const ok = result['2xx'];
  process.stdout.write(
    JSON.stringify({
      // Successful answers per second: a 409 or a 500 is not work done.
      rps: ok / result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      mean: result.latency.average,
      ok,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      duration: result.duration,
      ...(write ? write.stats() : {}),
    }),
  );
});
