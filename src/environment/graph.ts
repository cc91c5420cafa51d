/**
 * The environment's dependency graph: checked once (unknown names, self-references and cycles are input
 * errors), then walked in an order where every service comes after what it needs. Pure.
 */
import { UserError } from '../config/user-error.js';

export interface GraphNode {
  name: string;
  needs: string[];
}

/**
 * The nodes in dependency order, ties kept in the file's order. Throws a UserError naming the first unknown
 * need, or one cycle as a path (`web -> api -> web`).
 */
export function dependencyOrder<T extends GraphNode>(nodes: readonly T[], source: string): T[] {
  const bad = (what: string): UserError =>
    new UserError(`Input 'services' (${source}): ${what}.`, 'services');
  const byName = new Map(nodes.map((n) => [n.name, n]));
  for (const n of nodes) {
    for (const need of n.needs) {
      if (need === n.name) throw bad(`service ${n.name} needs itself`);
      if (!byName.has(need)) {
        throw bad(
          `service ${n.name} needs ${JSON.stringify(need)}, which is not in the file; allowed: ${[...byName.keys()].join(', ')}`,
        );
      }
    }
  }
  const order: T[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (n: T, path: string[]): void => {
    const s = state.get(n.name);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...path.slice(path.indexOf(n.name)), n.name];
      throw bad(`the needs form a cycle: ${cycle.join(' -> ')}; allowed: needs without cycles`);
    }
    state.set(n.name, 'visiting');
    for (const need of n.needs) visit(byName.get(need) as T, [...path, n.name]);
    state.set(n.name, 'done');
    order.push(n);
  };
  for (const n of nodes) visit(n, []);
  return order;
}

/** Every service that needs `name`, directly or through others. */
export function dependentsOf(nodes: readonly GraphNode[], name: string): string[] {
  const out = new Set<string>();
  const walk = (target: string): void => {
    for (const n of nodes) {
      if (n.needs.includes(target) && !out.has(n.name)) {
        out.add(n.name);
        walk(n.name);
      }
    }
  };
  walk(name);
  return [...out];
}
