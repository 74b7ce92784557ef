import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * Node's flags for the API (bench/README.md, "Node's flags") are written in two places: the
 * Dockerfile's CMD, which production runs and the bench reads, and `npm start`. They must agree,
 * or `npm start` serves with another garbage collector than the one measured.
 */
const root = join(__dirname, '../../../..');

function dockerfileFlags(): string[] {
  const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(root, 'Dockerfile'), 'utf8'));
  const args = cmd?.[1] ? (JSON.parse(cmd[1]) as string[]) : [];
  expect(args[0]).toBe('node');
  return args.slice(1).filter((arg) => arg.startsWith('--'));
}

function npmStartFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const node = /\bnode((?: --[^ ]+)*) dist\/apps\/api\/main\.js/.exec(scripts['start'] ?? '');
  expect(node).not.toBeNull();
  return (node?.[1] ?? '').trim().split(' ').filter(Boolean);
}

describe("the API's Node flags", () => {
  it('are the same for `npm start` as in the Dockerfile', () => {
    expect(dockerfileFlags().length).toBeGreaterThan(0);
    expect(npmStartFlags()).toEqual(dockerfileFlags());
  });
});
